"""Strict YAML reading: bytes of one content file -> plain values + source locations.

Takes the bytes of a file and its display path; gives a `SourceDocument` (the value
tree of str / list / dict / None, and a map from field path to line and column) and
the list of `Problem`s found. Nothing here knows about the content model.

Why not `yaml.safe_load`: PyYAML keeps the last of two duplicate keys silently,
expands aliases (alias bombs), and applies YAML 1.1 typing, so a code `0101` becomes
the integer 65 and `no` becomes False. Clerks write these files in any editor, so we
compose the node tree with libyaml and convert it ourselves:

* duplicate keys, anchors/aliases, explicit tags and non-string keys are problems;
* every scalar stays the exact text that was typed; a plain (unquoted) scalar that
  YAML 1.1 or 1.2 would type as a number, boolean, date or null comes back as an
  `Unquoted` string that remembers that kind, so a text field can ask for quotes
  and a number or date field can accept it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem, format_field

try:  # libyaml is several times faster; fall back to pure Python where it is missing.
    _Loader = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.BaseLoader

Path = tuple[str | int, ...]


class Unquoted(str):
    """A plain scalar whose text some YAML reader would turn into a non-string.

    `kind` is one of "null", "bool", "int", "float", "date".
    """

    __slots__ = ("kind",)

    def __new__(cls, text: str, kind: str) -> Unquoted:
        obj = super().__new__(cls, text)
        obj.kind = kind
        return obj


# Union of YAML 1.1 (PyYAML) and YAML 1.2 core implicit types: if either would
# change the text, the value is typed here.
_NULL = re.compile(r"^(?:~|null|Null|NULL)$")
_BOOL = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"
)
_INT = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?(?:0|[1-9][0-9_]*)
        |[-+]?0x[0-9a-fA-F_]+
        |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
        |[-+]?[0-9]+)$""",
    re.X,
)
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+
        |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_DATE = re.compile(
    r"""^(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}
        (?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?)$""",
    re.X,
)
# Characters that can begin one of the typed forms above: a cheap first test.
_TYPED_START = frozenset("~nNyYtTfFoO0123456789+-.")

_DEFAULT_TAGS = frozenset(
    {"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
)


def classify_plain(text: str) -> str | None:
    """The YAML type a plain scalar would get, or None when it stays a string."""
    if text == "":
        return "null"
    if text[0] not in _TYPED_START:
        return None
    if _NULL.match(text):
        return "null"
    if _BOOL.match(text):
        return "bool"
    if _INT.match(text):
        return "int"
    if _DATE.match(text):
        return "date"
    if _FLOAT.match(text):
        return "float"
    return None


@dataclass(slots=True)
class SourceDocument:
    """One content file, read: its values and where each field stands."""

    path: str
    data: Any
    # field path -> (line, column), both 1-based, of the value; keys as well, under
    # the path with a trailing "<key>" marker, so unknown fields point at the key.
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Best position for a field: the field itself, else its nearest parent."""
        lookup = (*path, "<key>") if key else path
        if lookup in self.positions:
            return self.positions[lookup]
        for cut in range(len(path) - 1, -1, -1):
            if path[:cut] in self.positions:
                return self.positions[path[:cut]]
        return (1, 1)

    def problem(self, path: Path, zh: str, en: str, *, key: bool = False, severity=None) -> Problem:
        line, column = self.position(path, key=key)
        kwargs = {"severity": severity} if severity is not None else {}
        return Problem(self.path, line, column, format_field(path), zh, en, **kwargs)


def decode_utf8(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Bytes -> text, or a problem that names the first bad byte and the likely cause."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        hint_zh, hint_en = "", ""
        try:
            raw.decode("gb18030")
            hint_zh = "，很可能是 GBK/GB18030 编码，请另存为 UTF-8"
            hint_en = "; it is most likely GBK/GB18030: save it as UTF-8"
        except UnicodeDecodeError:
            pass
        return None, [
            Problem(
                path,
                line,
                column,
                "",
                f"文件不是 UTF-8 编码（第 {exc.start + 1} 字节无效）{hint_zh}",
                f"file is not UTF-8 (invalid byte at offset {exc.start + 1}){hint_en}",
            )
        ]


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Converter:
    """Walks a composed node tree into plain values, collecting problems."""

    def __init__(self, doc: SourceDocument, problems: list[Problem]):
        self.doc = doc
        self.problems = problems
        self.seen: set[int] = set()

    def problem_at(self, node: yaml.Node, path: Path, zh: str, en: str) -> None:
        line, column = _mark(node)
        self.problems.append(Problem(self.doc.path, line, column, format_field(path), zh, en))

    def convert(self, node: yaml.Node, path: Path) -> Any:
        # The composer hands back the very same node object for every alias of an
        # anchor; seeing a node twice is how we catch aliases (and alias bombs)
        # before expanding anything.
        if id(node) in self.seen:
            # Report at the alias's own key, not at the anchor it points to.
            line, column = self.doc.positions.get((*path, "<key>"), _mark(node))
            self.problems.append(Problem(
                self.doc.path, line, column, format_field(path),
                "不支持 YAML 锚点和别名（& 与 *），请直接写出内容",
                "YAML anchors and aliases (& and *) are not allowed: write the value out",
            ))
            return None
        self.seen.add(id(node))
        self.doc.positions[path] = _mark(node)
        if node.tag not in _DEFAULT_TAGS:
            # Explicit tags such as !!int or !!python/object change meaning: refuse them.
            self.problem_at(
                node,
                path,
                f"不支持 YAML 标签 {node.tag}，请删除标签",
                f"YAML tags such as {node.tag} are not allowed: remove the tag",
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            if node.style is None:  # plain, i.e. unquoted
                kind = classify_plain(node.value)
                if kind == "null":
                    return None
                if kind is not None:
                    return Unquoted(node.value, kind)
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.convert_mapping(node, path)

    def convert_mapping(self, node: yaml.MappingNode, path: Path) -> dict:
        out: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _DEFAULT_TAGS:
                self.problem_at(key_node, path, "键必须是普通文字", "keys must be plain text")
                continue
            if key_node.value == "<<":
                self.problem_at(
                    key_node,
                    path,
                    "不支持 YAML 合并键 <<，请直接写出各字段",
                    "YAML merge keys (<<) are not allowed: write the fields out",
                )
                continue
            key = key_node.value
            if key in first_seen:
                self.problem_at(
                    key_node,
                    (*path, key),
                    f"重复的键 “{key}”（第一次出现在第 {first_seen[key]} 行），请删除其中一个",
                    f"duplicate key '{key}' (first at line {first_seen[key]}): keep only one",
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.doc.positions[(*path, key, "<key>")] = _mark(key_node)
            out[key] = self.convert(value_node, (*path, key))
        return out


def read_yaml(raw: bytes, path: str) -> tuple[SourceDocument | None, list[Problem]]:
    """Parse one YAML file strictly. Returns (document or None, problems)."""
    text, problems = decode_utf8(raw, path)
    if text is None:
        return None, problems
    if "\t" in text:
        # Tabs are not indentation in YAML; libyaml's own message is cryptic.
        for n, line in enumerate(text.splitlines(), 1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                return None, [
                    Problem(
                        path, n, len(line) - len(stripped) + 1, "",
                        "缩进不能使用制表符（Tab），请改用空格",
                        "indentation must use spaces, not tabs",
                    )
                ]
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        detail = " ".join(filter(None, [exc.context, exc.problem]))
        return None, [
            Problem(path, line, column, "", f"YAML 语法错误：{detail}", f"YAML syntax error: {detail}")
        ]
    except yaml.YAMLError as exc:  # e.g. more than one document in the file
        return None, [Problem(path, 1, 1, "", f"YAML 错误：{exc}", f"YAML error: {exc}")]
    doc = SourceDocument(path, None)
    if node is None:
        return None, [Problem(path, 1, 1, "", "文件是空的", "the file is empty")]
    doc.data = _Converter(doc, problems).convert(node, ())
    return doc, problems
