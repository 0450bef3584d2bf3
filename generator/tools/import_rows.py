"""The sheets of a table -> one draft per list item or service item, and every bad cell.

Takes the sheets (`sheets.read_sheets`), the kind of table and the code shapes; gives
`Reading`: the drafts in sheet order (each field's value, the cell it came from, which
fields the sheet states) and the problems as `file.xlsx!Sheet!C12: 中文 / English`.

Shapes real tables have: title rows above the header; 一、禁止准入类 / （一）农、林、牧、渔业
heading rows (often merged across the table); measures numbered ①②③ in one cell, or one
row a measure under merged (or blank, or repeated) 项目号/事项/编码 cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator import model as m
from generator.problems import Problem
from generator.tools.import_columns import (
    LIST,
    LIST_KEYS,
    MAPPING,
    BadCell,
    Column,
    Kind,
    Rules,
    normal_header,
    parse_category,
    required_column,
)
from generator.tools.sheets import Cell, Sheet, column_letter, read_sheets

HEADER_ROWS = 30  # the header row is looked for among the first rows (titles may stand above it)


# --- reading the sheets ----------------------------------------------------------------


@dataclass(slots=True)
class Draft:
    """One entry as read: its values by field, where each came from, the rows it spans."""

    values: dict[str, object] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)  # field -> reference of its first cell
    stated: set[str] = field(default_factory=set)  # fields the sheet states (a blank cell states "nothing")
    defaults: dict[str, object] = field(default_factory=dict)  # given by the command, for a new entry only
    keys: dict[str, str] = field(default_factory=dict)  # the key cells' text as typed (项目号, 事项, 编码)
    absent: dict[str, str] = field(default_factory=dict)  # field -> header of a column the sheet lacks
    # (measures read from one row, that row's text in each per-measure column by the measure's field)
    measure_rows: list[tuple[list[dict], dict[str, str]]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    sheet: Sheet | None = None
    first_cell: str = ""


@dataclass(slots=True)
class Reading:
    drafts: list[Draft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def bad(self, ref: str, zh: str, en: str) -> None:
        self.problems.append(Problem(ref, 0, 0, "", zh, en))


def _header(sheet: Sheet, kind: Kind) -> tuple[int, dict[int, Column]] | None:
    """(row number, column number -> Column) of the first row naming at least two known columns."""
    names = {normal_header(name): column for column in kind.columns for name in (column.header, *column.aliases)}
    for row in sheet.rows[:HEADER_ROWS]:
        found = {cell.column: names[normal_header(cell.text)] for cell in row
                 if cell.origin and normal_header(cell.text) in names}
        if len(found) >= 2:
            return row[0].row, found
    return None


def _columns(sheet: Sheet, kind: Kind, reading: Reading) -> tuple[int, dict[int, Column]] | None:
    found = _header(sheet, kind)
    if found is None:
        return None
    row, columns = found
    seen: dict[str, int] = {}
    for number, column in sorted(columns.items()):
        if column.header in seen:
            reading.bad(sheet.ref(row, number), f"“{column.header}”列重复（已在 {sheet.ref(row, seen[column.header])}）",
                        f"the column '{column.header}' appears twice (already at {sheet.ref(row, seen[column.header])})")
        seen.setdefault(column.header, number)
    missing = [column.header for column in kind.columns if column.header not in seen and required_column(kind, column)]
    for header in missing:
        reading.bad(sheet.ref(row, 1), f"表头缺少“{header}”列", f"the header row lacks the column '{header}'")
    ignored = [cell.text.strip() for cell in sheet.rows[row - 1]
               if cell.origin and cell.text.strip() and cell.column not in columns]
    if ignored:
        reading.notices.append(f"{sheet.ref(row, 1)}: 未导入的列 / columns not imported: {'、'.join(ignored)}")
    return None if missing else (row, columns)


def _absent(kind: Kind, columns: dict[int, Column]) -> dict[str, str]:
    present = {column.field for column in columns.values()}
    return {c.field: c.header for c in kind.columns if c.field and c.field not in present}


def _cell(row: tuple[Cell, ...], number: int) -> Cell | None:
    return row[number - 1] if number <= len(row) else None


def _spans_columns(sheet: Sheet, row: tuple[Cell, ...], columns: dict[int, Column], reading: Reading) -> bool:
    """A merged cell across two imported columns leaves one of them without its own value."""
    bad = False
    for cell in row:
        if cell.origin and cell.merged and cell.merged[3] > cell.merged[1] and cell.text.strip():
            inside = [columns[c].header for c in range(cell.merged[1], cell.merged[3] + 1) if c in columns]
            if len(inside) > 1:
                zh, en = "”“".join(inside), "', '".join(inside)
                reading.bad(sheet.ref(cell.row, cell.column),
                            f"合并单元格 {_span(cell)} 跨越了“{zh}”几列：请取消合并，每列各自填写",
                            f"the merged cell {_span(cell)} spans the columns '{en}': "
                            "unmerge it and fill each column's own cell")
                bad = True
    return bad


def _span(cell: Cell) -> str:
    r1, c1, r2, c2 = cell.merged  # type: ignore[misc]
    return f"{column_letter(c1)}{r1}:{column_letter(c2)}{r2}"


_CATEGORY_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")
_SECTOR_HEADING = re.compile(r"^\s*[（(]\s*[一二三四五六七八九十]+\s*[)）]\s*")
_NOTE = re.compile(r"^\s*(注|备注|说明)\s*[:：\d１-９]")


def _single(row: tuple[Cell, ...]) -> Cell | None:
    """The one cell a heading row holds (itself or merged across the row), else None."""
    filled = [cell for cell in row if cell.text.strip()]
    origins = {cell.merged[:2] if cell.merged else (cell.row, cell.column) for cell in filled}
    if len(origins) != 1:
        return None
    return next((cell for cell in filled if cell.origin), filled[0])


@dataclass(slots=True)
class _Section:
    category: str | None = None
    sector: str | None = None
    sectors_given: bool = False  # the sheet gives sectors by heading: an item under none has none


def _heading(sheet: Sheet, row: tuple[Cell, ...], keys: set[int], section: _Section, reading: Reading,
             rules: Rules) -> bool:
    """Whether the row is a heading (category, sector) or a note; updates the section."""
    cell = _single(row)
    if cell is None:
        return False
    wide = bool(cell.merged and cell.merged[3] > cell.merged[1])
    if not wide and cell.column not in keys:
        return False
    text = cell.text.strip()
    ref = sheet.ref(cell.row, cell.column)
    if _NOTE.match(text):
        reading.notices.append(f"{ref}: 说明行，未导入 / a note, not imported: {text[:40]}")
        return True
    if _SECTOR_HEADING.match(text) or (wide and section.category == m.Category.PERMITTED.value
                                       and "准入类" not in text and not _CATEGORY_HEADING.match(text)):
        section.sector = _SECTOR_HEADING.sub("", text).strip()
        section.sectors_given = True
        return True
    if _CATEGORY_HEADING.match(text) or "准入类" in text:
        try:
            section.category = parse_category(text, rules)
        except BadCell as exc:
            reading.bad(ref, exc.zh, exc.en)
            section.category = None
        section.sector = None
        return True
    if wide:
        reading.bad(ref, f"不认识的标题行 “{text[:40]}”：类别写作“一、禁止准入类”“二、许可准入类”，行业写作“（一）农、林、牧、渔业”",
                    f"not a heading this import knows: '{text[:40]}' (categories read 一、禁止准入类 / "
                    "二、许可准入类, sectors （一）农、林、牧、渔业)")
        return True
    return False


def _read(sheet: Sheet, cell: Cell | None, column: Column, rules: Rules, reading: Reading) -> tuple[bool, object]:
    """(stated, value): a blank cell states nothing; a bad one is reported."""
    text = cell.text.strip() if cell is not None else ""
    if not text:
        return False, None
    if cell.formula:  # type: ignore[union-attr]
        reading.bad(sheet.ref(cell.row, cell.column), f"单元格是公式（{text}）：请复制后“选择性粘贴为数值”再导入",  # type: ignore[union-attr]
                    f"the cell holds a formula ({text}): paste it as values before importing")
        return False, None
    try:
        return True, column.parse(text, rules)
    except BadCell as exc:
        reading.bad(sheet.ref(cell.row, cell.column), exc.zh, exc.en)  # type: ignore[union-attr]
        return False, None


def _add(draft: Draft, name: str, value: object) -> None:
    """A repeating field: the row's values join the entry's (a value is not repeated)."""
    values = draft.values.setdefault(name, [])
    for one in value:  # type: ignore[attr-defined]
        if one not in values:
            values.append(one)  # type: ignore[attr-defined]


def _across_items(sheet: Sheet, cell: Cell, row: int, what_zh: str, what_en: str, reading: Reading) -> None:
    reading.bad(sheet.ref(row, cell.column), f"合并单元格 {_span(cell)} 跨越了不止一个事项：{what_zh}",
                f"the merged cell {_span(cell)} spans more than one item: {what_en}")


def _merged_from(cell: Cell | None, rows: list[int]) -> bool:
    """Whether the cell repeats a merged range that began in one of `rows`."""
    return cell is not None and not cell.origin and cell.merged is not None and cell.merged[0] in rows


def _continues(current: Draft | None, key_cells: dict[str, Cell | None]) -> bool:
    """A row adds to the item above when each of its key cells is blank, merged from above or
    the same text: the shapes of one row a measure."""
    return current is not None and all(
        cell is None or not cell.text.strip() or not cell.origin or cell.text.strip() == current.keys.get(name)
        for name, cell in key_cells.items())


def _new_item(sheet: Sheet, row: int, key_cells: dict[str, Cell | None], columns: dict[int, Column],
              by_field: dict[str, int], section: _Section, rules: Rules, reading: Reading) -> Draft:
    draft = Draft(sheet=sheet, first_cell=sheet.ref(row, min(columns)), absent=_absent(LIST, columns))
    for name, cell in key_cells.items():
        if cell is not None and not cell.origin and cell.merged and cell.merged[0] < row:
            _across_items(sheet, cell, row, "请取消合并，每个事项各自填写", "unmerge it and fill each item's own cell",
                          reading)
        stated, value = _read(sheet, cell, columns[by_field[name]], rules, reading)
        draft.keys[name] = cell.text.strip() if cell is not None else ""
        draft.cells[name] = sheet.ref(row, by_field[name])
        draft.stated.add(name)
        if stated:
            draft.values[name] = value
    if "category" not in by_field and section.category is not None:
        draft.values["category"] = section.category
        draft.stated.add("category")
    # Sector headings stand in the 许可准入类 part; a prohibited item has no sector to state.
    if "sector" not in by_field and section.sectors_given and section.category == m.Category.PERMITTED.value:
        draft.stated.add("sector")
        if section.sector is not None:
            draft.values["sector"] = section.sector
    return draft


def _add_row(sheet: Sheet, row: tuple[Cell, ...], draft: Draft, columns: dict[int, Column], rules: Rules,
             reading: Reading) -> None:
    """The row's measures, authorities… join its item."""
    number = row[0].row
    draft.rows.append(number)
    measures: list[dict] = []
    per_measure: dict[str, str] = {}
    for column_number, column in columns.items():
        name = column.field
        if name is None or name in LIST_KEYS:
            continue
        cell = _cell(row, column_number)
        draft.cells.setdefault(name, sheet.ref(number, column_number))
        draft.stated.add(name)
        if column.per_measure and cell is not None and cell.text.strip():
            per_measure[column.per_measure] = cell.text.strip()  # merged down or not: this row's
        if _merged_from(cell, draft.rows[:-1]):
            continue  # merged down from a row of this item: read there
        if name == "measures" and cell is not None and not cell.origin and cell.merged \
                and cell.merged[0] < draft.rows[0]:
            _across_items(sheet, cell, number, "一条措施只能属于一个事项", "a measure belongs to one item only",
                          reading)
            continue
        stated, value = _read(sheet, cell, column, rules, reading)
        if stated and name == "measures":
            measures = value  # type: ignore[assignment]
        if stated and column.repeats:
            _add(draft, name, value)
        elif stated:
            draft.values.setdefault(name, value)
    if measures:
        draft.measure_rows.append((measures, per_measure))


def _per_measure(draft: Draft) -> None:
    """One row a measure, each with its own 主管部门: the source states it per measure.

    Each measure then carries its row's text as written (where the content model has the
    field), and the item-level list is not stated."""
    fields = {c.per_measure: c.field for c in LIST.columns if c.per_measure in m.Measure.model_fields}
    if len(draft.measure_rows) < 2 or not fields:
        return
    for own, item_field in fields.items():
        if not any(own in given for _, given in draft.measure_rows):
            continue
        for measures, given in draft.measure_rows:
            for measure in measures:
                if own in given:
                    measure[own] = given[own]
        draft.values.pop(item_field, None)


def _read_list(sheet: Sheet, rules: Rules, reading: Reading) -> None:
    found = _columns(sheet, LIST, reading)
    if found is None:
        return
    header_row, columns = found
    by_field = {column.field: number for number, column in columns.items() if column.field}
    keys = {by_field[f] for f in LIST_KEYS if f in by_field} | {min(columns)}
    section = _Section()
    current: Draft | None = None
    for row in sheet.rows[header_row:]:
        if not any(cell.text.strip() for cell in row):
            continue
        if _heading(sheet, row, keys, section, reading, rules):
            current = None
            continue
        if _spans_columns(sheet, row, columns, reading):
            continue
        key_cells = {f: _cell(row, by_field[f]) for f in LIST_KEYS if f in by_field}
        if not _continues(current, key_cells):
            current = _new_item(sheet, row[0].row, key_cells, columns, by_field, section, rules, reading)
            reading.drafts.append(current)
        _add_row(sheet, row, current, columns, rules, reading)  # type: ignore[arg-type]


def _read_mapping(sheet: Sheet, rules: Rules, department: str, reading: Reading,
                  by_code: dict[str, Draft]) -> None:
    found = _columns(sheet, MAPPING, reading)
    if found is None:
        return
    header_row, columns = found
    by_field = {column.field: number for number, column in columns.items() if column.field}
    unmapped = 0
    for row in sheet.rows[header_row:]:
        if not any(cell.text.strip() for cell in row):
            continue
        if _spans_columns(sheet, row, columns, reading):
            continue
        single = _single(row)
        if single is not None and single.merged and single.merged[3] > single.merged[1]:
            reading.notices.append(f"{sheet.ref(single.row, single.column)}: 标题行，未导入 / a heading, "
                                   f"not imported: {single.text.strip()[:40]}")
            continue
        number = row[0].row
        values, cells = {}, {}
        for name, column_number in by_field.items():
            stated, value = _read(sheet, _cell(row, column_number), columns[column_number], rules, reading)
            cells[name] = sheet.ref(number, column_number)
            if stated:
                values[name] = value
        if "service_code" not in values:
            if "list_items" in values and cells["service_code"] not in {p.path for p in reading.problems}:
                unmapped += 1
            continue
        codes = values.pop("service_code")
        basic = codes.get("basic_code") or codes["implementation_code"]
        draft = by_code.get(basic)
        if draft is None:
            draft = by_code[basic] = Draft(sheet=sheet, first_cell=cells["service_code"],
                                           absent=_absent(MAPPING, columns))
            draft.values.update(codes)
            draft.values["list_items"] = []
            draft.stated.update(codes)
            draft.stated.update({"name", "level", "type", "list_items"} & by_field.keys())
            reading.drafts.append(draft)
        elif None not in (known := draft.values.get("implementation_code"), codes.get("implementation_code")) \
                and known != codes["implementation_code"]:
            reading.bad(cells["service_code"], f"同一政务服务事项的实施编码与 {draft.cells['service_code']} 不同",
                        f"the same service item has another implementation code at {draft.cells['service_code']}")
        else:
            draft.values.update(codes)
        draft.rows.append(number)
        for name, value in values.items():
            draft.cells.setdefault(name, cells[name])
            if name == "list_items":
                _add(draft, name, [value])
            elif name in draft.values and draft.values[name] != value:
                reading.bad(cells[name], f"同一政务服务事项在 {draft.cells[name]} 写的是 “{draft.values[name]}”，这里是 “{value}”",
                            f"the same service item reads '{draft.values[name]}' at {draft.cells[name]} and "
                            f"'{value}' here")
            else:
                draft.values[name] = value
        draft.cells.setdefault("service_code", cells["service_code"])
        draft.defaults["department"] = department
    if unmapped:
        reading.notices.append(f"{sheet.file}: {unmapped} 行没有政务服务事项编码（该清单事项尚无对应事项），未导入 / "
                               f"{unmapped} row(s) without a service item code, not imported")


def read_table(raw: bytes, file: str, kind: str, rules: Rules, department: str = "") -> Reading:
    """Every sheet with the kind's header row -> drafts, one per entry, with every bad cell."""
    reading = Reading()
    sheets, problems = read_sheets(raw, file)
    reading.problems += problems
    table = LIST if kind == "list" else MAPPING
    by_code: dict[str, Draft] = {}
    read_any = False
    for sheet in sheets:
        if sheet.hidden:
            reading.notices.append(f"{sheet.ref(1, 1)}: 隐藏的工作表，未导入 / a hidden sheet, not imported")
            continue
        if _header(sheet, table) is None:
            reading.notices.append(f"{sheet.ref(1, 1)}: 没有表头，未导入 / no header row, not imported")
            continue
        read_any = True
        if kind == "list":
            _read_list(sheet, rules, reading)
        else:
            _read_mapping(sheet, rules, department, reading, by_code)
    sheets = [sheet for sheet in sheets if not sheet.hidden]
    if sheets and not read_any:
        wanted = "、".join(c.header for c in table.columns if c.required is not False)  # the published columns
        reading.bad(sheets[0].ref(1, 1), f"找不到表头：前 {HEADER_ROWS} 行中没有一行写着 {wanted} 等列名",
                    f"no header row: none of the first {HEADER_ROWS} rows names the columns {wanted}")
    if kind == "list":
        _duplicates(reading)
        for draft in reading.drafts:
            _per_measure(draft)
    return reading


def _duplicates(reading: Reading) -> None:
    first: dict[str, Draft] = {}
    for draft in reading.drafts:
        code = draft.values.get("code")
        if not isinstance(code, str):
            continue
        if code in first:
            seen = first[code].cells["code"]
            reading.bad(draft.cells["code"], f"事项编码 “{code}” 重复（已在 {seen}）",
                        f"duplicate item code '{code}' (already at {seen})")
        else:
            first[code] = draft
