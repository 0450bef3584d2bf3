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
from collections.abc import Callable, Hashable
from sys import intern
from typing import Any, TypeVar

import yaml

from generator.load.clerk_hints import line_problems
from generator.problems import Problem, format_field

T = TypeVar("T")

try:  # libyaml is several times faster; fall back to pure Python where it is missing.
    _Base = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.BaseLoader

_DEFAULT_TAG = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
                yaml.MappingNode: "tag:yaml.org,2002:map"}


class _Loader(_Base):
    """The base loader without path resolvers: we type scalars ourselves, so every
    untagged node simply gets the default tag (PyYAML's generic `resolve` is called
    once per node and was a third of the reading time)."""

    def resolve(self, kind, value, implicit):
        return _DEFAULT_TAG[kind]

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

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
# Control characters other than tab and newline: only escapes in double quotes make them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
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


class SourceDocument:
    """One content file, read: its values and where each field stands.

    Positions are worked out only when a problem needs one: most files have none,
    and recording the place of every value of every file would double the reading time.
    """

    __slots__ = ("path", "data", "text", "_positions", "_null_texts", "rejected", "_once")

    def __init__(self, path: str, data: Any, text: str = ""):
        self.path = path
        self.data = data
        self.text = text
        self._positions: dict[Path, tuple[int, int]] | None = None
        self._null_texts: dict[Path, str] | None = None
        # fields the reader already refused (an explicit tag): the schema stays quiet about them.
        self.rejected: set[Path] = set()
        self._once: dict[Hashable, Any] = {}

    def once(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The result of a rule that reads this file alone (and `key`'s values), computed once
        per document. `qingdan serve` keeps an unchanged file's document between edits
        (loader.FileMemo), so such a rule is not run again over the files a save left alone
        (the personal-data guard was 4 s of every rebuild at 3,800 guides)."""
        if key not in self._once:
            self._once[key] = compute()
        return self._once[key]

    @property
    def positions(self) -> dict[Path, tuple[int, int]]:
        """Field path -> (line, column), both 1-based, of the value; keys as well, under the
        path with a trailing "<key>" marker, so unknown fields point at the key."""
        if self._positions is None:
            self._locate()
        return self._positions  # type: ignore[return-value]

    @property
    def null_texts(self) -> dict[Path, str]:
        """Field path -> text of an unquoted null such as "~" or "null" (empty values are not
        listed), so "must not be empty" can say that such a text needs quotes."""
        if self._null_texts is None:
            self._locate()
        return self._null_texts  # type: ignore[return-value]

    def _locate(self) -> None:
        # Read the text again, the slow way that records where everything stands.
        self._positions, self._null_texts = {}, {}
        loader = _Loader(self.text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if node is not None:
            _Converter(self, []).convert(node, ())

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


def _mark(node: yaml.Node | yaml.Event) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _short_tag(tag: str) -> str:
    """`tag:yaml.org,2002:int` -> `!!int`: the way the clerk wrote it."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


class _Converter:
    """Walks a composed node tree (free of aliases) into plain values, collecting problems."""

    __slots__ = ("path", "positions", "null_texts", "rejected", "problems")

    def __init__(self, doc: SourceDocument, problems: list[Problem]):
        self.path = doc.path
        self.positions = doc.positions
        self.null_texts = doc.null_texts
        self.rejected = doc.rejected
        self.problems = problems

    def problem_at(self, node: yaml.Node, path: Path, zh: str, en: str) -> None:
        line, column = _mark(node)
        self.problems.append(Problem(self.path, line, column, format_field(path), zh, en))

    def convert(self, node: yaml.Node, path: Path) -> Any:
        mark = node.start_mark
        self.positions[path] = (mark.line + 1, mark.column + 1)
        if node.tag not in _DEFAULT_TAGS:
            # Explicit tags such as !!int or !!python/object change meaning: refuse them.
            tag = _short_tag(node.tag)
            self.rejected.add(path)
            self.problem_at(node, path, f"不支持 YAML 标签 {tag}，请删除标签",
                            f"YAML tags such as {tag} are not allowed: remove the tag")
            return None
        cls = node.__class__
        if cls is yaml.ScalarNode:
            value = node.value
            # Plain (unquoted) scalars: libyaml gives style "", pure-Python PyYAML None.
            if not node.style and (value == "" or value[0] in _TYPED_START):
                kind = classify_plain(value)
                if kind == "null":
                    if value:
                        self.null_texts[path] = value
                    return None
                if kind is not None:
                    return Unquoted(value, kind)
            elif node.style == '"' and _CONTROL.search(value):
                # "scjgj\application.txt" is valid YAML: \a is the bell character.
                self.problem_at(node, path, "双引号内的反斜杠被当成了转义符（如 \\a），产生了不可见字符："
                                "路径请用 / 分隔，或改用单引号",
                                "a backslash in double quotes was read as an escape (such as \\a) and gave an "
                                "invisible character: use / in paths, or single quotes")
                self.rejected.add(path)
            return intern(value) if len(value) <= _SHARED_LENGTH else value
        if cls is yaml.SequenceNode:
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.convert_mapping(node, path)

    def convert_mapping(self, node: yaml.MappingNode, path: Path) -> dict:
        out: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        first_key = None
        lost: set[str] | None = None  # the keys of an entry that lost its "- ", once one did
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode or key_node.tag not in _DEFAULT_TAGS:
                self.problem_at(key_node, path, "键必须是普通文字", "keys must be plain text")
                continue
            key = key_node.value
            if key == "<<" and not key_node.style:
                self.problem_at(key_node, path, "不支持 YAML 合并键 <<，请直接写出各字段",
                                "YAML merge keys (<<) are not allowed: write the fields out")
                continue
            line = key_node.start_mark.line + 1
            if first_key is None:
                first_key = key
            if key in first_seen and key == first_key and path and isinstance(path[-1], int):
                # A list entry's first key again, in the same mapping: the next entry has no
                # "- ", so its fields joined this one. Say that once, not once per field
                # (each would read "duplicate key: delete one", and deleting loses a material).
                self.problem_at(
                    key_node, (*path[:-1], path[-1] + 1),
                    f"第 {line} 行的 “{key}” 开始了新的一项，但前面少了列表项标记 “- ”：请写成 “- {key}: …”，"
                    "与上一项的 “- ” 对齐（否则这一项的字段会并入上一项）",
                    f"'{key}' on line {line} starts a new entry but has no '- ' before it: write '- {key}: …', "
                    "lined up with the '- ' of the entry above (else its fields join that entry)",
                )
                lost = {key}
                continue
            if key in first_seen and lost is not None and key not in lost:
                lost.add(key)  # a field of the entry that lost its "- ": already reported
                continue
            if key in first_seen:
                self.problem_at(
                    key_node, (*path, key),
                    f"重复的键 “{key}”（第一次出现在第 {first_seen[key]} 行），请删除其中一个",
                    f"duplicate key '{key}' (first at line {first_seen[key]}): keep only one",
                )
                continue
            first_seen[key] = line
            self.positions[(*path, key, "<key>")] = (line, key_node.start_mark.column + 1)
            out[key] = self.convert(value_node, (*path, key))
        return out


def _anchor_problems(text: str, path: str) -> list[Problem]:
    """Every anchor (&) and alias (*) of the file, each at its own line and field.

    Works on the event stream, so nothing is ever expanded: an alias bomb costs
    no more than its own few lines. (The composed tree would share one node for
    all aliases of an anchor and lose where each alias was written.) Raises
    `_TooDeep` for a file nested too deeply to compose safely.
    """
    problems: list[Problem] = []
    parts: list[str | int | None] = []  # one entry per open collection: current key or index
    in_map: list[bool] = []
    wants_key: list[bool] = []

    def done() -> None:  # a node is complete: the enclosing collection moves on
        if not in_map:
            return
        if in_map[-1]:
            wants_key[-1] = not wants_key[-1]
        else:
            parts[-1] += 1  # type: ignore[operator]

    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            cls = event.__class__
            if cls in (yaml.SequenceEndEvent, yaml.MappingEndEvent):
                parts.pop(), in_map.pop(), wants_key.pop()
                done()
                continue
            if cls not in (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent):
                continue
            is_key = bool(in_map) and in_map[-1] and wants_key[-1]
            line, column = _mark(event)
            if len(parts) >= MAX_DEPTH:
                raise _TooDeep(line, column)
            if cls is yaml.AliasEvent or event.anchor is not None:
                where = format_field(p for p in (parts[:-1] if is_key else parts) if p is not None)
            if cls is yaml.AliasEvent:
                problems.append(Problem(
                    path, line, column, where,
                    f"不支持 YAML 别名 *{event.anchor}，请把内容直接写在这里",
                    f"YAML aliases such as *{event.anchor} are not allowed: write the value out here"))
            elif event.anchor is not None:
                problems.append(Problem(
                    path, line, column, where,
                    f"不支持 YAML 锚点 &{event.anchor}，请删除它",
                    f"YAML anchors such as &{event.anchor} are not allowed: remove it"))
            if cls is yaml.SequenceStartEvent or cls is yaml.MappingStartEvent:
                parts.append(0 if cls is yaml.SequenceStartEvent else None)
                in_map.append(cls is yaml.MappingStartEvent)
                wants_key.append(True)
                continue
            if is_key and cls is yaml.ScalarEvent:
                parts[-1] = event.value
            done()
    finally:
        loader.dispose()
    return problems


# libyaml's messages, said plainly in Chinese (the English keeps libyaml's words).
_SYNTAX_HINTS = [
    ("mapping values are not allowed", "这里不能出现“键: 值”：请检查缩进，或给含冒号的文字加引号"),
    ("could not find expected ':'", "缺少冒号“:”：请检查上一行的键或缩进"),
    ("did not find expected key", "缩进不一致：同一层的字段须对齐"),
    ("did not find expected '-' indicator", "缩进不一致：列表的各项须以“- ”开头并对齐"),
    ("did not find expected ',' or ']'", "方括号 [ ] 未闭合，或缺少逗号"),
    ("did not find expected ',' or '}'", "花括号 { } 未闭合，或缺少逗号"),
    ("found unexpected end of stream", "引号未闭合"),
    ("found unknown escape character", "双引号内的反斜杠 \\ 无效：改用单引号，或写成 \\\\"),
    ("did not find expected hexdecimal number", "双引号内的反斜杠 \\ 无效：改用单引号，或写成 \\\\"),
    ("found character that cannot start any token", "这个字符不能出现在值的开头（如 @ ` %）：请给这个值加引号"),
    ("found undefined alias", "不支持 YAML 别名（*），请直接写出内容"),
    ("expected a single document", "一个文件只能有一个文档：请删除多余的 ---"),
    ("did not find expected node content", "缺少值"),
    ("block sequence entries are not allowed", "这里不能出现列表项“- ”：请检查缩进"),
    ("did not find expected comment or line break", "引号后面多了文字：请把整个值放在引号内"),
]


def _syntax_problem(exc: yaml.YAMLError, path: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    detail = " ".join(filter(None, [getattr(exc, "context", None), getattr(exc, "problem", None)])) or str(exc)
    hint = next((zh for needle, zh in _SYNTAX_HINTS if needle in detail), None)
    context = getattr(exc, "context_mark", None)
    where_zh = where_en = ""
    if context is not None and mark is not None and context.line != mark.line \
            and (getattr(exc, "context", None) or "").startswith("while"):
        where_zh, where_en = f"（起始于第 {context.line + 1} 行）", f" (starting at line {context.line + 1})"
    zh = f"YAML 语法错误：{hint}{where_zh}" if hint else f"YAML 语法错误{where_zh}：{detail}"
    return Problem(path, line, column, "", zh, f"YAML syntax error: {detail}{where_en}")


def _tab_problems(text: str, path: str) -> list[Problem]:
    """Lines indented with a tab: YAML forbids them, and libyaml's message is cryptic."""
    problems = []
    for n, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            problems.append(Problem(path, n, indent.index("\t") + 1, "",
                                    "缩进不能使用制表符（Tab），请改用空格",
                                    "indentation must use spaces, not tabs"))
    return problems


_SLOW = object()
# Short values repeat across thousands of files (department names, office hours, "申请人自备"):
# each distinct text is kept once (sys.intern; an interned text is freed with its last use).
_SHARED_LENGTH = 200
# No content file nests deeper than a few levels; a file nesting hundreds deep is an attack
# on the recursive parts (libyaml's composer, pydantic) and is refused before they see it.
MAX_DEPTH = 50


class _TooDeep(Exception):
    def __init__(self, line: int, column: int):
        self.line, self.column = line, column


def _fast_values(text: str) -> Any:
    """The values of a plain, well-formed file straight from the event stream, else `_SLOW`.

    The common case, in one pass with no node tree: anything unusual (a syntax error,
    an anchor, alias or tag, a duplicate or merge key, a control character, an empty
    file, a second document) returns `_SLOW`, and `read_yaml` takes the careful path,
    which gives exactly the same values when there is nothing to report.
    """
    loader = _Loader(text)
    get = loader.get_event
    scalar, map_start, seq_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    containers: list[Any] = []
    keys: list[Any] = []  # per open collection: the pending mapping key, or None
    root: Any = _SLOW
    try:
        if get().__class__ is not yaml.StreamStartEvent or not loader.check_event(yaml.DocumentStartEvent):
            return _SLOW
        get()
        while True:
            event = get()
            cls = event.__class__
            if cls is scalar:
                if event.anchor is not None or event.tag is not None:
                    return _SLOW
                value = event.value
                if containers and keys[-1] is None and containers[-1].__class__ is dict:
                    # A mapping key: kept as typed, refused when repeated or a merge key.
                    if value in containers[-1] or (value == "<<" and not event.style):
                        return _SLOW
                    keys[-1] = value
                    continue
                style = event.style
                if not style:
                    if value == "" or value[0] in _TYPED_START:
                        kind = classify_plain(value)
                        if kind == "null":
                            value = None
                        elif kind is not None:
                            value = Unquoted(value, kind)
                elif style == '"' and _CONTROL.search(value):
                    return _SLOW
                if value.__class__ is str and len(value) <= _SHARED_LENGTH:
                    value = intern(value)
            elif cls is map_start or cls is seq_start:
                if event.anchor is not None or event.tag is not None:
                    return _SLOW
                if containers and keys[-1] is None and containers[-1].__class__ is dict:
                    return _SLOW  # a list or mapping used as a key
                if len(containers) >= MAX_DEPTH:
                    raise _TooDeep(*_mark(event))
                containers.append({} if cls is map_start else [])
                keys.append(None)
                continue
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                value = containers.pop()
                keys.pop()
            elif cls is yaml.DocumentEndEvent:
                return root if loader.check_event(yaml.StreamEndEvent) else _SLOW
            else:  # an alias
                return _SLOW
            if not containers:
                root = value
            elif keys[-1] is None:
                containers[-1].append(value)
            else:
                containers[-1][keys[-1]] = value
                keys[-1] = None
    except yaml.YAMLError:
        return _SLOW
    finally:
        loader.dispose()


def _too_deep(exc: _TooDeep, path: str) -> Problem:
    return Problem(path, exc.line, exc.column, "", f"嵌套层级过深（超过 {MAX_DEPTH} 层）",
                   f"nested too deeply (more than {MAX_DEPTH} levels)")


def read_yaml(raw: bytes, path: str) -> tuple[SourceDocument | None, list[Problem]]:
    """Parse one YAML file strictly. Returns (document or None, problems)."""
    text, problems = decode_utf8(raw, path)
    if text is None:
        return None, problems
    try:
        data = _fast_values(text)
    except _TooDeep as exc:
        return None, [_too_deep(exc, path)]
    if data is not _SLOW:
        return SourceDocument(path, data, text), []
    # Something unusual (or wrong): read again, the slow way that locates every problem.
    try:
        # One pass over the events first: anchors and aliases, and a depth the recursive
        # composer can take.
        problems = _anchor_problems(text, path)
        if problems:
            return None, problems
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except _TooDeep as exc:
        return None, [_too_deep(exc, path)]
    except yaml.YAMLError as exc:
        # A tab, a full-width colon or space in the indentation is the usual cause; say so
        # for every such line, naming the character.
        typed = [Problem(path, line, column, "", zh, en) for line, column, zh, en in line_problems(text)]
        tabs = _tab_problems(text, path) if "\t" in text else []
        return None, sorted(typed + tabs, key=Problem.sort_key) or [_syntax_problem(exc, path)]
    if node is None:
        return None, [Problem(path, 1, 1, "", "文件是空的", "the file is empty")]
    doc = SourceDocument(path, None, text)
    doc._positions, doc._null_texts = {}, {}
    doc.data = _Converter(doc, problems).convert(node, ())
    return doc, problems
