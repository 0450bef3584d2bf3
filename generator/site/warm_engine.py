"""The edited page first: `qingdan serve` renders it with the last build's MkDocs objects.

A rebuild at province scale takes seconds (the search index and the exports are whole-site
outputs), but the clerk is looking at one page. After each successful build, serve keeps the
MkDocs configuration, file list, navigation and theme environment that build used (the
plugin hands them over). On the next edit, the pages of the records the edit changed are
rendered through MkDocs' own page functions with those objects and moved into the site,
and the browser reloads; the full incremental build follows at once and writes every other
output (the server holds requests for them until it is done, see preview.PreviewServer).

Why the page is exactly the one the build writes: its Markdown comes from the same render
function with the same content graph, and its HTML from the same MkDocs calls with the same
configuration, theme and file list (engine_cache explains why a detail page reads no other
page's text; an edit that changes anything but content/ gets no early page; a new page's
links to it from other pages come with the build). The build then writes the page again from scratch; tests/test_serve.py compares
the two. If that build fails, the early pages are put back as they were.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page


@dataclass
class WarmEngine:
    """The MkDocs objects of the last successful build (None before the first)."""

    config: object = None
    files: object = None
    nav: object = None
    env: object = None
    static: frozenset[str] = frozenset()  # site paths of the theme's and docs' own files
    _pending: tuple | None = None

    def keep(self, config, files, nav, env) -> None:
        """From the plugin, during a build: kept once the build has succeeded (`commit`)."""
        self._pending = (config, files, nav, env)

    def commit(self) -> None:
        if self._pending is not None:
            self.config, self.files, self.nav, self.env = self._pending
            self._pending = None
            # Not generated and not a page: only a change to site_config/ or the theme changes
            # them, and then no page is shown early.
            self.static = frozenset(f.dest_uri for f in self.files
                                    if f.generated_by is None and not f.is_documentation_page())

    def forget(self) -> None:
        self._pending = None

    def release(self) -> None:
        """Let the last build's objects go (a build is about to make new ones)."""
        self.config = self.files = self.nav = self.env = None
        self.static = frozenset()

    @property
    def ready(self) -> bool:
        return self.config is not None

    def render(self, pages: dict[str, str], site_dir: Path) -> EarlyPages:
        """Render `pages` (docs path -> Markdown) into `site_dir`, keeping what they replace. A page
        the last build did not have joins the kept file list as MkDocs' navigation would add it
        (a detail page, outside the navigation); the next build makes a new list anyway."""
        early = EarlyPages(Path(site_dir))
        if not self.ready:
            return early
        staging = Path(tempfile.mkdtemp(prefix=".early-", dir=site_dir.parent))
        try:
            doc_files = self.files.documentation_pages()
            for path, markdown in pages.items():
                file = self.files.get_file_from_path(path)
                if file is None:
                    file = File.generated(self.config, path, content=markdown)
                    self.files.append(file)
                    Page(None, file, self.config)
                if file.page is None:
                    continue
                file.content_string = markdown
                file.abs_dest_path = str(staging / file.dest_uri)  # MkDocs writes here
                _populate_page(file.page, self.config, self.files)
                _build_page(file.page, self.config, doc_files, self.nav, self.env)
                early.move_in(staging / file.dest_uri, file.dest_uri)
        except BaseException:
            early.restore()  # the pages moved in before the failure go back
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return early


@dataclass
class EarlyPages:
    """Pages moved into the site ahead of the build, and what they replaced."""

    site_dir: Path
    urls: list[str] = field(default_factory=list)  # site-relative, e.g. "guides/x/index.html"
    _backup: Path | None = None

    def move_in(self, written: Path, dest: str) -> None:
        target = self.site_dir / dest
        if self._backup is None:
            self._backup = Path(tempfile.mkdtemp(prefix=".early-backup-", dir=self.site_dir.parent))
        if target.exists():
            (self._backup / dest).parent.mkdir(parents=True, exist_ok=True)
            os.replace(target, self._backup / dest)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(written, target)
        self.urls.append(dest)

    def restore(self) -> None:
        """The build failed: the site gets back the pages these replaced."""
        for dest in self.urls:
            kept, target = self._backup / dest, self.site_dir / dest
            if kept.exists():
                os.replace(kept, target)
            else:  # a new page: the site had none
                target.unlink(missing_ok=True)
                folder = target.parent
                while folder != self.site_dir and not any(folder.iterdir()):
                    folder.rmdir()
                    folder = folder.parent
        self.discard()

    def discard(self) -> None:
        if self._backup is not None:
            shutil.rmtree(self._backup, ignore_errors=True)
            self._backup = None
