"""A spreadsheet as counties receive it -> sheets of cells that know where they stand.

Takes the bytes of an XLSX or CSV file and the name to show; gives its sheets (each a
grid of `Cell`s: the text as typed, its A1 reference, whether it is a formula, the
merged range it belongs to) or the problem that stopped reading. Nothing here knows
what the columns mean.

openpyxl reads XLSX: it gives merged ranges and formulas, which a table import must see
(a formula's value is whatever Excel last computed, and a merged cell holds its value
only in its top-left corner). CSV is UTF-8, with or without a BOM; GBK is named as such.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from generator.load.yaml_source import decode_utf8
from generator.problems import Problem

Range = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col (1-based, inclusive)


@dataclass(frozen=True, slots=True)
class Cell:
    row: int  # 1-based
    column: int  # 1-based
    text: str  # "" when blank; a merged range's other cells repeat its top-left text
    formula: bool = False
    merged: Range | None = None
    origin: bool = True  # False for every cell of a merged range but its top-left one


@dataclass(frozen=True, slots=True)
class Sheet:
    file: str  # the file's name as shown in messages
    name: str | None  # None for a CSV file
    rows: tuple[tuple[Cell, ...], ...]
    hidden: bool = False  # a hidden sheet is listed, not read

    def ref(self, row: int, column: int) -> str:
        """`file.xlsx!Sheet!C12` (`file.csv!C12`): where a cell is, as Excel users write it."""
        where = f"{column_letter(column)}{row}"
        return f"{self.file}!{self.name}!{where}" if self.name is not None else f"{self.file}!{where}"


def column_letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_sheets(raw: bytes, file: str) -> tuple[list[Sheet], list[Problem]]:
    """The file's sheets by its extension (.xlsx/.xlsm or .csv), or the problem that stopped reading."""
    suffix = file.rsplit(".", 1)[-1].lower() if "." in file else ""
    if suffix in ("xlsx", "xlsm"):
        return _read_xlsx(raw, file)
    if suffix == "csv":
        return _read_csv(raw, file)
    hint_zh, hint_en = ("（旧式 .xls 请在 Excel 中另存为 .xlsx）", " (save an old .xls as .xlsx in Excel)") \
        if suffix in ("xls", "et") else ("", "")
    return [], [Problem(file, 0, 0, "", f"只能导入 .xlsx 或 .csv 文件{hint_zh}",
                        f"only .xlsx and .csv files can be imported{hint_en}")]


def _read_csv(raw: bytes, file: str) -> tuple[list[Sheet], list[Problem]]:
    text, problems = decode_utf8(raw, file)
    if text is None:
        return [], problems
    rows = []
    for number, values in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        rows.append(tuple(Cell(number, column, value) for column, value in enumerate(values, start=1)))
    return [Sheet(file, None, tuple(rows))], []


def _read_xlsx(raw: bytes, file: str) -> tuple[list[Sheet], list[Problem]]:
    from openpyxl import load_workbook

    try:
        # Not read-only: read-only mode does not report merged ranges. Not data_only: a
        # formula must be seen as a formula, not as the value Excel happened to cache.
        book = load_workbook(io.BytesIO(raw), read_only=False, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        return [], [Problem(file, 0, 0, "", f"无法读取这个 XLSX 文件（{exc}）", f"cannot read this XLSX file ({exc})")]
    sheets = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            sheets.append(Sheet(file, sheet.title, (), hidden=True))
            continue
        merged: dict[tuple[int, int], Range] = {}
        for cells in sheet.merged_cells.ranges:
            bounds = (cells.min_row, cells.min_col, cells.max_row, cells.max_col)
            for r in range(cells.min_row, cells.max_row + 1):
                for c in range(cells.min_col, cells.max_col + 1):
                    merged[(r, c)] = bounds
        top_left: dict[Range, tuple[str, bool]] = {}
        rows = []
        for values in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column):
            row = []
            for cell in values:
                bounds = merged.get((cell.row, cell.column))
                if bounds is not None and (cell.row, cell.column) != bounds[:2]:
                    text, formula = top_left.get(bounds, ("", False))
                    row.append(Cell(cell.row, cell.column, text, formula, bounds, origin=False))
                    continue
                text, formula = _text(cell.value), cell.data_type == "f"
                if bounds is not None:
                    top_left[bounds] = (text, formula)
                row.append(Cell(cell.row, cell.column, text, formula, bounds))
            rows.append(tuple(row))
        sheets.append(Sheet(file, sheet.title, tuple(rows)))
    return sheets, []


def _text(value: object) -> str:
    """A cell's value as the text a person sees: 100004 stays 100004 (not 100004.0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
