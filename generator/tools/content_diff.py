"""What a change does to the content, in content terms, between two git revisions.

Takes a git repository and two revisions; loads the content folder as it is at each
(through the same loader as `qingdan check`) and compares entities by their stable
keys: list items by edition and code, service items by basic code, guides by service
item, model texts, cases, bulletins, departments, clues and tasks by id. Gives a
`ContentDiff` (added / changed with the changed field names / removed), rendered as
Markdown for a CI job summary or as plain text for a terminal. A file that is renamed
or moved without changing what it says is no change at all.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from generator.load.loader import LoadedContent, load_content
from generator.model.kinds import Kind
from generator.render.templating import md_escape  # content text is data, never markup


class GitError(Exception):
    """A git command failed (unknown revision, not a repository)."""


@dataclass(frozen=True, slots=True)
class Entity:
    kind: str
    key: str
    title: str
    value: BaseModel


@dataclass(frozen=True, slots=True)
class Change:
    kind: str
    key: str
    title: str
    action: str  # added | changed | removed
    fields: tuple[str, ...] = ()  # changed top-level fields, as "name（中文名）"


@dataclass(slots=True)
class ContentDiff:
    base: str
    head: str
    changes: list[Change] = field(default_factory=list)
    # Files at head that did not load (schema errors): their entities look removed above.
    unreadable: list[str] = field(default_factory=list)


# Kinds in the order they are reported: (kind, Chinese label).
KIND_LABELS = {
    "department": "县直单位",
    "item": "清单事项",
    "service_item": "政务服务事项",
    "guide": "办事指南",
    "model_text": "示范文本",
    "bulletin": "案例通报",
    "case": "违规案例",
    "task": "整改任务",
    "clue": "投诉线索",
}
ACTION_LABELS = {"added": "新增", "changed": "修改", "removed": "删除"}
ACTION_MARKS = {"added": "+", "changed": "~", "removed": "-"}


def _entities(loaded: LoadedContent) -> Iterator[Entity]:
    """Every entity in the loaded files, with its stable key and a title to show."""
    files = loaded.files
    for f in files[Kind.DEPARTMENTS]:
        for d in f.value.departments:
            yield Entity("department", d.id, d.name, d)
    for f in files[Kind.EDITIONS]:
        for item in f.value.items:
            yield Entity("item", f"{f.value.edition.id}/{item.key}", item.name, item)
    for f in files[Kind.SERVICE_ITEMS]:
        for s in f.value.service_items:
            yield Entity("service_item", s.key, s.name, s)
    for f in files[Kind.GUIDES]:
        yield Entity("guide", f.value.service_item, "", f.value)
    for f in files[Kind.MODEL_TEXTS]:
        yield Entity("model_text", f.value.id, f.value.title, f.value)
    for f in files[Kind.BULLETINS]:
        # The bulletin without its cases: a case change is reported once, as the case.
        yield Entity("bulletin", f.value.id, f.value.title, f.value.model_copy(update={"cases": []}))
        for case in f.value.cases:
            yield Entity("case", case.id, case.title, case)
    for f in files[Kind.RECTIFICATION]:
        for t in f.value.tasks:
            yield Entity("task", t.id, "", t)
    for f in files[Kind.COMPLAINTS]:
        for c in f.value.clues:
            # Only the id: a clue's text may name the complainant.
            yield Entity("clue", c.id, "", c)


def _index(loaded: LoadedContent) -> dict[tuple[str, str], Entity]:
    entities = {(e.kind, e.key): e for e in _entities(loaded)}
    # A guide is known by its service item's name.
    names = {key: e.title for (kind, key), e in entities.items() if kind == "service_item"}
    for (kind, key), e in list(entities.items()):
        if kind == "guide":
            entities[(kind, key)] = Entity(kind, key, names.get(key, ""), e.value)
    return entities


def _field_label(value: BaseModel, name: str) -> str:
    info = type(value).model_fields.get(name)
    return f"{name}（{info.title}）" if info is not None and info.title else name


def _changed_fields(old: BaseModel, new: BaseModel) -> tuple[str, ...]:
    a, b = old.model_dump(mode="json"), new.model_dump(mode="json")
    names = [name for name in type(new).model_fields if a.get(name) != b.get(name)]
    return tuple(_field_label(new, name) for name in names)


def compare(base: LoadedContent, head: LoadedContent, base_rev: str = "", head_rev: str = "") -> ContentDiff:
    """Entities added, changed and removed from `base` to `head`, in a stable order."""
    old, new = _index(base), _index(head)
    order = list(KIND_LABELS)
    changes = []
    for key in sorted(old.keys() | new.keys(), key=lambda k: (order.index(k[0]), k[1])):
        before, after = old.get(key), new.get(key)
        if before is None:
            changes.append(Change(after.kind, after.key, after.title, "added"))
        elif after is None:
            changes.append(Change(before.kind, before.key, before.title, "removed"))
        elif before.value != after.value:
            fields = _changed_fields(before.value, after.value)
            changes.append(Change(after.kind, after.key, after.title or before.title, "changed", fields))
    unreadable = sorted({p.path for p in head.problems if p.is_error})
    return ContentDiff(base_rev, head_rev, changes, unreadable)


# --- reading a revision ------------------------------------------------------------


def _git(repo: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True)
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip())
    return result.stdout


def load_revision(repo: Path, rev: str, content_path: str = "content") -> LoadedContent:
    """The content folder as it is at `rev`, loaded from a temporary copy (the work tree is untouched)."""
    _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    listed = _git(repo, "ls-tree", "-d", "--name-only", rev, "--", content_path).decode().strip()
    with tempfile.TemporaryDirectory(prefix="qingdan-diff-") as tmp:
        target = Path(tmp) / "content"
        target.mkdir()
        if listed:  # a revision before the content folder existed has no content at all
            archive = _git(repo, "archive", "--format=tar", f"{rev}:{content_path}")
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(target, filter="data")
        # The site file is not needed to compare entities; its absence is not worth reporting.
        loaded = load_content(target, Path(tmp) / "no-site-config")
        loaded.problems = [
            dataclasses.replace(p, path=_repo_path(p.path, target, content_path))
            for p in loaded.problems if "no-site-config" not in p.path
        ]
        return loaded


def _repo_path(shown: str, target: Path, content_path: str) -> str:
    """A problem's path in the temporary copy -> the same path in the repository."""
    for prefix in (str(target), str(target.resolve())):
        if shown.startswith(prefix + "/"):
            return content_path.rstrip("/") + shown[len(prefix):]
    return shown


def diff_revisions(repo: Path, base: str, head: str, content_path: str = "content") -> ContentDiff:
    return compare(load_revision(repo, base, content_path), load_revision(repo, head, content_path), base, head)


# --- output ------------------------------------------------------------------------

def _grouped(changes: Iterable[Change]) -> dict[str, list[Change]]:
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.kind, []).append(change)
    return groups


def counts(result: ContentDiff) -> dict[str, int]:
    return {action: sum(c.action == action for c in result.changes) for action in ACTION_LABELS}


def render_markdown(result: ContentDiff) -> str:
    n = counts(result)
    revs = [rev.replace("`", "'") for rev in (result.base, result.head)]  # no escapes inside code spans
    lines = [f"## 内容变更 / Content changes: `{revs[0]}` → `{revs[1]}`", ""]
    if not result.changes:
        lines.append("内容没有变化 / no content changes.")
    else:
        lines.append(f"新增 {n['added']}、修改 {n['changed']}、删除 {n['removed']} / "
                     f"{n['added']} added, {n['changed']} changed, {n['removed']} removed")
    for kind, changes in _grouped(result.changes).items():
        lines += ["", f"### {KIND_LABELS[kind]}", "", "| 变更 | 标识 | 名称 | 改动的字段 |", "|---|---|---|---|"]
        for c in changes:
            lines.append(f"| {ACTION_LABELS[c.action]} | {md_escape(c.key)} | {md_escape(c.title)} | "
                         f"{'、'.join(md_escape(f) for f in c.fields)} |")
    if result.unreadable:
        lines += ["", "### 未通过检查的文件 / files that did not load", ""]
        lines += [f"- {md_escape(path)}" for path in result.unreadable]
    return "\n".join(lines) + "\n"


def render_text(result: ContentDiff) -> str:
    n = counts(result)
    lines = [f"内容变更 {result.base} → {result.head}：新增 {n['added']}、修改 {n['changed']}、删除 {n['removed']}"]
    for c in result.changes:
        title = f" {c.title}" if c.title else ""
        fields = f"：{'、'.join(c.fields)}" if c.fields else ""
        lines.append(f"{ACTION_MARKS[c.action]} {KIND_LABELS[c.kind]} {c.key}{title}{fields}")
    lines += [f"! 未通过检查 / did not load: {path}" for path in result.unreadable]
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[ContentDiff], str]] = {"markdown": render_markdown, "text": render_text}
