"""The validated content: one object graph with every cross-reference resolved.

Built by `validate.build_content`; read by every renderer. All lookups that pages
need are dictionaries built once here, so no page does a linear search over
global data (the build must stay linear in the size of the content).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator import model as m
from generator.load.yaml_source import Path as YamlPath
from generator.load.yaml_source import SourceDocument
from generator.problems import Problem, Severity

if TYPE_CHECKING:  # the derive stage reads Content; Content only holds its result
    from generator.derive.facts import Facts


@dataclass(slots=True)
class Edition:
    info: m.EditionInfo
    items: dict[str, m.ListItem]  # by code, in file order

    @property
    def id(self) -> str:
        return self.info.id


@dataclass(slots=True)
class Content:
    site: m.SiteConfig
    build_date: dt.date
    departments: dict[str, m.Department]
    editions: dict[str, Edition]  # oldest first
    service_items: dict[str, m.ServiceItem]  # by basic code
    guides: dict[str, m.Guide]  # by Guide.key: the service item's key, "/<办理项>" when there is one
    model_texts: dict[str, m.ModelText]  # by id
    bulletins: list[m.Bulletin]  # newest first
    clues: list[m.ComplaintClue]
    tasks: list[m.RectificationTask]
    attachments: dict[str, bytes] = field(default_factory=dict)  # files/ path -> bytes
    scorecard: m.ScorecardFile | None = None  # office scores and commendations, if the file exists
    # where each entity came from: id(entity) -> (document, field path inside it)
    origins: dict[int, tuple[SourceDocument, YamlPath]] = field(default_factory=dict)

    # --- derived indexes, filled by `index()` -----------------------------------
    cases: dict[str, m.ViolationCase] = field(default_factory=dict)
    bulletin_of_case: dict[str, m.Bulletin] = field(default_factory=dict)
    service_items_of_item: dict[str, list[m.ServiceItem]] = field(default_factory=dict)
    model_texts_of_item: dict[str, list[m.ModelText]] = field(default_factory=dict)
    model_texts_of_service_item: dict[str, list[m.ModelText]] = field(default_factory=dict)
    cases_of_item: dict[str, list[m.ViolationCase]] = field(default_factory=dict)
    items_of_department: dict[str, list[m.ListItem]] = field(default_factory=dict)
    service_items_of_department: dict[str, list[m.ServiceItem]] = field(default_factory=dict)
    guides_of_department: dict[str, list[m.Guide]] = field(default_factory=dict)
    guides_of_service_item: dict[str, list[m.Guide]] = field(default_factory=dict)
    model_texts_of_department: dict[str, list[m.ModelText]] = field(default_factory=dict)
    cases_of_department: dict[str, list[m.ViolationCase]] = field(default_factory=dict)
    tasks_of_department: dict[str, list[m.RectificationTask]] = field(default_factory=dict)
    clues_of_department: dict[str, list[m.ComplaintClue]] = field(default_factory=dict)
    tasks_by_id: dict[str, m.RectificationTask] = field(default_factory=dict)
    # --- the derive stage's result, set by `pipeline.check` (generator/derive/facts.py) ---
    facts: Facts | None = None

    def source_file(self, entity: object) -> str | None:
        origin = self.origins.get(id(entity))
        return origin[0].path if origin else None

    def problem(self, entity: object, field: tuple, zh: str, en: str,
                severity: Severity = Severity.ERROR) -> Problem:
        """A problem located at a field of an entity (its file, line and column)."""
        document, path = self.origins[id(entity)]
        return document.problem((*path, *field), zh, en, severity=severity)

    @property
    def current(self) -> Edition:
        return self.editions[self.site.current_edition]

    @property
    def office(self) -> m.Department:
        return self.departments[self.site.office]

    def index(self) -> Content:
        """Build every reverse lookup once, in content order (stable output)."""
        self.cases = {}
        self.bulletin_of_case = {}
        for bulletin in self.bulletins:
            for case in bulletin.cases:
                self.cases[case.id] = case
                self.bulletin_of_case[case.id] = bulletin
        by_item: dict[str, list] = defaultdict(list)
        by_dept: dict[str, list] = defaultdict(list)
        for item in self.current.items.values():
            for unit in item.responsible_units:
                by_dept[unit].append(item)
        self.items_of_department = dict(by_dept)
        by_dept = defaultdict(list)
        for service_item in self.service_items.values():
            by_dept[service_item.department].append(service_item)
            for code in service_item.list_items:
                by_item[code].append(service_item)
        self.service_items_of_item = dict(by_item)
        self.service_items_of_department = dict(by_dept)
        self.guides_of_department = _group(self.guides.values(), lambda g: [g.department])
        self.guides_of_service_item = _group(self.guides.values(), lambda g: [g.service_item])
        self.model_texts_of_department = _group(self.model_texts.values(), lambda t: [t.department])
        self.model_texts_of_service_item = _group(
            self.model_texts.values(), lambda t: [t.service_item] if t.service_item else []
        )

        def text_items(text: m.ModelText) -> list[str]:
            codes = [text.list_item] if text.list_item else []
            if text.service_item and text.service_item in self.service_items:
                codes += self.service_items[text.service_item].list_items
            return list(dict.fromkeys(codes))

        self.model_texts_of_item = _group(self.model_texts.values(), text_items)
        self.cases_of_item = _group(self.cases.values(), lambda c: [c.list_item] if c.list_item else [])
        self.cases_of_department = _group(self.cases.values(), lambda c: [c.department] if c.department else [])
        self.tasks_of_department = _group(self.tasks, lambda t: [t.department])
        self.clues_of_department = _group(
            self.clues, lambda c: [c.transferred_to] if c.transferred_to else []
        )
        self.tasks_by_id = {task.id: task for task in self.tasks}
        return self

    def guides_of_item(self, code: str) -> list[m.Guide]:
        return [guide for s in self.service_items_of_item.get(code, [])
                for guide in self.guides_of_service_item.get(s.key, [])]

    def item_in_any_edition(self, code: str) -> m.ListItem | None:
        """The newest edition's version of an item (current first)."""
        if code in self.current.items:
            return self.current.items[code]
        for edition in reversed(self.editions.values()):
            if code in edition.items:
                return edition.items[code]
        return None


def _group(values, keys_of) -> dict[str, list]:
    groups: dict[str, list] = defaultdict(list)
    for value in values:
        for key in keys_of(value):
            groups[key].append(value)
    return dict(groups)
