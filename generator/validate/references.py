"""References: every id or code one file names exists where it is defined.

Takes `Located` and the files that failed their schema; gives one ERROR per reference
to nothing (guide -> service item -> list item -> department, cases, clues, tasks,
editions, model texts, the steps of bundles), and a WARNING for a mapping to a list item that is no longer
in the current edition. A reference to an id that a failed file may define is not
reported: that file's own problems say what to fix, and a flood of "not found"
errors elsewhere would only hide them.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass, field

from generator.load.clerk_hints import suggestion
from generator.load.yaml_source import SourceDocument
from generator.model.kinds import Kind
from generator.model.types import listed
from generator.problems import Problem, Severity
from generator.validate.located import At, Located

# Where the target of a reference is defined, by the English name used in messages:
# (kind of file, path to its ids with "*" for every list entry).
TARGETS: dict[str, tuple[Kind, tuple[str, ...]]] = {
    "department": (Kind.DEPARTMENTS, ("departments", "*", "id")),
    "edition": (Kind.EDITIONS, ("edition", "id")),
    "list item": (Kind.EDITIONS, ("items", "*", "code")),
    "service item": (Kind.SERVICE_ITEMS, ("service_items", "*", "basic_code")),  # or its id, without a code
    "model text": (Kind.MODEL_TEXTS, ("id",)),
    "case": (Kind.BULLETINS, ("cases", "*", "id")),
    "clue": (Kind.COMPLAINTS, ("clues", "*", "id")),
    "rectification task": (Kind.RECTIFICATION, ("tasks", "*", "id")),
}


def failed_ids(failed: dict[Kind, list[SourceDocument | None]], kind: Kind, path: tuple[str, ...]) -> set[str] | None:
    """Ids written in files of `kind` that failed their schema; None when one could not be read at all."""
    ids: set[str] = set()
    for doc in failed.get(kind, ()):
        if doc is None:
            return None
        values = [doc.data]
        for part in path:
            if part == "*":
                values = [v for value in values if isinstance(value, list) for v in value]
            else:
                values = [value.get(part) for value in values if isinstance(value, dict)]
        ids.update(v for v in values if isinstance(v, str))
    return ids


@dataclass(slots=True)
class _Resolver:
    failed: dict[Kind, list[SourceDocument | None]]
    problems: list[Problem] = field(default_factory=list)
    _quiet: dict[str, set[str] | None] = field(default_factory=dict)  # per target, computed when first needed

    def _may_be_in_failed(self, what_en: str, value: str) -> bool:
        if what_en not in self._quiet:
            self._quiet[what_en] = failed_ids(self.failed, *TARGETS[what_en])
        ids = self._quiet[what_en]
        return ids is None or value in ids

    def ref(self, entry: At, field: str | tuple, value: str | None, known: Container[str], what_zh: str,
            what_en: str) -> None:
        if value is not None and value not in known and not self._may_be_in_failed(what_en, value):
            # The nearest valid ids, and any full-width form the value holds (clerk_hints).
            hint_zh, hint_en = suggestion(value, known) if isinstance(known, Iterable) else ("", "")
            self.problems.append(entry.problem(field, f"找不到{what_zh} “{value}”{hint_zh}",
                                               f"no {what_en} '{value}' exists{hint_en}"))


def _site_and_items(r: _Resolver, located: Located) -> None:
    site, departments = located.site, located.department_ids
    r.ref(located.site_at, "office", site.office, departments, "单位", "department")
    r.ref(located.site_at, "current_edition", site.current_edition, located.items, "清单版本", "edition")
    for items in located.items.values():
        for item in items:
            for j, unit in enumerate(item.value.responsible_units):
                r.ref(item, ("responsible_units", j), unit, departments, "单位", "department")


def _mapping(r: _Resolver, located: Located) -> None:
    """Service items -> list items: in the current edition, else a warning, else not found."""
    all_items, current, edition = located.all_item_codes, located.current_items, located.site.current_edition
    for entry in located.service_items:
        r.ref(entry, "department", entry.value.department, located.department_ids, "单位", "department")
        for j, code in enumerate(entry.value.list_items):
            if current is None or code not in all_items:
                r.ref(entry, ("list_items", j), code, all_items, "清单事项", "list item")
            elif code not in current:
                r.problems.append(entry.problem(
                    ("list_items", j),
                    f"清单事项 “{code}” 不在现行清单（{edition}）中，请更新对应关系",
                    f"list item '{code}' is not in the current edition ({edition}): update the mapping",
                    Severity.WARNING))


def _documents(r: _Resolver, located: Located) -> None:
    """Guides and model texts."""
    departments, service_items, all_items = located.department_ids, located.service_item_codes, located.all_item_codes
    for entry in located.guides:
        g = entry.value
        r.ref(entry, "service_item", g.service_item, service_items, "政务服务事项", "service item")
        r.ref(entry, "department", g.department, departments, "单位", "department")
        if g.reviewed is not None:
            r.ref(entry, ("reviewed", "edition"), g.reviewed.edition, located.items, "清单版本", "edition")
        for j, material in enumerate(listed(g.materials)):
            r.ref(entry, ("materials", j, "model_text"), material.model_text, located.model_text_ids,
                  "示范文本", "model text")
    for entry in located.model_texts:
        t = entry.value
        r.ref(entry, "department", t.department, departments, "单位", "department")
        r.ref(entry, "service_item", t.service_item, service_items, "政务服务事项", "service item")
        r.ref(entry, "list_item", t.list_item, all_items, "清单事项", "list item")
        r.ref(entry, ("reviewed", "edition"), t.reviewed.edition, located.items, "清单版本", "edition")


def _ledgers(r: _Resolver, located: Located) -> None:
    """Cases, clues and rectification tasks."""
    departments, all_items, case_ids = located.department_ids, located.all_item_codes, located.case_ids
    for entry in located.cases:
        c = entry.value
        r.ref(entry, "list_item", c.list_item, all_items, "清单事项", "list item")
        r.ref(entry, "department", c.department, departments, "单位", "department")
        r.ref(entry, "rectification", c.rectification, located.task_ids, "整改任务", "rectification task")
    for entry in located.clues:
        r.ref(entry, "transferred_to", entry.value.transferred_to, departments, "单位", "department")
    for entry in located.tasks:
        t = entry.value
        r.ref(entry, "department", t.department, departments, "单位", "department")
        r.ref(entry, "case", t.case, case_ids, "案例", "case")
        r.ref(entry, "clue", t.clue, located.clue_ids, "线索", "clue")


def _bundles(r: _Resolver, located: Located) -> None:
    """一件事: each step's service item and department (the steps named inside a bundle are
    `bundle_rules`' to check)."""
    for entry in located.bundles:
        for i, step in enumerate(entry.value.steps):
            r.ref(entry, ("steps", i, "service_item"), step.service_item, located.service_item_codes,
                  "政务服务事项", "service item")
            r.ref(entry, ("steps", i, "department"), step.department, located.department_ids, "单位", "department")


def problems(located: Located, failed: dict[Kind, list[SourceDocument | None]]) -> list[Problem]:
    r = _Resolver(failed)
    for rule in (_site_and_items, _mapping, _documents, _ledgers, _bundles):
        rule(r, located)
    return r.problems
