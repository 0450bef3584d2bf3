"""Where every page and file of the site lives: the only code that builds a site path.

Paths are docs-relative and POSIX ("items/100004/index.md"); the site engine writes
`<dir>/index.md` to `<dir>/index.html`, so a page's address is its directory
("items/100004/"). Renderers, templates (through the `urls` global), the search
records and exports ask this module; nothing else joins path strings. The finder's
JavaScript derives item and guide addresses from codes with the same `segment` rule
(finder.js `pathOf`), and the search bundle keeps an explicit path wherever the two
could differ.

A code becomes one path segment (`segment`): codes are checked against configured
patterns, and a pattern may allow "/" or "\\", so those never reach the file system.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote

from generator.model.guides import HANDLING_MARK

# --- site-wide pages -------------------------------------------------------------------
HOME = "index.md"
LIST = "list/index.md"
FIND = "find/index.md"
MAPPING = "mapping/index.md"
CASES = "cases/index.md"
FEED = "cases/feed.xml"
FEED_STYLE = "assets/feed.xsl"  # static, site_config/docs/assets: the feed as a page in a browser
DEPARTMENTS = "departments/index.md"
GUIDES = "guides/index.md"
MODEL_TEXTS = "model-texts/index.md"
COMPLAINT = "complaint/index.md"
COMPLAINTS_LEDGER = "ledgers/complaints/index.md"
RECTIFICATION_LEDGER = "ledgers/rectification/index.md"
SCORECARD = "scorecard/index.md"
CHANGES = "changes/index.md"
CORRESPONDENCE = "correspondence/index.md"
REDUCTIONS = "reductions/index.md"
QUALITY = "quality/index.md"
WORKTABLE = "worktable/index.md"
WORKING_GROUP = "working-group/index.md"
OPEN_DATA = "open-data/index.md"
BUNDLES = "bundles/index.md"
ABOUT = "about/index.md"
FINDER_INDEX_DIR = "find/index"
EXPORTS_DIR = "exports"


def segment(code: str) -> str:
    """A code or id as one URL path segment: "/" and "\\" become "_", and ".." cannot climb."""
    return code.replace("/", "_").replace("\\", "_").replace("..", "_")


# --- one page per entity ---------------------------------------------------------------
ITEMS_DIR = "items/"
GUIDES_DIR = "guides/"


def item(code: str) -> str:
    return f"{ITEMS_DIR}{segment(code)}/index.md"


def department(dept_id: str) -> str:
    return f"departments/{segment(dept_id)}/index.md"


def guide(key: str) -> str:
    """A guide by its key (model.Guide.key): "guides/<基本编码>/" for a service item's guide,
    "guides/<基本编码>/<办理项>/" for one of several 办理项 (新办, 变更…). The service item's own
    address stays its guide's, or the list of its 办理项, so links to it keep working."""
    service, mark, handling = key.rpartition(HANDLING_MARK)
    if not mark:
        return f"{GUIDES_DIR}{segment(key)}/index.md"
    return f"{GUIDES_DIR}{segment(service)}/{segment(handling)}/index.md"


def model_text(text_id: str) -> str:
    return f"model-texts/{segment(text_id)}/index.md"


def case(case_id: str) -> str:
    return f"cases/{segment(case_id)}/index.md"


def bundle(bundle_id: str) -> str:
    """A 一件事 bundle: /bundles/<id>/ (the id is the file name, content/bundles/<id>.yaml)."""
    return f"bundles/{segment(bundle_id)}/index.md"


def attachment(relative: str) -> str:
    """A file under content/files/, published at the same relative path."""
    return f"files/{relative}"


def export(dataset: str, extension: str) -> str:
    return f"{EXPORTS_DIR}/{dataset}.{extension}"


# --- from paths to addresses -----------------------------------------------------------


def directory(path: str) -> str:
    """Docs path -> the page's directory URL: "items/100004/index.md" -> "items/100004/"."""
    if path.endswith("index.md"):
        return path[: -len("index.md")]
    if path.endswith(".md"):
        return path[:-3] + "/"
    return path


def relative(from_page: str, target: str) -> str:
    """A link from one docs page to a target (page path or asset), relative so the
    site works under any base path (an intranet folder, a GitHub Pages project site)."""
    here = directory(from_page).rstrip("/") or "."
    there = directory(target)
    rel = _relpath(there.rstrip("/") or ".", here)
    if rel == ".":
        return "./"
    return quote(rel) + ("/" if target.endswith(".md") else "")


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for docs-relative paths, without its abspath: that asks the OS for
    the working directory on every call, and a large site makes hundreds of thousands."""
    to, here = posixpath.normpath(path).split("/"), posixpath.normpath(start).split("/")
    if ".." in to or ".." in here:
        return posixpath.relpath(path, start)
    to, here = [p for p in to if p != "."], [p for p in here if p != "."]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."
