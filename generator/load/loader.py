"""Content directory -> typed documents, each with its source, and every problem found.

Takes the content directory and the site_config directory; gives a `LoadedContent`
(typed file objects grouped by kind, with their `SourceDocument`s) and problems.
The content files are read here (`load_content`, `load_one`); other readers of the
content folder go through these functions: `tools/codeowners` (the departments and
site files), `tools/content_diff` (the folder at two git revisions). `tools/scaffold`
also reads a bulletin file it appends a case to.
"""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import gc
import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from generator import model as m
from generator.load.schema_check import check_schema
from generator.load.yaml_source import SourceDocument, read_yaml
from generator.model.kinds import (
    ATTACHMENTS_FOLDER,
    KINDS,
    SCHEMAS_FOLDER,
    SITE_CONFIG_FILE,
    ContentKind,
    Kind,
)
from generator.problems import Problem

# Attachments and editor schemas live under content/ but are not content documents.
NOT_DOCUMENTS = (ATTACHMENTS_FOLDER, SCHEMAS_FOLDER)
# Notes for people beside the YAML: a folder's README and a transcription's list of sources.
NOTES = ("README.md", "SOURCES.md")


@dataclass(slots=True)
class Loaded:
    """One file that passed its schema: the typed object and where it came from."""

    kind: Kind | None  # None: the site configuration
    doc: SourceDocument
    value: BaseModel


@dataclass(slots=True)
class LoadedContent:
    content_dir: Path
    site: Loaded | None = None
    # Every kind is a key (a misspelt one raises KeyError): the files of that kind that passed.
    files: dict[Kind, list[Loaded]] = field(default_factory=lambda: {k.key: [] for k in KINDS})
    attachments: dict[str, bytes] = field(default_factory=dict)  # path under content/files/ -> bytes
    problems: list[Problem] = field(default_factory=list)
    # kind -> files of that kind that failed: their document (None when unreadable), so
    # validation can stay quiet about references to what they define.
    failed: dict[Kind, list[SourceDocument | None]] = field(default_factory=dict)


def kind_of(relative: str) -> ContentKind | None:
    """The kind of the file at `relative` (a path under the content directory), if any."""
    for kind in KINDS:
        if fnmatch.fnmatchcase(relative, kind.pattern):
            return kind
    return None


def display_path(path: Path) -> str:
    """Paths in messages are relative to the working directory when possible (clickable)."""
    folder = _display_folder(path.parent, os.getcwd())
    return f"{folder}/{path.name}" if folder != "." else path.name


@functools.lru_cache(maxsize=4096)
def _display_folder(folder: Path, cwd: str) -> str:
    # Resolving is a few system calls per folder level: once per folder, not once per file.
    try:
        return folder.resolve().relative_to(Path(cwd).resolve()).as_posix()
    except ValueError:
        return folder.as_posix()


def load_one(path: Path, schema: type[BaseModel]) -> tuple[SourceDocument | None,
                                                                       BaseModel | None, list[Problem]]:
    shown = display_path(path)
    doc, problems = read_yaml(path.read_bytes(), shown)
    if doc is None:
        return None, None, problems
    value, schema_problems = check_schema(doc, schema)
    if problems:  # the reader refused something (a duplicate key, a tag): the file counts as failed
        value = None
    if value is not None:
        # The typed value holds the same facts: let the raw values go now, not after the
        # whole folder is read (at 15,000 guides they were a third of the loading peak).
        # A failed file keeps them, so validation can see the ids it defines.
        doc.data = None
    return doc, value, problems + schema_problems


def load_content(content_dir: Path, site_config_dir: Path) -> LoadedContent:
    """Read and schema-check every file; nothing is skipped silently."""
    with gc_paused():
        return _load_content(content_dir, site_config_dir)


@contextlib.contextmanager
def gc_paused():
    """Loading creates millions of small acyclic objects; the cyclic garbage collector
    would rescan the growing heap again and again (half the loading time, and 15x the
    validation time at 5,000 guides). Nothing here makes cycles worth collecting."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_content(content_dir: Path, site_config_dir: Path) -> LoadedContent:
    content_dir = Path(content_dir)
    result = LoadedContent(content_dir)
    site_path = Path(site_config_dir) / SITE_CONFIG_FILE
    if site_path.is_file():
        doc, value, problems = load_one(site_path, m.SiteConfig)
        result.problems += problems
        if value is not None:
            result.site = Loaded(None, doc, value)
    else:
        result.problems.append(
            Problem(display_path(site_path), 0, 0, "", "缺少网站配置文件", "site configuration file is missing")
        )
    if not content_dir.is_dir():
        result.problems.append(
            Problem(str(content_dir), 0, 0, "", "内容目录不存在", "content directory does not exist")
        )
        return result
    for path in sorted(content_dir.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(content_dir).as_posix()
        if relative.startswith(ATTACHMENTS_FOLDER):
            result.attachments[relative.removeprefix(ATTACHMENTS_FOLDER)] = path.read_bytes()
            continue
        if relative.startswith(NOT_DOCUMENTS) or path.name.startswith("."):
            continue
        if path.suffix != ".yaml":
            # A file saved as .yml or 指南.yaml.txt would otherwise vanish from the site unnoticed.
            if path.suffix.lower() in (".yml", ".yaml") or ".yaml" in path.name.lower():
                result.problems.append(Problem(
                    display_path(path), 0, 0, "",
                    f"内容文件的扩展名须为 .yaml（现为 “{path.name}”）",
                    f"content files must end in .yaml (got '{path.name}')"))
            elif path.name not in NOTES:
                result.problems.append(Problem(
                    display_path(path), 0, 0, "",
                    "这里只能放 .yaml 内容文件；附件请放在 files/ 下",
                    "only .yaml content files belong here; attachments go under files/"))
            continue
        found = kind_of(relative)
        if found is None:
            result.problems.append(Problem(
                display_path(path), 0, 0, "",
                "不认识这个位置的文件：请按 README 的目录结构放置",
                "no content type lives at this path: see the README for the layout"))
            continue
        doc, value, problems = load_one(path, found.schema)
        result.problems += problems
        if value is not None:
            result.files[found.key].append(Loaded(found.key, doc, value))
        else:
            result.failed.setdefault(found.key, []).append(doc)
    return result
