"""Analysis pages for the coordinating office (mechanisms 2–5): edition changes,
correspondence report, the four reductions, data quality. Content -> pages.
The correspondence table is also an export (generator/render/exports.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.derive import correspondence, quality, reductions
from generator.derive import edition_changes as changes
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
        dangling=report.dangling, counts=counts,
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


def quality_page(content: Content) -> Iterable[Output]:
    rows = content.facts.quality
    chart = bar_chart("各单位办事指南字段完整率", [(r.name, r.completeness) for r in rows if r.guides],
                      maximum=1, percent=True)
    incomplete = [IncompleteGuideView(content.service_items[content.guides[code].service_item].name, urls.guide(code),
                                      r.name, missing)
                  for r in rows for code, missing in r.incomplete]
    path = urls.QUALITY
    yield Output(path, render_page(
        "analysis/quality.md.j2", path, as_of=content.build_date, rows=rows,
        stale_views=[_stale_view(content, s) for s in content.facts.stale], incomplete=incomplete,
        chart=chart, checks=[label for label, _ in quality.GUIDE_CHECKS]))


RENDERERS = [changes_page, correspondence_page, reductions_page, quality_page]
