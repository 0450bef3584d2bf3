"""The MkDocs plugin: a thin layer that feeds the generator's pages to MkDocs.

mkdocs.yml names it (`plugins: [qingdan]`, registered as an entry point in pyproject.toml).
MkDocs makes a new `QingdanPlugin` for every configuration it loads, and the plugin holds
that build's content and pages, so two builds in one process never see each other's.

`qingdan build` (site.build) loads, validates and renders first and hands the result to the
plugin with `prepare`; `mkdocs build` / `mkdocs serve` run by hand leave it unprepared, and the
plugin then loads and validates content/ and site_config/ itself, stopping the build with
every problem listed when anything is wrong (so nothing is written). Each rendered page
becomes a generated file. `serve` watches content/ and site_config/ (mkdocs.yml `watch:`).

MkDocs reads and renders every page before it writes any, and keeps each page's Markdown and
HTML to the end of the build. The plugin lets each text go once MkDocs is done with it (the
tree's entry once it is a File, the source once read, the Markdown once rendered, the HTML
once written): at 19,000 pages they were most of a build's memory. Nothing reads them later:
there are no other plugins, and a page's title comes from its front matter or its first
heading, kept apart.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.model.content import Content
from generator.pipeline import check
from generator.problems import errors, render_text
from generator.render import render_all
from generator.render.chrome import chrome
from generator.site.engine_cache import Session
from generator.site.page_meta import escape_meta
from generator.site.warm_engine import WarmEngine

log = logging.getLogger("mkdocs.plugins.qingdan")


class QingdanPlugin(BasePlugin):
    """One build's generated pages, from `on_config` to the last page written."""

    def __init__(self) -> None:
        super().__init__()
        self._prepared: tuple[Content, dict[str, str | bytes]] | None = None
        self._tree: dict[str, str | bytes] = {}  # what on_files hands to MkDocs
        self._session: Session | None = None  # the build cache's, when the build has one
        self._warm: WarmEngine | None = None  # serve's: this build's MkDocs objects, for the next edit
        self._nav = None

    def prepare(self, content: Content, tree: dict[str, str | bytes], session: Session | None = None,
                warm: WarmEngine | None = None) -> None:
        """Content already validated and rendered by `qingdan build`: nothing is loaded twice.
        The tree is emptied as MkDocs takes its pages. With `session` (engine_cache), only the
        pages whose inputs changed are rendered; `warm` (serve) is given this build's MkDocs objects."""
        self._prepared = (content, tree)
        self._session = session
        self._warm = warm

    def on_config(self, config):
        """Validate and render before MkDocs touches site_dir: a bad file changes nothing."""
        prepared, self._prepared = self._prepared, None
        content, tree = prepared or _load(Path(config.config_file_path).parent)
        self._tree = tree
        # Footer and feed link of every page (site_config/overrides/main.html).
        config.extra["qingdan"] = chrome(content)
        # The header shows site.yaml's name; Material prints it unescaped, so hand it over escaped.
        config.site_name = escape(content.site.site_name)
        config.site_description = escape(content.site.description)
        return config

    def on_files(self, files: Files, config) -> Files:
        """Each rendered page and asset becomes a generated File; the tree lets go of it."""
        tree, self._tree = self._tree, {}
        for path in list(tree):
            data = tree.pop(path)
            if self._session is not None:
                self._session.note(path, data)
            if files.get_file_from_path(path) is not None:
                files.remove(files.get_file_from_path(path))
            files.append(File.generated(config, path, content=data))
        return self._session.plan(files, config) if self._session is not None else files

    def on_nav(self, nav, config, files):
        self._nav = nav
        return nav

    def on_env(self, env, config, files):
        if self._session is not None:
            self._session.use_bytecode_cache(env)
        if self._warm is not None:
            self._warm.keep(config, files, self._nav, env)
        return env

    def on_page_markdown(self, markdown, page, config, files):
        """Material prints page.meta.title and .description raw: make them text (page_meta)."""
        escape_meta(page.meta)
        if page.file.generated_by is not None:
            page.file.content_string = ""  # read: the page holds its Markdown now
        return markdown

    def on_page_content(self, html, page, config, files):
        page.markdown = ""  # rendered (not None: MkDocs would take the page for unread)
        return html

    def on_post_page(self, output, page, config):
        page.content = ""  # written
        return output


def _load(root: Path) -> tuple[Content, dict[str, str | bytes]]:
    # `mkdocs build` / `mkdocs serve` by hand; QINGDAN_CONTENT etc. point elsewhere.
    content, problems = check(
        Path(os.environ.get("QINGDAN_CONTENT", root / "content")),
        Path(os.environ.get("QINGDAN_SITE_CONFIG", root / "site_config")),
    )
    for problem in problems:
        if not problem.is_error:
            log.info(problem.text())
    if content is None:
        raise PluginError(
            f"内容有 {len(errors(problems))} 个错误，未生成网站 / content has errors, no site written:\n"
            + render_text(errors(problems))
        )
    return content, render_all(content)
