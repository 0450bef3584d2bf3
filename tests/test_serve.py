"""`qingdan serve` for real: a free port, edits to a content copy, the terminal and headless Chromium.

A bad edit must print every problem as `qingdan check` prints it, and the page already
open in the browser must turn into an error page listing them (live reload, no manual
reload); fixing the file must bring back the page with the edit in it.
"""

from __future__ import annotations

import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, TEST_DATE, free_port, qingdan

GUIDE = Path("guides") / "scjgj" / "food.yaml"  # the minimal fixture's one guide
GUIDE_URL = "guides/441723001000/"


class Terminal:
    """The server's stderr, line by line, readable with a timeout."""

    def __init__(self, process: subprocess.Popen):
        self.lines: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, args=(process.stderr,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self._queue.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=0.2)
            except queue.Empty:
                continue
            self.lines.append(line)
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r} within {timeout} s; got:\n" + "\n".join(self.lines))


@pytest.fixture
def served(tmp_path):
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", tmp_path / "data")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--content", str(tmp_path / "data" / "content"),
         "--site-config", str(tmp_path / "data" / "site_config"), "--date", TEST_DATE,
         "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    terminal = Terminal(process)
    try:
        address = terminal.wait_for("serving at")
        yield f"http://127.0.0.1:{port}/", address, terminal, tmp_path / "data"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_shows_problems_then_the_fixed_page(served, page):
    url, address, terminal, data = served
    assert address.endswith(url), address  # the address is printed at start-up
    page.goto(url + GUIDE_URL)
    assert "食品经营许可" in page.inner_text("h1")

    guide = data / "content" / GUIDE
    original = guide.read_text(encoding="utf-8")
    guide.write_text(original.replace("department: scjgj", "department: 没有这个单位"), encoding="utf-8")
    terminal.wait_for("浏览器显示错误页")
    # The terminal has each error line of `qingdan check`, in full.
    checked = qingdan(ROOT, "check", "--content", str(data / "content"), "--site-config",
                      str(data / "site_config"), "--date", TEST_DATE)
    expected = [line for line in checked.stdout.splitlines() if "没有这个单位" in line]
    assert expected and all(line in terminal.lines for line in expected), (expected, terminal.lines)
    # The open page reloads by itself into the error page listing them.
    page.wait_for_selector("#problems li", timeout=30_000)
    shown = page.inner_text("#problems")
    assert all(line in shown for line in expected), shown
    assert "食品经营许可申请书" not in page.inner_text("body")  # not the stale page

    fixed = original.replace("食品经营许可申请书", "食品经营许可申请书（新版）")
    guide.write_text(fixed, encoding="utf-8")
    terminal.wait_for("updated in")
    page.wait_for_selector("text=食品经营许可申请书（新版）", timeout=30_000)
    assert page.query_selector("#problems") is None
