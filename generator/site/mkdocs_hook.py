"""The MkDocs hook: a thin layer that feeds the generator's pages to MkDocs.

`mkdocs build` / `mkdocs serve` from the repository root load this file (see the
`hooks:` key of mkdocs.yml). On every build it takes the content that `qingdan build` already
validated and rendered (site.take_handoff), or else loads and validates content/ and
site_config/ itself, stops the build with every problem listed when anything is wrong
(so nothing is written), and adds each rendered page as a generated file.
`serve` watches content/ and site_config/ (mkdocs.yml `watch:`), so an edit to a
YAML file rebuilds the preview.

MkDocs reads and renders every page before it writes any, and keeps each page's
Markdown and HTML to the end of the build. The hook lets each text go once MkDocs is
done with it (the tree's entry once it is a File, the source once read, the Markdown
once rendered, the HTML once written): at 19,000 pages they were most of a build's
memory. Nothing reads them later: there are no plugins (`plugins: []`), and a page's
title comes from its front matter or its first heading, kept apart.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator.site.page_meta import escape_meta
from generator.pipeline import check
from generator.problems import errors, render_text
from generator.render import render_all
from generator.render.chrome import chrome
from generator.site.build import take_handoff

log = logging.getLogger("mkdocs.hooks.qingdan")
_tree: dict[str, str | bytes] = {}  # what on_files hands to MkDocs


def on_config(config):
    """Validate and render before MkDocs touches site_dir: a bad file changes nothing."""
    prepared = take_handoff()
    if prepared is not None:
        # `qingdan build` (site.build_site) already loaded, validated and rendered.
        content, tree = prepared
    else:
        content, tree = _load(Path(config.config_file_path).parent)
    global _tree
    _tree = tree  # taken out entry by entry in on_files
    # Footer and feed link of every page (site_config/overrides/main.html).
    config.extra["qingdan"] = chrome(content)
    # The header shows site.yaml's name; Material prints it unescaped, so hand it over escaped.
    config.site_name = escape(content.site.site_name)
    config.site_description = escape(content.site.description)
    return config


def _load(root: Path) -> tuple:
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


def on_files(files: Files, config) -> Files:
    """Each rendered page and asset becomes a generated File; the tree lets go of it."""
    for path in list(_tree):
        data = _tree.pop(path)
        if files.get_file_from_path(path) is not None:
            files.remove(files.get_file_from_path(path))
        files.append(File.generated(config, path, content=data))
    return files


def on_page_markdown(markdown, page, config, files):
    """Material prints page.meta.title and .description raw: make them text (page_meta)."""
    escape_meta(page.meta)
    if page.file.generated_by is not None:
        page.file.content_string = ""  # read: the page holds its Markdown now
    return markdown


def on_page_content(html, page, config, files):
    page.markdown = ""  # rendered (not None: MkDocs would take the page for unread)
    return html


def on_post_page(output, page, config):
    page.content = ""  # written
    return output
