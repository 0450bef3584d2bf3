"""Stage progress of `qingdan build` (generator/progress.py): on for a terminal, quiet in
CI and in logs, forced with QINGDAN_PROGRESS."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from generator.progress import Progress, wanted
from tests.conftest import ROOT, TEST_DATE


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_forced_on_it_prints_each_stage_with_its_count_and_seconds(monkeypatch):
    monkeypatch.setenv("QINGDAN_PROGRESS", "1")
    monkeypatch.setenv("CI", "true")  # forcing wins over CI
    stream = io.StringIO()
    progress = Progress(stages=2, stream=stream)
    with progress.stage("加载 / loading", 1234):
        pass
    with progress.stage("生成页面 / rendering pages") as stage:
        stage.count = 21474
    # "\r" returns to the line start: what stays on screen is what follows the last one.
    lines = [line.rsplit("\r", 1)[-1] for line in stream.getvalue().split("\n") if line]
    assert lines[0].startswith("[1/2] 加载 / loading: 1,234  ") and lines[0].endswith(" s")
    assert lines[1].startswith("[2/2] 生成页面 / rendering pages: 21,474  ")


def test_off_in_ci_even_on_a_terminal(monkeypatch):
    monkeypatch.delenv("QINGDAN_PROGRESS", raising=False)
    monkeypatch.setenv("CI", "true")
    stream = Terminal()
    with Progress(stages=1, stream=stream).stage("加载 / loading", 3):
        pass
    assert stream.getvalue() == ""
    monkeypatch.delenv("CI")
    assert wanted(Terminal()) and not wanted(io.StringIO())
    monkeypatch.setenv("QINGDAN_PROGRESS", "0")
    assert not wanted(Terminal())


def test_qingdan_build_reports_the_three_stages(tmp_path):
    env = {**os.environ, "QINGDAN_PROGRESS": "1", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--out", str(tmp_path / "site"),
                             "--date", TEST_DATE], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    shown = [line.rsplit("\r", 1)[-1] for line in result.stderr.split("\n")]
    stages = [line for line in shown if line.startswith("[") and line.endswith(" s")]
    assert [line[:5] for line in stages] == ["[1/3]", "[2/3]", "[3/3]"], result.stderr
    assert "加载并校验内容文件" in stages[0] and "mkdocs" in stages[2]
    assert (tmp_path / "site" / "index.html").is_file()
