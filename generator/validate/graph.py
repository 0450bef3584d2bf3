"""Schema-checked files -> one `Content` graph, with every cross-file fact checked.

Takes a `LoadedContent`; gives (`Content` or None, problems). Content is None when
any error was found: a site is never built from content with errors. Each kind of
cross-file rule is a module of its own, all reading the same `located.Located`:
`uniqueness` (codes and ids), `code_shapes` (configured patterns), `references`
(guide -> service item -> list item -> department, and the rest), `time_limits`
(dates and promised time limits), `consistency` (fields that must agree),
`attachments` (the files exist). Then the accountability files' checks. The checks
that need derived facts (stale documents, correspondence gaps) run in `pipeline.check`.
"""

from __future__ import annotations

import datetime as dt

from generator.load.loader import LoadedContent, gc_paused
from generator.model.content import Content, Edition
from generator.model.kinds import Kind
from generator.problems import Problem
from generator.validate import attachments, code_shapes, consistency, references, time_limits, uniqueness
from generator.validate.accountability_rules import (
    accountability_problems,  # personal data, ledgers, scorecard
)
from generator.validate.located import Located, first_by, locate


def _missing_departments(loaded: LoadedContent) -> list[Problem]:
    if loaded.files[Kind.DEPARTMENTS] or Kind.DEPARTMENTS in loaded.failed:
        return []
    return [Problem(f"{loaded.content_dir.as_posix()}/departments.yaml", 0, 0, "",
                    "缺少单位文件", "the departments file is missing")]


def cross_file_problems(loaded: LoadedContent, build_date: dt.date) -> tuple[Located | None, list[Problem]]:
    """Every cross-file rule over the loaded files. Located is None when the checks could not run."""
    if loaded.site is None:
        return None, []
    located = locate(loaded, build_date)
    # An invalid pattern would fail every code, a missing departments file every reference.
    patterns, problems = code_shapes.compile_patterns(located.site_at)
    if patterns is None:
        return None, problems
    problems = _missing_departments(loaded)
    if problems:
        return None, problems
    return located, (uniqueness.problems(located) + code_shapes.problems(located, patterns)
                     + references.problems(located, loaded.failed) + time_limits.problems(located)
                     + consistency.problems(located) + attachments.problems(located))


def _graph(located: Located, loaded: LoadedContent) -> Content:
    infos: dict[str, object] = {}
    for entry in located.editions:
        infos.setdefault(entry.value.edition.id, entry.value.edition)  # the first of an id, as `items`
    editions = {edition_id: Edition(infos[edition_id], {code: at.value for code, at in first_by(items, "key").items()})
                for edition_id, items in located.items.items()}
    content = Content(
        site=located.site,
        build_date=located.build_date,
        departments={k: v.value for k, v in located.department_ids.items()},
        editions=editions,
        service_items={k: v.value for k, v in located.service_item_codes.items()},
        guides={k: v.value for k, v in located.guide_items.items()},
        model_texts={k: v.value for k, v in located.model_text_ids.items()},
        bulletins=sorted((b.value for b in located.bulletins), key=lambda b: (b.date, b.id), reverse=True),
        clues=[c.value for c in located.clues],
        tasks=[t.value for t in located.tasks],
        scorecard=loaded.files[Kind.SCORECARD][0].value if loaded.files[Kind.SCORECARD] else None,
        attachments=dict(sorted(loaded.attachments.items())),
    )
    items = [entry for group in located.items.values() for entry in group]
    for group in (located.departments, items, located.service_items, located.guides, located.model_texts,
                  located.bulletins, located.cases, located.clues, located.tasks):
        for entry in group:
            content.origins[id(entry.value)] = (entry.doc, entry.path)
    return content.index()


def build_content(loaded: LoadedContent, build_date: dt.date) -> tuple[Content | None, list[Problem]]:
    """Check cross-file facts and build the graph. Returns (content or None, all problems)."""
    with gc_paused():  # see loader.gc_paused: at 5,000 guides the collector costs 15x the checks
        return _build_content(loaded, build_date)


def _build_content(loaded: LoadedContent, build_date: dt.date) -> tuple[Content | None, list[Problem]]:
    located, problems = cross_file_problems(loaded, build_date)
    problems = loaded.problems + problems + accountability_problems(loaded, build_date)
    if located is None or located.current_items is None or any(p.is_error for p in problems):
        return None, problems
    return _graph(located, loaded), problems
