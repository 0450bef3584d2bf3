"""Bad input is refused with exact locations, every problem of a run, and nothing written.

Each case starts from the small valid fixture tests/fixtures/loader_base (content/ and
site_config/), changes one thing, and asserts the complete list of problems: file,
line, column, field path, Chinese message and English message. Then it runs
`qingdan build` on the same tree and checks that the build fails and that no file
anywhere in the tree changed (a previous site stays as it was, no new site appears).

Line numbers in the comments refer to the fixture files; `patch(path, {line: text})`
replaces whole lines (text may hold several lines; None deletes the line), so the
line of every change is visible where it is made.
"""

from __future__ import annotations

import shutil
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.pipeline import check
from generator.tools.cli import main
from tests.conftest import ROOT, TEST_DATE

BASE = ROOT / "tests" / "fixtures" / "loader_base"

G = "content/guides/scjgj/food.yaml"
D = "content/departments.yaml"
E = "content/editions/2025.yaml"
S = "content/service-items/scjgj.yaml"
M = "content/model-texts/scjgj/food-application.yaml"
B = "content/bulletins/2025-01.yaml"
C = "content/ledgers/complaints.yaml"
R = "content/ledgers/rectification.yaml"
SITE = "site_config/site.yaml"

MISSING_ZH, MISSING_EN = "缺少必填字段", "required field is missing"
UNKNOWN_PLACE = ("不认识这个位置的文件：请按 README 的目录结构放置",
                 "no content type lives at this path: see the README for the layout")


def patch(path: str, lines: dict[int, str | None]) -> str:
    """The fixture file `path` with whole lines replaced (1-based); None deletes a line."""
    out = []
    for n, line in enumerate((BASE / path).read_text(encoding="utf-8").splitlines(), 1):
        if n not in lines:
            out.append(line)
        elif lines[n] is not None:
            out.append(lines[n])
    return "\n".join(out) + "\n"


def quote(text: str, kind_zh: str, kind_en: str) -> tuple[str, str]:
    """The reader's message for an unquoted value that YAML would type."""
    return (f"“{text}” 未加引号，YAML 会把它当成{kind_zh}：请写成 \"{text}\"",
            f"'{text}' is unquoted and YAML would read it as {kind_en}: write it as \"{text}\"")


@dataclass
class Case:
    id: str
    files: dict[str, str | bytes]
    # (path, line, column, field, message_zh, message_en); every problem of the run, errors and warnings
    expected: list[tuple[str, int, int, str, str, str]]
    remove: tuple[str, ...] = field(default=())


def err(path, line, column, field_, zh, en):
    return (path, line, column, field_, zh, en)


# --- the failure classes ---------------------------------------------------------------

GBK_GUIDE = (BASE / G).read_text(encoding="utf-8").encode("gbk")
# Lines 1-2 are ASCII (29 + 18 bytes); line 3 is `service_objects: [企业法人]`.
GBK_OFFSET = 29 + 18 + len("service_objects: [") + 1

CASES: list[Case] = [
    # Reading: encoding, whitespace, syntax
    Case("gbk-guide", {G: GBK_GUIDE}, [
        err(G, 3, 19, "",
            f"文件不是 UTF-8 编码（第 {GBK_OFFSET} 字节无效），很可能是 GBK/GB18030 编码，请另存为 UTF-8",
            f"file is not UTF-8 (invalid byte at offset {GBK_OFFSET}); it is most likely GBK/GB18030: "
            "save it as UTF-8"),
    ]),
    # An unreadable departments file: one problem, not one "no department" per reference.
    # Bytes before the first bad one: "departments:\n" 13, "  - id: fgj\n" 12, "    name: " 10.
    Case("gbk-departments-no-follow-on", {D: (BASE / D).read_text(encoding="utf-8").encode("gbk")}, [
        err(D, 3, 11, "",
            "文件不是 UTF-8 编码（第 36 字节无效），很可能是 GBK/GB18030 编码，请另存为 UTF-8",
            "file is not UTF-8 (invalid byte at offset 36); it is most likely GBK/GB18030: save it as UTF-8"),
    ]),
    # A BOM is accepted, and does not shift columns.
    Case("bom-then-error", {G: b"\xef\xbb\xbf" + patch(G, {10: "    copies: 两份"}).encode()}, [
        err(G, 10, 13, "materials[0].copies", "份数：必须是正整数（阿拉伯数字，如 1）（现为 “两份”）",
            "must be a positive whole number such as 1 (got \"两份\")"),
    ]),
    Case("tab-indentation", {G: patch(G, {23: "\tname: 测试县政务服务中心", 24: "\taddress: 测试县人民路 2 号"})}, [
        err(G, 23, 1, "", "缩进不能使用制表符（Tab），请改用空格", "indentation must use spaces, not tabs"),
        err(G, 24, 1, "", "缩进不能使用制表符（Tab），请改用空格", "indentation must use spaces, not tabs"),
    ]),
    Case("syntax-colon-in-value", {G: patch(G, {8: "  - name: 申请书 注意: 原件"})}, [
        err(G, 8, 17, "", "YAML 语法错误：这里不能出现“键: 值”：请检查缩进，或给含冒号的文字加引号",
            "YAML syntax error: mapping values are not allowed in this context"),
    ]),
    Case("syntax-unclosed-bracket", {G: patch(G, {19: "handling_forms: [窗口办理"})}, [
        err(G, 20, 7, "", "YAML 语法错误：方括号 [ ] 未闭合，或缺少逗号（起始于第 19 行）",
            "YAML syntax error: while parsing a flow sequence did not find expected ',' or ']' "
            "(starting at line 19)"),
    ]),
    Case("syntax-backslash-in-double-quotes", {M: patch(M, {9: '    file: "scjgj\\申请书.txt"'})}, [
        err(M, 9, 17, "", "YAML 语法错误：双引号内的反斜杠 \\ 无效：改用单引号，或写成 \\\\",
            "YAML syntax error: while parsing a quoted scalar found unknown escape character"),
    ]),
    # Valid YAML, but \a is the bell character: the path would silently be wrong.
    Case("backslash-escape-in-path", {M: patch(M, {9: '    file: "scjgj\\application.txt"'})}, [
        err(M, 9, 11, "files[0].file", "双引号内的反斜杠被当成了转义符（如 \\a），产生了不可见字符：路径请用 / 分隔，或改用单引号",
            "a backslash in double quotes was read as an escape (such as \\a) and gave an invisible character: "
            "use / in paths, or single quotes"),
    ]),
    # Nesting hundreds deep would exhaust the recursive composer; refused at the 51st level.
    Case("nested-too-deep", {G: patch(G, {3: "service_objects: " + "[" * 500 + "]" * 500})}, [
        err(G, 3, len("service_objects: ") + 50, "", "嵌套层级过深（超过 50 层）", "nested too deeply (more than 50 levels)"),
    ]),
    Case("two-documents", {R: patch(R, {9: '    case: "2025-01-01"\n---\ntasks: []'})}, [
        err(R, 10, 1, "", "YAML 语法错误：一个文件只能有一个文档：请删除多余的 ---",
            "YAML syntax error: expected a single document in the stream but found another document"),
    ]),
    Case("empty-file", {"content/guides/scjgj/empty.yaml": ""}, [
        err("content/guides/scjgj/empty.yaml", 1, 1, "", "文件是空的", "the file is empty"),
    ]),
    Case("comments-only-file", {"content/guides/scjgj/todo.yaml": "# 待补充\n# TODO\n"}, [
        err("content/guides/scjgj/todo.yaml", 1, 1, "", "文件是空的", "the file is empty"),
    ]),
    # Duplicate keys: top level and nested, both reported in one run.
    Case("duplicate-keys", {G: patch(G, {2: "department: scjgj\ndepartment: fgj", 10: "    copies: 1\n    copies: 2"})}, [
        err(G, 3, 1, "department", "重复的键 “department”（第一次出现在第 2 行），请删除其中一个",
            "duplicate key 'department' (first at line 2): keep only one"),
        err(G, 12, 5, "materials[0].copies", "重复的键 “copies”（第一次出现在第 11 行），请删除其中一个",
            "duplicate key 'copies' (first at line 11): keep only one"),
    ]),
    Case("anchor-and-alias", {G: patch(G, {27: '  enquiry: &tel ["0662-0000001"]', 28: "  complaint: *tel"})}, [
        err(G, 27, 12, "phones.enquiry", "不支持 YAML 锚点 &tel，请删除它",
            "YAML anchors such as &tel are not allowed: remove it"),
        err(G, 28, 14, "phones.complaint", "不支持 YAML 别名 *tel，请把内容直接写在这里",
            "YAML aliases such as *tel are not allowed: write the value out here"),
    ]),
    Case("alias-in-a-list", {E: patch(E, {12: "    responsible_units: &units [scjgj]", 20: "    responsible_units: [fgj, *units]"})}, [
        err(E, 12, 24, "items[0].responsible_units", "不支持 YAML 锚点 &units，请删除它",
            "YAML anchors such as &units are not allowed: remove it"),
        err(E, 20, 30, "items[1].responsible_units[1]", "不支持 YAML 别名 *units，请把内容直接写在这里",
            "YAML aliases such as *units are not allowed: write the value out here"),
    ]),
    Case("merge-key", {G: patch(G, {25: "  <<: {hours: 周一至周五}"})}, [
        err(G, 25, 3, "office", "不支持 YAML 合并键 <<，请直接写出各字段",
            "YAML merge keys (<<) are not allowed: write the fields out"),
        err(G, 23, 3, "office.hours", f"办理时间：{MISSING_ZH}", MISSING_EN),
    ]),
    Case("tag-python-object", {M: patch(M, {7: "files: !!python/object:os.system {}", 8: None, 9: None})}, [
        err(M, 7, 8, "files", "不支持 YAML 标签 !!python/object:os.system，请删除标签",
            "YAML tags such as !!python/object:os.system are not allowed: remove the tag"),
    ]),
    Case("tag-int", {G: patch(G, {10: "    copies: !!int 1"})}, [
        err(G, 10, 13, "materials[0].copies", "不支持 YAML 标签 !!int，请删除标签",
            "YAML tags such as !!int are not allowed: remove the tag"),
    ]),
    # Unknown fields (typos), one per content type
    Case("typo-departments", {D: patch(D, {5: "    short_nme: 发改局"})}, [
        err(D, 5, 5, "departments[0].short_nme", "未知字段 “short_nme”：是否应为 “short_name”（简称）？",
            "unknown field 'short_nme': did you mean 'short_name'?"),
    ]),
    Case("typo-edition", {E: patch(E, {12: "    responsible_unit: [scjgj]"})}, [
        err(E, 12, 5, "items[0].responsible_unit",
            "未知字段 “responsible_unit”：是否应为 “responsible_units”（县级责任主体）？",
            "unknown field 'responsible_unit': did you mean 'responsible_units'?"),
    ]),
    Case("typo-service-items", {S: patch(S, {8: '    power_list: "XK-SCJG-001"'})}, [
        err(S, 8, 5, "service_items[0].power_list",
            "未知字段 “power_list”：是否应为 “power_list_code”（行政权力清单编码）？",
            "unknown field 'power_list': did you mean 'power_list_code'?"),
    ]),
    Case("typo-guide", {G: patch(G, {2: "departmnt: scjgj"})}, [
        err(G, 2, 1, "departmnt", "未知字段 “departmnt”：是否应为 “department”（实施部门）？",
            "unknown field 'departmnt': did you mean 'department'?"),
    ]),
    Case("typo-model-text", {M: patch(M, {2: "titel: 食品经营许可申请书（示范文本）"})}, [
        err(M, 2, 1, "titel", "未知字段 “titel”：是否应为 “title”（标题）？",
            "unknown field 'titel': did you mean 'title'?"),
    ]),
    Case("typo-bulletin", {B: patch(B, {9: "    location: 某镇"})}, [
        err(B, 9, 5, "cases[0].location", "未知字段 “location”：是否应为 “locality”（地区）？",
            "unknown field 'location': did you mean 'locality'?"),
    ]),
    Case("typo-complaints", {C: patch(C, {6: "    summery: 反映某窗口要求额外材料。"})}, [
        err(C, 6, 5, "clues[0].summery", "未知字段 “summery”：是否应为 “summary”（问题摘要）？",
            "unknown field 'summery': did you mean 'summary'?"),
    ]),
    Case("typo-rectification", {R: patch(R, {4: "    tittle: 清理违规准入条件"})}, [
        err(R, 4, 5, "tasks[0].tittle", "未知字段 “tittle”：是否应为 “title”（整改任务）？",
            "unknown field 'tittle': did you mean 'title'?"),
    ]),
    Case("typo-site", {SITE: patch(SITE, {6: "contacts: 测试县发展和改革局"})}, [
        err(SITE, 6, 1, "contacts", "未知字段 “contacts”：是否应为 “contact”（网站联系方式）？",
            "unknown field 'contacts': did you mean 'contact'?"),
    ]),
    Case("unknown-field-no-guess", {G: patch(G, {13: "    model_text: food-application\n    colour: red"})}, [
        err(G, 14, 5, "materials[0].colour",
            "未知字段 “colour”（是否拼写错误？本处可用的字段：name、form、copies、original、required、situation、"
            "source、basis、notes、blank_form、model_text）",
            "unknown field 'colour' (a typo? the fields here are: name, form, copies, original, required, "
            "situation, source, basis, notes, blank_form, model_text)"),
    ]),
    # Missing required fields, one per content type
    Case("missing-departments", {D: patch(D, {6: None})}, [
        err(D, 2, 5, "departments[0].team", f"代码仓库团队：{MISSING_ZH}", MISSING_EN),
    ]),
    Case("missing-edition", {E: patch(E, {8: None})}, [
        err(E, 6, 5, "items[0].name", f"禁止或许可事项：{MISSING_ZH}", MISSING_EN),
    ]),
    Case("missing-service-items", {S: patch(S, {4: None})}, [
        err(S, 2, 5, "service_items[0].name", f"事项名称：{MISSING_ZH}", MISSING_EN),
    ]),
    Case("missing-guide", {G: patch(G, {4: None})}, [
        err(G, 1, 1, "case_type", f"办件类型：{MISSING_ZH}", MISSING_EN),
    ]),
    Case("missing-model-text", {M: patch(M, {5: None, 6: None})}, [
        err(M, 1, 1, "body", f"正文：{MISSING_ZH}", MISSING_EN),
    ]),
    Case("missing-bulletin", {B: patch(B, {12: None})}, [
        err(B, 6, 5, "cases[0].facts", f"违规事实：{MISSING_ZH}", MISSING_EN),
    ]),
    Case("missing-complaints", {C: patch(C, {9: None})}, [
        err(C, 2, 5, "clues[0].status", f"状态：{MISSING_ZH}", MISSING_EN),
    ]),
    Case("missing-rectification", {R: patch(R, {7: None})}, [
        err(R, 2, 5, "tasks[0].deadline", f"完成时限：{MISSING_ZH}", MISSING_EN),
    ]),
    Case("missing-site", {SITE: patch(SITE, {6: None})}, [
        err(SITE, 1, 1, "contact", f"网站联系方式：{MISSING_ZH}", MISSING_EN),
    ]),
    # Wrong types
    Case("list-where-mapping", {G: patch(G, {22: "office: [测试县政务服务中心]", 23: None, 24: None, 25: None})}, [
        err(G, 22, 9, "office", "办理地点：必须是字段映射（键: 值）", "must be a mapping of fields (key: value)"),
    ]),
    Case("mapping-where-list", {E: patch(E, {12: "    responsible_units: {unit: scjgj}"})}, [
        err(E, 12, 24, "items[0].responsible_units", "县级责任主体：必须是列表（每行以 - 开头）",
            "must be a list (lines starting with -)"),
    ]),
    Case("mapping-where-text", {S: patch(S, {4: "    name: {zh: 食品经营许可}"})}, [
        err(S, 4, 11, "service_items[0].name", "事项名称：必须是文字", "must be text"),
    ]),
    Case("empty-value", {G: patch(G, {21: "visits:"})}, [
        err(G, 21, 8, "visits", "到办事现场次数：不能为空", "must not be empty"),
    ]),
    Case("empty-quoted-text", {G: patch(G, {6: '  - ""'})}, [
        err(G, 6, 5, "conditions[0]", "受理条件：不能为空", "must not be empty"),
    ]),
    Case("empty-list", {G: patch(G, {5: "conditions: []", 6: None})}, [
        err(G, 5, 13, "conditions", "受理条件：至少需要 1 项", "needs at least 1 item(s)"),
    ]),
    # YAML 1.1 / 1.2 typing: unquoted values in text fields are refused, with "quote it"
    Case("unquoted-basic-code", {S: patch(S, {2: "  - basic_code: 441723001000"})}, [
        err(S, 2, 17, "service_items[0].basic_code", "基本编码：" + quote("441723001000", "数字", "a number")[0],
            quote("441723001000", "数字", "a number")[1]),
    ]),
    Case("unquoted-item-code", {E: patch(E, {7: "    code: 100004"})}, [
        err(E, 7, 11, "items[0].code", "事项编码：" + quote("100004", "数字", "a number")[0],
            quote("100004", "数字", "a number")[1]),
    ]),
    Case("unquoted-leading-zero", {S: patch(S, {8: "    power_list_code: 0101"})}, [
        err(S, 8, 22, "service_items[0].power_list_code", "行政权力清单编码：" + quote("0101", "数字", "a number")[0],
            quote("0101", "数字", "a number")[1]),
    ]),
    Case("unquoted-phone", {G: patch(G, {28: "  complaint: [12345]"})}, [
        err(G, 28, 15, "phones.complaint[0]", "监督投诉电话：" + quote("12345", "数字", "a number")[0],
            quote("12345", "数字", "a number")[1]),
    ]),
    Case("unquoted-no", {C: patch(C, {5: "    category: no"})}, [
        err(C, 5, 15, "clues[0].category", "问题类别：" + quote("no", "是/否", "a boolean")[0],
            quote("no", "是/否", "a boolean")[1]),
    ]),
    Case("unquoted-on", {B: patch(B, {9: "    locality: on"})}, [
        err(B, 9, 15, "cases[0].locality", "地区：" + quote("on", "是/否", "a boolean")[0],
            quote("on", "是/否", "a boolean")[1]),
    ]),
    Case("unquoted-1e3", {M: patch(M, {2: "title: 1e3"})}, [
        err(M, 2, 8, "title", "标题：" + quote("1e3", "数字", "a number")[0], quote("1e3", "数字", "a number")[1]),
    ]),
    Case("unquoted-tilde", {G: patch(G, {23: "  name: ~"})}, [
        err(G, 23, 9, "office.name", "办理地点名称：不能为空（~ 在 YAML 中表示空值；如果要写这段文字，请加引号：\"~\"）",
            "must not be empty (~ means null in YAML; to write it as text, quote it: \"~\")"),
    ]),
    Case("unquoted-date-in-text", {R: patch(R, {4: "    title: 2025-07-01"})}, [
        err(R, 4, 12, "tasks[0].title", "整改任务：" + quote("2025-07-01", "日期", "a date")[0],
            quote("2025-07-01", "日期", "a date")[1]),
    ]),
    # Dates and numbers
    Case("not-a-real-date", {R: patch(R, {6: "    assigned: 2025-02-30"})}, [
        err(R, 6, 15, "tasks[0].assigned", "下达日期：“2025-02-30” 不是真实存在的日期",
            "'2025-02-30' is not a real date"),
    ]),
    Case("chinese-date", {B: patch(B, {3: "date: 2025年7月1日"})}, [
        err(B, 3, 7, "date", "通报日期：必须是日期，如 2025-04-24（现为 “2025年7月1日”）",
            "must be a date such as 2025-04-24 (got \"2025年7月1日\")"),
    ]),
    Case("copies-in-words", {G: patch(G, {10: "    copies: 两份"})}, [
        err(G, 10, 13, "materials[0].copies", "份数：必须是正整数（阿拉伯数字，如 1）（现为 “两份”）",
            "must be a positive whole number such as 1 (got \"两份\")"),
    ]),
    Case("copies-zero", {G: patch(G, {10: "    copies: 0"})}, [
        err(G, 10, 13, "materials[0].copies", "份数：必须不小于 1（现为 “0”）", "must be at least 1 (got \"0\")"),
    ]),
    # Controlled vocabularies
    Case("enum-category", {E: patch(E, {9: "    category: 禁止类"})}, [
        err(E, 9, 15, "items[0].category", "类别：必须是以下之一：禁止准入类、许可准入类（现为 “禁止类”）",
            "must be one of: 禁止准入类, 许可准入类 (got \"禁止类\")"),
    ]),
    Case("enum-online-level", {G: patch(G, {20: "online: {level: 可网办}"})}, [
        err(G, 20, 17, "online.level", "网办深度：必须是以下之一：不可网办、网上可办、全程网办（现为 “可网办”）",
            "must be one of: 不可网办, 网上可办, 全程网办 (got \"可网办\")"),
    ]),
    Case("enum-material-form", {G: patch(G, {9: "    form: 复印件"})}, [
        err(G, 9, 11, "materials[0].form", "材料形式：必须是以下之一：纸质、电子、纸质或电子、纸质和电子、未注明（现为 “复印件”）",
            "must be one of: 纸质, 电子, 纸质或电子, 纸质和电子, 未注明 (got \"复印件\")"),
    ]),
    Case("enum-violation-type", {B: patch(B, {11: "    violation_type: 乱收费"})}, [
        err(B, 11, 21, "cases[0].violation_type",
            "违规类型：必须是以下之一：违背清单要求进行审批、市场主体违规进入、设置市场准入隐性壁垒、其他违背市场准入负面清单制度的情况、"
            "违规审批禁止准入事项、未按清单实施许可、违规设立清单之外准入事项、违规设置准入条件/隐性壁垒、"
            "国家层面已放开但地方仍在审批、审批依据法律效力不足、违规扩大审批范围或增设条件、对外地企业设置准入限制、互为前置、"
            "告知承诺不清晰、无故拖延审批、跨区域重复审批、其他、未注明（现为 “乱收费”）",
            "must be one of: 违背清单要求进行审批, 市场主体违规进入, 设置市场准入隐性壁垒, 其他违背市场准入负面清单制度的情况, "
            "违规审批禁止准入事项, 未按清单实施许可, 违规设立清单之外准入事项, 违规设置准入条件/隐性壁垒, "
            "国家层面已放开但地方仍在审批, 审批依据法律效力不足, 违规扩大审批范围或增设条件, 对外地企业设置准入限制, 互为前置, "
            "告知承诺不清晰, 无故拖延审批, 跨区域重复审批, 其他, 未注明 (got \"乱收费\")"),
    ]),
    Case("enum-task-status", {R: patch(R, {8: "    status: 完成"})}, [
        err(R, 8, 13, "tasks[0].status", "状态：必须是以下之一：未开始、整改中、已销号（现为 “完成”）",
            "must be one of: 未开始, 整改中, 已销号 (got \"完成\")"),
    ]),
    Case("enum-clue-status", {C: patch(C, {9: "    status: 办结"})}, [
        err(C, 9, 13, "clues[0].status", "状态：必须是以下之一：已受理、已转办、已反馈结果、已回访办结（现为 “办结”）",
            "must be one of: 已受理, 已转办, 已反馈结果, 已回访办结 (got \"办结\")"),
    ]),
    # Code shapes, against the patterns configured in site.yaml
    Case("item-code-shape", {E: patch(E, {7: '    code: "10004"'})}, [
        err(E, 7, 11, "items[0].code", "事项编码 “10004” 格式不正确（应匹配 ^[12]\\d{5}$）",
            "item code '10004' has the wrong shape (must match ^[12]\\d{5}$)"),
    ]),
    Case("configured-basic-code-shape", {
        SITE: patch(SITE, {18: "    - 登记并转办\ncode_patterns:\n  basic_code: '^\\d{12}$'"}),
        S: patch(S, {2: '  - basic_code: "44172300100A"'}),
        G: patch(G, {1: 'service_item: "44172300100A"'}),
        M: patch(M, {4: 'service_item: "44172300100A"'}),
    }, [
        err(S, 2, 17, "service_items[0].basic_code", "基本编码 “44172300100A” 格式不正确（应匹配 ^\\d{12}$）",
            "basic code '44172300100A' has the wrong shape (must match ^\\d{12}$)"),
    ]),
    Case("implementation-code-shape", {S: patch(S, {3: '    implementation_code: "11441721MB2C58302X"'})}, [
        err(S, 3, 26, "service_items[0].implementation_code",
            "实施编码 “11441721MB2C58302X” 格式不正确（应匹配 ^[0-9A-Z]{18}\\d[0-9A-Z]{12}$）",
            "implementation code '11441721MB2C58302X' has the wrong shape (must match ^[0-9A-Z]{18}\\d[0-9A-Z]{12}$)"),
    ]),
    Case("bad-configured-pattern", {SITE: patch(SITE, {18: "    - 登记并转办\ncode_patterns:\n  list_item: '^[12'"})}, [
        err(SITE, 20, 14, "code_patterns.list_item",
            "正则表达式无效：unterminated character set at position 1",
            "invalid regular expression: unterminated character set at position 1"),
    ]),
    # Cross-file: duplicates
    Case("duplicate-item-code", {E: patch(E, {20: "    responsible_units: [scjgj]\n  - number: 5\n    code: \"100004\"\n"
                                               "    name: 又一事项\n    category: 禁止准入类\n    measures:\n      - text: 措施"})}, [
        err(E, 22, 11, "items[2].code", f"事项编码 “100004” 重复（已在 {E}:7 使用）",
            f"duplicate item code '100004' (already used at {E}:7)"),
    ]),
    Case("duplicate-basic-code", {"content/service-items/xzsp.yaml": (
        "service_items:\n"
        '  - basic_code: "441723001000"\n'
        '    implementation_code: "11441721MB2C58302X4441723009999"\n'
        "    name: 食品经营许可（重复）\n"
        '    type: "01"\n'
        "    department: scjgj\n"
        '    power_list_code: "XK-1"\n'
        '    license_item_code: "XK-1"\n')}, [
        err("content/service-items/xzsp.yaml", 2, 17, "service_items[0].basic_code",
            f"基本编码 “441723001000” 重复（已在 {S}:2 使用）",
            f"duplicate basic code '441723001000' (already used at {S}:2)"),
    ]),
    Case("duplicate-implementation-code", {"content/service-items/xzsp.yaml": (
        "service_items:\n"
        '  - basic_code: "441723009999"\n'
        '    implementation_code: "11441721MB2C58302X4441723001000"\n'
        "    name: 另一事项\n"
        '    type: "01"\n'
        "    department: fgj\n"
        '    power_list_code: "XK-2"\n'
        '    license_item_code: "XK-2"\n')}, [
        err("content/service-items/xzsp.yaml", 3, 26, "service_items[0].implementation_code",
            f"实施编码 “11441721MB2C58302X4441723001000” 重复（已在 {S}:3 使用）",
            f"duplicate implementation code '11441721MB2C58302X4441723001000' (already used at {S}:3)"),
    ]),
    Case("duplicate-department-id", {D: patch(D, {11: '    team: "@test/scjgj"\n  - id: scjgj\n    name: 县市监局\n'
                                                   '    full_name: 测试县市监局\n    short_name: 市监局\n    team: "@test/x"'})}, [
        err(D, 12, 9, "departments[2].id", f"单位标识 “scjgj” 重复（已在 {D}:7 使用）",
            f"duplicate department id 'scjgj' (already used at {D}:7)"),
    ]),
    Case("duplicate-model-text-id", {"content/model-texts/scjgj/副本.yaml": patch(M, {2: "title: 副本"})}, [
        err("content/model-texts/scjgj/副本.yaml", 1, 5, "id", f"示范文本标识 “food-application” 重复（已在 {M}:1 使用）",
            f"duplicate model text id 'food-application' (already used at {M}:1)"),
    ]),
    Case("duplicate-case-id", {B: patch(B, {16: "    rectification: 2025-zg-01\n  - id: \"2025-01-01\"\n    title: 又一案例\n"
                                               "    date: 2025-06-11\n    locality: 某镇\n    unit: 某单位\n"
                                               "    violation_type: 其他\n    facts: 事实。\n    handling: 处理。"})}, [
        err(B, 17, 9, "cases[1].id", f"案例标识 “2025-01-01” 重复（已在 {B}:6 使用）",
            f"duplicate case id '2025-01-01' (already used at {B}:6)"),
    ]),
    Case("duplicate-clue-id", {C: patch(C, {12: "    feedback_on: 2025-08-10\n  - id: 2025-001\n    received: 2025-08-05\n"
                                                "    channel: 来信\n    category: 其他\n    summary: 摘要。\n    status: 已受理"})}, [
        err(C, 13, 9, "clues[1].id", f"线索编号 “2025-001” 重复（已在 {C}:2 使用）",
            f"duplicate clue id '2025-001' (already used at {C}:2)"),
    ]),
    Case("duplicate-task-id", {R: patch(R, {9: '    case: "2025-01-01"\n  - id: 2025-zg-01\n    source: 自查整改\n'
                                               "    title: 另一任务\n    department: fgj\n    assigned: 2025-07-02\n"
                                               "    deadline: 2025-12-30\n    status: 未开始"})}, [
        err(R, 10, 9, "tasks[1].id", f"任务编号 “2025-zg-01” 重复（已在 {R}:2 使用）",
            f"duplicate task id '2025-zg-01' (already used at {R}:2)"),
    ]),
    Case("duplicate-edition-id", {"content/editions/2025-revised.yaml": patch(E, {4: "  published: 2025-05-01"})}, [
        err("content/editions/2025-revised.yaml", 2, 7, "edition.id", "清单版本 “2025” 重复", "duplicate edition '2025'"),
    ]),
    Case("duplicate-guide", {"content/guides/scjgj/副本.yaml": (BASE / G).read_text(encoding="utf-8")}, [
        err("content/guides/scjgj/副本.yaml", 1, 15, "service_item",
            f"政务服务事项的办事指南 “441723001000” 重复（已在 {G}:1 使用）",
            f"duplicate guide for service item '441723001000' (already used at {G}:1)"),
    ]),
    # Cross-file: every reference resolves
    Case("guide-to-service-item", {G: patch(G, {1: 'service_item: "441723009999"'})}, [
        err(G, 1, 15, "service_item", "找不到政务服务事项 “441723009999”", "no service item '441723009999' exists"),
    ]),
    Case("guide-to-department", {G: patch(G, {2: "department: xxj"})}, [
        err(G, 2, 13, "department", "找不到单位 “xxj”", "no department 'xxj' exists"),
    ]),
    Case("guide-to-model-text", {G: patch(G, {13: "    model_text: no-such-text"})}, [
        err(G, 13, 17, "materials[0].model_text", "找不到示范文本 “no-such-text”", "no model text 'no-such-text' exists"),
    ]),
    Case("guide-to-edition", {G: patch(G, {30: 'reviewed: {date: 2025-06-01, edition: "2024"}'})}, [
        err(G, 30, 39, "reviewed.edition", "找不到清单版本 “2024”", "no edition '2024' exists"),
    ]),
    Case("service-item-to-list-item", {S: patch(S, {7: '    list_items: ["206999"]'})}, [
        err(S, 7, 18, "service_items[0].list_items[0]", "找不到清单事项 “206999”", "no list item '206999' exists"),
    ]),
    Case("service-item-to-department", {S: patch(S, {6: "    department: xxj"})}, [
        err(S, 6, 17, "service_items[0].department", "找不到单位 “xxj”", "no department 'xxj' exists"),
    ]),
    Case("item-to-responsible-unit", {E: patch(E, {12: "    responsible_units: [xxj]"})}, [
        err(E, 12, 25, "items[0].responsible_units[0]", "找不到单位 “xxj”", "no department 'xxj' exists"),
    ]),
    Case("model-text-to-service-item", {M: patch(M, {4: 'service_item: "441723009999"'})}, [
        err(M, 4, 15, "service_item", "找不到政务服务事项 “441723009999”", "no service item '441723009999' exists"),
    ]),
    Case("case-to-list-item", {B: patch(B, {14: '    list_item: "206999"'})}, [
        err(B, 14, 16, "cases[0].list_item", "找不到清单事项 “206999”", "no list item '206999' exists"),
    ]),
    Case("case-to-rectification-task", {B: patch(B, {16: "    rectification: 2025-zg-99"})}, [
        err(B, 16, 20, "cases[0].rectification", "找不到整改任务 “2025-zg-99”", "no rectification task '2025-zg-99' exists"),
    ]),
    Case("task-to-case", {R: patch(R, {9: '    case: "2025-01-99"'})}, [
        err(R, 9, 11, "tasks[0].case", "找不到案例 “2025-01-99”", "no case '2025-01-99' exists"),
    ]),
    Case("clue-to-department", {C: patch(C, {7: "    transferred_to: xxj"})}, [
        err(C, 7, 21, "clues[0].transferred_to", "找不到单位 “xxj”", "no department 'xxj' exists"),
    ]),
    Case("site-office-to-department", {SITE: patch(SITE, {4: "office: xxj"})}, [
        err(SITE, 4, 9, "office", "找不到单位 “xxj”", "no department 'xxj' exists"),
    ]),
    Case("attachment-missing", {M: patch(M, {9: "    file: scjgj/missing.docx"})}, [
        err(M, 9, 11, "files[0].file", "找不到附件文件 files/scjgj/missing.docx",
            "attachment file files/scjgj/missing.docx does not exist"),
    ]),
    Case("attachment-dotdot", {M: patch(M, {9: "    file: ../departments.yaml"})}, [
        err(M, 9, 11, "files[0].file", "附件路径须为 files/ 下的相对路径，不能含 .. 或 \\",
            "attachment paths are relative to files/, without .. or \\"),
    ]),
    Case("current-edition-missing", {SITE: patch(SITE, {5: 'current_edition: "2024"'})}, [
        err(SITE, 5, 18, "current_edition", "找不到清单版本 “2024”", "no edition '2024' exists"),
    ]),
    Case("departments-file-missing", {}, [
        err("content/departments.yaml", 0, 0, "", "缺少单位文件", "the departments file is missing"),
    ], remove=(D,)),
    # Cross-file facts
    Case("promise-longer-same-unit", {G: patch(G, {17: "promised_time_limit: {value: 15, unit: 工作日}"})}, [
        err(G, 17, 22, "promised_time_limit", "承诺时限（15工作日）不能长于法定时限（10工作日）",
            "the promised time limit (15 工作日) may not exceed the legal one (10 工作日)"),
    ]),
    Case("promise-longer-mixed-units", {G: patch(G, {17: "promised_time_limit: {value: 15, unit: 自然日}"})}, [
        err(G, 17, 22, "promised_time_limit", "承诺时限（15自然日）不能长于法定时限（10工作日）",
            "the promised time limit (15 自然日) may not exceed the legal one (10 工作日)"),
    ]),
    Case("promise-working-days-vs-legal-calendar", {G: patch(G, {16: "legal_time_limit: {value: 6, unit: 自然日}"})}, [
        err(G, 17, 22, "promised_time_limit", "承诺时限（5工作日）不能长于法定时限（6自然日）",
            "the promised time limit (5 工作日) may not exceed the legal one (6 自然日)"),
    ]),
    Case("guide-department-differs", {G: patch(G, {2: "department: fgj"})}, [
        err(G, 2, 13, "department", "实施部门与政务服务事项的实施部门（scjgj）不一致",
            "department differs from the service item's department (scjgj)"),
    ]),
    Case("clue-dates-out-of-order", {C: patch(C, {8: "    transferred_on: 2025-07-30"})}, [
        err(C, 8, 21, "clues[0].transferred_on", "转办日期早于收到日期", "transferred before it was received"),
    ]),
    Case("task-deadline-before-assigned", {R: patch(R, {7: "    deadline: 2025-06-30", 8: "    status: 已销号\n"
                                                         "    closed_on: 2025-07-15\n    evidence: 已整改。"})}, [
        err(R, 7, 15, "tasks[0].deadline", "完成时限早于下达日期", "the deadline is before the assignment"),
    ]),
    Case("closed-task-without-evidence", {R: patch(R, {8: "    status: 已销号"})}, [
        err(R, 2, 5, "tasks[0].closed_on", "已销号的任务须填写销号日期和销号依据",
            "a closed task needs its close-out date and evidence"),
    ]),
    Case("clue-status-needs-date", {C: patch(C, {12: None})}, [
        err(C, 2, 5, "clues[0].feedback_on", "状态为 已回访办结 的线索须填写此项",
            "a clue with status 已回访办结 needs this field"),
    ]),
    Case("future-review-date", {G: patch(G, {30: 'reviewed: {date: 2026-01-01, edition: "2025"}'})}, [
        err(G, 30, 18, "reviewed.date", "日期 2026-01-01 晚于今天（2025-11-20）",
            "the date 2026-01-01 is in the future (today is 2025-11-20)"),
    ]),
    Case("future-clue-dates", {C: patch(C, {10: "    result_reported_on: 2025-11-25", 12: "    feedback_on: 2025-12-01"})}, [
        err(C, 10, 25, "clues[0].result_reported_on", "日期 2025-11-25 晚于今天（2025-11-20）",
            "the date 2025-11-25 is in the future (today is 2025-11-20)"),
        err(C, 12, 18, "clues[0].feedback_on", "日期 2025-12-01 晚于今天（2025-11-20）",
            "the date 2025-12-01 is in the future (today is 2025-11-20)"),
    ]),
    # Files in the wrong place or with the wrong name
    Case("file-in-unknown-place", {"content/guide/scjgj/food.yaml": (BASE / G).read_text(encoding="utf-8")}, [
        err("content/guide/scjgj/food.yaml", 0, 0, "", *UNKNOWN_PLACE),
    ]),
    Case("yml-extension", {"content/guides/scjgj/other.yml": "service_item: x\n"}, [
        err("content/guides/scjgj/other.yml", 0, 0, "", "内容文件的扩展名须为 .yaml（现为 “other.yml”）",
            "content files must end in .yaml (got 'other.yml')"),
    ]),
    Case("yaml-txt-extension", {"content/guides/scjgj/指南.yaml.txt": "service_item: x\n"}, [
        err("content/guides/scjgj/指南.yaml.txt", 0, 0, "", "内容文件的扩展名须为 .yaml（现为 “指南.yaml.txt”）",
            "content files must end in .yaml (got '指南.yaml.txt')"),
    ]),
    Case("stray-file", {"content/guides/scjgj/申请书.docx": b"PK\x03\x04"}, [
        err("content/guides/scjgj/申请书.docx", 0, 0, "", "这里只能放 .yaml 内容文件；附件请放在 files/ 下",
            "only .yaml content files belong here; attachments go under files/"),
    ]),
    # Every problem of a run: one file with three problems gives three.
    Case("three-problems-in-one-file", {G: patch(G, {2: "departmnt: scjgj", 10: "    copies: 两份",
                                                     20: "online: {level: 可网办}"})}, [
        err(G, 2, 1, "departmnt", "未知字段 “departmnt”：是否应为 “department”（实施部门）？",
            "unknown field 'departmnt': did you mean 'department'?"),
        err(G, 10, 13, "materials[0].copies", "份数：必须是正整数（阿拉伯数字，如 1）（现为 “两份”）",
            "must be a positive whole number such as 1 (got \"两份\")"),
        err(G, 20, 17, "online.level", "网办深度：必须是以下之一：不可网办、网上可办、全程网办（现为 “可网办”）",
            "must be one of: 不可网办, 网上可办, 全程网办 (got \"可网办\")"),
    ]),
    Case("problems-in-three-files", {G: patch(G, {10: "    copies: 两份"}), C: patch(C, {9: "    status: 办结"}),
                                     E: patch(E, {7: "    code: 100004"})}, [
        err(G, 10, 13, "materials[0].copies", "份数：必须是正整数（阿拉伯数字，如 1）（现为 “两份”）",
            "must be a positive whole number such as 1 (got \"两份\")"),
        err(C, 9, 13, "clues[0].status", "状态：必须是以下之一：已受理、已转办、已反馈结果、已回访办结（现为 “办结”）",
            "must be one of: 已受理, 已转办, 已反馈结果, 已回访办结 (got \"办结\")"),
        err(E, 7, 11, "items[0].code", "事项编码：" + quote("100004", "数字", "a number")[0],
            quote("100004", "数字", "a number")[1]),
    ]),
    # A file that fails its schema: references to what it defines are not reported again.
    Case("failed-service-items-no-follow-on", {S: patch(S, {4: "    nme: 食品经营许可"})}, [
        err(S, 4, 5, "service_items[0].nme", "未知字段 “nme”：是否应为 “name”（事项名称）？",
            "unknown field 'nme': did you mean 'name'?"),
    ]),
    Case("failed-bulletin-no-follow-on", {B: patch(B, {3: "date: 2025年7月1日"})}, [
        err(B, 3, 7, "date", "通报日期：必须是日期，如 2025-04-24（现为 “2025年7月1日”）",
            "must be a date such as 2025-04-24 (got \"2025年7月1日\")"),
    ]),
]


# --- running a case ----------------------------------------------------------------------


def materialise(root: Path, files: dict[str, str | bytes], remove=()) -> Path:
    """A copy of the fixture under `root` with `files` written and `remove` deleted."""
    shutil.copytree(BASE, root, dirs_exist_ok=True)
    for relative in remove:
        (root / relative).unlink()
    for relative, data in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return root


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root, with its bytes: the whole tree must come out of a failed build unchanged."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def problems_of(root: Path):
    content, problems = check(Path("content"), Path("site_config"), TEST_DATE)
    assert content is None, "a run with errors must not give content"
    return problems


def assert_nothing_written(root: Path, problems, capsys) -> None:
    """`qingdan check` and `qingdan build` fail; the previous site and the whole tree are unchanged."""
    args = ["--content", "content", "--site-config", "site_config", "--date", TEST_DATE]
    assert main(["check", *args]) == 1
    previous = root / "site"
    previous.mkdir()
    (previous / "index.html").write_text("<p>上一版网站</p>", encoding="utf-8")
    before = tree(root)
    capsys.readouterr()
    assert main(["build", *args, "--out", "site"]) == 1
    assert main(["build", *args, "--out", "fresh-site"]) == 1
    assert tree(root) == before, "a failed build changed files"
    assert not (root / "fresh-site").exists()
    stderr = capsys.readouterr().err
    for problem in problems:
        if problem.is_error:
            assert problem.text() in stderr


def test_enough_cases():
    assert len(CASES) >= 45
    assert len({case.id for case in CASES}) == len(CASES)


def test_fixture_is_valid(tmp_path, monkeypatch):
    monkeypatch.chdir(materialise(tmp_path, {}))
    content, problems = check(Path("content"), Path("site_config"), TEST_DATE)
    assert content is not None
    assert problems == []


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path, monkeypatch, capsys):
    root = materialise(tmp_path, case.files, case.remove)
    monkeypatch.chdir(root)
    problems = problems_of(root)
    got = sorted((p.path, p.line, p.column, p.field, p.message_zh, p.message_en) for p in problems)
    assert got == sorted(case.expected)
    assert_nothing_written(root, problems, capsys)


def test_alias_bomb_is_refused_quickly(tmp_path, monkeypatch, capsys):
    """Billion laughs: nine levels of nine aliases would expand to 9**9 strings."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    bomb = "content/guides/scjgj/bomb.yaml"
    root = materialise(tmp_path, {bomb: "\n".join(lines) + "\n"})
    monkeypatch.chdir(root)
    tracemalloc.start()
    started = time.perf_counter()
    problems = problems_of(root)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 20_000_000
    # Nine anchors and 72 aliases, each at its own place; nothing else.
    assert len(problems) == 81
    assert {p.path for p in problems} == {bomb}
    assert (bomb, 1, 4, "a", "不支持 YAML 锚点 &a，请删除它", "YAML anchors such as &a are not allowed: remove it") in [
        (p.path, p.line, p.column, p.field, p.message_zh, p.message_en) for p in problems]
    assert (bomb, 9, 8 + 8 * 4, "i[8]", "不支持 YAML 别名 *h，请把内容直接写在这里",
            "YAML aliases such as *h are not allowed: write the value out here") in [
        (p.path, p.line, p.column, p.field, p.message_zh, p.message_en) for p in problems]
    assert_nothing_written(root, problems, capsys)


def test_quoted_values_are_kept_exactly(tmp_path, monkeypatch):
    """The quoted forms of everything refused above pass, and stay the exact text typed."""
    root = materialise(tmp_path, {
        S: patch(S, {8: '    power_list_code: "0101"'}),
        C: patch(C, {5: '    category: "no"'}),
        B: patch(B, {9: '    locality: "on"'}),
        M: patch(M, {2: 'title: "1e3"'}),
        G: patch(G, {23: '  name: "~"', 28: '  complaint: ["12345"]'}),
        R: patch(R, {4: '    title: "2025-07-01"'}),
    })
    monkeypatch.chdir(root)
    content, problems = check(Path("content"), Path("site_config"), TEST_DATE)
    assert content is not None, [p.text() for p in problems]
    assert content.service_items["441723001000"].power_list_code == "0101"
    assert content.clues[0].category == "no"
    assert content.bulletins[0].cases[0].locality == "on"
    assert content.model_texts["food-application"].title == "1e3"
    guide = content.guides["441723001000"]
    assert (guide.office.name, guide.phones.complaint) == ("~", ["12345"])
    assert content.tasks[0].title == "2025-07-01"
    assert content.editions["2025"].items["100004"].code == "100004"


def test_bom_is_accepted(tmp_path, monkeypatch):
    root = materialise(tmp_path, {G: b"\xef\xbb\xbf" + (BASE / G).read_bytes()})
    monkeypatch.chdir(root)
    content, problems = check(Path("content"), Path("site_config"), TEST_DATE)
    assert content is not None and problems == []


def test_the_same_build_succeeds_on_the_valid_fixture(tmp_path, monkeypatch):
    """Control: the command the cases run does build a site when nothing is wrong, so their
    exit code 1 comes from the bad file. (Run from the repository root, where mkdocs.yml is.)"""
    root = materialise(tmp_path / "tree", {})
    monkeypatch.chdir(ROOT)
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("<p>上一版网站</p>", encoding="utf-8")
    assert main(["build", "--content", str(root / "content"), "--site-config", str(root / "site_config"),
                 "--date", TEST_DATE, "--out", str(out)]) == 0
    assert "上一版网站" not in (out / "index.html").read_text(encoding="utf-8")
    assert (out / "guides" / "441723001000" / "index.html").is_file()
