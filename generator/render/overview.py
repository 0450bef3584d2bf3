"""Site-wide pages: home, the list, mapping tables, cases, complaint channel,
about this site (关于本站), working group, open data — plus the data exports and the case feed.

Takes the `Content` graph; gives `Output`s. The functions named `*_view` turn the
graph into the ready values a template shows (groups, rows, counts), so templates
hold markup only and never look anything up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from generator import model as m
from generator.model.content import Content
from generator.model.types import NOT_STATED_WORD, is_stated
from generator.render import Output, exports, urls
from generator.render.coverage import count_line, excerpt_scope
from generator.render.feed import feed
from generator.render.templating import render_page

# The main sections, in the order the home page shows them: (title, docs path, what it holds).
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("负面清单", urls.LIST, "现行版本全部清单事项、类别、主管部门和县级责任主体"),
    ("办事指南", urls.GUIDES, "条件、材料、时限、收费、地点和电话，一次性告知"),
    ("示范文本", urls.MODEL_TEXTS, "申请书等材料的填写示范"),
    ("编码对应关系", urls.MAPPING, "清单事项与政务服务事项、行政权力清单、行政许可事项的对应"),
    ("责任单位", urls.DEPARTMENTS, "县直有关单位负责的事项和联系方式"),
    ("违规案例通报", urls.CASES, "违反市场准入负面清单制度的典型案例"),
    ("投诉渠道", urls.COMPLAINT, "反映市场准入隐性壁垒等问题"),
    ("工作专班", urls.WORKING_GROUP, "部门协调工作专班成员单位和职责"),
    ("开放数据", urls.OPEN_DATA, "JSON、CSV、Excel 格式的数据下载"),
)
# Reports and ledgers of the coordinating office (pages written by other renderers).
REPORTS: tuple[tuple[str, str, str], ...] = (
    ("清单事项调整情况", urls.CHANGES, "新旧版本清单之间新增、删除和调整的事项"),
    ("事项衔接核查", urls.CORRESPONDENCE, "清单事项与政务服务事项对应缺口"),
    ("四减情况", urls.REDUCTIONS, "减环节、减材料、减时限、减跑动"),
    ("投诉问题线索台账", urls.COMPLAINTS_LEDGER, "问题收集、受理解决、追溯回访"),
    ("整改台账", urls.RECTIFICATION_LEDGER, "整改任务、责任单位、完成时限和销号"),
    ("工作落实情况评估", urls.SCORECARD, "各单位落实情况和通报表扬"),
    ("数据质量", urls.QUALITY, "各单位缺项和过期指南"),
)
LATEST_BULLETINS = 3
# 关于本站: linked from every page's footer (main.html), as government sites do.


@dataclass(slots=True)
class ItemRow:
    item: m.ListItem
    units: list[m.Department]
    measure_authorities: list[str] = field(default_factory=list)  # 主管部门 given per measure


@dataclass(slots=True)
class Group:
    """A heading of the list page: a category, or a sector within 许可准入类."""

    title: str
    anchor: str
    rows: list[ItemRow] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)


def _units(content: Content, item: m.ListItem) -> list[m.Department]:
    return [content.departments[u] for u in item.responsible_units if u in content.departments]


def list_view(content: Content) -> list[Group]:
    """禁止准入类 then 许可准入类; permits grouped by sector in first-seen order."""
    prohibited = Group(m.Category.PROHIBITED.value, CATEGORY_ANCHORS[m.Category.PROHIBITED])
    permitted = Group(m.Category.PERMITTED.value, CATEGORY_ANCHORS[m.Category.PERMITTED])
    sectors: dict[str, Group] = {}
    for item in content.current.items.values():
        row = ItemRow(item, _units(content, item),
                      list(dict.fromkeys(ms.authority for ms in item.measures if ms.authority)))
        if item.category == m.Category.PROHIBITED:
            prohibited.rows.append(row)
            continue
        name = ("行业未注明" if not is_stated(item.sector) else item.sector) if item.sector is not None else "其他"
        if name not in sectors:
            sectors[name] = Group(name, f"sector-{len(sectors) + 1}")
            permitted.groups.append(sectors[name])
        sectors[name].rows.append(row)
    return [prohibited, permitted]


CATEGORY_ANCHORS = {m.Category.PROHIBITED: "prohibited", m.Category.PERMITTED: "permitted"}


def category_counts(content: Content) -> list[tuple[str, str, int]]:
    """(category, its anchor on the list page, number of items), in category order.

    An excerpt leaves categories out without their being empty: only the categories it
    holds are counted then."""
    counts = dict.fromkeys(m.Category, 0)
    for item in content.current.items.values():
        counts[item.category] += 1
    complete = content.current.info.complete
    return [(category.value, CATEGORY_ANCHORS[category], n) for category, n in counts.items() if n or complete]


@dataclass(slots=True)
class CaseView:
    case: m.ViolationCase
    bulletin: m.Bulletin
    department: m.Department | None
    item: m.ListItem | None  # the linked item (every edition's items have pages)


@dataclass(slots=True)
class BulletinView:
    bulletin: m.Bulletin
    cases: list[CaseView]


@dataclass(slots=True)
class CaseFilter:
    """One filter of the case page: its URL parameter, label, and options with their cases.

    The same groups feed the <select> (enhanced by JavaScript) and the plain index of
    links under it, which is how the filter works without JavaScript."""

    name: str  # URL parameter and data-* attribute: year, type, dept
    label: str
    all_label: str
    options: list[tuple[str, str, list[CaseView]]]  # (value, label, cases), in a meaningful order


def cases_view(content: Content) -> tuple[list[BulletinView], list[CaseFilter]]:
    bulletins = []
    by_year: dict[str, list[CaseView]] = {}
    by_type: dict[str, list[CaseView]] = {}
    by_dept: dict[str, list[CaseView]] = {}
    for bulletin in content.bulletins:  # already newest first
        views = []
        for case in bulletin.cases:
            department = content.departments.get(case.department) if case.department else None
            item = content.item_in_any_edition(case.list_item) if case.list_item else None
            view = CaseView(case, bulletin, department, item)
            views.append(view)
            by_year.setdefault(str(case.date.year), []).append(view)
            by_type.setdefault(str(case.violation_type), []).append(view)
            if department:
                by_dept.setdefault(department.id, []).append(view)
        bulletins.append(BulletinView(bulletin, views))
    filters = [
        CaseFilter("year", "年份", "全部年份",
                   [(y, f"{y} 年", by_year[y]) for y in sorted(by_year, reverse=True)]),
        CaseFilter("type", "违规类型", "全部类型",
                   [(t.value, t.value, by_type[t.value]) for t in m.ViolationType if t.value in by_type]
                   + ([(NOT_STATED_WORD, NOT_STATED_WORD, by_type[NOT_STATED_WORD])]
                      if NOT_STATED_WORD in by_type else [])),
        CaseFilter("dept", "相关单位", "全部单位",
                   [(d.id, d.name, by_dept[d.id]) for d in content.departments.values() if d.id in by_dept]),
    ]
    return bulletins, filters


@dataclass(slots=True)
class DataSource:
    """One row of the about page's 数据来源 table: what the site shows, who keeps it, how many."""

    what: str
    page: str  # docs path of the page that shows it
    keepers: list[m.Department]
    origin: str
    count: int


def about_view(content: Content) -> list[DataSource]:
    """Where each kind of published fact comes from; keepers in departments-file order."""
    def keepers(ids: set[str]) -> list[m.Department]:
        return [d for d in content.departments.values() if d.id in ids]

    edition = content.current.info
    office = {content.office.id}
    issuers = list(dict.fromkeys(b.issuer for b in content.bulletins))
    return [
        DataSource("负面清单事项", urls.LIST, keepers(office),
                   edition.title + (f"（{edition.document}）" if edition.document else ""),
                   len(content.current.items)),
        DataSource("政务服务事项和编码对应关系", urls.MAPPING,
                   keepers({s.department for s in content.service_items.values()}),
                   "各实施单位的政务服务事项目录（基本编码、实施编码）", len(content.service_items)),
        DataSource("办事指南", urls.GUIDES, keepers({g.department for g in content.guides.values()}),
                   "各实施单位编制并核对的办事指南", len(content.guides)),
        DataSource("示范文本", urls.MODEL_TEXTS,
                   keepers({t.department for t in content.model_texts.values()}),
                   "各单位发布的示范文本", len(content.model_texts)),
        DataSource("违规案例通报", urls.CASES, keepers(office),
                   "、".join(issuers) + "发布的通报" if issuers else "—", len(content.cases)),
        DataSource("投诉线索和整改台账", urls.COMPLAINTS_LEDGER, keepers(office),
                   "投诉渠道收到的问题线索（已去除个人信息）和整改任务",
                   len(content.clues) + len(content.tasks)),
    ]


def working_group(content: Content) -> list[m.Department]:
    """Members in file order, lead units first (the notice names them first)."""
    members = [d for d in content.departments.values() if d.working_group]
    return [d for d in members if d.lead] + [d for d in members if not d.lead]


# --- renderers ---------------------------------------------------------------------


def home(content: Content) -> Iterable[Output]:
    yield Output(urls.HOME, render_page(
        "site/home.md.j2", urls.HOME, site=content.site, edition=content.current.info,
        counts=category_counts(content), total=len(content.current.items),
        count_line=count_line(content.current), complete=content.current.info.complete,
        figures=[("政务服务事项", len(content.service_items)), ("办事指南", len(content.guides)),
                 ("示范文本", len(content.model_texts)), ("违规案例", len(content.cases))],
        bulletins=content.bulletins[:LATEST_BULLETINS], sections=SECTIONS, reports=REPORTS,
        build_date=content.build_date,
    ))


def the_list(content: Content) -> Iterable[Output]:
    yield Output(urls.LIST, render_page(
        "site/list.md.j2", urls.LIST, county=content.site.county, edition=content.current.info, groups=list_view(content),
        total=len(content.current.items),
        count_line=count_line(content.current), scope=excerpt_scope(content.current),
    ))


def mapping(content: Content) -> Iterable[Output]:
    yield Output(urls.MAPPING, render_page(
        "site/mapping.md.j2", urls.MAPPING, edition=content.current.info,
        rows=content.facts.mapping, unmapped=content.facts.unmapped,
    ))


def cases(content: Content) -> Iterable[Output]:
    bulletins, filters = cases_view(content)
    yield Output(urls.CASES, render_page(
        "site/cases.md.j2", urls.CASES, bulletins=bulletins, filters=filters,
        total=sum(len(b.cases) for b in bulletins), feed_path=urls.FEED,
    ))


def complaint(content: Content) -> Iterable[Output]:
    yield Output(urls.COMPLAINT, render_page(
        "site/complaint.md.j2", urls.COMPLAINT, site=content.site, channel=content.site.complaint,
        office=content.office,
    ))


def about(content: Content) -> Iterable[Output]:
    yield Output(urls.ABOUT, render_page(
        "site/about.md.j2", urls.ABOUT, site=content.site, sources=about_view(content),
        edition=content.current.info, build_date=content.build_date,
    ))


def working_group_page(content: Content) -> Iterable[Output]:
    yield Output(urls.WORKING_GROUP, render_page(
        "site/working-group.md.j2", urls.WORKING_GROUP, site=content.site,
        members=working_group(content),
    ))


def open_data(content: Content) -> Iterable[Output]:
    yield Output(urls.OPEN_DATA, render_page(
        "site/open-data.md.j2", urls.OPEN_DATA, site=content.site, edition=content.current.info,
        datasets=exports.DATASETS, formats=exports.FORMATS, separator=exports.LIST_SEPARATOR,
        feed_path=urls.FEED, build_date=content.build_date,
    ))


def export_files(content: Content) -> Iterable[Output]:
    for path, data in exports.export_files(content):
        yield Output(path, data)


RENDERERS = [home, the_list, mapping, cases, feed, complaint, about, working_group_page, open_data, export_files]
