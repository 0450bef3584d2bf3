"""Schema-checked files -> one `Content` graph, with every cross-file fact checked.

Takes a `LoadedContent`; gives (`Content` or None, problems). Content is None when
any error was found: a site is never built from content with errors. Checks: unique
codes and ids, code shapes (configured patterns), every reference resolves
(guide -> service item -> list item -> department), time limits, date order,
attachment files exist.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator import model as m
from generator.derive.calendar import WorkCalendar, promise_exceeds
from generator.load.loader import Loaded, LoadedContent, gc_paused
from generator.load.yaml_source import Path, SourceDocument
from generator.model.content import Content, Edition
from generator.model.kinds import Kind
from generator.problems import Problem, Severity


@dataclass(slots=True)
class At:
    """An entity and where it stands: the document and the field path inside it."""

    value: object
    doc: SourceDocument
    path: Path

    def problem(self, field: str | tuple, zh: str, en: str, severity=Severity.ERROR) -> Problem:
        parts = field if isinstance(field, tuple) else ((field,) if field else ())
        return self.doc.problem((*self.path, *parts), zh, en, severity=severity)


def _entries(loaded: Iterable[Loaded], attribute: str | None) -> list[At]:
    """Flatten file objects into located entities (`attribute` is the list field, if any)."""
    out = []
    for file in loaded:
        if attribute is None:
            out.append(At(file.value, file.doc, ()))
        else:
            for i, value in enumerate(getattr(file.value, attribute)):
                out.append(At(value, file.doc, (attribute, i)))
    return out


def _unique(entries: list[At], key: str, label_zh: str, label_en: str) -> tuple[dict[str, At], list[Problem]]:
    seen: dict[str, At] = {}
    problems = []
    for entry in entries:
        value = getattr(entry.value, key)
        if value in seen:
            first = seen[value]
            problems.append(entry.problem(
                key,
                f"{label_zh} “{value}” 重复（已在 {first.doc.path}:{first.doc.position((*first.path, key))[0]} 使用）",
                f"duplicate {label_en} '{value}' (already used at {first.doc.path}:"
                f"{first.doc.position((*first.path, key))[0]})",
            ))
        else:
            seen[value] = entry
    return seen, problems


# Where the target of a reference is defined, by the English name used in messages:
# (kind of file, path to its ids with "*" for every list entry).
_TARGETS: dict[str, tuple[Kind, tuple[str, ...]]] = {
    "department": (Kind.DEPARTMENTS, ("departments", "*", "id")),
    "edition": (Kind.EDITIONS, ("edition", "id")),
    "list item": (Kind.EDITIONS, ("items", "*", "code")),
    "service item": (Kind.SERVICE_ITEMS, ("service_items", "*", "basic_code")),
    "model text": (Kind.MODEL_TEXTS, ("id",)),
    "case": (Kind.BULLETINS, ("cases", "*", "id")),
    "clue": (Kind.COMPLAINTS, ("clues", "*", "id")),
    "rectification task": (Kind.RECTIFICATION, ("tasks", "*", "id")),
}


def _failed_ids(failed: dict[Kind, list[SourceDocument | None]], kind: Kind, path: tuple[str, ...]) -> set[str] | None:
    """Ids written in files of `kind` that failed their schema; None when one could not be read at all.

    A reference to such an id is not reported: the bad file's own problems say what
    to fix, and a flood of "not found" errors elsewhere would only hide them.
    """
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


class _Checker:
    def __init__(self, loaded: LoadedContent, build_date: dt.date):
        self.loaded = loaded
        self.build_date = build_date
        self.problems: list[Problem] = []
        self._failed_ids: dict[str, set[str] | None] = {}

    def defined_in_failed(self, what_en: str, value: str) -> bool:
        """Whether `value` may be defined in a file that failed its schema (then stay quiet)."""
        if what_en not in self._failed_ids:
            self._failed_ids[what_en] = _failed_ids(self.loaded.failed, *_TARGETS[what_en])
        ids = self._failed_ids[what_en]
        return ids is None or value in ids

    def ref(self, entry: At, field: str | tuple, value: str | None, known, what_zh: str, what_en: str) -> None:
        if value is not None and value not in known and not self.defined_in_failed(what_en, value):
            self.problems.append(entry.problem(
                field, f"找不到{what_zh} “{value}”", f"no {what_en} '{value}' exists"))

    def pattern(self, entry: At, field: str | tuple, value: str | None, regex: re.Pattern, what_zh: str,
                what_en: str) -> None:
        if value is not None and not regex.match(value):
            self.problems.append(entry.problem(
                field,
                f"{what_zh} “{value}” 格式不正确（应匹配 {regex.pattern}）",
                f"{what_en} '{value}' has the wrong shape (must match {regex.pattern})",
            ))

    def order(self, entry: At, earlier: str, later: str, zh: str, en: str) -> None:
        first, second = getattr(entry.value, earlier), getattr(entry.value, later)
        if first is not None and second is not None and second < first:
            self.problems.append(entry.problem(later, zh, en))

    def run(self) -> Content | None:
        files = self.loaded.files
        if self.loaded.site is None:
            return None
        site: m.SiteConfig = self.loaded.site.value
        site_at = At(site, self.loaded.site.doc, ())
        patterns = {}
        for name in ("list_item", "basic_code", "implementation_code"):
            try:
                patterns[name] = re.compile(getattr(site.code_patterns, name))
            except re.error as exc:
                self.problems.append(site_at.problem(("code_patterns", name), f"正则表达式无效：{exc}",
                                                     f"invalid regular expression: {exc}"))
                return None

        # Departments
        if not files[Kind.DEPARTMENTS] and Kind.DEPARTMENTS not in self.loaded.failed:
            self.problems.append(Problem(f"{self.loaded.content_dir.as_posix()}/departments.yaml", 0, 0, "",
                                         "缺少单位文件", "the departments file is missing"))
            return None
        dept_entries = _entries(files[Kind.DEPARTMENTS], "departments")
        departments, problems = _unique(dept_entries, "id", "单位标识", "department id")
        self.problems += problems
        self.problems += _unique(dept_entries, "name", "单位名称", "department name")[1]
        self.ref(site_at, "office", site.office, departments, "单位", "department")

        # Editions and their items
        edition_entries = sorted(
            [At(f.value, f.doc, ()) for f in files[Kind.EDITIONS]],
            key=lambda e: (e.value.edition.published, e.value.edition.id),
        )
        editions: dict[str, Edition] = {}
        item_entries: list[At] = []
        for entry in edition_entries:
            info = entry.value.edition
            if info.id in editions:
                self.problems.append(entry.problem(("edition", "id"), f"清单版本 “{info.id}” 重复",
                                                   f"duplicate edition '{info.id}'"))
                continue
            items = [At(item, entry.doc, ("items", i)) for i, item in enumerate(entry.value.items)]
            item_entries += items
            by_code, problems = _unique(items, "code", "事项编码", "item code")
            self.problems += problems
            for category in m.Category:
                self.problems += _unique([i for i in items if i.value.category == category], "number",
                                         f"{category.value}项目号", "item number")[1]
            for item in items:
                self.pattern(item, "code", item.value.code, patterns["list_item"], "事项编码", "item code")
                for j, unit in enumerate(item.value.responsible_units):
                    self.ref(item, ("responsible_units", j), unit, departments, "单位", "department")
                if item.value.category == m.Category.PERMITTED and not item.value.sector:
                    self.problems.append(item.problem("sector", "许可准入类事项须填写行业",
                                                      "a permit item needs its sector"))
            editions[info.id] = Edition(info, {code: at.value for code, at in by_code.items()})
        # Without the current edition the other checks still run, so one run reports everything.
        current = editions.get(site.current_edition)
        self.ref(site_at, "current_edition", site.current_edition, editions, "清单版本", "edition")
        all_item_codes = {code for e in editions.values() for code in e.items}

        # Service items: the code mapping
        service_entries = _entries(files[Kind.SERVICE_ITEMS], "service_items")
        service_items, problems = _unique(service_entries, "basic_code", "基本编码", "basic code")
        self.problems += problems
        self.problems += _unique(service_entries, "implementation_code", "实施编码", "implementation code")[1]
        for entry in service_entries:
            s = entry.value
            self.pattern(entry, "basic_code", s.basic_code, patterns["basic_code"], "基本编码", "basic code")
            self.pattern(entry, "implementation_code", s.implementation_code, patterns["implementation_code"],
                         "实施编码", "implementation code")
            self.ref(entry, "department", s.department, departments, "单位", "department")
            for j, code in enumerate(s.list_items):
                if current is not None and code in current.items:
                    continue
                if current is not None and code in all_item_codes:
                    self.problems.append(entry.problem(
                        ("list_items", j),
                        f"清单事项 “{code}” 不在现行清单（{current.id}）中，请更新对应关系",
                        f"list item '{code}' is not in the current edition ({current.id}): update the mapping",
                        Severity.WARNING))
                else:
                    self.ref(entry, ("list_items", j), code, all_item_codes, "清单事项", "list item")

        # Guides
        guide_entries = _entries(files[Kind.GUIDES], None)
        guides, problems = _unique(guide_entries, "service_item", "政务服务事项的办事指南", "guide for service item")
        self.problems += problems
        model_text_ids = {f.value.id for f in files[Kind.MODEL_TEXTS]}
        calendar = WorkCalendar.from_site(site)
        seen_limits: dict[tuple, bool] = {}  # a mixed-unit comparison walks every start day: once per pair

        def exceeds(promised: m.TimeLimit, legal: m.TimeLimit) -> bool:
            key = (promised.value, promised.unit, legal.value, legal.unit)
            if key not in seen_limits:
                seen_limits[key] = promise_exceeds(promised, legal, calendar)
            return seen_limits[key]

        for entry in guide_entries:
            g: m.Guide = entry.value
            self.ref(entry, "service_item", g.service_item, service_items, "政务服务事项", "service item")
            self.ref(entry, "department", g.department, departments, "单位", "department")
            owner = service_items.get(g.service_item)
            if owner and g.department != owner.value.department and g.department in departments \
                    and owner.value.department in departments:
                self.problems.append(entry.problem(
                    "department",
                    f"实施部门与政务服务事项的实施部门（{owner.value.department}）不一致",
                    f"department differs from the service item's department ({owner.value.department})"))
            if exceeds(g.promised_time_limit, g.legal_time_limit):
                self.problems.append(entry.problem(
                    "promised_time_limit",
                    f"承诺时限（{g.promised_time_limit.value}{g.promised_time_limit.unit.value}）"
                    f"不能长于法定时限（{g.legal_time_limit.value}{g.legal_time_limit.unit.value}）",
                    f"the promised time limit ({g.promised_time_limit.value} {g.promised_time_limit.unit.value}) "
                    f"may not exceed the legal one ({g.legal_time_limit.value} {g.legal_time_limit.unit.value})"))
            self.ref(entry, ("reviewed", "edition"), g.reviewed.edition, editions, "清单版本", "edition")
            self._not_future(entry, ("reviewed", "date"), g.reviewed.date)
            if g.fees.charged and not g.fees.items:
                self.problems.append(entry.problem(("fees", "items"), "收费事项须列出收费项目",
                                                   "a charged item must list its fees"))
            if g.online.level != m.OnlineLevel.NONE and not g.online.url:
                self.problems.append(entry.problem(("online", "url"), "可网办事项须填写网办地址",
                                                   "an item handled online needs its online address",
                                                   Severity.WARNING))
            for j, material in enumerate(g.materials):
                self.ref(entry, ("materials", j, "model_text"), material.model_text, model_text_ids,
                         "示范文本", "model text")
                self._attachment_link(entry, ("materials", j, "blank_form"), material.blank_form)

        # Model texts
        text_entries = _entries(files[Kind.MODEL_TEXTS], None)
        model_texts, problems = _unique(text_entries, "id", "示范文本标识", "model text id")
        self.problems += problems
        for entry in text_entries:
            t: m.ModelText = entry.value
            self.ref(entry, "department", t.department, departments, "单位", "department")
            self.ref(entry, "service_item", t.service_item, service_items, "政务服务事项", "service item")
            self.ref(entry, "list_item", t.list_item, all_item_codes, "清单事项", "list item")
            self.ref(entry, ("reviewed", "edition"), t.reviewed.edition, editions, "清单版本", "edition")
            if t.service_item is None and t.list_item is None:
                self.problems.append(entry.problem("service_item", "须填写所属政务服务事项或清单事项",
                                                   "name the service item or list item it serves"))
            for j, attachment in enumerate(t.files):
                self._attachment(entry, ("files", j, "file"), attachment.file)

        # Bulletins and cases
        bulletin_entries = _entries(files[Kind.BULLETINS], None)
        self.problems += _unique(bulletin_entries, "id", "通报标识", "bulletin id")[1]
        case_entries = [At(c, b.doc, ("cases", i)) for b in bulletin_entries for i, c in enumerate(b.value.cases)]
        self.problems += _unique(case_entries, "id", "案例标识", "case id")[1]

        # Ledgers
        clue_entries = _entries(files[Kind.COMPLAINTS], "clues")
        task_entries = _entries(files[Kind.RECTIFICATION], "tasks")
        clue_ids = _unique(clue_entries, "id", "线索编号", "clue id")
        task_ids = _unique(task_entries, "id", "任务编号", "task id")
        self.problems += clue_ids[1] + task_ids[1]
        case_ids = {c.value.id for c in case_entries}
        for entry in case_entries:
            c: m.ViolationCase = entry.value
            self.ref(entry, "list_item", c.list_item, all_item_codes, "清单事项", "list item")
            self.ref(entry, "department", c.department, departments, "单位", "department")
            self.ref(entry, "rectification", c.rectification, task_ids[0], "整改任务", "rectification task")
        for entry in clue_entries:
            self._check_clue(entry, departments)
        for entry in task_entries:
            t: m.RectificationTask = entry.value
            self.ref(entry, "department", t.department, departments, "单位", "department")
            self.ref(entry, "case", t.case, case_ids, "案例", "case")
            self.ref(entry, "clue", t.clue, clue_ids[0], "线索", "clue")
            self.order(entry, "assigned", "deadline", "完成时限早于下达日期", "the deadline is before the assignment")
            self.order(entry, "assigned", "closed_on", "销号日期早于下达日期", "closed before it was assigned")
            if t.status == m.TaskStatus.CLOSED and (t.closed_on is None or not t.evidence):
                self.problems.append(entry.problem("closed_on", "已销号的任务须填写销号日期和销号依据",
                                                   "a closed task needs its close-out date and evidence"))
            if t.status != m.TaskStatus.CLOSED and t.closed_on is not None:
                self.problems.append(entry.problem("status", "填写了销号日期，状态应为 已销号",
                                                   "a close-out date is set: the status must be 已销号"))

        if current is None or any(p.is_error for p in (*self.problems, *self.loaded.problems)):
            return None
        content = Content(
            site=site,
            build_date=self.build_date,
            departments={k: v.value for k, v in departments.items()},
            editions=editions,
            service_items={k: v.value for k, v in service_items.items()},
            guides={k: v.value for k, v in guides.items()},
            model_texts={k: v.value for k, v in model_texts.items()},
            bulletins=sorted((b.value for b in bulletin_entries), key=lambda b: (b.date, b.id), reverse=True),
            clues=[c.value for c in clue_entries],
            tasks=[t.value for t in task_entries],
            scorecard=files[Kind.SCORECARD][0].value if files[Kind.SCORECARD] else None,
            attachments=dict(sorted(self.loaded.attachments.items())),
        )
        for group in (dept_entries, item_entries, service_entries, guide_entries, text_entries, bulletin_entries,
                      case_entries, clue_entries, task_entries):
            for entry in group:
                content.origins[id(entry.value)] = (entry.doc, entry.path)
        return content.index()

    def _not_future(self, entry: At, field: tuple, value: dt.date | None) -> None:
        if value is not None and value > self.build_date:
            self.problems.append(entry.problem(field, f"日期 {value} 晚于今天（{self.build_date}）",
                                               f"the date {value} is in the future (today is {self.build_date})"))

    def _attachment(self, entry: At, field: tuple, relative: str) -> None:
        if relative.startswith(("/", "\\")) or ".." in relative.split("/") or "\\" in relative:
            self.problems.append(entry.problem(field, "附件路径须为 files/ 下的相对路径，不能含 .. 或 \\",
                                               "attachment paths are relative to files/, without .. or \\"))
        elif relative not in self.loaded.attachments:
            self.problems.append(entry.problem(field, f"找不到附件文件 files/{relative}",
                                               f"attachment file files/{relative} does not exist"))

    def _attachment_link(self, entry: At, field: tuple, url: str | None) -> None:
        if url and url.startswith("/files/"):
            self._attachment(entry, field, url.removeprefix("/files/"))

    def _check_clue(self, entry: At, departments) -> None:
        c: m.ComplaintClue = entry.value
        self.ref(entry, "transferred_to", c.transferred_to, departments, "单位", "department")
        self.order(entry, "received", "transferred_on", "转办日期早于收到日期", "transferred before it was received")
        self.order(entry, "transferred_on", "result_reported_on", "报送结果日期早于转办日期",
                   "result reported before the transfer")
        self.order(entry, "result_reported_on", "feedback_on", "回访日期早于报送结果日期",
                   "feedback given before the result was reported")
        for field in ("received", "transferred_on", "result_reported_on", "feedback_on"):
            self._not_future(entry, field, getattr(c, field))
        needs = {
            m.ClueStatus.TRANSFERRED: ("transferred_to", "transferred_on"),
            m.ClueStatus.REPORTED: ("transferred_to", "transferred_on", "result_reported_on"),
            m.ClueStatus.CLOSED: ("transferred_to", "transferred_on", "result_reported_on", "feedback_on"),
        }.get(c.status, ())
        for field in needs:
            if getattr(c, field) is None:
                self.problems.append(entry.problem(
                    field, f"状态为 {c.status.value} 的线索须填写此项", f"a clue with status {c.status.value} needs this field"))


def build_content(loaded: LoadedContent, build_date: dt.date) -> tuple[Content | None, list[Problem]]:
    """Check cross-file facts and build the graph. Returns (content or None, all problems)."""
    with gc_paused():  # see loader.gc_paused: at 5,000 guides the collector costs 15x the checks
        return _build_content(loaded, build_date)


def _build_content(loaded: LoadedContent, build_date: dt.date) -> tuple[Content | None, list[Problem]]:
    checker = _Checker(loaded, build_date)
    content = checker.run()
    problems = loaded.problems + checker.problems
    from generator.validate.accountability_rules import (
        accountability_problems,  # personal data, overdue ledgers, scorecard
    )

    problems += accountability_problems(loaded, build_date)
    if any(p.is_error for p in problems):
        return None, problems
    return content, problems
