"""Incremental builds and the preview, timed (a benchmark, not a test; issue 16).

For each scale (bench.synthetic content, as in bench.site_bench) it works on a copy of
the repository's generator, mkdocs.yml and site_config (so a template can be edited
without touching the working tree) and measures:

- `qingdan build` without a cache (the clean build, the reference), with an empty cache
  (its ratio to the clean build is the cost of keeping the cache), and `--cache` again
  after each edit below: each a fresh process, as in CI;
- `qingdan serve`: for each edit, save -> the edited page's new HTML on disk (the server's
  "shown first" line when it showed the page ahead of the build, else its "updated" line),
  save -> the page open in headless Chromium shows the edit (live reload), and save -> the
  whole site is written (the "updated" line), `--repeat` times, medians; and the server's
  memory (peak RSS) at the end.

The edits: none (a no-change rebuild), one guide, a list item that 20 guides show, a new
guide (with its service item), and one template (the guide page's generator template;
for the CLI also the theme override main.html, which every page uses).

    nice python -m bench.incremental_bench [--scales 1,10] [--repeat 5] [--json bench/out/incremental.json]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2025-11-20"
ITEMS, GUIDES = 100, 380
SHARED_BY = 20  # the list item edited is shown by this many guides
GUIDE_TEMPLATE = Path("generator/render/templates/entities/guide.md.j2")
THEME_TEMPLATE = Path("site_config/overrides/main.html")


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _yaml_text(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _dump(path: Path, data) -> None:
    path.write_text(_yaml_text(data), encoding="utf-8")


# --- the workspace: a repository copy with synthetic content -----------------------------


def workspace(base: Path, scale: int) -> Path:
    from bench.synthetic import make_content

    work = base / f"scale-{scale}"
    shutil.rmtree(work, ignore_errors=True)
    for name in ("generator", "site_config"):
        shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    data = make_content(work, items=ITEMS * scale, guides=GUIDES * scale)  # its site.yaml replaces the copy
    share_one_item(data / "content")
    return work


def share_one_item(content: Path) -> str:
    """Point the first SHARED_BY service items (each with its guide) at one list item."""
    code = next(i["code"] for i in _load(content / "editions" / "2025.yaml")["items"] if i.get("conditions"))
    left = SHARED_BY
    for path in sorted((content / "service-items").glob("*.yaml")):
        data = _load(path)
        for service in data["service_items"]:
            if left:
                service["list_items"] = [code]
                left -= 1
        _dump(path, data)
    return code


class Edits:
    """The edits, each a function of a counter so that every repetition changes something."""

    def __init__(self, work: Path):
        self.work, self.content = work, work / "content"
        self.saved: float | None = None  # perf_counter() when an edit's first file was written
        self.guide = sorted((self.content / "guides").rglob("*.yaml"))[len(list((self.content / "guides").rglob("*.yaml"))) // 2]
        self.shared = share_code(self.content)

    def _write(self, path: Path, data) -> None:
        """Write as an editor saves; the save's time is taken once the new bytes are ready
        (dumping the 1,000-item edition file with PyYAML takes a second at scale 10)."""
        text = _yaml_text(data)
        if self.saved is None:
            self.saved = time.perf_counter()
        path.write_text(text, encoding="utf-8")

    def none(self, n: int) -> str | None:
        return None

    def one_guide(self, n: int) -> str:
        data = _load(self.guide)
        marker = f"改动{n}号条件"
        data["conditions"] = [*data["conditions"][:3], marker]
        self._write(self.guide, data)
        return marker

    def shared_item(self, n: int) -> str:
        path = self.content / "editions" / "2025.yaml"
        data = _load(path)
        item = next(i for i in data["items"] if i["code"] == self.shared)
        marker = f"修订{n}号"
        item["name"] = item["name"].split("（修订")[0] + f"（{marker}）"
        self._write(path, data)
        return marker

    def new_guide(self, n: int) -> str:
        services = sorted((self.content / "service-items").glob("*.yaml"))[0]
        data = _load(services)
        template = copy.deepcopy(data["service_items"][0])  # no shared lists: YAML anchors are refused
        basic = f"99{n:07d}000"
        marker = f"新增事项{n}号"
        template.update(basic_code=basic, name=marker, power_list_code=f"XK-NEW-{n}",
                        license_item_code=f"XK-NEW-{n}", implementation_code=f"11441721MB2C9999XX4{basic}")
        data["service_items"].append(template)
        self._write(services, data)
        guide = _load(self.guide)
        guide.update(service_item=basic, department=template["department"])
        guide["online"] = {"level": "不可网办"}
        self._write(self.content / "guides" / template["department"] / f"{basic}.yaml", guide)
        return marker

    def guide_template(self, n: int) -> str:
        path = self.work / GUIDE_TEMPLATE
        marker = f"模板改动{n}号"
        text = path.read_text(encoding="utf-8").split("\n<!-- bench -->")[0]
        path.write_text(text + f"\n<!-- bench -->\n\n{marker}\n", encoding="utf-8")
        return marker

    def theme_template(self, n: int) -> str:
        path = self.work / THEME_TEMPLATE
        marker = f"主题改动{n}号"
        text = path.read_text(encoding="utf-8").split("\n{#- bench")[0]
        path.write_text(text + f"\n{{#- bench -#}}<!-- {marker} -->\n", encoding="utf-8")
        return marker


def share_code(content: Path) -> str:
    path = sorted((content / "service-items").glob("*.yaml"))[0]
    return _load(path)["service_items"][0]["list_items"][0]


def guide_url(edits: Edits, marker_edit: str, n: int) -> str:
    """The page where an edit shows."""
    if marker_edit == "new_guide":
        return f"guides/99{n:07d}000/"
    if marker_edit == "shared_item":
        return f"items/{edits.shared}/"
    return f"guides/{_load(edits.guide)['service_item']}/"


# --- the command line builds ------------------------------------------------------------


def qingdan(work: Path, *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args, "--content", str(work / "content"),
         "--site-config", str(work / "site_config"), "--date", AS_OF],
        cwd=work, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(work), "QINGDAN_PROGRESS": "0", "NO_MKDOCS_2_WARNING": "1"})
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    summary = next((line for line in result.stderr.splitlines()
                    if "incremental build" in line or "nothing changed" in line), "")
    return seconds, summary


def cli_builds(work: Path) -> dict:
    edits = Edits(work)
    out, cache = work / "cli-site", work / "cli-cache"
    figures = {}
    figures["clean"] = qingdan(work, "build", "--out", str(work / "clean-site"))
    figures["empty cache"] = qingdan(work, "build", "--out", str(out), "--cache", str(cache))
    for name in ("clean", "empty cache"):
        print(f"  build {name}: {figures[name][0]:.2f} s", file=sys.stderr, flush=True)
    for name in ("none", "one_guide", "shared_item", "new_guide", "guide_template", "theme_template"):
        getattr(edits, name)(100)
        figures[name] = qingdan(work, "build", "--out", str(out), "--cache", str(cache))
        print(f"  build {name}: {figures[name][0]:.2f} s  {figures[name][1]}", file=sys.stderr, flush=True)
    return {k: {"seconds": s, "summary": summary} for k, (s, summary) in figures.items()}


# --- the preview ------------------------------------------------------------------------


class Server:
    def __init__(self, work: Path, port: int):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--content", str(work / "content"),
             "--site-config", str(work / "site_config"), "--date", AS_OF,
             "--dev-addr", f"127.0.0.1:{port}"],
            cwd=work, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
            env={**os.environ, "PYTHONPATH": str(work), "NO_MKDOCS_2_WARNING": "1"})
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.put((time.perf_counter(), line.rstrip("\n")))

    def wait_for(self, *texts: str, timeout: float = 1800) -> tuple[float, str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                at, line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    raise SystemExit("serve stopped") from None
                continue
            if any(text in line for text in texts):
                return at, line
        raise SystemExit(f"serve: none of {texts!r} within {timeout} s")

    def peak_rss(self) -> int:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) * 1024

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def preview(work: Path, repeat: int, browser) -> dict:
    from tests.conftest import free_port

    edits = Edits(work)
    port = free_port()
    started = time.perf_counter()
    server = Server(work, port)
    ready, _ = server.wait_for("serving at")
    figures: dict = {"start seconds": ready - started}
    page = browser.new_page()
    page.set_default_timeout(1_800_000)  # the server holds requests while it builds (minutes at scale 40)
    url = f"http://127.0.0.1:{port}/"
    try:
        for name in ("none", "one_guide", "shared_item", "new_guide"):
            # disk: save -> the edited page is in the site (the early line, else the build's);
            # complete: save -> the whole site is (the build's line); summaries: that line.
            disk, complete, shown, summaries = [], [], [], []
            for n in range(repeat):
                target = guide_url(edits, name, n) if name != "none" else guide_url(edits, "one_guide", n)
                if name != "new_guide":
                    page.goto(url + target)
                else:
                    page.goto(url + "guides/")
                time.sleep(0.3)  # the live-reload script is waiting for the next build
                edits.saved = None
                marker = getattr(edits, name)(n)
                if name == "none":
                    # A save that changes nothing: touch the file (the watcher sees a write).
                    data = edits.guide.read_bytes()
                    edits.saved = time.perf_counter()
                    edits.guide.write_bytes(data)
                saved = edits.saved
                at, line = server.wait_for("shown first", "updated in", "nothing changed")
                disk.append(at - saved)
                if name == "new_guide":
                    page.goto(url + target)  # a new page: nothing was open at its address
                if marker:
                    page.wait_for_selector(f"text={marker}", timeout=600_000)
                else:
                    page.wait_for_load_state("load")
                shown.append(time.perf_counter() - saved)
                if "shown first" in line:  # the server's lines are timed as they come
                    at, line = server.wait_for("updated in")
                complete.append(at - saved)
                summaries.append(line)
            figures[name] = {"disk": disk, "complete": complete, "browser": shown, "lines": summaries,
                             "disk median": statistics.median(disk), "complete median": statistics.median(complete),
                             "browser median": statistics.median(shown)}
            print(f"  serve {name}: disk {statistics.median(disk):.2f} s, browser {statistics.median(shown):.2f} s, "
                  f"whole site {statistics.median(complete):.2f} s", file=sys.stderr, flush=True)
        figures["peak rss"] = server.peak_rss()
    finally:
        page.close()
        server.stop()
    return figures


ROWS = (("clean", "clean build, no cache (the reference)"), ("empty cache", "first build with an empty cache"),
        ("none", "no-change rebuild"), ("one_guide", "edit one guide"),
        ("shared_item", f"edit a list item {SHARED_BY} guides show"), ("new_guide", "add a guide"),
        ("guide_template", "change the guide page's template"), ("theme_template", "change main.html (theme)"))


def markdown_table(results: dict) -> str:
    """The README's table: CLI seconds (fresh process) and serve medians, by scale."""
    lines = ["| scale | change | `build --cache` s (pages rendered) | serve: save → HTML on disk s | "
             "serve: save → browser s | serve: save → whole site s |", "|--:|---|--:|--:|--:|--:|"]
    for scale, per in results.items():
        for key, label in ROWS:
            cli = per.get("cli", {}).get(key)
            served = per.get("serve", {}).get(key)
            if cli is None and served is None:
                continue
            said = cli["summary"] if cli else ""
            rendered = said.split("rendered")[0].split(":")[-1].strip() if "rendered" in said else ""
            note = f" ({rendered.split()[0]})" if rendered else (" (nothing changed)" if "nothing changed" in said else "")
            cells = [f"{cli['seconds']:.1f}" + note if cli else "—",
                     f"{served['disk median']:.2f}" if served else "—",
                     f"{served['browser median']:.2f}" if served else "—",
                     f"{served['complete median']:.2f}" if served else "—"]
            lines.append(f"| {scale} | {label} | " + " | ".join(cells) + " |")
        serve = per.get("serve", {})
        if "peak rss" in serve:
            lines.append(f"| {scale} | serve: first build; peak memory | — | {serve['start seconds']:.1f} | "
                         f"{serve['peak rss'] / 1e6:.0f} MB | — |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--repeat-large", type=int, help="repetitions from scale 10 on (default: --repeat)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "out" / "incremental.json")
    parser.add_argument("--skip-cli", action="store_true")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM

    base = Path(tempfile.mkdtemp(prefix="qingdan-incremental-"))
    results: dict = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for scale in (int(s) for s in args.scales.split(",") if s):
                work = workspace(base, scale)
                print(f"scale {scale}: workspace ready", file=sys.stderr, flush=True)
                per = results.setdefault(str(scale), {})
                if not args.skip_cli:
                    per["cli"] = cli_builds(work)
                    shutil.rmtree(work)
                    work = workspace(base, scale)
                repeat = args.repeat_large if args.repeat_large and scale >= 10 else args.repeat
                per["serve"] = preview(work, repeat, browser)
                print(f"  serve peak RSS {per['serve']['peak rss'] / 1e6:.0f} MB", file=sys.stderr, flush=True)
                shutil.rmtree(work, ignore_errors=True)
            browser.close()
    finally:
        shutil.rmtree(base, ignore_errors=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"as_of": AS_OF, "machine": {"cpus": os.cpu_count()}, "results": results},
                                    ensure_ascii=False, indent=2), encoding="utf-8")
    print(markdown_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
