"""`qingdan serve`: a preview that rebuilds only what an edit changed and never shows a stale page.

The preview keeps, between edits, the parsed files (loader.FileMemo) and an engine cache
in a temporary folder (engine_cache), so a save reparses one file, revalidates the
whole graph (cross-file checks stay exact), renders the generator's pages and has MkDocs
render only the pages that changed. It serves the built site with MkDocs' live-reload
server, which reloads every open page once the rebuild is done.

On a bad edit it prints every problem as `qingdan check` does, and every page the
browser asks for is an error page listing them (with the live-reload script, so the
page comes back by itself once the file is fixed); the previous build stays on disk
but is not shown.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import watchdog.events
import watchdog.observers
from markupsafe import escape
from mkdocs.livereload import LiveReloadServer

from generator.load.loader import FileMemo, gc_paused
from generator.model.content import Content
from generator.pipeline import build_date, check
from generator.problems import Problem, errors, render_text
from generator.progress import Progress
from generator.render import render_all
from generator.render.entities import pages_of_changed_records
from generator.render.memo import RenderMemo
from generator.site.build import BuildFailed, build_site
from generator.site.inputs import Inputs
from generator.site.warm_engine import EarlyPages, WarmEngine


@dataclass
class Preview:
    """The state `serve` keeps between edits, and one rebuild."""

    root: Path
    content_dir: Path
    site_config_dir: Path
    date: str | None
    work: Path  # temporary: site/ and cache/
    memo: FileMemo = field(default_factory=FileMemo)
    renders: RenderMemo = field(default_factory=RenderMemo)
    warm: WarmEngine = field(default_factory=WarmEngine)
    problems: list[str] = field(default_factory=list)  # what the error page lists; empty when fine
    out: object = sys.stderr
    _built: Content | None = None  # the graph of the site on disk
    _inputs: Inputs | None = None  # what it was built from
    unchanged: bool = False  # the last rebuild found nothing changed (no reload needed)

    @property
    def site_dir(self) -> Path:
        return self.work / "site"

    def rebuild(self, early: Callable[[list[str]], None] | None = None) -> bool:
        """Build once; print what happened. Never raises for bad content. `early` is called with
        the site paths of the pages shown ahead of the build (warm_engine), once they are written."""
        # Up to the edited page, no cyclic garbage collection: it would scan the whole kept
        # heap (the graph, the site engine's objects) several times for nothing (loader.gc_paused).
        with gc_paused():
            ready = self._check_and_show_early(early)
        return ready if isinstance(ready, bool) else self._build_the_rest(*ready)

    def _check_and_show_early(self, early) -> bool | tuple:
        """Load and check; show the edited pages. The outcome when that is all (no change, bad
        content), else what the rest of the build needs."""
        started = time.perf_counter()
        inputs = Inputs.of(self.root, self.content_dir, self.site_config_dir, f"date={build_date(self.date)}")
        self.unchanged = inputs == self._inputs and not self.problems
        if self.unchanged:
            # Every file reads as when the site was built (a save without a change).
            self._print(f"没有变化，网站不变 / nothing changed: the site stays as it is "
                        f"({time.perf_counter() - started:.2f} s)")
            return True
        content, problems = check(self.content_dir, self.site_config_dir, self.date, self.memo)
        if content is None:
            return self._failed(problems, started)
        checked = time.perf_counter()
        shown = self._show_early(content, inputs, early, started)
        return content, inputs, shown, started, checked

    def _build_the_rest(self, content: Content, inputs: Inputs, shown: EarlyPages, started: float,
                        checked: float) -> bool:
        first = time.perf_counter()
        self.warm.release()  # the build keeps its own: two builds' MkDocs objects would double the peak
        with self.renders.active():
            tree = render_all(content)
        rendered = time.perf_counter()
        try:
            summary = build_site(self.root, self.site_dir, date=self.date, content_dir=self.content_dir,
                                 site_config_dir=self.site_config_dir, content=content, tree=tree,
                                 cache_dir=self.work / "cache", in_place=True, progress=Progress(enabled=False),
                                 warm=self.warm)
        except BuildFailed as exc:
            shown.restore()  # (the warm objects were released: early pages again after a good build)
            self.problems = [line for line in str(exc).splitlines() if line.strip()]
            self._print(f"构建失败 / build failed:\n{exc}")
            return False
        shown.discard()
        self.problems, self._built, self._inputs = [], content, inputs
        done = time.perf_counter()
        self._print(f"{summary}\n已更新，用时 {done - started:.2f} 秒 / updated in {done - started:.2f} s "
                    f"(解析 {self.memo.parsed} 个文件，载入校验 {checked - started:.2f} 秒、生成页面 "
                    f"{rendered - first:.2f} 秒（重新生成 {self.renders.rendered} 页）、网站引擎 {done - rendered:.2f} 秒 / "
                    f"parsed {self.memo.parsed} files; load+validate {checked - started:.2f} s, pages "
                    f"{rendered - first:.2f} s ({self.renders.rendered} rendered), engine {done - rendered:.2f} s)")
        return True

    def _show_early(self, content: Content, inputs: Inputs, early, started: float) -> EarlyPages:
        """The edited records' own pages, into the site before the build (warm_engine); only
        when the edit touched content/ alone, so the theme, config and file list still hold."""
        none = EarlyPages(self.site_dir)
        if early is None or self._built is None or not self.warm.ready or self.problems \
                or self._inputs is None or inputs.setup != self._inputs.setup:
            return none
        try:
            shown = self.warm.render(pages_of_changed_records(self._built, content), self.site_dir)
        except Exception as exc:  # an early page is a convenience: the build decides (render put any back)
            self._print(f"（提前显示失败，等待完整构建 / early page skipped: {type(exc).__name__}: {exc}）")
            return none
        if shown.urls:
            seconds = time.perf_counter() - started
            self._print(f"先显示改动的 {len(shown.urls)} 页，用时 {seconds:.2f} 秒，其余随后更新 / {len(shown.urls)} "
                        f"edited pages shown first, in {seconds:.2f} s; the rest follows: {', '.join(shown.urls[:3])}")
            early(shown.urls)
        return shown

    def _failed(self, problems: list[Problem], started: float) -> bool:
        # The terminal gets what `qingdan check` prints; the page lists the errors.
        found = errors(problems)
        self.problems = render_text(found).splitlines()
        self._print(render_text(problems))
        self._print(f"内容有 {len(found)} 个错误，网站未更新，浏览器显示错误页；修正后自动更新 / content has "
                    f"{len(found)} errors: not rebuilt, the browser shows them until they are fixed "
                    f"({time.perf_counter() - started:.2f} s)")
        return False

    def _print(self, text: str) -> None:
        print(text, file=self.out, flush=True)


def error_page(problems: list[str]) -> bytes:
    """A self-contained page listing every problem, each as text (a field may hold markup)."""
    items = "\n".join(f"<li><code>{escape(line)}</code></li>" for line in problems)
    return f"""<!doctype html>
<html lang="zh">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>内容有错误 / content has errors</title>
<style>body{{font-family:sans-serif;margin:1rem;line-height:1.5;color:#1a1a1a}}
h1{{font-size:1.4rem;color:#a00}}code{{white-space:pre-wrap;word-break:break-all}}li{{margin:.5rem 0}}</style>
</head>
<body>
<main>
<h1>内容有错误，网站未更新 / content has errors: the site was not rebuilt</h1>
<p>共 {len(problems)} 个问题。请修正下列文件后保存，本页会自动更新。 /
{len(problems)} problems. Fix these files and save: this page updates by itself.</p>
<ol id="problems">
{items}
</ol>
</main>
</body>
</html>
""".encode()


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, showing the error page while the content has errors.

    When a rebuild shows the edited pages first (warm_engine), the browsers reload at once and
    those pages are served; every other request waits until the build has written the rest, so
    no page or data file older than the edit is shown next to it."""

    def __init__(self, preview: Preview, host: str, port: int):
        self.preview = preview
        self._early: set[str] | None = None  # while a build finishes: the URL paths already new
        self._early_pages: set[str] = set()  # of those, the edited pages
        self._polls = 0  # open pages waiting for a reload (live-reload requests being held)
        self._last_request = 0.0  # time.monotonic() of the last request for a file
        self._early_asked = False  # an edited page was requested since it was shown
        self._held = 0  # requests waiting for the build
        super().__init__(builder=self._build, host=host, port=port, root=str(preview.site_dir))
        # inotify instead of MkDocs' polling every 0.5 s (at 4,000 files a save waited for the
        # next poll), and a shorter wait for the editor to finish writing.
        self.observer = watchdog.observers.Observer()
        self.build_delay = 0.05

    def watch(self, path: str, func=None, *, recursive: bool = True) -> None:
        """Rebuild on a change under `path`. Only writes, creations, deletions and moves count:
        with inotify the build's own reading of every file would otherwise start another."""
        path = str(Path(path).resolve())
        self._watched_paths[path] = 1

        def changed(event) -> None:
            if event.is_directory or event.event_type not in ("created", "modified", "deleted", "moved"):
                return
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = changed
        # Ask inotify for these only: otherwise every file the build reads (4,000 at benchmark
        # scale 10) comes back as "opened" and "closed" events, handled in Python while the build
        # runs (the rebuild before the edited page took 1.9 s instead of 0.8 s).
        e = watchdog.events
        wanted = [e.FileCreatedEvent, e.FileModifiedEvent, e.FileDeletedEvent, e.FileMovedEvent,
                  e.DirCreatedEvent, e.DirDeletedEvent, e.DirMovedEvent]
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive, event_filter=wanted)

    def _build(self) -> bool:
        try:
            return self.preview.rebuild(early=self._show_early)
        finally:
            with self._epoch_cond:
                self._early = None
                if self.preview.unchanged:  # the same site: open pages need not reload
                    self._wanted_epoch = self._visible_epoch
                self._epoch_cond.notify_all()

    def _show_early(self, written: list[str]) -> None:
        """The edited pages are in the site: reload the browsers now. They and the theme's
        files (styles, scripts, fonts: unchanged when a page is shown early) are served
        at once; the pages and data files the build is still writing wait for it."""
        pages = set()
        for dest in written:
            pages |= {f"/{dest}", f"/{dest.removesuffix('index.html')}"}
        with self._epoch_cond:
            self._early = pages | {f"/{dest}" for dest in self.preview.warm.static}
            self._early_pages, self._early_asked = pages, False
            watching = self._polls > 0
            self._visible_epoch = self._wanted_epoch
            self._epoch_cond.notify_all()
        if watching:
            self._let_browsers_load()

    def _let_browsers_load(self, longest: float = 1.5, quiet: float = 0.1) -> None:
        """Python runs one thread at a time: while the build renders, the reloading page's
        requests wait their turn (0.5 s for a styled page at benchmark scale 1). So the build
        waits until an edited page was asked for and no file was for `quiet` seconds (at most
        `longest`), and goes on at once when a browser asks for a page the build must write."""
        started = time.monotonic()
        while time.monotonic() - started < longest:
            time.sleep(0.02)
            if self._held or (self._early_asked and time.monotonic() - self._last_request > quiet):
                return

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"]
        if path.startswith("/livereload/"):
            with self._epoch_cond:
                self._polls += 1
            try:
                return super()._serve_request(environ, start_response)
            finally:
                with self._epoch_cond:
                    self._polls -= 1
        with self._epoch_cond:
            if self._early is not None and path not in self._early:
                self._held += 1
                self._epoch_cond.wait_for(lambda: self._early is None)
                self._held -= 1
            self._last_request = time.monotonic()
            self._early_asked = self._early_asked or path in self._early_pages
        if self.preview.problems and not path.startswith("/livereload/") \
                and (path.endswith("/") or path.endswith(".html")):
            with self._epoch_cond:
                self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                epoch = self._visible_epoch
            if self.preview.problems:
                page = self._inject_js_into_html(error_page(self.preview.problems), epoch)
                start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                          ("Content-Length", str(len(page))), ("Cache-Control", "no-store")])
                return [page]
        return super()._serve_request(environ, start_response)


def serve(root: Path, content_dir: Path, site_config_dir: Path, date: str | None, dev_addr: str) -> int:
    host, _, port = dev_addr.rpartition(":")
    work = Path(tempfile.mkdtemp(prefix="qingdan-serve-"))
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # our own lines say what happened
    preview = Preview(Path(root).resolve(), Path(content_dir).resolve(), Path(site_config_dir).resolve(),
                      date, work)
    server = PreviewServer(preview, host or "127.0.0.1", int(port))
    print(f"正在生成网站，完成后可访问 {server.url} / building the site first; it will be at that address", file=sys.stderr, flush=True)
    preview.rebuild()
    for watched in (preview.content_dir, preview.site_config_dir):
        server.watch(str(watched))
    print(f"预览地址 / serving at {server.url}\n正在监视 / watching: {preview.content_dir}, "
          f"{preview.site_config_dir}（按 Ctrl+C 停止 / Ctrl+C to stop；改了 mkdocs.yml 或 generator/ 请重启 / "
          "restart after changing mkdocs.yml or generator/）", file=sys.stderr, flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    return 0
