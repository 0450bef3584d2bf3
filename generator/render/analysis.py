"""Analysis pages for the coordinating office (mechanisms 2–5): edition changes,
correspondence report, the four reductions, data quality. Content -> pages.
The correspondence table is also an export (generator/render/exports.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.derive import correspondence, office_figures, quality, reductions
from generator.derive import edition_changes as changes
from generator.derive.calendar import DeadlineRule
from generator.derive.staleness import StaleDocument
from generator.model import ListItem, ServiceItem
from generator.model.content import Content
from generator.render import Output, urls
from generator.render.charts import bar_chart
from generator.render.templating import render_page


@dataclass(frozen=True, slots=True)
class ComparisonView:
    comparison: changes.Comparison
    old_count: int
    new_count: int
    summary: tuple[tuple[str, int | str], ...]  # (what changed, how many), in the page's order


def comparison_view(comparison: changes.Comparison) -> ComparisonView:
    matches = comparison.matches
    return ComparisonView(comparison, len(comparison.old.items), len(comparison.new.items), (
        # An excerpt leaving an item out says nothing of additions or removals (edition_changes).
        ("新增事项", len(comparison.added) if comparison.knows_added else "无法判断（前版为摘录）"),
        ("删除事项", len(comparison.removed) if comparison.knows_removed else "无法判断（新版为摘录）"),
        ("合并", sum(1 for m in matches if m.merged)),
        ("调整编码", sum(1 for m in matches if m.recoded)),
        ("调整项目号", sum(1 for m in matches if m.renumbered)),
        ("内容修改", sum(1 for m in matches if m.changes)),
        ("无法确定的对应", len(comparison.ambiguous)),
    ))


def changes_page(content: Content) -> Iterable[Output]:
    path = urls.CHANGES
    yield Output(path, render_page(
        "analysis/changes.md.j2", path, comparisons=[comparison_view(c) for c in content.facts.comparisons],
        threshold=changes.NAME_THRESHOLD, margin=changes.AMBIGUITY_MARGIN,
    ))


@dataclass(frozen=True, slots=True)
class CorrespondenceRowView:
    item: ListItem
    service_items: tuple[ServiceItem, ...]
    guides: tuple[str | None, ...]  # per service item: its guide's page, or None
    status: str
    flags: tuple[str, ...]
    ok: bool


def correspondence_page(content: Content) -> Iterable[Output]:
    report = content.facts.correspondence
    path = urls.CORRESPONDENCE
    counts = [(label, report.count(label)) for label in (
        *correspondence.STATUSES, correspondence.NO_POWER_CODE, correspondence.NO_LICENSE_CODE,
        correspondence.NO_GUIDE, correspondence.DANGLING)]
    rows = [CorrespondenceRowView(
        row.item, row.service_items,
        tuple(urls.guide(s.key) if s.key in content.guides_of_service_item else None for s in row.service_items),
        row.status, row.flags, row.ok,
    ) for row in report.rows]
    yield Output(path, render_page(
        "analysis/correspondence.md.j2", path, edition_title=content.current.info.title, rows=rows,
        dangling=report.dangling, counts=counts, unmapped=unmapped_view(content.facts.office),
        downloads={fmt: urls.export("correspondence", fmt) for fmt in ("csv", "xlsx", "json")},
    ))


def reductions_page(content: Content) -> Iterable[Output]:
    figures = list(content.facts.reductions)
    county = reductions.summarise(f"{content.site.county}合计", figures)
    departments = reductions.by_department(content, figures)
    charts = {
        "compression": bar_chart("各单位平均时限压缩比例",
                                 [(d.label, d.mean_compression) for d in departments], maximum=1, percent=True),
        "zero_visit": bar_chart("各单位零跑动事项比例",
                                [(d.label, d.zero_visit_share) for d in departments], maximum=1, percent=True),
        "online": bar_chart("各单位全程网办事项比例",
                            [(d.label, d.fully_online_share) for d in departments], maximum=1, percent=True),
    }
    path = urls.REDUCTIONS
    yield Output(path, render_page("analysis/reductions.md.j2", path, figures=figures,
                                   county=county, departments=departments, charts=charts))


@dataclass(frozen=True, slots=True)
class StaleView:
    stale: StaleDocument
    kind: str  # "guide" or "model_text"
    name: str
    path: str
    overdue: bool


@dataclass(frozen=True, slots=True)
class IncompleteGuideView:
    name: str
    path: str
    department: str
    missing: tuple[str, ...]


def _stale_view(content: Content, stale: StaleDocument) -> StaleView:
    document = stale.document
    if stale.kind == "guide":
        name, path = content.service_items[document.service_item].name, urls.guide(document.key)
    else:
        name, path = document.title, urls.model_text(document.id)
    return StaleView(stale, stale.kind, name, path, stale.overdue(content.build_date))


@dataclass(frozen=True, slots=True)
class UnmappedView:
    """The unmapped permit items as every page states them: the total and its split."""

    total: int
    groups: tuple[tuple[str, str, int, str], ...]  # (label, worktable anchor, count, what it means)


UNMAPPED_GROUPS = (
    (office_figures.COUNTY, "unmapped-county", "县级有实施、受理或初审环节，责任单位应补上对应的政务服务事项"),
    (office_figures.ABOVE, "unmapped-above", "由省、市或国家部门实施，县级无事项可对应，核对管理权限即可"),
    (office_figures.NOT_STATED, "unmapped-not-stated", "清单未写管理权限，请先核实由哪一级实施"),
)


def unmapped_view(figures: office_figures.OfficeFigures) -> UnmappedView:
    return UnmappedView(figures.unmapped_total, tuple(
        (label, anchor, len(figures.unmapped[label]), why) for label, anchor, why in UNMAPPED_GROUPS
        if figures.unmapped[label] or label != office_figures.NOT_STATED))


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of a worktable list: a badge, a link and what to do."""

    badge: str
    text: str
    path: str
    anchor: str
    detail: str


def _department_name(content: Content, dept_id: str | None) -> str:
    return content.departments[dept_id].name if dept_id in content.departments else "未明确"


def _document_entry(content: Content, document, kind: str, badge: str, detail: str) -> Entry:
    if kind == "guide":
        text, path = f"办事指南 {content.service_items[document.service_item].name}", urls.guide(document.key)
    else:
        text, path = f"示范文本 {document.title}", urls.model_text(document.id)
    return Entry(badge, text, path, "", f"{_department_name(content, document.department)}{detail}")


def worktable_view(content: Content) -> dict:
    f = content.facts.office
    unit = DeadlineRule.from_site(content.site).unit
    clues = [Entry(f"已逾期 {r.timing.days_overdue} {unit}", f"线索 {r.clue.id}", urls.COMPLAINTS_LEDGER,
                   f"clue-{r.clue.id}", f"{_department_name(content, r.clue.transferred_to)}，应于 {r.timing.deadline} "
                   "前报送处理结果") for r in f.clues_overdue]
    clues += [Entry("即将到期", f"线索 {r.clue.id}", urls.COMPLAINTS_LEDGER, f"clue-{r.clue.id}",
                    f"{_department_name(content, r.clue.transferred_to)}，应于 {r.timing.deadline} 前报送处理结果")
              for r in f.clues_due_soon]
    tasks = [Entry(f"已逾期 {r.days_overdue} 天" if r in f.tasks_overdue else "即将到期", f"整改任务 {r.task.id}",
                   urls.RECTIFICATION_LEDGER, f"dept-{r.task.department}",
                   f"{_department_name(content, r.task.department)}，完成时限 {r.task.deadline}")
             for r in (*f.tasks_overdue, *f.tasks_due_soon)]
    stale = [_document_entry(content, s.document, s.kind, "待更新，已超期" if s.overdue(f.as_of) else "待更新",
                             f"：清单事项 {'、'.join(s.items)} 已调整，仍按 {s.reviewed_edition} 版核对，应于 {s.due} 前更新")
             for s in f.stale]
    olds = [_document_entry(content, o.document, o.kind, f"按 {o.reviewed_edition} 版核对", "") for o in f.old_reviews]
    unmapped = {label: [Entry("", f"{i.key} {i.name}", urls.item(i.key), "",
                              f"管理权限：{i.management_authority or '未注明'}；县级责任主体："
                              + ("、".join(_department_name(content, d) for d in i.responsible_units) or "未明确"))
                        for i in f.unmapped[label]] for label, _, _ in UNMAPPED_GROUPS}
    incomplete = [Entry("", content.service_items[g.service_item].name, urls.guide(g.key), "",
                        f"{_department_name(content, g.department)}，未填写：{'、'.join(empty)}")
                  for g, empty in f.incomplete_guides]
    # The same per-department counts as /quality/'s 未注明字段 column (derive/quality.py).
    gaps = [r for r in content.facts.quality if r.not_stated_count]
    not_stated = [Entry("", r.name, urls.QUALITY, "not-stated", f"{r.not_stated_count} 处未注明")
                  for r in gaps]
    return {
        "as_of": f.as_of, "clue_days": office_figures.CLUE_SOON_WORKING_DAYS, "task_days": office_figures.TASK_SOON_DAYS,
        "counts": {"clues-overdue": len(f.clues_overdue), "clues-due-soon": len(f.clues_due_soon),
                   "tasks-overdue": len(f.tasks_overdue), "tasks-due-soon": len(f.tasks_due_soon),
                   "stale": len(f.stale), "old-reviews": len(f.old_reviews),
                   "incomplete": len(f.incomplete_guides),
                   "not-stated": sum(r.not_stated_count for r in gaps)},
        "clues": clues, "tasks": tasks, "stale": stale, "olds": olds, "unmapped": unmapped,
        "unmapped_view": unmapped_view(f), "incomplete": incomplete,
        "not_stated": not_stated,
    }


def worktable_page(content: Content) -> Iterable[Output]:
    """办公工作台: what the office and the departments have to act on, each count a link."""
    path = urls.WORKTABLE
    yield Output(path, render_page("analysis/worktable.md.j2", path, **worktable_view(content)))


def quality_page(content: Content) -> Iterable[Output]:
    rows = content.facts.quality
    # Completeness is 100 % wherever the schema's optional fields are all filled, so the
    # chart shows what differs and needs work: guides checked against the current list.
    chart = bar_chart("各单位按现行清单核对的办事指南比例", [(r.name, r.current_share) for r in rows if r.guides],
                      maximum=1, percent=True)
    office = content.facts.office
    unattributed = [(i.key, urls.item(i.key)) for items in office.unmapped.values() for i in items
                    if not any(d in content.departments for d in i.responsible_units)]
    olds = [_document_entry(content, o.document, o.kind, f"按 {o.reviewed_edition} 版核对",
                            "：所服务的清单事项没有实质调整，但尚未按现行清单复核") for o in office.old_reviews]
    incomplete = [IncompleteGuideView(content.service_items[content.guides[key].service_item].name, urls.guide(key),
                                      r.name, missing)
                  for r in rows for key, missing in r.incomplete]
    path = urls.QUALITY
    yield Output(path, render_page(
        "analysis/quality.md.j2", path, as_of=content.build_date, rows=rows,
        unmapped=unmapped_view(office), unattributed=unattributed, olds=olds,
        current_title=content.current.info.title,
        stale_views=[_stale_view(content, s) for s in content.facts.stale], incomplete=incomplete,
        chart=chart, checks=[label for label, _ in quality.GUIDE_CHECKS]))


RENDERERS = [changes_page, correspondence_page, reductions_page, quality_page, worktable_page]
