"""The data exports parse and round-trip the content graph.

JSON records equal the graph's own values, one record a line; CSV (UTF-8 with BOM) and
XLSX hold the same rows; XLSX files are reproducible and never turn text into formulas.
Run on the shipped content and on the fixtures (the hostile one holds markup and a
text starting with "="); the XLSX writer (generator/render/xlsx.py) also on hostile cells directly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from pydantic import BaseModel

from generator.pipeline import check
from generator.render import exports, xlsx
from tests.conftest import ROOT, TEST_DATE

SOURCES = {
    "shipped": (ROOT / "content", ROOT / "site_config"),
    "minimal": (ROOT / "tests/fixtures/minimal/content", ROOT / "tests/fixtures/minimal/site_config"),
    "hostile": (ROOT / "tests/fixtures/hostile/content", ROOT / "tests/fixtures/hostile/site_config"),
}


@pytest.fixture(scope="module", params=sorted(SOURCES))
def content(request):
    graph, problems = check(*SOURCES[request.param], TEST_DATE)
    assert graph is not None, "\n".join(p.text() for p in problems)
    return graph


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM for Excel"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def xlsx_rows(data: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def expected_keys(content, name: str) -> list[tuple]:
    """The identifying columns of every row, computed from the graph directly."""
    if name == "items":
        return [(i.code, i.name) for i in content.current.items.values()]
    if name == "mapping":
        return [(item.code, s.basic_code, s.implementation_code, s.power_list_code or "", s.license_item_code or "")
                for item in content.current.items.values()
                for s in content.service_items.values() if item.code in s.list_items]
    if name == "guides":
        return [(g.service_item, g.department) for g in content.guides.values()]
    if name == "correspondence":
        return [(item.code, s.basic_code if s else "")
                for item in content.current.items.values() if item.category.value == "许可准入类"
                for s in ([s for s in content.service_items.values() if item.code in s.list_items] or [None])]
    return [(c.id, b.id, c.title) for b in content.bulletins for c in b.cases]


KEY_COLUMNS = {
    "items": ("code", "name"),
    "mapping": ("list_item_code", "service_item_basic_code", "service_item_implementation_code",
                "power_list_code", "license_item_code"),
    "guides": ("service_item", "department"),
    "cases": ("id", "bulletin", "title"),
    "correspondence": ("item_code", "basic_code"),
}


def test_json_records_are_the_content_graphs_values(content):
    def dumped(values):
        return [v.model_dump(mode="json") for v in values]

    expected = {
        "items": dumped(content.current.items.values()),
        "guides": dumped(content.guides.values()),
        "cases": dumped(content.bulletins),
    }
    for ds in exports.DATASETS:
        payload = json.loads(exports.to_json(content, ds))
        assert payload["dataset"] == ds.name and payload["as_of"] == TEST_DATE
        if ds.name in expected:
            assert payload["records"] == expected[ds.name]
        else:
            assert [tuple(r[c] or "" for c in KEY_COLUMNS[ds.name]) for r in payload["records"]] == \
                expected_keys(content, ds.name)


def test_json_is_the_same_value_as_the_indented_format_one_record_a_line(content):
    """What `json.dumps(payload, indent=1)` gave before is still what the file parses to."""
    for ds in exports.DATASETS:
        records = [r.model_dump(mode="json") if isinstance(r, BaseModel) else r for r in ds.records(content)]
        payload = {"dataset": ds.name, "title": ds.title, "county": content.site.county,
                   "edition": content.current.id, "as_of": TEST_DATE, "records": records}
        text = exports.to_json(content, ds).decode("utf-8")
        assert json.loads(text) == json.loads(json.dumps(payload, ensure_ascii=False, indent=1))
        lines = text.split("\n")
        assert lines[6] == ' "records": [' and lines[-3:] == [" ]", "}", ""]
        assert [json.loads(line.removesuffix(",")) for line in lines[7:-3]] == records


@pytest.mark.parametrize("name", [ds.name for ds in exports.DATASETS])
def test_csv_and_xlsx_hold_the_same_rows(content, name):
    ds = exports.dataset(name)
    from_csv = csv_rows(exports.to_csv(content, ds))
    from_xlsx = xlsx_rows(exports.to_xlsx(content, ds))
    assert from_csv[0] == [c.name for c in ds.columns]
    # The same cells, except that the CSV quotes a text a spreadsheet would run (=1+2 -> '=1+2);
    # the XLSX marks every text as text, so it keeps the text as it is.
    assert [len(row) for row in from_xlsx] == [len(row) for row in from_csv]
    for xlsx_row, csv_row in zip(from_xlsx, from_csv, strict=True):
        for x, c in zip(xlsx_row, csv_row, strict=True):
            assert c == x or (c == "'" + x and x[:1] in ("=", "+", "-", "@", "\t", "\r")), (x, c)
    if name == "cases" and any("=1+2" in row for row in from_xlsx):
        assert any("'=1+2" in row for row in from_csv)
    header = from_csv[0]
    keys = [tuple(row[header.index(c)] for c in KEY_COLUMNS[name]) for row in from_csv[1:]]
    assert keys == expected_keys(content, name)


def test_list_cells_split_back_into_the_lists(content):
    rows = csv_rows(exports.to_csv(content, exports.dataset("items")))
    header = rows[0]
    for row, item in zip(rows[1:], content.current.items.values(), strict=True):
        cell = dict(zip(header, row, strict=True))
        measures = [m.text for m in item.measures]
        if not any(exports.LIST_SEPARATOR in t for t in measures):
            assert cell["measures"].split(exports.LIST_SEPARATOR) == measures
        assert cell["responsible_units"] == exports.LIST_SEPARATOR.join(item.responsible_units)
        assert cell["sample"] == ("true" if item.sample else "false")
        assert cell["number"] == str(item.number)


def test_xlsx_is_reproducible_and_dated_by_the_build(content):
    ds = exports.dataset("cases")
    data = exports.to_xlsx(content, ds)
    assert data == exports.to_xlsx(content, ds)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        stamps = {info.date_time[:3] for info in archive.infolist()}
        core = archive.read("docProps/core.xml").decode()
    day = content.build_date
    assert stamps == {(day.year, day.month, day.day)}
    assert core.count(day.isoformat()) == 2  # created and modified


def test_text_never_becomes_a_formula(content):
    for ds in exports.DATASETS:
        sheet = load_workbook(io.BytesIO(exports.to_xlsx(content, ds))).active
        formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
        assert not formulas, f"{ds.name}: {formulas}"


def test_hostile_text_starting_with_equals_stays_text():
    graph, _ = check(*SOURCES["hostile"], TEST_DATE)
    units = [c.unit for b in graph.bulletins for c in b.cases]
    assert any(u.startswith("=") for u in units), "the hostile fixture must keep a '=' text"
    rows = xlsx_rows(exports.to_xlsx(graph, exports.dataset("cases")))
    assert [r[rows[0].index("unit")] for r in rows[1:]] == units


def test_the_built_site_serves_these_exports(shipped_site):
    graph, _ = check(*SOURCES["shipped"], TEST_DATE)
    for path, data in exports.export_files(graph):
        assert (shipped_site / path).read_bytes() == data, path


def test_export_files_are_the_single_writers_output(content):
    files = dict(exports.export_files(content))
    assert list(files) == [f"exports/{ds.name}.{fmt}" for ds in exports.DATASETS for fmt in exports.FORMATS]
    for ds in exports.DATASETS:
        assert files[f"exports/{ds.name}.json"] == exports.to_json(content, ds)
        assert files[f"exports/{ds.name}.csv"] == exports.to_csv(content, ds)
        assert files[f"exports/{ds.name}.xlsx"] == exports.to_xlsx(content, ds)


# --- the XLSX writer on hostile cells ---------------------------------------------------

HOSTILE_ROWS = [
    ["name", "count", "note"],
    ["<b>&amp;</b> \"quoted\" 'single'", 0, "]]>"],
    ["=cmd|' /C calc'!A0", -12, ""],
    ["中文：禁止准入类；许可准入类", 2**40, "  leading and trailing spaces  "],
    ["tab\there\nnew line", None, "\r\n"],
    ["=1+2", 7, "+SUM(A1)"],
]


def hostile_workbook(rows=HOSTILE_ROWS) -> bytes:
    return xlsx.workbook(rows, sheet_name="cases", title="违规案例 <&>", creator="阳西县 & 市场准入",
                         date=dt.date(2025, 11, 20))


def test_xlsx_writer_reads_back_the_exact_values():
    book = load_workbook(io.BytesIO(hostile_workbook()))
    sheet = book.active
    assert sheet.title == "cases"
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values == [[None if v == "" else v for v in row] for row in HOSTILE_ROWS]
    assert type(values[3][1]) is int and values[3][1] == 2**40
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert {c.data_type for c in cells} == {"s", "n"}  # never "f": "=…" stays text
    assert sheet.freeze_panes == "A2"
    assert book.properties.creator == "阳西县 & 市场准入" and book.properties.title == "违规案例 <&>"
    assert book.properties.created == book.properties.modified == dt.datetime(2025, 11, 20)


def test_xlsx_writer_drops_characters_xml_forbids():
    rows = [["text", "n"], ["a\x00b\x08c\x0bd\x1fe\ufffef\ud800g", 1], ["\x01", 2]]
    sheet = load_workbook(io.BytesIO(hostile_workbook(rows))).active
    assert list(sheet.iter_rows(values_only=True)) == [("text", "n"), ("abcdefg", 1), (None, 2)]


def test_xlsx_writer_is_well_formed_reproducible_and_dated():
    data = hostile_workbook()
    assert data == hostile_workbook()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist()[0] == "[Content_Types].xml"
        for info in archive.infolist():
            assert info.date_time == (2025, 11, 20, 0, 0, 0), info.filename
            ElementTree.fromstring(archive.read(info))  # every part parses as XML
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and 't="inlineStr"' in sheet
    assert '<dimension ref="A1:C6"/>' in sheet


def test_xlsx_writer_refuses_what_it_cannot_write():
    with pytest.raises(TypeError):
        hostile_workbook([["a"], [dt.date(2025, 1, 1)]])
    with pytest.raises(ValueError):
        hostile_workbook([["a"], [float("nan")]])
    with pytest.raises(ValueError):
        xlsx.workbook([["a"]], sheet_name="a/b", title="", creator="", date=dt.date(2025, 1, 1))


def test_every_flat_table_names_what_its_codes_mean(content):
    """A reader of guides.csv should not need another file to know who 'scjgj' is: each
    department or item code column has its name column beside it, filled from the content."""
    pairs = {"department": "department_name", "service_item": "service_item_name",
             "responsible_units": "responsible_unit_names", "list_item": "list_item_name"}
    for ds in exports.DATASETS:
        rows = csv_rows(exports.to_csv(content, ds))
        header = rows[0]
        for code, name in pairs.items():
            if code in header:
                assert header.index(name) == header.index(code) + 1, (ds.name, code)
    guides = csv_rows(exports.to_csv(content, exports.dataset("guides")))
    header = guides[0]
    for row, guide in zip(guides[1:], content.guides.values(), strict=True):
        cell = dict(zip(header, row, strict=True))
        assert cell["department_name"] == content.departments[guide.department].name
        assert cell["service_item_name"] == content.service_items[guide.service_item].name
