"""Which department a problem belongs to, for `qingdan check --department ID`.

Takes the problems of a run, the validated content (or None when it has errors) and
the name of the content folder; gives one department's problems apart from the rest.
A problem belongs to a department when it sits in a file the department owns (the
CODEOWNERS rule: its guides, model texts, attachments, service items), or at an entry
that names it (a list item's 县级责任主体, a complaint transferred to it, its
rectification task, a case about it).
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.model.content import Content
from generator.problems import Problem, format_field
from generator.tools.codeowners import owned_paths


def _entry_departments(entity: object) -> set[str]:
    found = set(getattr(entity, "responsible_units", None) or ())
    for name in ("department", "transferred_to"):
        value = getattr(entity, name, None)
        if isinstance(value, str):
            found.add(value)
    return found


def _entries(content: Content | None) -> dict[tuple[str, str], set[str]]:
    """(file, field path of an entry) -> the departments that entry names."""
    if content is None:
        return {}
    by_id = {id(e): e for group in (content.guides.values(), content.service_items.values(),
                                    content.model_texts.values(), content.clues, content.tasks,
                                    content.cases.values(), *(ed.items.values() for ed in content.editions.values()))
             for e in group}
    return {(doc.path, format_field(path)): _entry_departments(by_id[key])
            for key, (doc, path) in content.origins.items() if key in by_id}


def _within(field: str, entry: str) -> bool:
    return field == entry or field.startswith((entry + ".", entry + "[")) or entry == ""


def belongs(problem: Problem, department: str, content_name: str,
            entries: dict[tuple[str, str], set[str]]) -> bool:
    where = "/" + problem.path
    if any(where == path or (path.endswith("/") and where.startswith(path))
           for path in owned_paths(content_name, department)):
        return True
    return any(department in departments for (path, entry), departments in entries.items()
               if path == problem.path and _within(problem.field, entry))


def split(problems: Iterable[Problem], department: str, content: Content | None,
          content_name: str = "content") -> tuple[list[Problem], list[Problem]]:
    """(the department's problems, everyone else's)."""
    entries = _entries(content)
    mine, others = [], []
    for problem in problems:
        (mine if belongs(problem, department, content_name, entries) else others).append(problem)
    return mine, others
