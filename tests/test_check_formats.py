"""`qingdan check --format text|github|gitlab|json`: the exact output of each format.

The renderers are checked on a fixed list of problems (escaping included), and the CLI on a
copy of the publishing fixture with two real mistakes, so the locations are the reader's own.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.problems import Problem, Severity, render_github, render_gitlab, render_json, render_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "publishing"
DATE = "2025-11-20"
GUIDE = "content/guides/scjgj/food.yaml"

PROBLEMS = [
    Problem("content/b.yaml", 3, 5, "materials[0].copies", "份数：必须是正整数", "must be a positive whole number"),
    Problem("content/a,b.yaml", 0, 0, "", "文件是空的", "the file is empty"),
    Problem("content/b.yaml", 1, 1, "title", "第一行\n第二行 100%", "two lines\nand 100%",
            Severity.WARNING),
    # The same message on two lines (as a tab on two lines gives).
    Problem("content/c.yaml", 2, 1, "", "缩进不能使用制表符（Tab），请改用空格", "indentation must use spaces, not tabs"),
    Problem("content/c.yaml", 3, 1, "", "缩进不能使用制表符（Tab），请改用空格", "indentation must use spaces, not tabs"),
]


def test_text_is_one_sorted_line_a_problem():
    assert render_text(PROBLEMS).splitlines() == [
        "content/a,b.yaml: 文件是空的 / the file is empty",
        "content/b.yaml:1:1: 警告 warning: title: 第一行",
        "第二行 100% / two lines",
        "and 100%",
        "content/b.yaml:3:5: materials[0].copies: 份数：必须是正整数 / must be a positive whole number",
        "content/c.yaml:2:1: 缩进不能使用制表符（Tab），请改用空格 / indentation must use spaces, not tabs",
        "content/c.yaml:3:1: 缩进不能使用制表符（Tab），请改用空格 / indentation must use spaces, not tabs",
    ]


def test_text_is_capped():
    many = [Problem("content/x.yaml", n, 1, "", "错", "wrong") for n in range(1, 6)]
    lines = render_text(many, cap=3).splitlines()
    assert lines[-1] == "……另有 2 个问题 / …and 2 more"
    assert lines[:3] == [f"content/x.yaml:{n}:1: 错 / wrong" for n in (1, 2, 3)]


def test_github_annotations_escape_properties_and_message():
    assert render_github(PROBLEMS).splitlines() == [
        # ',' in a property would end it: escaped. No line: a file-level annotation.
        "::error file=content/a%2Cb.yaml::文件是空的 / the file is empty",
        # A newline in the message stays one workflow command; '%' itself is escaped first.
        "::warning file=content/b.yaml,line=1,col=1,title=title::第一行%0A第二行 100%25 / two lines%0Aand 100%25",
        "::error file=content/b.yaml,line=3,col=5,title=materials[0].copies::份数：必须是正整数 / "
        "must be a positive whole number",
        "::error file=content/c.yaml,line=2,col=1::缩进不能使用制表符（Tab），请改用空格 / "
        "indentation must use spaces, not tabs",
        "::error file=content/c.yaml,line=3,col=1::缩进不能使用制表符（Tab），请改用空格 / "
        "indentation must use spaces, not tabs",
    ]
    assert render_github([]) == ""


def test_github_title_escapes_colon_and_comma():
    line = render_github([Problem("p.yaml", 1, 2, "a:b,c", "错", "wrong")])
    assert line == "::error file=p.yaml,line=1,col=2,title=a%3Ab%2Cc::错 / wrong"


def test_gitlab_code_quality_report():
    report = json.loads(render_gitlab(PROBLEMS))
    assert [(r["location"], r["severity"], r["description"]) for r in report] == [
        ({"path": "content/a,b.yaml", "lines": {"begin": 1}}, "major", "文件是空的 / the file is empty"),
        ({"path": "content/b.yaml", "lines": {"begin": 1}}, "minor", "title: 第一行\n第二行 100% / two lines\nand 100%"),
        ({"path": "content/b.yaml", "lines": {"begin": 3}}, "major",
         "materials[0].copies: 份数：必须是正整数 / must be a positive whole number"),
        ({"path": "content/c.yaml", "lines": {"begin": 2}}, "major",
         "缩进不能使用制表符（Tab），请改用空格 / indentation must use spaces, not tabs"),
        ({"path": "content/c.yaml", "lines": {"begin": 3}}, "major",
         "缩进不能使用制表符（Tab），请改用空格 / indentation must use spaces, not tabs"),
    ]
    assert {r["check_name"] for r in report} == {"qingdan"}
    assert set(report[0]) == {"description", "check_name", "fingerprint", "severity", "location"}
    # GitLab keeps one issue per fingerprint: the two tab problems must both survive.
    fingerprints = [r["fingerprint"] for r in report]
    assert len(set(fingerprints)) == len(fingerprints)
    assert all(len(f) == 64 for f in fingerprints)


def test_gitlab_fingerprint_survives_a_line_inserted_above():
    before = json.loads(render_gitlab(PROBLEMS))
    shifted = [Problem(p.path, p.line + 1 if p.line else 0, p.column, p.field, p.message_zh, p.message_en,
                       p.severity) for p in PROBLEMS]
    after = json.loads(render_gitlab(shifted))
    assert [r["fingerprint"] for r in after] == [r["fingerprint"] for r in before]
    assert render_gitlab([]) == "[]"


def test_json_holds_every_field():
    assert json.loads(render_json(PROBLEMS[:2])) == [
        {"path": "content/a,b.yaml", "line": 0, "column": 0, "field": "", "message_zh": "文件是空的",
         "message_en": "the file is empty", "severity": "error"},
        {"path": "content/b.yaml", "line": 3, "column": 5, "field": "materials[0].copies",
         "message_zh": "份数：必须是正整数", "message_en": "must be a positive whole number", "severity": "error"},
    ]


# --- through the CLI, on real files --------------------------------------------------------


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    """The publishing fixture with two mistakes in the guide: an enum typo and words for a number."""
    repo = tmp_path_factory.mktemp("broken")
    shutil.copytree(FIXTURE / "content", repo / "content")
    shutil.copytree(FIXTURE / "site_config", repo / "site_config")
    guide = repo / GUIDE
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace("case_type: 承诺件", "case_type: 承若件").replace("    copies: 1", "    copies: 两份"),
                     encoding="utf-8")
    return repo


def check(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "check", "--date", DATE, *args], cwd=repo,
                          capture_output=True, text=True)


CASE_TYPE = ("办件类型：必须是以下之一：即办件、承诺件、未注明（现为 “承若件”） / "
             "must be one of: 即办件, 承诺件, 未注明 (got \"承若件\")")
COPIES = "份数：必须是正整数（阿拉伯数字，如 1）（现为 “两份”） / must be a positive whole number such as 1 (got \"两份\")"
CLUE = ("线索 2025-001 已逾期 100 天：转办后应于 2025-08-12 前报送处理结果（截至 2025-11-20 未报送） / "
        "clue 2025-001 is overdue by 100 day(s): the result was due by 2025-08-12 (none reported as of 2025-11-20)")
TASK = ("整改任务 2025-zg-01 已逾期 51 天（完成时限 2025-09-30，截至 2025-11-20 未销号） / "
        "rectification task 2025-zg-01 is 51 day(s) overdue (deadline 2025-09-30, not closed out as of 2025-11-20)")


def test_cli_text(broken):
    result = check(broken)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{GUIDE}:4:12: case_type: {CASE_TYPE}",
        f"{GUIDE}:10:13: materials[0].copies: {COPIES}",
        f"content/ledgers/complaints.yaml:8:21: 警告 warning: clues[0].transferred_on: {CLUE}",
        f"content/ledgers/rectification.yaml:7:15: 警告 warning: tasks[0].deadline: {TASK}",
    ]
    assert result.stderr == "发现 2 个错误、2 个警告 / 2 errors, 2 warnings\n"


def test_cli_github(broken):
    result = check(broken, "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"::error file={GUIDE},line=4,col=12,title=case_type::{CASE_TYPE}",
        f"::error file={GUIDE},line=10,col=13,title=materials[0].copies::{COPIES}",
        f"::warning file=content/ledgers/complaints.yaml,line=8,col=21,title=clues[0].transferred_on::{CLUE}",
        f"::warning file=content/ledgers/rectification.yaml,line=7,col=15,title=tasks[0].deadline::{TASK}",
    ]
    assert result.stderr == ""  # the log shows annotations only


def test_cli_strict_makes_warnings_errors(broken):
    lines = check(broken, "--format", "github", "--strict").stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error"] * 4


def test_cli_gitlab_and_json_name_the_same_problems(broken):
    gitlab = check(broken, "--format", "gitlab")
    as_json = check(broken, "--format", "json")
    assert gitlab.returncode == as_json.returncode == 1
    report, problems = json.loads(gitlab.stdout), json.loads(as_json.stdout)
    assert [(r["location"]["path"], r["location"]["lines"]["begin"], r["severity"]) for r in report] == [
        (GUIDE, 4, "major"), (GUIDE, 10, "major"),
        ("content/ledgers/complaints.yaml", 8, "minor"), ("content/ledgers/rectification.yaml", 7, "minor"),
    ]
    assert report[1]["description"] == f"materials[0].copies: {COPIES}"
    assert [(p["path"], p["line"], p["column"], p["field"], p["severity"]) for p in problems] == [
        (GUIDE, 4, 12, "case_type", "error"), (GUIDE, 10, 13, "materials[0].copies", "error"),
        ("content/ledgers/complaints.yaml", 8, 21, "clues[0].transferred_on", "warning"),
        ("content/ledgers/rectification.yaml", 7, 15, "tasks[0].deadline", "warning"),
    ]


def test_cli_clean_content(tmp_path):
    shutil.copytree(FIXTURE / "content", tmp_path / "content")
    shutil.copytree(FIXTURE / "site_config", tmp_path / "site_config")
    # Only warnings (two overdue entries, a service item without guide or licensing code): exit 0,
    # and they still show, each on its line.
    github = check(tmp_path, "--format", "github")
    assert github.returncode == 0
    assert [line.split(",title=")[0] for line in github.stdout.splitlines()] == [
        "::warning file=content/ledgers/complaints.yaml,line=8,col=21",
        "::warning file=content/ledgers/rectification.yaml,line=7,col=15",
        "::warning file=content/service-items/jtysj.yaml,line=2,col=5",
        "::warning file=content/service-items/jtysj.yaml,line=2,col=17",
    ]
    assert check(tmp_path, "--format", "gitlab").returncode == 0
    text = check(tmp_path)
    assert text.returncode == 0
    assert text.stderr.startswith("检查通过：")
