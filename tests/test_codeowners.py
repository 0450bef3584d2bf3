"""CODEOWNERS: generated from the departments file; `qingdan codeowners --check` (its own CI step) fails
when the committed one drifts, and `qingdan check` (content validity) does not look at it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.pipeline import check
from generator.problems import errors
from generator.tools import codeowners
from tests.conftest import qingdan

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "publishing"


@pytest.fixture
def repo(tmp_path) -> Path:
    """A repository-shaped folder: content/ and site_config/ side by side, no CODEOWNERS yet."""
    shutil.copytree(FIXTURE / "content", tmp_path / "content")
    shutil.copytree(FIXTURE / "site_config", tmp_path / "site_config")
    return tmp_path


def owners(text: str) -> list[tuple[str, str]]:
    """(pattern, owner) pairs, in file order, comments dropped."""
    return [tuple(line.split()) for line in text.splitlines() if line and not line.startswith("#")]


def test_each_department_owns_its_folders_and_the_office_the_rest(repo):
    assert qingdan(repo, "codeowners").returncode == 0
    rules = owners((repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8"))
    # The catch-all comes first: in CODEOWNERS the last matching line wins.
    assert rules[0] == ("*", "@test/fgj")
    expected = []
    for dept, team in sorted([("fgj", "@test/fgj"), ("jtysj", "@test/jtysj"), ("scjgj", "@test/scjgj")]):
        expected += [(f"/content/guides/{dept}/", team), (f"/content/model-texts/{dept}/", team),
                     (f"/content/files/{dept}/", team), (f"/content/service-items/{dept}.yaml", team)]
    assert rules[1:] == expected


def test_order_does_not_depend_on_the_departments_file(repo):
    departments = repo / "content" / "departments.yaml"
    text, _ = codeowners.generate(repo / "content", repo / "site_config")
    blocks = departments.read_text(encoding="utf-8").split("\n  - id: ")
    departments.write_text("\n  - id: ".join([blocks[0], *reversed(blocks[1:])]).rstrip("\n") + "\n",
                           encoding="utf-8")
    again, problems = codeowners.generate(repo / "content", repo / "site_config")
    assert problems == []
    assert again == text


def drift_of(repo: Path, monkeypatch):
    """`repository_problems`, run from the repository root as CI does (paths relative to it)."""
    monkeypatch.chdir(repo)
    return codeowners.repository_problems(Path("content"), Path("site_config"))


def test_a_missing_file_fails_the_check_and_not_the_content_check(repo, monkeypatch):
    content, problems = check(repo / "content", repo / "site_config")
    assert content is not None and [p for p in problems if "CODEOWNERS" in p.path] == []
    [missing] = drift_of(repo, monkeypatch)
    assert (missing.path, missing.message_zh) == (".github/CODEOWNERS",
                                                 "没有 CODEOWNERS 文件：请运行 `qingdan codeowners` 生成并提交")
    assert qingdan(repo, "codeowners", "--check").returncode == 1


def test_the_check_fails_when_a_team_changes_and_codeowners_fixes_it(repo, monkeypatch):
    assert qingdan(repo, "codeowners").returncode == 0
    assert qingdan(repo, "codeowners", "--check").returncode == 0
    departments = repo / "content" / "departments.yaml"
    departments.write_text(departments.read_text(encoding="utf-8").replace('"@test/jtysj"', '"@test/jt-approvers"'),
                           encoding="utf-8")

    drift = errors(drift_of(repo, monkeypatch))
    assert [p.path for p in drift] == [".github/CODEOWNERS"]
    assert drift[0].message_zh == ("CODEOWNERS 与 content/departments.yaml 中各单位的 team 不一致："
                                   "请运行 `qingdan codeowners` 重新生成并提交")
    failed = qingdan(repo, "codeowners", "--check", "--format", "github")
    assert failed.returncode == 1
    assert failed.stdout.startswith("::error file=.github/CODEOWNERS::CODEOWNERS 与 content/departments.yaml")
    # Content validity is another question: the content is still valid.
    assert qingdan(repo, "check").returncode == 0

    assert qingdan(repo, "codeowners").returncode == 0
    assert ("/content/guides/jtysj/", "@test/jt-approvers") in owners(
        (repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8"))
    assert qingdan(repo, "codeowners", "--check").returncode == 0


def test_a_hand_edit_is_drift_too(repo, monkeypatch):
    (repo / "CODEOWNERS").write_text("* @someone\n", encoding="utf-8")  # the root location counts as well
    assert [p.path for p in errors(drift_of(repo, monkeypatch))] == ["CODEOWNERS"]
    assert qingdan(repo, "codeowners").returncode == 0
    assert not (repo / ".github" / "CODEOWNERS").exists()  # rewritten where it was committed
    assert owners((repo / "CODEOWNERS").read_text(encoding="utf-8"))[0] == ("*", "@test/fgj")


def test_a_gitlab_repository_keeps_it_in_dot_gitlab(repo, monkeypatch):
    # GitLab does not read .github/CODEOWNERS; .gitlab/CODEOWNERS is checked and rewritten in place.
    (repo / ".gitlab").mkdir()
    (repo / ".gitlab" / "CODEOWNERS").write_text("* @someone\n", encoding="utf-8")
    assert [p.path for p in errors(drift_of(repo, monkeypatch))] == [".gitlab/CODEOWNERS"]
    assert qingdan(repo, "codeowners").returncode == 0
    assert not (repo / ".github" / "CODEOWNERS").exists()
    assert owners((repo / ".gitlab" / "CODEOWNERS").read_text(encoding="utf-8"))[0] == ("*", "@test/fgj")
    assert qingdan(repo, "codeowners", "--check").returncode == 0


def test_a_team_that_would_break_the_file_is_refused(repo):
    departments = repo / "content" / "departments.yaml"
    departments.write_text(departments.read_text(encoding="utf-8").replace('"@test/jtysj"', '"@test/jtysj\\n* @evil"'),
                           encoding="utf-8")
    result = qingdan(repo, "codeowners")
    assert result.returncode == 1
    assert "departments[2].team" in result.stderr
    assert not (repo / ".github" / "CODEOWNERS").exists()


def test_the_committed_file_is_up_to_date():
    text, problems = codeowners.generate(ROOT / "content", ROOT / "site_config")
    assert problems == []
    assert (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8") == text, "run `qingdan codeowners`"
