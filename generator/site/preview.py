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
from dataclasses import dataclass, field
from pathlib import Path

import watchdog.events
import watchdog.observers
from markupsafe import escape
from mkdocs.livereload import LiveReloadServer

from generator.load.loader import FileMemo
from generator.pipeline import check
from generator.problems import Problem, errors, render_text
from generator.progress import Progress
from generator.render import render_all
from generator.site.build import BuildFailed, build_site


@dataclass
class Preview:
    """The state `serve` keeps between edits, and one rebuild."""

    root: Path
    content_dir: Path
    site_config_dir: Path
    date: str | None
    work: Path  # temporary: site/ and cache/
    memo: FileMemo = field(default_factory=FileMemo)
    problems: list[str] = field(default_factory=list)  # what the error page lists; empty when fine
    out: object = sys.stderr

    @property
    def site_dir(self) -> Path:
        return self.work / "site"

    def rebuild(self) -> bool:
        """Build once; print what happened. Never raises for bad content."""
        started = time.perf_counter()
        content, problems = check(self.content_dir, self.site_config_dir, self.date, self.memo)
        if content is None:
            return self._failed(problems, started)
        checked = time.perf_counter()
        tree = render_all(content)
        rendered = time.perf_counter()
        try:
            summary = build_site(self.root, self.site_dir, date=self.date, content_dir=self.content_dir,
                                 site_config_dir=self.site_config_dir, content=content, tree=tree,
                                 cache_dir=self.work / "cache", in_place=True, progress=Progress(enabled=False))
        except BuildFailed as exc:
            self.problems = [line for line in str(exc).splitlines() if line.strip()]
            self._print(f"构建失败 / build failed:\n{exc}")
            return False
        self.problems = []
        done = time.perf_counter()
        self._print(f"{summary}\n已更新，用时 {done - started:.2f} 秒 / updated in {done - started:.2f} s "
                    f"(解析 {self.memo.parsed} 个文件，载入校验 {checked - started:.2f} 秒、生成页面 "
                    f"{rendered - checked:.2f} 秒、网站引擎 {done - rendered:.2f} 秒 / parsed {self.memo.parsed} "
                    f"files; load+validate {checked - started:.2f} s, pages {rendered - checked:.2f} s, "
                    f"engine {done - rendered:.2f} s)")
        return True

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
    """MkDocs' live-reload server, showing the error page while the content has errors."""

    def __init__(self, preview: Preview, host: str, port: int):
        self.preview = preview
        super().__init__(builder=preview.rebuild, host=host, port=port, root=str(preview.site_dir))
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
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"]
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
