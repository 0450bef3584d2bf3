"""A corpus of hostile pull requests, one or more per class of attack in issue 17, each run
through `qingdan check` and `qingdan build` on a copy of tests/fixtures/loader_base.

Refused cases assert the complete list of problems (path, line, column, field, 中文, English)
and that both builds fail with the previous site left exactly as it was (the helpers of
test_bad_input). Accepted cases assert the safe output: what the built site holds.
Expected messages are written out here by hand, never computed by the code under test.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.load.safe_files import FOLDER_AS_FILE, HARDLINK, SPECIAL, SYMLINK
from generator.tools.cli import main
from tests.conftest import TEST_DATE, build
from tests.test_bad_input import assert_nothing_written, materialise, patch, problems_of

D = "content/departments.yaml"
G = "content/guides/scjgj/food.yaml"
M = "content/model-texts/scjgj/food-application.yaml"
S = "content/service-items/scjgj.yaml"
E = "content/editions/2025.yaml"
B = "content/bulletins/2025-01.yaml"
C = "content/ledgers/complaints.yaml"
PII_ZH = "：本仓库和网站公开，不得写入任何个人信息，请删除或脱敏"
PII_EN = ": the repository and the site are public, remove or desensitise it"
TYPE_ZH = "不允许发布这种类型的附件（{ext}）；只允许 PDF、DOC、DOCX、XLS、XLSX、ODT、ODS、ODP、CSV、TXT、PNG、JPG、GIF"
TYPE_EN = ("this type of attachment ({ext}) may not be published; "
           "allowed: PDF、DOC、DOCX、XLS、XLSX、ODT、ODS、ODP、CSV、TXT、PNG、JPG、GIF")
FORGED_ZH = ("单位 “fgj” 与文件所在目录的单位（scjgj）不一致：各单位只能以本单位名义发布，"
             "其他单位的内容须由该单位在自己的目录中提交")
FORGED_EN = ("department 'fgj' is not the department whose folder holds the file (scjgj): "
             "a department publishes in its own name only")


def err(path, line, column, field, zh, en):
    return (path, line, column, field, zh, en)


def whole(path, reason):
    return (path, 0, 0, "", *reason)


@dataclass
class Attack:
    id: str
    files: dict[str, str | bytes]
    expected: list[tuple]
    setup: Callable[[Path], None] | None = None  # links, FIFOs: what a dict of bytes cannot hold


def link(relative: str, target: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, root / relative)
    return make


def fifo(relative: str) -> Callable[[Path], None]:
    return lambda root: os.mkfifo(root / relative)


def folder(relative: str) -> Callable[[Path], None]:
    return lambda root: (root / relative).mkdir(parents=True)


def hard_link(relative: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        outside = root.parent / f"{root.name}-secret.txt"
        outside.write_text("TOKEN=abc\n", encoding="utf-8")
        os.link(outside, root / relative)
    return make


def with_attachment(name: str, data: bytes) -> dict[str, str | bytes]:
    """The attachment and the model text referring to it (so only its type is wrong)."""
    return {f"content/files/scjgj/{name}": data,
            M: patch(M, {9: f"    file: scjgj/{name}"})}


ATTACKS = [
    # --- 1. links and special files: never read, never published
    Attack("symlink-to-environ", {}, [whole("content/files/scjgj/env.txt", SYMLINK)],
           link("content/files/scjgj/env.txt", "/proc/self/environ")),
    Attack("yaml-symlink", {}, [whole("content/guides/scjgj/passwd.yaml", SYMLINK)],
           link("content/guides/scjgj/passwd.yaml", "/etc/passwd")),
    Attack("broken-yaml-symlink", {}, [whole("content/guides/scjgj/gone.yaml", SYMLINK)],
           link("content/guides/scjgj/gone.yaml", "/nonexistent/gone.yaml")),
    Attack("folder-symlink", {}, [whole("content/guides/fgj", SYMLINK)], link("content/guides/fgj", "/etc")),
    Attack("folder-named-yaml", {}, [whole("content/guides/scjgj/folder.yaml", FOLDER_AS_FILE)],
           folder("content/guides/scjgj/folder.yaml")),
    Attack("fifo-named-yaml", {}, [whole("content/guides/scjgj/pipe.yaml", SPECIAL)], fifo("content/guides/scjgj/pipe.yaml")),
    Attack("hard-link-out-of-the-tree", {}, [whole("content/files/scjgj/copy.txt", HARDLINK)],
           hard_link("content/files/scjgj/copy.txt")),
    # --- 1. attachments: an allow-list checked by content
    Attack("html-attachment", with_attachment("page.html", b"<script>alert(document.domain)</script>"),
           [whole("content/files/scjgj/page.html", (TYPE_ZH.format(ext=".html"), TYPE_EN.format(ext=".html")))]),
    Attack("svg-attachment", with_attachment("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
           [whole("content/files/scjgj/logo.svg", (TYPE_ZH.format(ext=".svg"), TYPE_EN.format(ext=".svg")))]),
    Attack("markdown-page-attachment", {"content/files/scjgj/page.md": "# 页面\n<script>alert(1)</script>\n"},
           [whole("content/files/scjgj/page.md", (TYPE_ZH.format(ext=".md"), TYPE_EN.format(ext=".md")))]),
    Attack("xml-attachment", {"content/files/scjgj/data.xml": "<?xml version='1.0'?><a/>"},
           [whole("content/files/scjgj/data.xml", (TYPE_ZH.format(ext=".xml"), TYPE_EN.format(ext=".xml")))]),
    Attack("html-named-pdf", with_attachment("申请书.pdf", b"<html><script>alert(1)</script></html>"),
           [whole("content/files/scjgj/申请书.pdf", ("文件内容不是 PDF，与扩展名 .pdf 不符",
                                                 "the content is not PDF, as its extension .pdf says"))]),
    Attack("htaccess", {"content/files/scjgj/.htaccess": "Options +Indexes\n"},
           [whole("content/files/scjgj/.htaccess",
                  ("文件名不能以 . 开头、以空格开头或结尾，也不能含 ? # % \\ < > \" ' ` | *",
                   "a file name cannot start with a dot, start or end with a space, or contain ? # % \\ < > \" ' ` | *"))]),
    Attack("attachment-outside-a-department", {"content/files/notice.txt": "通知\n"},
           [whole("content/files/notice.txt", ("附件须放在 files/<单位标识>/ 下",
                                               "attachments belong in files/<department id>/"))]),
    Attack("attachment-of-no-department", {"content/files/evil/notice.txt": "通知\n"},
           [whole("content/files/evil/notice.txt", ("files/ 下的目录须为单位标识：没有单位 “evil”",
                                                    "folders under files/ are department ids: no department 'evil'"))]),
    Attack("another-departments-attachment", {"content/files/fgj/a.txt": "甲\n", M: patch(M, {9: "    file: fgj/a.txt"})},
           [err(M, 9, 11, "files[0].file", "只能引用本单位目录 files/scjgj/ 下的附件",
                "only attachments in the department's own folder files/scjgj/ can be used")]),
    # --- 2. links
    Attack("javascript-website", {D: patch(D, {11: '    team: "@test/scjgj"\n    website: "javascript:alert(document.cookie)"'})},
           [err(D, 12, 14, "departments[1].website", "门户网站：不允许 “javascript:” 链接（现为 “javascript:alert(document.cookie)”）："
                "只能写 https:// 或 http:// 网址、以“/”开头的本站路径",
                "'javascript:' links are not allowed (got 'javascript:alert(document.cookie)'): only an https:// or "
                "http:// address or a path on this site starting with /")]),
    Attack("protocol-relative-website", {D: patch(D, {11: '    team: "@test/scjgj"\n    website: "//evil.example/x"'})},
           [err(D, 12, 14, "departments[1].website",
                "门户网站：以 // 开头的链接会指向其他网站：外部网站请写完整的 https:// 地址，本站页面以一个“/”开头",
                "a link starting with // leads to another site: write a full https:// address for an outside site, "
                "or one / for a page of this site")]),
    Attack("dotdot-blank-form", {G: patch(G, {13: "    model_text: food-application\n    blank_form: /../../etc/passwd"})},
           [err(G, 14, 17, "materials[0].blank_form",
                "空白表格：本站路径不能含 . 或 .. 段（会指向网站以外或别的目录）",
                "a path on this site cannot contain . or .. segments (they lead outside the site)")]),
    # --- 3. departments publish in their own name only
    Attack("forged-department-guide", {G: patch(G, {2: "department: fgj"})},
           [err(G, 2, 13, "department", FORGED_ZH, FORGED_EN)]),
    Attack("forged-department-model-text", {M: patch(M, {3: "department: fgj"})},
           [err(M, 3, 13, "department", FORGED_ZH, FORGED_EN)]),
    Attack("forged-department-service-item", {S: patch(S, {6: "    department: fgj"})},
           [err(S, 6, 17, "service_items[0].department", FORGED_ZH, FORGED_EN)]),
    Attack("guide-outside-a-department-folder", {"content/guides/food.yaml": patch(G, {}), G: None},
           [err("content/guides/food.yaml", 1, 1, "", "这类文件须放在以单位标识命名的目录中（guides/<单位标识>/）",
                "this kind of file belongs in a folder named by the department id (guides/<单位标识>/)")]),
    # --- 3. line breaks and invisible characters in names and codes
    Attack("newline-in-name-forges-codeowners", {D: patch(D, {8: '    name: "县市场监管局\\n* @evil/owners"'})},
           [err(D, 8, 11, "departments[1].name", "单位简称：含有不允许的字符 U+000A 换行（控制字符）（第 7 个字符）",
                "contains a character that is not allowed: U+000A LINE FEED (character 7)")]),
    Attack("newline-in-team", {D: patch(D, {11: '    team: "@test/scjgj\\n* @evil/owners"'})},
           [err(D, 11, 11, "departments[1].team", "代码仓库团队：含有不允许的字符 U+000A 换行（控制字符）（第 12 个字符）",
                "contains a character that is not allowed: U+000A LINE FEED (character 12)")]),
    Attack("bidi-override-in-short-name", {D: patch(D, {10: '    short_name: "市场\\u202e监管局"'})},
           [err(D, 10, 17, "departments[1].short_name", "简称：含有不允许的字符 U+202E 双向文字控制符（第 3 个字符）",
                "contains a character that is not allowed: U+202E RIGHT-TO-LEFT OVERRIDE (character 3)")]),
    Attack("noncharacter-in-case-title", {B: patch(B, {7: '    title: "某镇违规设置准入条件\\uffff"'})},
           [err(B, 7, 12, "cases[0].title", "标题：含有不允许的字符 U+FFFF 非字符（第 11 个字符）",
                "contains a character that is not allowed: U+FFFF NONCHARACTER (character 11)")]),
    Attack("c1-control-in-facts", {B: patch(B, {12: '    facts: "要求外地企业\\x85设立分支机构。"'})},
           [err(B, 12, 12, "cases[0].facts", "违规事实：含有不允许的字符 U+0085 下一行（C1 控制字符）（第 7 个字符）",
                "contains a character that is not allowed: U+0085 NEXT LINE (C1 control) (character 7)")]),
    Attack("code-with-trailing-newline", {E: patch(E, {7: '    code: "100004\\n"'})},
           [err(E, 7, 11, "items[0].code", "事项编码：含有不允许的字符 U+000A 换行（控制字符）（第 7 个字符）",
                "contains a character that is not allowed: U+000A LINE FEED (character 7)")]),
    # --- 5. personal data, in every kind of file
    Attack("mobile-in-a-guide", {G: patch(G, {12: "    source: 申请人自备（咨询王先生 138-1234-5678）"})},
           [err(G, 12, 13, "materials[0].source", f"含有手机号码（138****5678）{PII_ZH}",
                f"contains a mobile number (138****5678){PII_EN}"),
            err(G, 12, 13, "materials[0].source", f"含有个人姓名（王**）{PII_ZH}", f"contains a person's name (王**){PII_EN}")]),
    Attack("id-number-in-a-model-text", {M: patch(M, {6: "  申请人：**某某餐饮店**，负责人身份证 4417 2119 9003 0712 39"})},
           [err(M, 5, 7, "body", f"含有居民身份证号码（441***********1239）{PII_ZH}",
                f"contains a resident ID number (441***********1239){PII_EN}")]),
    Attack("wechat-in-a-department", {D: patch(D, {9: "    full_name: 测试县市场监督管理局（微信 zhangsan_88）"})},
           [err(D, 9, 16, "departments[1].full_name", f"含有微信号（zha****n_88）{PII_ZH}",
                f"contains a WeChat id (zha****n_88){PII_EN}")]),
    Attack("home-address-in-a-complaint", {C: patch(C, {6: "    summary: 反映某窗口要求额外材料，投诉人住碧桂园小区5栋2单元301室。"})},
           [err(C, 6, 14, "clues[0].summary", f"含有住址（小***）{PII_ZH}", f"contains a home address (小***){PII_EN}"),
            err(C, 6, 14, "clues[0].summary", f"含有住址（5********）{PII_ZH}", f"contains a home address (5********){PII_EN}")]),
    # --- 6. inputs that used to crash or take minutes
    Attack("markdown-nested-800-deep", {M: patch(M, {6: "  " + "- " * 800 + "x"})},
           [err(M, 5, 7, "body", "正文：第 1 行的列表或引用嵌套过深（超过 10 层）",
                "line 1 nests lists or quotes too deeply (more than 10 levels)")]),
    Attack("markdown-32000-brackets", {M: patch(M, {6: "  " + "[" * 32000})},
           [err(M, 5, 7, "body", "正文：方括号 [ 过多（32000 个，上限 2000）", "too many [ brackets (32000, the limit is 2000)")]),
    Attack("date-at-the-end-of-the-calendar", {C: patch(C, {8: "    transferred_on: 9999-12-30"})},
           [err(C, 8, 21, "clues[0].transferred_on", "转办日期：日期须在 1949 年至 2100 年之间（现为 9999-12-30）",
                "a date must lie between 1949 and 2100 (got 9999-12-30)")]),
    Attack("year-one", {C: patch(C, {3: "    received: 0001-01-01"})},
           [err(C, 3, 15, "clues[0].received", "收到日期：日期须在 1949 年至 2100 年之间（现为 0001-01-01）",
                "a date must lie between 1949 and 2100 (got 0001-01-01)")]),
]


def test_enough_attacks():
    assert len(ATTACKS) >= 30
    assert len({a.id for a in ATTACKS}) == len(ATTACKS)


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.id for a in ATTACKS])
def test_hostile_pull_request_is_refused(attack: Attack, tmp_path, monkeypatch, capsys):
    files = {k: v for k, v in attack.files.items() if v is not None}
    root = materialise(tmp_path / "repo", files, [k for k, v in attack.files.items() if v is None])
    if attack.setup:
        attack.setup(root)
    monkeypatch.chdir(root)
    problems = problems_of(root)
    got = sorted((p.path, p.line, p.column, p.field, p.message_zh, p.message_en) for p in problems if p.is_error)
    assert got == sorted(attack.expected)
    assert_nothing_written(root, problems, capsys)


# --- accepted, but published safely ----------------------------------------------------------

ARGS = ["--content", "content", "--site-config", "site_config", "--date", TEST_DATE]


def test_an_unreferenced_attachment_is_a_warning_and_not_published(tmp_path, monkeypatch, capsys):
    root = materialise(tmp_path / "repo", {
        "content/files/scjgj/草稿.txt": "未引用的草稿\n",
        # A name that a spreadsheet would run as a formula, and a plain https website.
        E: patch(E, {8: "    name: '=HYPERLINK(\"http://evil.example\",\"点此\")'"}),
        D: patch(D, {11: '    team: "@test/scjgj"\n    website: "https://www.example.gov.cn/"'}),
    })
    monkeypatch.chdir(root)
    assert main(["check", *ARGS]) == 0
    assert ("content/files/scjgj/草稿.txt: 警告 warning: 没有任何办事指南或示范文本引用这个附件：不会发布 / "
            "no guide or model text refers to this attachment: it is not published") in capsys.readouterr().out
    build(root / "site", root / "content", root / "site_config")  # the real build, from the repository's mkdocs.yml
    assert (root / "site" / "files" / "scjgj" / "application.txt").is_file()
    assert not (root / "site" / "files" / "scjgj" / "草稿.txt").exists()
    items_csv = (root / "site" / "exports" / "items.csv").read_text(encoding="utf-8-sig")
    assert '"\'=HYPERLINK(""http://evil.example"",""点此"")"' in items_csv


def git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "clerk", "GIT_AUTHOR_EMAIL": "clerk@example.gov.cn", "GIT_COMMITTER_NAME": "clerk",
           "GIT_COMMITTER_EMAIL": "clerk@example.gov.cn", "GIT_CONFIG_GLOBAL": "/dev/null",
           "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def test_diff_names_a_committed_symlink_and_never_reads_it(tmp_path, monkeypatch, capsys):
    root = materialise(tmp_path / "repo", {})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "start")
    os.symlink("/proc/self/environ", root / "content" / "guides" / "scjgj" / "env.yaml")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "a link")
    monkeypatch.chdir(root)
    monkeypatch.setenv("QINGDAN_SECRET", "s3cr3t-value")
    assert main(["diff", "HEAD~1", "HEAD", "--content", "content", "--format", "text"]) == 0
    out = capsys.readouterr()
    assert "content/guides/scjgj/env.yaml" in out.out
    assert "s3cr3t-value" not in out.out + out.err and "Traceback" not in out.err


def test_codeowners_is_not_written_from_a_name_with_a_line_break(tmp_path, monkeypatch, capsys):
    root = materialise(tmp_path / "repo", {D: patch(D, {8: '    name: "县市场监管局\\n* @evil/owners"'})})
    git(root, "init", "-q", "-b", "main")
    monkeypatch.chdir(root)
    assert main(["codeowners", "--content", "content", "--site-config", "site_config"]) == 1
    assert "U+000A" in capsys.readouterr().err
    assert not any("@evil" in p.read_text(encoding="utf-8") for p in root.rglob("CODEOWNERS"))


def test_new_refuses_a_service_item_whose_name_has_a_line_break(tmp_path, monkeypatch, capsys):
    root = materialise(tmp_path / "repo", {S: patch(S, {4: '    name: "食品经营许可\\nevil: true"'})})
    monkeypatch.chdir(root)
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    assert main(["new", "guide", "--service-item", "441723001000", "--content", "content",
                 "--site-config", "site_config"]) == 1
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == before
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("date, message", [
    ("garbage", "argument --date: “garbage” 不是 YYYY-MM-DD 格式的日期 / 'garbage' is not a date written YYYY-MM-DD"),
    ("9999-12-30", "argument --date: 日期须在 1949 年至 2100 年之间 / the date must lie between 1949 and 2100"),
])
def test_a_date_on_the_command_line_is_checked_like_a_date_in_content(date, message, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["check", "--date", date])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
