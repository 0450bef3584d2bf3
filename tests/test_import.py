"""`qingdan import`: the list table and the mapping table, as counties receive them.

Spreadsheets are written here with openpyxl, cell by cell, in the shapes real tables
have: a title row above the header, 一、禁止准入类 / （六）批发和零售业 heading rows merged
across the table, measures numbered ①② in one cell, one row a measure under merged
项目号/事项/编码 cells. The row of 100004 is the 2022 list as republished by 湛江市市场监督管理局
(《湛江市市场监督管理局市场准入负面清单(2022年版)》, 2025-01-07,
http://zjamr.zhanjiang.gov.cn/xxgk/zfxxgkml/zjsscjdglj/tzgg/content/post_1998090.html): its local
项目号 1, the national code and the first measure word for word; the republication gives
no 主管部门 in that row, so none is imported. The other rows and every service item code are
示例 (invented for these tests, in the shapes of ../shared/data/README.md).

Every expected value below is written by hand: the cells as a clerk would read them.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from generator.pipeline import check
from generator.tools import importer
from generator.tools.import_columns import numbered
from tests.conftest import ROOT, TEST_DATE, build, qingdan

MINIMAL = ROOT / "tests/fixtures/minimal"
LIST_HEADER = ["项目号", "禁止或许可事项", "事项编码", "禁止或许可准入措施描述", "主管部门", "地方性许可事项"]
MAPPING_HEADER = ["禁止或许可事项", "负面清单事项编码", "禁止或许可准入措施描述", "政务服务事项名称", "政务服务事项编码",
                  "行使层级", "事项类型"]

FINANCE_NAME = "禁止违规开展金融相关经营活动"
FINANCE_MEASURE = (
    "非金融机构、不从事金融活动的企业，在注册名称和经营范围中不得使用“保险（保险公司、保险资产管理公司、"
    "保险集团公司、自保公司、相互保险组织）”“证券公司”“基金管理公司（注：指从事公募基金管理业务的基金管理公司）”"
    "“信托公司”“金融控股”“金融集团”“财务公司”“理财”“财富管理”“股权众筹”“金融”“金融租赁”“汽车金融”“货币经纪”"
    "“消费金融”“融资担保”“典当”“征信”“交易中心”“交易所”等与金融相关的字样，法律、行政法规和国家另有规定的除外"
)
EDITION_HEAD = """# yaml-language-server: $schema=../schemas/edition.schema.json
# 测试用版本：事项由 qingdan import 从表格导入。
edition:
  id: "2025"
  title: 市场准入负面清单（2025年版）
  document: 发改体改规〔2025〕466号
  published: 2025-04-24
"""


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    """Messages name files relative to the working directory, as `qingdan check` does."""
    monkeypatch.chdir(tmp_path)


def content_dir(tmp_path: Path) -> Path:
    """A content directory with departments and an edition header, and no items yet."""
    root = tmp_path
    (root / "content/editions").mkdir(parents=True)
    shutil.copytree(MINIMAL / "site_config", root / "site_config")
    # The shapes the messages below quote, whatever the shipped defaults become.
    with (root / "site_config/site.yaml").open("a", encoding="utf-8") as site:
        site.write("code_patterns:\n  list_item: '^[12]\\d{5}$'\n  basic_code: '^[0-9A-Z]{12}$'\n"
                   "  implementation_code: '^[0-9A-Z]{18}\\d[0-9A-Z]{12}$'\n")
    shutil.copy(MINIMAL / "content/departments.yaml", root / "content/departments.yaml")
    (root / "content/editions/2025.yaml").write_text(EDITION_HEAD, encoding="utf-8")
    return root


def list_workbook(path: Path, *, food_measures: str = "①食品经营许可\n②仅销售预包装食品备案", finance: bool = True,
                  more: tuple[list, ...] = ()) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "清单"
    sheet.append(["涉及市场监管领域的市场准入负面清单（示例）"])
    sheet.merge_cells("A1:F1")
    sheet.append(LIST_HEADER)
    sheet.append(["一、禁止准入类"])
    sheet.merge_cells("A3:F3")
    sheet.append([1, FINANCE_NAME, "100004", FINANCE_MEASURE, None, None] if finance else [])  # the real row
    sheet.append(["二、许可准入类"])
    sheet.merge_cells("A5:F5")
    sheet.append(["（六）批发和零售业"])
    sheet.merge_cells("A6:F6")
    sheet.append([36, "未获得许可，不得从事特定食品生产经营", "206001", food_measures, "市场监管总局", None])
    sheet.append(["（七）交通运输、仓储和邮政业"])
    sheet.merge_cells("A8:F8")
    # One row a measure: 项目号, 事项 and 编码 merged down over the item's two rows.
    # (主管部门 left blank here: given one row a measure, it would be the measure's own.)
    sheet.append([40, "未获得许可，不得从事道路运输经营", "207001", "道路旅客运输经营许可", None,
                  "广东省：示例地方性许可措施"])
    sheet.append([None, None, None, "★道路货物运输经营许可", None, None])
    for column in "ABC":
        sheet.merge_cells(f"{column}9:{column}10")
    for row in more:
        sheet.append(row)
    book.save(path)
    return path


def mapping_workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "对应关系"
    sheet.append(MAPPING_HEADER)
    sheet.append(["未获得许可，不得从事特定食品生产经营", "206001", "食品经营许可", "食品经营许可",
                  "11441721MB2C58302X4441723001000", "县级", "行政许可"])
    sheet.append(["未获得许可，不得从事特定食品生产经营", "206001", "仅销售预包装食品备案", "食品经营许可",
                  "11441721MB2C58302X4441723001000", "县级", "行政许可"])
    sheet.append(["未获得许可，不得从事道路运输经营", "207001", "道路旅客运输经营许可", "道路旅客运输经营许可",
                  "11441721MB2C58302X4441723009000", "4", "01"])
    sheet.append(["未获得许可，不得从事道路运输经营", "207001", "道路货物运输经营许可", None, None, None, None])
    book.save(path)
    return path


def run(root: Path, sheet: Path, kind: str, **options):
    return importer.run(sheet, kind, root / "content", root / "site_config", **options)


def texts(problems) -> list[str]:
    return sorted(p.text() for p in problems)


# --- the round trip ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("import")
    root = content_dir(tmp)
    outcome, problems = run(root, list_workbook(tmp / "清单.xlsx"), "list")
    assert not problems, texts(problems)
    assert outcome.added == ("100004", "206001", "207001")
    outcome, problems = run(root, mapping_workbook(tmp / "对应.xlsx"), "mapping", department="scjgj")
    assert not problems, texts(problems)
    assert outcome.added == ("441723001000", "441723009000")
    return root


def test_imported_yaml_is_what_a_clerk_would_write(imported):
    assert (imported / "content/editions/2025.yaml").read_text(encoding="utf-8") == EDITION_HEAD + f"""items:
  - number: 1
    code: "100004"
    name: {FINANCE_NAME}
    category: 禁止准入类
    measures:
      - text: {FINANCE_MEASURE}
  - number: 36
    code: "206001"
    name: 未获得许可，不得从事特定食品生产经营
    category: 许可准入类
    sector: 批发和零售业
    measures:
      - text: 食品经营许可
      - text: 仅销售预包装食品备案
    authorities: [市场监管总局]
  - number: 40
    code: "207001"
    name: 未获得许可，不得从事道路运输经营
    category: 许可准入类
    sector: 交通运输、仓储和邮政业
    measures:
      - text: 道路旅客运输经营许可
      - text: 道路货物运输经营许可
        star: true
    local_measures:
      - 广东省：示例地方性许可措施
"""
    assert (imported / "content/service-items/scjgj.yaml").read_text(encoding="utf-8") == """\
# yaml-language-server: $schema=../schemas/service-items.schema.json
service_items:
  - basic_code: "441723001000"
    implementation_code: "11441721MB2C58302X4441723001000"
    name: 食品经营许可
    type: "01"
    department: scjgj
    level: 县级
    list_items: ["206001"]
  - basic_code: "441723009000"
    implementation_code: "11441721MB2C58302X4441723009000"
    name: 道路旅客运输经营许可
    type: "01"
    department: scjgj
    level: 县级
    list_items: ["207001"]
"""


def test_round_trip_check_build_export_gives_the_same_cells(imported, tmp_path):
    content, problems = check(imported / "content", imported / "site_config", TEST_DATE)
    assert content is not None, texts(p for p in problems if p.is_error)
    site = build(tmp_path / "site", imported / "content", imported / "site_config")
    items_csv = list(csv.DictReader(io.StringIO((site / "exports/items.csv").read_bytes().decode("utf-8-sig"))))
    items_xlsx = _xlsx_records(site / "exports/items.xlsx")
    expected_items = [
        {"number": "1", "code": "100004", "name": FINANCE_NAME, "category": "禁止准入类", "sector": "",
         "measures": FINANCE_MEASURE, "authorities": ""},
        {"number": "36", "code": "206001", "name": "未获得许可，不得从事特定食品生产经营", "category": "许可准入类",
         "sector": "批发和零售业", "measures": "食品经营许可；仅销售预包装食品备案", "authorities": "市场监管总局"},
        {"number": "40", "code": "207001", "name": "未获得许可，不得从事道路运输经营", "category": "许可准入类",
         "sector": "交通运输、仓储和邮政业", "measures": "道路旅客运输经营许可；道路货物运输经营许可",
         "authorities": ""},
    ]
    for rows in (items_csv, items_xlsx):
        assert [{k: row[k] for k in expected_items[0]} for row in rows] == expected_items
    expected_mapping = [
        {"list_item_code": "206001", "service_item_basic_code": "441723001000",
         "service_item_implementation_code": "11441721MB2C58302X4441723001000", "service_item_name": "食品经营许可",
         "service_item_type": "01", "department": "scjgj"},
        {"list_item_code": "207001", "service_item_basic_code": "441723009000",
         "service_item_implementation_code": "11441721MB2C58302X4441723009000",
         "service_item_name": "道路旅客运输经营许可", "service_item_type": "01", "department": "scjgj"},
    ]
    mapping_csv = list(csv.DictReader(io.StringIO((site / "exports/mapping.csv").read_bytes().decode("utf-8-sig"))))
    for rows in (mapping_csv, _xlsx_records(site / "exports/mapping.xlsx")):
        assert [{k: row[k] for k in expected_mapping[0]} for row in rows] == expected_mapping


def _xlsx_records(path: Path) -> list[dict[str, str]]:
    rows = [["" if v is None else str(v) for v in row]
            for row in load_workbook(path).active.iter_rows(values_only=True)]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_importing_the_same_sheet_twice_changes_nothing(tmp_path):
    root = content_dir(tmp_path)
    sheet = list_workbook(tmp_path / "清单.xlsx")
    run(root, sheet, "list")
    target = root / "content/editions/2025.yaml"
    first, stamp = target.read_bytes(), target.stat().st_mtime_ns
    outcome, problems = run(root, sheet, "list")
    assert not problems and not outcome.changed
    assert outcome.updated == () and outcome.added == ()
    assert target.read_bytes() == first and target.stat().st_mtime_ns == stamp


def test_importing_the_same_mapping_twice_changes_nothing(tmp_path):
    root = content_dir(tmp_path)
    sheet = mapping_workbook(tmp_path / "对应.xlsx")
    run(root, sheet, "mapping", department="scjgj")
    target = root / "content/service-items/scjgj.yaml"
    first, stamp = target.read_bytes(), target.stat().st_mtime_ns
    outcome, problems = run(root, sheet, "mapping", department="scjgj")
    assert not problems and not outcome.changed and outcome.updated == ()
    assert target.read_bytes() == first and target.stat().st_mtime_ns == stamp


def test_an_edition_file_must_exist_and_a_mapping_needs_a_known_department(tmp_path):
    root = content_dir(tmp_path)
    sheet = list_workbook(tmp_path / "清单.xlsx")
    assert texts(run(root, sheet, "list", edition="2030")[1]) == [
        "content/editions/2030.yaml: 版本文件不存在：请先建立它并写明 edition（id、title、published），再导入事项 / "
        "no such edition file: create it with its edition: header (id, title, published) first, then import the items"]
    assert texts(run(root, mapping_workbook(tmp_path / "对应.xlsx"), "mapping", department="nosuch")[1]) == [
        "content/departments.yaml: 找不到单位 “nosuch” / no department 'nosuch' exists"]
    assert not (root / "content/service-items").exists()


def test_reimport_keeps_what_the_county_wrote(tmp_path):
    root = content_dir(tmp_path)
    run(root, list_workbook(tmp_path / "清单.xlsx"), "list")
    target = root / "content/editions/2025.yaml"
    text = target.read_text(encoding="utf-8")
    # The county's own work, by hand: a comment, responsible units, task division, 管理权限, a measure code.
    text = text.replace("  - number: 36\n", "  # 县市场监管局负责（手写注释）\n  - number: 36\n")
    text = text.replace("    sector: 批发和零售业\n", "    sector: 批发和零售业\n    # 措施照原文（手写注释）\n", 1)
    text = text.replace("    authorities: [市场监管总局]\n", "    authorities: [市场监管总局]\n"
                        "    responsible_units: [scjgj]\n    task_division: 县市场监管局负责审批和监管。\n"
                        "    management_authority: 县级实施\n")
    text = text.replace("      - text: 食品经营许可\n", "      - text: 食品经营许可\n        code: \"20600101\"\n")
    target.write_text(text, encoding="utf-8")
    # The revised table: the second food measure reworded, a new item, 100004 left out.
    book = list_workbook(tmp_path / "新表.xlsx", food_measures="①食品经营许可\n②仅销售预包装食品的备案", finance=False,
                         more=([41, "未获得许可，不得从事水路运输经营", "207002", "国内水路运输经营许可", "交通运输部"],))

    outcome, problems = run(root, book, "list")
    assert not problems, texts(problems)
    assert outcome.added == ("207002",)
    assert outcome.updated == ("206001",)
    assert outcome.kept == ("100004",)
    after = target.read_text(encoding="utf-8")
    assert "  # 县市场监管局负责（手写注释）\n  - number: 36\n" in after
    assert "    sector: 批发和零售业\n    # 措施照原文（手写注释）\n    measures:\n" in after
    assert """    measures:
      - text: 食品经营许可
        code: "20600101"
      - text: 仅销售预包装食品的备案
    authorities: [市场监管总局]
    responsible_units: [scjgj]
    task_division: 县市场监管局负责审批和监管。
    management_authority: 县级实施
""" in after
    assert after.index('code: "100004"') < after.index('code: "206001"') < after.index('code: "207001"') \
        < after.index('code: "207002"')


def test_reimport_of_the_mapping_keeps_the_service_items_own_codes(tmp_path):
    root = content_dir(tmp_path)
    run(root, list_workbook(tmp_path / "清单.xlsx"), "list")
    target = root / "content/service-items/scjgj.yaml"
    target.parent.mkdir()
    target.write_text("""service_items:
  # 县里手写的事项
  - basic_code: "441723001000"
    implementation_code: "11441721MB2C58302X4441723001000"
    name: 食品经营许可（旧名）
    type: "01"
    department: scjgj
    list_items: ["100004"]
    power_list_code: "XK-SCJG-001"
    license_item_code: "XK2022-0612"
""", encoding="utf-8")
    outcome, problems = run(root, mapping_workbook(tmp_path / "对应.xlsx"), "mapping", department="scjgj")
    assert not problems, texts(problems)
    assert outcome.updated == ("441723001000",) and outcome.added == ("441723009000",)
    assert target.read_text(encoding="utf-8").startswith("""service_items:
  # 县里手写的事项
  - basic_code: "441723001000"
    implementation_code: "11441721MB2C58302X4441723001000"
    name: 食品经营许可
    type: "01"
    department: scjgj
    level: 县级
    list_items: ["206001"]
    power_list_code: "XK-SCJG-001"
    license_item_code: "XK2022-0612"
  - basic_code: "441723009000"
""")


# --- bad cells: every one reported, and nothing written ----------------------------------


def _sheet(path: Path, rows: list[list], merges: tuple[str, ...] = (), title: str = "清单") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def _fails(tmp_path: Path, sheet: Path, kind: str = "list", **options) -> list[str]:
    root = content_dir(tmp_path)
    before = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    outcome, problems = run(root, sheet, kind, **options)
    assert outcome is None
    after = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    assert after == before, "nothing may be written when a cell is bad"
    return texts(problems)


def test_missing_header_column(tmp_path):
    sheet = _sheet(tmp_path / "缺列.xlsx", [["项目号", "禁止或许可事项", "事项编码", "主管部门"],
                                           [1, FINANCE_NAME, "100004", None]])
    assert _fails(tmp_path, sheet) == [
        "缺列.xlsx!清单!A1: 表头缺少“禁止或许可准入措施描述”列 / the header row lacks the column '禁止或许可准入措施描述'"]


def test_no_header_row_at_all(tmp_path):
    sheet = _sheet(tmp_path / "无表头.xlsx", [["序号", "名称"], [1, FINANCE_NAME]])
    assert _fails(tmp_path, sheet) == [
        "无表头.xlsx!清单!A1: 找不到表头：前 30 行中没有一行写着 项目号、禁止或许可事项、事项编码、禁止或许可准入措施描述、"
        "主管部门、地方性许可事项 等列名 / no header row: none of the first 30 rows names the columns "
        "项目号、禁止或许可事项、事项编码、禁止或许可准入措施描述、主管部门、地方性许可事项"]


def test_unknown_category_heading(tmp_path):
    sheet = _sheet(tmp_path / "类别.xlsx", [LIST_HEADER, ["三、鼓励类"], [1, FINANCE_NAME, "100004", FINANCE_MEASURE]],
                   merges=("A2:F2",))
    assert _fails(tmp_path, sheet) == [
        "类别.xlsx!清单!A2: 不认识的类别 “鼓励类”：应为 禁止准入类 或 许可准入类 / "
        "unknown category '鼓励类': must be 禁止准入类 or 许可准入类",
        "类别.xlsx!清单!C3: 表格没有给出类别（category），content/editions/2025.yaml 中也没有：请先在该文件中写明，再导入"
        " / the sheet does not give category (类别) and content/editions/2025.yaml does not hold it: "
        "write it there first, then import",
    ]


def test_malformed_and_duplicate_codes_and_empty_required_cell(tmp_path):
    sheet = _sheet(tmp_path / "编码.xlsx", [
        LIST_HEADER,
        ["一、禁止准入类"],
        [1, FINANCE_NAME, "10004", FINANCE_MEASURE],
        [2, "禁止违规开展互联网相关经营活动", "100005", "示例措施"],
        [3, "禁止违规开展新闻传媒相关业务", "100005", "示例措施"],
        [4, None, "100006", "示例措施"],
    ], merges=("A2:F2",))
    assert _fails(tmp_path, sheet) == [
        "编码.xlsx!清单!B6: “禁止或许可事项”为空：这一项必须填写 / '禁止或许可事项' is empty: it is required",
        "编码.xlsx!清单!C3: 事项编码 “10004” 格式不正确（应匹配 ^[12]\\d{5}$） / "
        "item code '10004' has the wrong shape (must match ^[12]\\d{5}$)",
        "编码.xlsx!清单!C5: 事项编码 “100005” 重复（已在 编码.xlsx!清单!C4） / "
        "duplicate item code '100005' (already at 编码.xlsx!清单!C4)",
    ]


def test_formula_cell(tmp_path):
    sheet = _sheet(tmp_path / "公式.xlsx", [LIST_HEADER, ["一、禁止准入类"],
                                           ["=ROW()-2", FINANCE_NAME, "100004", FINANCE_MEASURE]],
                   merges=("A2:F2",))
    assert _fails(tmp_path, sheet) == [
        "公式.xlsx!清单!A3: 单元格是公式（=ROW()-2）：请复制后“选择性粘贴为数值”再导入 / "
        "the cell holds a formula (=ROW()-2): paste it as values before importing"]


def test_merged_cells_across_columns_and_across_items(tmp_path):
    sheet = _sheet(tmp_path / "合并.xlsx", [
        LIST_HEADER,
        ["一、禁止准入类"],
        [1, FINANCE_NAME, None, FINANCE_MEASURE],  # B3:C3 merged: 事项 and 编码 share one cell
        [2, "禁止违规开展互联网相关经营活动", "100005", "示例措施甲"],
        [3, "禁止违规开展新闻传媒相关业务", "100006", None],  # D4:D5 merged: one measure for two items
    ], merges=("A2:F2", "B3:C3", "D4:D5"))
    assert _fails(tmp_path, sheet) == [
        "合并.xlsx!清单!B3: 合并单元格 B3:C3 跨越了“禁止或许可事项”“事项编码”几列：请取消合并，每列各自填写 / "
        "the merged cell B3:C3 spans the columns '禁止或许可事项', '事项编码': unmerge it and fill each column's own cell",
        "合并.xlsx!清单!D5: 合并单元格 D4:D5 跨越了不止一个事项：一条措施只能属于一个事项 / "
        "the merged cell D4:D5 spans more than one item: a measure belongs to one item only",
    ]


def test_bad_mapping_cells(tmp_path):
    sheet = _sheet(tmp_path / "对应.xlsx", [
        MAPPING_HEADER,
        [FINANCE_NAME, "100004", FINANCE_MEASURE, "示例事项", "4417", "县级", "01"],
        [FINANCE_NAME, "100004", FINANCE_MEASURE, "示例事项", "11441721MB2C58302X4441723001000", "乡级", "01"],
    ], title="对应关系")
    assert _fails(tmp_path, sheet, "mapping", department="scjgj") == [
        "对应.xlsx!对应关系!E2: 政务服务事项编码 “4417” 格式不正确：既不是基本编码（应匹配 ^[0-9A-Z]{12}$），"
        "也不是实施编码（应匹配 ^[0-9A-Z]{18}\\d[0-9A-Z]{12}$） / service item code '4417' has the wrong shape: "
        "neither a basic code (must match ^[0-9A-Z]{12}$) nor an implementation code "
        "(must match ^[0-9A-Z]{18}\\d[0-9A-Z]{12}$)",
        "对应.xlsx!对应关系!F3: 不认识的行使层级 “乡级”：应为 国家级、省级、市级、县级、镇（街道）级、村（社区）级、分级管理 之一"
        "（或代码 1-7） / unknown level '乡级': must be one of 国家级、省级、市级、县级、镇（街道）级、村（社区）级、分级管理 "
        "(or its code 1-7)",
    ]


def test_new_service_item_without_what_the_model_requires(tmp_path):
    sheet = _sheet(tmp_path / "对应.xlsx", [MAPPING_HEADER, [FINANCE_NAME, "100004", FINANCE_MEASURE, "示例事项",
                                                              "441723002000", "县级", "01"]], title="对应关系")
    assert _fails(tmp_path, sheet, "mapping", department="scjgj") == [
        "对应.xlsx!对应关系!E2: 表格没有给出实施编码（implementation_code），content/service-items/scjgj.yaml 中也没有："
        "请先在该文件中写明，再导入 / the sheet does not give implementation_code (实施编码) and "
        "content/service-items/scjgj.yaml does not hold it: write it there first, then import"]


# --- CSV -----------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_csv_in_utf8_with_or_without_bom(tmp_path, encoding):
    root = content_dir(tmp_path)
    sheet = tmp_path / "清单.csv"
    rows = [LIST_HEADER, ["一、禁止准入类", "", "", "", "", ""], ["1", FINANCE_NAME, "100004", FINANCE_MEASURE, "", ""]]
    with sheet.open("w", encoding=encoding, newline="") as out:
        csv.writer(out).writerows(rows)
    outcome, problems = run(root, sheet, "list")
    assert not problems, texts(problems)
    assert (root / "content/editions/2025.yaml").read_text(encoding="utf-8").endswith(f"""items:
  - number: 1
    code: "100004"
    name: {FINANCE_NAME}
    category: 禁止准入类
    measures:
      - text: {FINANCE_MEASURE}
""")


def test_gbk_csv_is_named_as_such(tmp_path):
    sheet = tmp_path / "清单.csv"
    sheet.write_bytes("项目号,禁止或许可事项,事项编码,禁止或许可准入措施描述\n".encode("gbk"))
    assert _fails(tmp_path, sheet) == [
        "清单.csv:1:1: 文件不是 UTF-8 编码（第 1 字节无效），很可能是 GBK/GB18030 编码，请另存为 UTF-8 / "
        "file is not UTF-8 (invalid byte at offset 1); it is most likely GBK/GB18030: save it as UTF-8"]


# --- measures in one cell ------------------------------------------------------------------


def test_measures_numbered_in_one_cell():
    assert numbered("①农作物种子生产经营许可\n②食用菌菌种生产经营许可；③林草种子生产经营许可") == [
        ("农作物种子生产经营许可", False), ("食用菌菌种生产经营许可", False), ("林草种子生产经营许可", False)]
    assert numbered("★①甲许可②乙许可") == [("甲许可", True), ("乙许可", False)]
    assert numbered("①甲许可\n★②乙许可\n③丙许可") == [("甲许可", False), ("乙许可", True), ("丙许可", False)]
    # A line break alone does not split (published text wraps); a line starting with ★ does.
    assert numbered("第一行\n第二行\n★第三行") == [("第一行\n第二行", False), ("第三行", True)]
    # Numbers that do not run ①②③ from the start are part of the text.
    assert numbered("按照②类管理") == [("按照②类管理", False)]


# --- the command line ------------------------------------------------------------------------


def test_command_line_reports_every_bad_cell_and_writes_nothing(tmp_path):
    root = content_dir(tmp_path)
    _sheet(tmp_path / "表.xlsx", [LIST_HEADER, ["一、禁止准入类"], [1, FINANCE_NAME, "10004", FINANCE_MEASURE],
                                          ["x", "禁止违规开展互联网相关经营活动", "100005", "示例措施"]],
                   merges=("A2:F2",))
    before = (root / "content/editions/2025.yaml").read_bytes()
    result = qingdan(root, "import", "表.xlsx", "--kind", "list")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "表.xlsx!清单!A4: 项目号 “x” 须为正整数 / item number 'x' must be a positive whole number",
        "表.xlsx!清单!C3: 事项编码 “10004” 格式不正确（应匹配 ^[12]\\d{5}$） / "
        "item code '10004' has the wrong shape (must match ^[12]\\d{5}$)",
        "发现 2 个问题，未写入任何文件 / 2 problem(s): nothing written",
    ]
    assert (root / "content/editions/2025.yaml").read_bytes() == before


def test_command_line_imports_then_check_passes(tmp_path):
    root = content_dir(tmp_path)
    list_workbook(tmp_path / "清单.xlsx")
    result = qingdan(root, "import", "清单.xlsx", "--kind", "list", "--edition", "2025")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[:3] == [
        "新增 3 项 / added: 100004、206001、207001",
        "更新 0 项 / updated: -",
        "已写入 / written: content/editions/2025.yaml",
    ]
    again = qingdan(root, "import", "清单.xlsx", "--kind", "list")
    assert "无需更改 / unchanged: content/editions/2025.yaml" in again.stderr
    checked = qingdan(root, "check", "--date", TEST_DATE)
    assert checked.returncode == 0, checked.stdout + checked.stderr


# --- the clerks' guide quotes real messages --------------------------------------------------


def test_contributing_quotes_what_import_really_says(tmp_path):
    import re

    section = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split("qingdan import）", 1)[1]
    quoted = re.search(r"```console\n(.*?)```", section, re.S).group(1).splitlines()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    missing = _sheet(tmp_path / "a/清单.xlsx", [["项目号", "禁止或许可事项", "事项编码", "主管部门"]])
    shapes = _sheet(tmp_path / "b/清单.xlsx", [
        LIST_HEADER,
        ["一、禁止准入类"],
        [1, FINANCE_NAME, "100004", FINANCE_MEASURE],
        [2, "示例二", "100002", "示例措施"],
        ["三、鼓励类"],
        ["二、许可准入类"],
        [3, "示例三", "10004", "示例措施"],
        [4, "示例四", "100005", "示例措施"],
        [5, "示例五", "100005", "示例措施"],
        [6, None, "100006", "示例措施"],
        ["=ROW()-2", "示例七", "100007", "示例措施"],
        [8, "示例八", None, "示例措施"],
    ], merges=("A2:F2", "A5:F5", "A6:F6", "B12:C12"))
    said = [line for sheet in (missing, shapes) for line in _fails(sheet.parent, sheet)]
    assert len(quoted) == 7
    for line in quoted:
        assert line in said, f"CONTRIBUTING.md quotes a message qingdan import does not give:\n{line}"


def test_a_new_edition_carries_the_county_fields_of_the_same_code(tmp_path):
    root = content_dir(tmp_path)
    run(root, list_workbook(tmp_path / "清单.xlsx"), "list")
    old = root / "content/editions/2025.yaml"
    earlier = root / "content/editions/2022.yaml"
    text = old.read_text(encoding="utf-8").replace('id: "2025"', 'id: "2022"').replace("published: 2025-04-24",
                                                                                      "published: 2022-03-12")
    text = text.replace("    authorities: [市场监管总局]\n", "    authorities: [市场监管总局]\n    local_measures: [旧版地方性措施]\n"
                        "    responsible_units: [scjgj]\n    task_division: 县市场监管局负责审批和监管。\n"
                        '    replaces: ["205001"]\n')
    earlier.write_text(text, encoding="utf-8")
    old.write_text(EDITION_HEAD, encoding="utf-8")
    outcome, problems = run(root, list_workbook(tmp_path / "清单.xlsx"), "list", carry_from="2022")
    assert not problems, texts(problems)
    assert """  - number: 36
    code: "206001"
    name: 未获得许可，不得从事特定食品生产经营
    category: 许可准入类
    sector: 批发和零售业
    measures:
      - text: 食品经营许可
      - text: 仅销售预包装食品备案
    authorities: [市场监管总局]
    responsible_units: [scjgj]
    task_division: 县市场监管局负责审批和监管。
  - number: 40
""" in old.read_text(encoding="utf-8")


def test_reimporting_the_shipped_edition_as_a_sheet_changes_no_byte(tmp_path):
    """The hand-written 2025 edition, typed into a sheet the way the list prints it (headings,
    ①② in one cell, ★), imports back into itself without changing a byte: comments, county
    fields, measure codes and the file's style all stay."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "site_config", tmp_path / "site_config")
    content, _ = check(tmp_path / "content", tmp_path / "site_config", TEST_DATE)
    book = Workbook()
    sheet = book.active
    sheet.append(LIST_HEADER)
    category = sector = None
    for item in content.current.items.values():
        if item.category != category:
            category, sector = item.category, None
            sheet.append(["一、禁止准入类" if category.value == "禁止准入类" else "二、许可准入类"])
        if item.sector and item.sector != sector:
            sector = item.sector
            sheet.append([f"（一）{sector}"])
        several = len(item.measures) > 1
        cell = "\n".join(("★" if x.star else "") + ("①②③④⑤⑥⑦⑧⑨⑩"[i] if several else "") + x.text
                         for i, x in enumerate(item.measures))
        sheet.append([item.number, item.name, item.code, cell, "、".join(item.authorities),
                      "\n".join(item.local_measures) or None])
    book.save(tmp_path / "2025.xlsx")
    before = (ROOT / "content/editions/2025.yaml").read_bytes()
    outcome, problems = importer.run(tmp_path / "2025.xlsx", "list", tmp_path / "content", tmp_path / "site_config")
    assert not problems, texts(problems)
    assert (outcome.added, outcome.updated, outcome.kept, outcome.changed) == ((), (), (), False)
    assert (tmp_path / "content/editions/2025.yaml").read_bytes() == before


# --- once the content model has 未注明 and a measure's own 主管部门 ------------------------------

from generator import model as m  # noqa: E402
from generator.tools.import_columns import takes_not_stated  # noqa: E402

JDZ_NAME = "未获得许可,不得设置特定医疗机构或从事特定医疗业务"
JDZ_MEASURES = ("医疗机构(含中医医疗机构)设置审批、执业登记(诊所除外)", "预防接种工作的接种单位指定",
                "医疗机构建设项目放射性职业病危害预评价报告审核")


@pytest.mark.skipif(not takes_not_stated(m.ListItem, "code") or "authority" not in m.Measure.model_fields,
                    reason="the content model has no 未注明 code or measure authority yet")
def test_an_extract_without_codes_one_row_a_measure_each_with_its_authority(tmp_path):
    """景德镇市卫生健康委员会's 2025 extract (https://wsjs.jdz.gov.cn/zwzx/gggs/t1049396.shtml): no
    事项编码 column, one row a measure, 主管部门 市卫健委 on every row. The item is already in the
    file under its id (an item without a code is matched by its name)."""
    root = content_dir(tmp_path)
    target = root / "content/editions/2025.yaml"
    target.write_text(EDITION_HEAD + f"""items:
  - number: 未注明
    code: 未注明
    id: 2025-jdz-yiliao
    name: {JDZ_NAME}
    category: 许可准入类
    measures:
      - text: 旧的措施
""", encoding="utf-8")
    sheet = _sheet(tmp_path / "景德镇.xlsx", [
        ["序号", "禁止或许可事项", "禁止或许可准入措施描述", "主管部门"],
        ["二、许可准入类"],
        [None, JDZ_NAME, JDZ_MEASURES[0], "市卫健委"],
        [None, None, JDZ_MEASURES[1], "市卫健委"],
        [None, None, JDZ_MEASURES[2], "市卫健委"],
    ], merges=("A2:D2", "B3:B5"))
    outcome, problems = run(root, sheet, "list")
    assert not problems, texts(problems)
    assert target.read_text(encoding="utf-8") == EDITION_HEAD + f"""items:
  - number: 未注明
    code: 未注明
    id: 2025-jdz-yiliao
    name: {JDZ_NAME}
    category: 许可准入类
    measures:
      - text: {JDZ_MEASURES[0]}
        authority: 市卫健委
      - text: {JDZ_MEASURES[1]}
        authority: 市卫健委
      - text: {JDZ_MEASURES[2]}
        authority: 市卫健委
"""
