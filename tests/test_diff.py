"""Content diff between two revisions of a real git repository: add, change, remove, rename."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.tools import content_diff as diff

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "publishing"


def git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "clerk", "GIT_AUTHOR_EMAIL": "clerk@example.gov.cn",
           "GIT_COMMITTER_NAME": "clerk", "GIT_COMMITTER_EMAIL": "clerk@example.gov.cn",
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A repository with one commit per kind of change; gives the repo and each commit's sha."""
    repo = tmp_path_factory.mktemp("repo")
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(FIXTURE / "content", repo / "content")
    shutil.copytree(FIXTURE / "site_config", repo / "site_config")
    revs = {"start": commit(repo, "start")}

    guide = repo / "content" / "guides" / "scjgj" / "food.yaml"
    edit(guide, "case_type: 承诺件", "case_type: 即办件")
    edit(guide, "visits: 1", "visits: 0")
    revs["change"] = commit(repo, "change a guide")

    model_text = repo / "content" / "model-texts" / "scjgj" / "road.yaml"
    model_text.write_text(
        "id: road-passenger-application\ntitle: 道路旅客运输经营申请表\ndepartment: jtysj\n"
        "body: 填写示例\nreviewed:\n  date: 2025-10-01\n  edition: \"2025\"\n", encoding="utf-8")
    revs["add"] = commit(repo, "add a model text")

    model_text.unlink()
    revs["remove"] = commit(repo, "remove it again")

    # Move the guide to another folder and file name; its content stays the same.
    (repo / "content" / "guides" / "shichang").mkdir()
    git(repo, "mv", "content/guides/scjgj/food.yaml", "content/guides/shichang/食品经营许可.yaml")
    revs["rename"] = commit(repo, "rename a guide")
    return repo, revs


def summary(repo: Path, base: str, head: str) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return [(c.action, c.kind, c.key, c.fields) for c in diff.diff_revisions(repo, base, head).changes]


def test_a_changed_guide_names_the_fields_that_changed(history):
    repo, revs = history
    changes = summary(repo, revs["start"], revs["change"])
    assert len(changes) == 1
    action, kind, key, fields = changes[0]
    assert (action, kind, key) == ("changed", "guide", "441723001000")
    assert [f.split("（")[0] for f in fields] == ["case_type", "visits"]
    assert fields[0] == "case_type（办件类型）"


def test_added_and_removed_entities(history):
    repo, revs = history
    assert summary(repo, revs["change"], revs["add"]) == [
        ("added", "model_text", "road-passenger-application", ())]
    assert summary(repo, revs["add"], revs["remove"]) == [
        ("removed", "model_text", "road-passenger-application", ())]
    assert summary(repo, revs["change"], revs["remove"]) == []


def test_a_file_renamed_without_change_is_no_change(history):
    repo, revs = history
    # git itself sees a rename …
    assert "R100" in git(repo, "diff", "--name-status", "-M", revs["remove"], revs["rename"])
    # … the content diff sees nothing.
    assert summary(repo, revs["remove"], revs["rename"]) == []
    # Over the whole history only the guide's edit remains.
    assert [c[:3] for c in summary(repo, revs["start"], revs["rename"])] == [("changed", "guide", "441723001000")]


def test_markdown_and_text_output_through_the_cli(history):
    repo, revs = history
    run = [sys.executable, "-m", "generator", "diff", revs["start"], revs["add"]]
    markdown = subprocess.run([*run, "--format", "markdown"], cwd=repo, capture_output=True, text=True, check=True)
    lines = markdown.stdout.splitlines()
    assert lines[0].startswith("## 内容变更")
    assert "新增 1、修改 1、删除 0" in markdown.stdout
    assert "### 办事指南" in lines and "### 示范文本" in lines
    guide_row = next(line for line in lines if line.startswith("| 修改 |"))
    cells = [cell.strip() for cell in guide_row.strip("|").split("|")]
    assert cells == ["修改", "441723001000", "食品经营许可", "case\\_type（办件类型）、visits（到办事现场次数）"]

    text = subprocess.run(run, cwd=repo, capture_output=True, text=True, check=True).stdout.splitlines()
    assert text[1:] == ["~ 办事指南 441723001000 食品经营许可：case_type（办件类型）、visits（到办事现场次数）",
                        "+ 示范文本 road-passenger-application 道路旅客运输经营申请表"]


def test_content_text_is_escaped_in_markdown():
    # CommonMark and GitHub read a backslash before any ASCII punctuation as that character.
    assert diff.md_escape("a|b <script>*x*</script>") == "a\\|b \\<script\\>\\*x\\*\\</script\\>"


def test_a_file_that_does_not_load_is_named(history, tmp_path):
    repo, revs = history
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    edit(clone / "content" / "guides" / "shichang" / "食品经营许可.yaml", "case_type: 即办件", "case_typo: 即办件")
    head = commit(clone, "typo")
    result = diff.diff_revisions(clone, revs["rename"], head)
    assert result.unreadable == ["content/guides/shichang/食品经营许可.yaml"]
    assert [(c.action, c.key) for c in result.changes] == [("removed", "441723001000")]


def test_an_unknown_revision_is_a_clear_error(history):
    repo, _ = history
    with pytest.raises(diff.GitError):
        diff.diff_revisions(repo, "no-such-branch", "HEAD")
    result = subprocess.run([sys.executable, "-m", "generator", "diff", "no-such-branch", "HEAD"], cwd=repo,
                            capture_output=True, text=True)
    assert result.returncode == 2 and "git" in result.stderr


def test_a_file_moved_and_edited_is_one_change(history, tmp_path):
    repo, revs = history
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    (clone / "content" / "guides" / "scjgj").mkdir()
    git(clone, "mv", "content/guides/shichang/食品经营许可.yaml", "content/guides/scjgj/食品经营许可.yaml")
    edit(clone / "content" / "guides" / "scjgj" / "食品经营许可.yaml", "visits: 0", "visits: 2")
    head = commit(clone, "move back and edit")
    # Matched by the service item it serves, not by the file: not an add and a remove.
    assert summary(clone, revs["rename"], head) == [
        ("changed", "guide", "441723001000", ("visits（到办事现场次数）",))]
