"""Shared fixtures: a real build of the shipped site, a local HTTP server, headless Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# A fixed "as of" date keeps every deadline figure in the tests stable.
TEST_DATE = "2025-11-20"


def build(out: Path, content: Path | None = None, site_config: Path | None = None,
          date: str = TEST_DATE) -> Path:
    """A real `mkdocs build` through the generator, as `qingdan build` does it."""
    from generator.site.build import build_site

    build_site(ROOT, out, date=date, content_dir=content, site_config_dir=site_config)
    return out


def qingdan(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """The real command line (`python -m generator ARGS`) run in `cwd`, output captured."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="session")
def shipped():
    """The shipped sample content, loaded and validated once per test session."""
    from generator.pipeline import check

    content, problems = check(ROOT / "content", ROOT / "site_config", TEST_DATE)
    assert content is not None, "\n".join(p.text() for p in problems if p.is_error)
    return content


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The shipped sample content, built once per test session."""
    return build(tmp_path_factory.mktemp("shipped") / "site")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def lunr_reference(records):
    """lunr.py's own index of the records' full text, made with `Builder.add`, the way
    lunr's documentation builds one: what generator.search.fulltext's shards must equal
    number for number, and what the browser's scores are compared with."""
    from lunr.builder import Builder

    from generator.render.search import fulltext
    from generator.render.search.tokenize import terms

    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("id")
    builder.field(fulltext.FIELD)
    for number, record in enumerate(records):
        tokens = [t for piece in record.full_text for t in terms(piece)]
        if tokens:
            builder.add({"id": str(number), fulltext.FIELD: tokens})
    return builder.build()


def text_shards(files: dict[str, bytes]) -> list[dict[str, list]]:
    """The full-text shard files of bundle.build, parsed, in shard order."""
    count = json.loads(files["find/index/records.json"])["shards"]
    return [json.loads(files[f"find/index/text-{k}.json"])["terms"] for k in range(count)]


def serve(directory: Path):
    """Serve a built site on a free loopback port; returns (base_url, stop)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server.shutdown


@pytest.fixture(scope="session")
def site_url(shipped_site):
    url, stop = serve(shipped_site)
    yield url
    stop()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.fail("chromium is not installed: run .ci/run (apt-get install chromium)")
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def artifact(name: str) -> Path:
    """Where a test saves a screenshot or PDF for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name
