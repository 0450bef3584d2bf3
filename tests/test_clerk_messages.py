"""Messages a clerk can act on: each names the mistake and what to type instead.

Clerks type YAML with a Chinese input method. Each case changes one line of the small
valid fixture (tests/fixtures/loader_base) the way a clerk would get it wrong, and
asserts the whole problem list, word for word: the message is the fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import check
from tests.conftest import TEST_DATE
from tests.test_bad_input import G, materialise, patch

# Lines 8-13 of the fixture guide are its one material; a second one, as a clerk adds it
# by copying the first and forgetting the "- " on its first line.
SECOND_MATERIAL_WITHOUT_DASH = ("    model_text: food-application\n    name: 营业执照\n    form: 电子\n"
                                "    copies: 1\n    required: true\n    source: 政府部门核发")

CASES = {
    # Eight "duplicate key: delete one" before; following that advice deleted a material.
    "missing-dash": ({G: patch(G, {13: SECOND_MATERIAL_WITHOUT_DASH})}, [
        (G, 14, 5, "materials[1]",
         "第 14 行的 “name” 开始了新的一项，但前面少了列表项标记 “- ”：请写成 “- name: …”，"
         "与上一项的 “- ” 对齐（否则这一项的字段会并入上一项）",
         "'name' on line 14 starts a new entry but has no '- ' before it: write '- name: …', "
         "lined up with the '- ' of the entry above (else its fields join that entry)"),
    ]),
    "fullwidth-colon": ({G: patch(G, {10: "    copies：1"})}, [
        (G, 10, 11, "",
         "“copies”后面的冒号是全角“：”，请改为半角（英文）冒号“:”加一个空格：写成 copies: …",
         "the colon after 'copies' is the full-width '：' (U+FF1A): type the ASCII colon ':' and a space: "
         "write copies: …"),
    ]),
    "ideographic-space-indent": ({G: patch(G, {10: "　　copies: 1"})}, [
        (G, 10, 1, "", "缩进里有全角空格“　”（U+3000），请删去，改用半角（英文）空格缩进",
         "the indentation holds an ideographic space (U+3000): indent with ASCII spaces"),
    ]),
    "chinese-quotes-around-an-id": ({G: patch(G, {2: "department: “scjgj”"})}, [
        (G, 2, 13, "department", "实施部门：两边的全角引号“”请删去：写成 scjgj（现为 ““scjgj””）",
         "the full-width “” around it do not belong there: write scjgj (got \"“scjgj”\")"),
    ]),
    "fullwidth-brackets-around-a-code": ({G: patch(G, {1: "service_item: （441723001000）"})}, [
        (G, 1, 15, "service_item", "找不到政务服务事项 “（441723001000）”；两边的全角括号（）请删去：写成 441723001000",
         "no service item '（441723001000）' exists; the full-width （） around it do not belong there: "
         "write 441723001000"),
    ]),
    "fullwidth-brackets-in-a-file-name": (
        {G: patch(G, {13: "    blank_form: /files/scjgj/申请书(空表).txt"}),
         "content/files/scjgj/申请书（空表）.txt": "申请书\n"}, [
            (G, 13, 17, "materials[0].blank_form",
             "找不到附件文件 files/scjgj/申请书(空表).txt；files/ 下有 “scjgj/申请书（空表）.txt”，"
             "与所写的只差全角或半角字符（如“（”与“(”），请照实际文件名写",
             "attachment file files/scjgj/申请书(空表).txt does not exist; files/ holds 'scjgj/申请书（空表）.txt', "
             "which differs only in full- or half-width characters (such as '（' and '('): write the name as it is"),
        ]),
    "fullwidth-digit": ({G: patch(G, {10: "    copies: １"})}, [
        (G, 10, 13, "materials[0].copies",
         "份数：必须是正整数（阿拉伯数字，如 1）（现为 “１”）：“１”是全角数字，请改为半角（英文）“1”：写成 1",
         "must be a positive whole number such as 1 (got \"１\"): '１' (U+FF11) is full-width: "
         "type the ASCII '1' instead: write 1"),
    ]),
    "url-without-scheme": ({G: patch(G, {13: "    blank_form: www.example.com/a.pdf"})}, [
        (G, 13, 17, "materials[0].blank_form",
         "空白表格：网址须以 https:// 或 http:// 开头：写成 https://www.example.com/a.pdf（现为 “www.example.com/a.pdf”）",
         "an address starts with https:// or http://: write https://www.example.com/a.pdf "
         "(got \"www.example.com/a.pdf\")"),
    ]),
    "url-without-colon": ({G: patch(G, {13: "    blank_form: http//example.com/a.pdf"})}, [
        (G, 13, 17, "materials[0].blank_form",
         "空白表格：网址开头应为 “http://”（半角冒号加两个斜杠）：写成 http://example.com/a.pdf"
         "（现为 “http//example.com/a.pdf”）",
         "an address starts with 'http://' (a colon and two slashes): write http://example.com/a.pdf "
         "(got \"http//example.com/a.pdf\")"),
    ]),
    "url-site-file-without-slash": ({G: patch(G, {13: "    blank_form: files/scjgj/a.pdf"})}, [
        (G, 13, 17, "materials[0].blank_form", "空白表格：本站文件的路径须以“/”开头：写成 /files/scjgj/a.pdf（现为 “files/scjgj/a.pdf”）",
         "a path of this site starts with /: write /files/scjgj/a.pdf (got \"files/scjgj/a.pdf\")"),
    ]),
    "url-with-a-space": ({G: patch(G, {13: "    blank_form: https://example.com/a b.pdf"})}, [
        (G, 13, 17, "materials[0].blank_form", "空白表格：网址中间有空格或换行，请删去（现为 “https://example.com/a b.pdf”）",
         "the address holds a space or line break: remove it (got \"https://example.com/a b.pdf\")"),
    ]),
    "time-limit-written-as-text": ({G: patch(G, {17: "promised_time_limit: 5个工作日"})}, [
        (G, 17, 22, "promised_time_limit", "承诺办结时限：时限须把天数和单位分开写：写成 {value: 5, unit: 工作日}",
         "a time limit gives the number and the unit apart: write {value: 5, unit: 工作日}"),
    ]),
    "unknown-department": ({G: patch(G, {2: "department: scjgjj"})}, [
        (G, 2, 13, "department", "找不到单位 “scjgjj”；您是否要写 scjgj？",
         "no department 'scjgjj' exists; did you mean scjgj?"),
    ]),
    # A code one digit off is another business's code: no guess.
    "unknown-code-gets-no-guess": ({G: patch(G, {1: 'service_item: "441723001009"'})}, [
        (G, 1, 15, "service_item", "找不到政务服务事项 “441723001009”", "no service item '441723001009' exists"),
    ]),
}


@pytest.mark.parametrize("name", CASES)
def test_message_names_the_fix(name, tmp_path, monkeypatch):
    files, expected = CASES[name]
    monkeypatch.chdir(materialise(tmp_path, files))
    content, problems = check(Path("content"), Path("site_config"), TEST_DATE)
    assert content is None
    assert [(p.path, p.line, p.column, p.field, p.message_zh, p.message_en) for p in problems] == expected


def test_check_for_one_department_lists_its_problems_only(tmp_path):
    """`qingdan check --department ID`: that department's problems, a count of the rest;
    a mistyped id gets the nearest one."""
    from tests.conftest import qingdan

    root = materialise(tmp_path, {G: patch(G, {10: "    copies: 两份"})})  # a guide of scjgj
    args = ("check", "--date", TEST_DATE)
    own = qingdan(root, *args, "--department", "scjgj")
    assert own.returncode == 1
    assert "content/guides/scjgj/food.yaml:10:13: materials[0].copies:" in own.stdout
    other = qingdan(root, *args, "--department", "fgj")
    assert other.returncode == 0 and other.stdout == ""
    assert ("以上是 fgj 的问题（0 个错误、0 个警告）；其他单位和公共文件另有 1 个错误、0 个警告（不加 --department 可全部列出）"
            in other.stderr)
    typo = qingdan(root, *args, "--department", "scjg")
    assert typo.returncode == 2
    assert typo.stderr.strip() == "没有单位 “scjg”；您是否要写 scjgj？ / no department 'scjg'; did you mean scjgj?"
