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
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from generator import model as m
from generator.characters import bad_character_message, first_bad_character, visible
from generator.load.attachment_types import attachment_reasons
from generator.load.safe_files import Entry, read_regular_file, walk
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
    owner: str | None = None  # the department whose folder holds the file (see department_folder)


@dataclass(slots=True)
class LoadedContent:
    content_dir: Path
    site: Loaded | None = None
    # Every kind is a key (a misspelt one raises KeyError): the files of that kind that passed.
    files: dict[Kind, list[Loaded]] = field(default_factory=lambda: {k.key: [] for k in KINDS})
    attachments: dict[str, bytes] = field(default_factory=dict)  # path under content/files/ -> bytes
    refused_attachments: set[str] = field(default_factory=set)  # under files/, refused by the loader
    problems: list[Problem] = field(default_factory=list)
    # kind -> files of that kind that failed: their document (None when unreadable), so
    # validation can stay quiet about references to what they define.
    failed: dict[Kind, list[SourceDocument | None]] = field(default_factory=dict)


def department_folder(relative: str) -> str | None:
    """The department whose folder holds the file at `relative` (under content/):
    service-items/<id>.yaml, guides/<id>/…, model-texts/<id>/…, files/<id>/…; None elsewhere
    (the office's files: editions, bulletins, ledgers, departments, which may name any department)."""
    parts = relative.split("/")
    if parts[0] == "service-items" and len(parts) == 2:
        return parts[1].removesuffix(".yaml")
    if parts[0] in ("guides", "model-texts", "files") and len(parts) > 2:
        return parts[1]
    return None


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


def load_one(path: Path, schema: type[BaseModel], raw: bytes | None = None, memo: FileMemo | None = None
             ) -> tuple[SourceDocument | None, BaseModel | None, list[Problem]]:
    """Read and schema-check one file (`raw`: its bytes, when already read by `walk`; `memo`:
    `qingdan serve`'s parsed files, reused while a file's bytes are unchanged)."""
    shown = display_path(path)
    if raw is None:
        raw, refused = read_regular_file(path)
        if refused is not None:
            return None, None, [Problem(shown, 0, 0, "", *refused)]
    if memo is not None:
        return memo.get(shown, schema, raw, lambda: _load_bytes(raw, shown, schema))
    return _load_bytes(raw, shown, schema)


def _load_bytes(data: bytes, shown: str, schema: type[BaseModel]) -> tuple[SourceDocument | None,
                                                                           BaseModel | None, list[Problem]]:
    doc, problems = read_yaml(data, shown)
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


class FileMemo:
    """The parsed, schema-checked result of each file, by its path and the hash of its bytes,
    kept between loads (`qingdan serve`): an unchanged file is not parsed again. Validation
    never changes a loaded file, so reusing its objects gives the same graph as a fresh load.
    Holds only the files of the last load."""

    def __init__(self) -> None:
        self._results: dict[tuple[str, str, str], tuple] = {}
        self._used: dict[tuple[str, str, str], tuple] = {}
        self.parsed = 0  # files parsed (not found in the memo) by the last load

    def get(self, shown: str, schema: type[BaseModel], data: bytes, load):
        key = (shown, schema.__name__, hashlib.sha256(data).hexdigest())
        result = self._results.get(key)
        if result is None:
            result = load()
            self.parsed += 1
        self._used[key] = result
        return result

    def start(self) -> None:
        self._used, self.parsed = {}, 0

    def end(self) -> None:
        self._results, self._used = self._used, {}


def load_content(content_dir: Path, site_config_dir: Path, memo: FileMemo | None = None) -> LoadedContent:
    """Read and schema-check every file; nothing is skipped silently. With `memo`, files
    whose bytes did not change since the memo's last load are not parsed again."""
    if memo is not None:
        memo.start()
    with gc_paused():
        loaded = _load_content(content_dir, site_config_dir, memo)
    if memo is not None:
        memo.end()
    return loaded


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


def _load_content(content_dir: Path, site_config_dir: Path, memo: FileMemo | None) -> LoadedContent:
    content_dir = Path(content_dir)
    result = LoadedContent(content_dir)
    site_path = Path(site_config_dir) / SITE_CONFIG_FILE
    if site_path.is_file() or site_path.is_symlink():
        doc, value, problems = load_one(site_path, m.SiteConfig, memo=memo)
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
    for entry in walk(content_dir):
        path, relative = entry.path, entry.relative
        if entry.refused is not None:
            result.problems.append(Problem(display_path(path), 0, 0, "", *entry.refused))
            if relative.startswith(ATTACHMENTS_FOLDER):
                result.refused_attachments.add(relative.removeprefix(ATTACHMENTS_FOLDER))
            continue
        if relative.startswith(ATTACHMENTS_FOLDER):
            problems = _attachment(entry, result.attachments)
            if problems:
                result.refused_attachments.add(relative.removeprefix(ATTACHMENTS_FOLDER))
            result.problems += problems
            continue
        if relative.startswith(NOT_DOCUMENTS) or path.name.startswith("."):
            continue
        if path.suffix != ".yaml":
            # A file saved as .yml or 指南.yaml.txt would otherwise vanish from the site unnoticed.
            if path.suffix.lower() in (".yml", ".yaml") or ".yaml" in path.name.lower():
                result.problems.append(Problem(
                    display_path(path), 0, 0, "",
                    f"内容文件的扩展名须为 .yaml（现为 “{visible(path.name)}”）",
                    f"content files must end in .yaml (got '{visible(path.name)}')"))
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
        doc, value, problems = load_one(path, found.schema, entry.data, memo)
        result.problems += problems
        if value is not None:
            result.files[found.key].append(Loaded(found.key, doc, value, department_folder(relative)))
        else:
            result.failed.setdefault(found.key, []).append(doc)
    return result


# Characters that would end or bend a URL or a Markdown link if a file name carried them.
_NOT_IN_FILE_NAMES = set('?#%\\<>"\'`|*')


def _attachment(entry: Entry, attachments: dict[str, bytes]) -> list[Problem]:
    """An attachment under files/<department>/ joins `attachments` only if it may be published
    (the department and whether anything refers to it are checked by validation)."""
    relative = entry.relative.removeprefix(ATTACHMENTS_FOLDER)
    shown = display_path(entry.path)
    name = entry.path.name
    if name == ".gitkeep":
        return []
    if "/" not in relative:
        return [Problem(shown, 0, 0, "", "附件须放在 files/<单位标识>/ 下",
                        "attachments belong in files/<department id>/")]
    for part in relative.split("/"):
        bad = first_bad_character(part, single_line=True)
        if bad is not None:
            zh, en = bad_character_message(bad)
            return [Problem(shown, 0, 0, "", f"文件名{zh}", f"the file name {en}")]
        if part.startswith(".") or part != part.strip() or _NOT_IN_FILE_NAMES & set(part):
            return [Problem(shown, 0, 0, "",
                            "文件名不能以 . 开头、以空格开头或结尾，也不能含 ? # % \\ < > \" ' ` | *",
                            "a file name cannot start with a dot, start or end with a space, or contain "
                            "? # % \\ < > \" ' ` | *")]
    reasons = attachment_reasons(name, entry.data)
    if reasons:
        return [Problem(shown, 0, 0, "", zh, en) for zh, en in reasons]
    attachments[relative] = entry.data
    return []
