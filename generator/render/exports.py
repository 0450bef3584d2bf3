"""Data exports for the provincial evaluation platform: Content -> bytes.

Takes the validated `Content`; gives the bytes of each export file (JSON, CSV,
XLSX) for five datasets: list items, code mapping, guides, violation cases and the
correspondence report.

- JSON holds the content graph's own values (pydantic's JSON dump), nothing lost.
- CSV and XLSX hold one flat table per dataset with stable English column names;
  the Chinese meaning of each column is in `DATASETS` and shown on the open-data page.
  CSV is UTF-8 with a BOM so that Excel opens Chinese text correctly.
- Every file depends only on the content and the build date, so two builds of
  the same content are byte-identical (XLSX timestamps are pinned to the build date).
- JSON has one record a line; XLSX is written by `generator/render/xlsx.py`, not openpyxl (speed).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from generator import model as m
from generator.model.content import Content
from generator.model.types import NOT_STATED_WORD, is_stated
from generator.render import urls, xlsx

LIST_SEPARATOR = "；"  # joins list values in one CSV/XLSX cell (a Chinese semicolon)
FORMATS = ("json", "csv", "xlsx")


@dataclass(frozen=True, slots=True)
class Column:
    name: str  # stable English column name, never renamed
    label: str  # Chinese meaning, documented on the open-data page
    value: Callable[[object], object]


@dataclass(frozen=True, slots=True)
class Dataset:
    name: str  # file stem: exports/<name>.json|csv|xlsx
    title: str  # Chinese title
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[Content], list]  # the entities (or row objects) of the table
    records: Callable[[Content], list]  # the JSON payload's "records": models or plain dicts


def _cell(value: object) -> str | int:
    """One table cell: lists joined, booleans as true/false, dates ISO, None empty."""
    if value.__class__ is str:  # most cells: the fast path
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _of(value, then):
    """`then(value)`, or 未注明 when the source left the field blank (an export states no default)."""
    return then(value) if is_stated(value) else NOT_STATED_WORD


# --- the four datasets ---------------------------------------------------------------


def _items(content: Content) -> list[m.ListItem]:
    return list(content.current.items.values())


def _department_name(content: Content, dept_id: str | None) -> str | None:
    department = content.departments.get(dept_id) if dept_id else None
    return department.name if department else None


# Rows of the flat tables (CSV, XLSX) carry the human names beside the codes: a reader of
# guides.csv should not need departments.json to know who 'scjgj' is.
@dataclass(frozen=True, slots=True)
class ItemRow:
    item: m.ListItem
    unit_names: tuple[str, ...]


def _item_rows(content: Content) -> list[ItemRow]:
    return [ItemRow(i, tuple(_department_name(content, d) or d for d in i.responsible_units))
            for i in content.current.items.values()]


@dataclass(frozen=True, slots=True)
class GuideRow:
    guide: m.Guide
    service_item_name: str | None
    department_name: str | None


def _guide_rows(content: Content) -> list[GuideRow]:
    return [GuideRow(g, content.service_items[g.service_item].name if g.service_item in content.service_items else None,
                     _department_name(content, g.department)) for g in content.guides.values()]


@dataclass(frozen=True, slots=True)
class CaseRow:
    bulletin: m.Bulletin
    case: m.ViolationCase
    list_item_name: str | None = None
    department_name: str | None = None


def _cases(content: Content) -> list[CaseRow]:
    def item_name(code: str | None) -> str | None:
        item = content.item_in_any_edition(code) if code else None
        return item.name if item else None

    return [CaseRow(bulletin, case, item_name(case.list_item), _department_name(content, case.department))
            for bulletin in content.bulletins for case in bulletin.cases]


MAPPING_COLUMNS: tuple[Column, ...] = (
    Column("list_item_code", "清单事项编码", lambda r: str(r.item.code)),
    Column("list_item_name", "清单事项名称", lambda r: r.item.name),
    Column("service_item_basic_code", "政务服务事项基本编码", lambda r: str(r.service_item.basic_code)),
    Column("service_item_implementation_code", "政务服务事项实施编码",
           lambda r: r.service_item.implementation_code),
    Column("service_item_name", "政务服务事项名称", lambda r: r.service_item.name),
    Column("service_item_type", "事项类型代码（GB/T 39046）", lambda r: str(r.service_item.type.value) if is_stated(r.service_item.type) else "未注明"),
    Column("power_list_code", "行政权力清单编码", lambda r: r.service_item.power_list_code),
    Column("license_item_code", "行政许可事项编码", lambda r: r.service_item.license_item_code),
    Column("department", "实施单位标识", lambda r: r.service_item.department),
    Column("department_name", "实施单位", lambda r: r.department.name if r.department else None),
    Column("has_guide", "是否已发布办事指南（true/false）", lambda r: r.has_guide),
)


def _datasets() -> tuple[Dataset, ...]:
    return (
        Dataset(
            "items", "清单事项", "现行版本市场准入负面清单的全部事项及县级责任主体",
            (
                Column("number", "项目号", lambda r: str(r.item.number)),
                Column("code", "事项编码", lambda r: str(r.item.code)),
                Column("name", "禁止或许可事项", lambda r: r.item.name),
                Column("category", "类别（禁止准入类/许可准入类）", lambda r: r.item.category.value),
                Column("sector", "行业", lambda r: r.item.sector),
                Column("measures", "禁止或许可准入措施（多条以“；”分隔）", lambda r: [x.text for x in r.item.measures]),
                Column("authorities", "国家层面主管部门", lambda r: r.item.authorities),
                Column("responsible_units", "县级责任主体（单位标识）", lambda r: r.item.responsible_units),
                Column("responsible_unit_names", "县级责任主体（单位名称）", lambda r: r.unit_names),
                Column("management_authority", "管理权限", lambda r: r.item.management_authority),
                Column("task_division", "任务分工", lambda r: r.item.task_division),
                Column("legal_basis", "设立依据", lambda r: r.item.legal_basis),
                Column("sample", "是否示例数据（true/false）", lambda r: r.item.sample),
            ),
            _item_rows,
            _items,
        ),
        Dataset(
            "mapping", "编码对应关系", "清单事项编码与政务服务事项、行政权力清单、行政许可事项编码的对应关系",
            MAPPING_COLUMNS,
            lambda c: c.facts.mapping,
            lambda c: [{column.name: column.value(r) for column in MAPPING_COLUMNS} for r in c.facts.mapping],
        ),
        Dataset(
            "guides", "办事指南", "各政务服务事项的办事指南（完整内容见 JSON）",
            (
                Column("service_item", "政务服务事项基本编码", lambda r: r.guide.service_item),
                Column("service_item_name", "政务服务事项名称", lambda r: r.service_item_name),
                Column("department", "实施单位标识", lambda r: r.guide.department),
                Column("department_name", "实施单位", lambda r: r.department_name),
                Column("handling", "办理项", lambda r: r.guide.handling.kind.value if r.guide.handling else None),
                Column("case_type", "办件类型", lambda r: _of(r.guide.case_type, lambda v: v.value)),
                Column("legal_time_limit", "法定办结时限（天）",
                       lambda r: _of(r.guide.legal_time_limit, lambda t: t.value)),
                Column("legal_time_limit_unit", "法定时限单位",
                       lambda r: _of(r.guide.legal_time_limit, lambda t: _of(t.unit, lambda u: u.value))),
                Column("promised_time_limit", "承诺办结时限（天）",
                       lambda r: _of(r.guide.promised_time_limit, lambda t: t.value)),
                Column("promised_time_limit_unit", "承诺时限单位",
                       lambda r: _of(r.guide.promised_time_limit, lambda t: _of(t.unit, lambda u: u.value))),
                Column("materials", "申请材料名称", lambda r: _of(r.guide.materials, lambda ms: [x.name for x in ms])),
                Column("charged", "是否收费（true/false）", lambda r: _of(r.guide.fees, lambda f: f.charged)),
                Column("online_level", "网办深度", lambda r: _of(r.guide.online, lambda o: o.level.value)),
                Column("visits", "到办事现场次数", lambda r: r.guide.visits),
                Column("office_address", "办理地点", lambda r: _of(r.guide.office, lambda o: o.address)),
                Column("enquiry_phones", "咨询电话", lambda r: _of(r.guide.phones, lambda p: p.enquiry)),
                Column("reviewed_date", "最近核对日期", lambda r: r.guide.reviewed.date if r.guide.reviewed else None),
                Column("reviewed_edition", "核对所依据的清单版本",
                       lambda r: r.guide.reviewed.edition if r.guide.reviewed else None),
                Column("sample", "是否示例数据（true/false）", lambda r: r.guide.sample),
            ),
            _guide_rows,
            lambda c: list(c.guides.values()),
        ),
        Dataset(
            "cases", "违规案例", "违规案例通报中的全部案例（JSON 按通报分组）",
            (
                Column("id", "案例标识", lambda r: r.case.id),
                Column("bulletin", "所属通报标识", lambda r: r.bulletin.id),
                Column("bulletin_date", "通报日期", lambda r: r.bulletin.date),
                Column("date", "发生或查实日期", lambda r: r.case.date),
                Column("title", "标题", lambda r: r.case.title),
                Column("locality", "地区", lambda r: r.case.locality),
                Column("unit", "涉事单位", lambda r: r.case.unit),
                Column("violation_type", "违规类型", lambda r: str(r.case.violation_type)),
                Column("facts", "违规事实", lambda r: r.case.facts),
                Column("handling", "处理和整改情况", lambda r: r.case.handling),
                Column("list_item", "相关清单事项编码", lambda r: r.case.list_item),
                Column("list_item_name", "相关清单事项名称", lambda r: r.list_item_name),
                Column("department", "相关县直单位标识", lambda r: r.case.department),
                Column("department_name", "相关县直单位", lambda r: r.department_name),
                Column("sample", "是否示例数据（true/false）", lambda r: r.case.sample),
            ),
            _cases,
            lambda c: c.bulletins,
        ),
        Dataset(
            "correspondence", "事项衔接核查", "每个许可准入类事项与政务服务事项、行政权力清单、行政许可事项的对应状态",
            CORRESPONDENCE_COLUMNS,
            _correspondence_rows,
            lambda c: [{col.name: _cell(col.value(r)) for col in CORRESPONDENCE_COLUMNS}
                       for r in _correspondence_rows(c)],
        ),
    )


def _correspondence_rows(content: Content) -> list[tuple]:
    """(report row, service item or None): one line per item × implementing service item."""

    return [(row, service, _department_name(content, service.department) if service else None)
            for row in content.facts.correspondence.rows for service in (row.service_items or (None,))]


def _of_service(attribute: str) -> Callable[[tuple], object]:
    return lambda r: getattr(r[1], attribute) if r[1] is not None else None


CORRESPONDENCE_COLUMNS = (
    Column("item_code", "清单事项编码", lambda r: str(r[0].item.code)),
    Column("item_name", "清单事项名称", lambda r: r[0].item.name),
    Column("status", "衔接状态（一一对应/缺失/一对多/多对一）", lambda r: r[0].status),
    Column("flags", "缺口标记", lambda r: list(r[0].flags)),
    Column("basic_code", "政务服务事项基本编码", _of_service("basic_code")),
    Column("implementation_code", "政务服务事项实施编码", _of_service("implementation_code")),
    Column("service_item_name", "政务服务事项名称", _of_service("name")),
    Column("department", "实施单位标识", _of_service("department")),
    Column("department_name", "实施单位", lambda r: r[2]),
    Column("power_list_code", "行政权力清单编码", _of_service("power_list_code")),
    Column("license_item_code", "行政许可事项编码", _of_service("license_item_code")),
)


DATASETS: tuple[Dataset, ...] = _datasets()


def dataset(name: str) -> Dataset:
    return next(d for d in DATASETS if d.name == name)


def table(content: Content, ds: Dataset) -> list[list[str | int]]:
    """The dataset as rows of cells, header first (what CSV and XLSX both hold)."""
    out: list[list[str | int]] = [[c.name for c in ds.columns]]
    for row in ds.rows(content):
        out.append([_cell(column.value(row)) for column in ds.columns])
    return out


# --- the three formats ---------------------------------------------------------------


def to_json(content: Content, ds: Dataset) -> bytes:
    """The envelope, then one record a line.

    Each record is one call of a compiled encoder (pydantic's for models, json's C encoder for
    dicts); `indent` would force json's pure-Python encoder, 6x slower at benchmark scale 10.
    One record a line still diffs well between two builds.
    """
    envelope = {
        "dataset": ds.name,
        "title": ds.title,
        "county": content.site.county,
        "edition": content.current.id,
        "as_of": content.build_date.isoformat(),
    }
    records = [_json(record) for record in ds.records(content)]
    lines = ["{", *(f" {_json(key)}: {_json(value)}," for key, value in envelope.items()), ' "records": [']
    if records:
        lines.append(",\n".join(records))
    lines += [" ]", "}", ""]
    return "\n".join(lines).encode("utf-8")


def _json(value: object) -> str:
    if isinstance(value, BaseModel):
        # pydantic's own encoder: the same text as json.dumps(model_dump(mode="json")), 2x faster
        return value.model_dump_json()
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def to_csv(content: Content, ds: Dataset) -> bytes:
    return _csv(table(content, ds))


def to_xlsx(content: Content, ds: Dataset) -> bytes:
    return _xlsx(content, ds, table(content, ds))


# A CSV cell starting with one of these is read as a formula by a spreadsheet (= in LibreOffice,
# all of them in Excel): "=HYPERLINK(…)" or a DDE call would run when the file is opened.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str | int) -> str | int:
    """A CSV cell that no spreadsheet reads as a formula: text starting with = + - @ tab or CR
    gets a leading single quote, as OWASP's "CSV Injection" page recommends. Numbers stay
    numbers (a negative count is a number, not a formula); a text such as "-200 元" gets the quote."""
    if cell.__class__ is str and cell.startswith(FORMULA_TRIGGERS):
        return "'" + cell
    return cell


def _csv(rows: list[list[str | int]]) -> bytes:
    buffer = io.StringIO(newline="")
    # Every cell quoted, and neutralised: OWASP's two rules for CSV meant for spreadsheets.
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    # The BOM tells Excel the file is UTF-8; without it Chinese shows as mojibake.
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def _xlsx(content: Content, ds: Dataset, rows: list[list[str | int]]) -> bytes:
    # Text is written as text, never as a formula, so a cell starting with "=" stays text.
    return xlsx.workbook(rows, sheet_name=ds.name, title=ds.title, creator=content.site.site_name,
                         date=content.build_date)


def export_files(content: Content) -> Iterator[tuple[str, bytes]]:
    """Every export: (docs-relative path, bytes), e.g. ("exports/items.csv", b"...")."""
    for ds in DATASETS:
        rows = table(content, ds)  # CSV and XLSX hold the same table: build it once
        files = {"json": to_json(content, ds), "csv": _csv(rows), "xlsx": _xlsx(content, ds, rows)}
        for fmt in FORMATS:
            yield urls.export(ds.name, fmt), files[fmt]
