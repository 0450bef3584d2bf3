"""The CI workflows pass the two linters of GitHub Actions files: zizmor (security: template
injection, excessive permissions, unpinned actions, credential persistence) and actionlint
(syntax, expressions, shell). Both run offline. They pass today; this keeps it so."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_there_are_workflows_to_lint():
    assert [p.name for p in WORKFLOWS] == ["publish.yml", "pull-request.yml"]


def test_zizmor_finds_nothing():
    zizmor = shutil.which("zizmor")
    assert zizmor, "zizmor is in the test extras (pip install -e '.[test]')"
    result = subprocess.run([zizmor, "--offline", "--no-progress", *map(str, WORKFLOWS)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("actionlint") is None,
                    reason="actionlint is not on PATH (the test extras install it on x86_64 only)")
def test_actionlint_finds_nothing():
    result = subprocess.run([shutil.which("actionlint"), "-no-color", *map(str, WORKFLOWS)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_zizmor_would_catch_a_template_injection(tmp_path):
    """The check can fail: a pull request title expanded into a shell script is flagged."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "name: bad\non: pull_request_target\npermissions: {}\njobs:\n  greet:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo \"${{ github.event.pull_request.title }}\"\n", encoding="utf-8")
    result = subprocess.run([shutil.which("zizmor"), "--offline", "--no-progress", str(bad)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0
    assert "template-injection" in result.stdout


@pytest.mark.skipif(shutil.which("actionlint") is None,
                    reason="actionlint is not on PATH (the test extras install it on x86_64 only)")
def test_actionlint_would_catch_a_broken_workflow(tmp_path):
    """The check can fail: a job that needs a job that does not exist is reported."""
    bad = tmp_path / "bad.yml"
    bad.write_text("name: bad\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    needs: [missing]\n"
                   "    steps:\n      - run: echo hi\n", encoding="utf-8")
    result = subprocess.run([shutil.which("actionlint"), "-no-color", str(bad)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode != 0 and "missing" in result.stdout, result.stdout + result.stderr
