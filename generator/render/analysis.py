"""Analysis pages for the coordinating office (mechanisms 2–5): edition changes,
correspondence report, the four reductions, data quality. Content -> pages.
The correspondence table is also an export (generator/render/exports.py)."""

from __future__ import annotations

from collections.abc import Iterable

from generator.derive import correspondence, quality, reductions
from generator.derive import edition_changes as changes
from generator.model.content import Content
from generator.render import Output, urls
from generator.render.charts import bar_chart
from generator.render.templating import render_page


def changes_page(content: Content) -> Iterable[Output]:
    comparisons = content.facts.comparisons
    path = urls.CHANGES
    yield Output(path, render_page(
        "analysis/changes.md.j2", path, content=content, comparisons=comparisons,
        threshold=changes.NAME_THRESHOLD, margin=changes.AMBIGUITY_MARGIN,
    ))


def correspondence_page(content: Content) -> Iterable[Output]:
    report = content.facts.correspondence
    path = urls.CORRESPONDENCE
    counts = [(label, report.count(label)) for label in (
        *correspondence.STATUSES, correspondence.NO_POWER_CODE, correspondence.NO_LICENSE_CODE,
        correspondence.NO_GUIDE, correspondence.DANGLING)]
    yield Output(path, render_page(
        "analysis/correspondence.md.j2", path, content=content, report=report, counts=counts,
        one_to_one=correspondence.ONE_TO_ONE,
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
    yield Output(path, render_page("analysis/reductions.md.j2", path, content=content, figures=figures,
                                   county=county, departments=departments, charts=charts))


def quality_page(content: Content) -> Iterable[Output]:
    stale = content.facts.stale
    rows = content.facts.quality
    chart = bar_chart("各单位办事指南字段完整率", [(r.name, r.completeness) for r in rows if r.guides],
                      maximum=1, percent=True)
    path = urls.QUALITY
    yield Output(path, render_page("analysis/quality.md.j2", path, content=content, rows=rows, stale=stale,
                                   chart=chart, checks=[label for label, _ in quality.GUIDE_CHECKS]))


RENDERERS = [changes_page, correspondence_page, reductions_page, quality_page]
