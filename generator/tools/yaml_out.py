"""Plain values -> the YAML text of a content file, always the same text for the same values.

Takes the head of a file (its comments and header fields, kept as written), the name of
its list field and the list's entries (each a dict, with the comment lines written above
it); gives the file's text. Written here rather than by a YAML library so that the text
is deterministic and reads like the hand-written files: block style, two-space indent,
short lists in flow style, codes always quoted, any text YAML would type (100004, no,
2025-01-01, ~) quoted, and a value read earlier as unquoted (a number, a date) kept so.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from generator.load.yaml_source import SourceDocument, Unquoted, classify_plain

# Fields whose values are codes: always quoted, so that 0101 or 100004 never turn into numbers.
CODE_FIELDS = frozenset({"code", "basic_code", "implementation_code", "power_list_code", "license_item_code",
                         "list_items", "replaces"})
NOT_STATED_WORD = "未注明"  # the content model's word for "the source does not say": written as it is
# Lists written on one line, [a, b], as the hand-written files do (when the line fits): short
# names and codes. Every other list is written one entry a line.
FLOW_FIELDS = frozenset({"authorities", "responsible_units", "list_items", "replaces", "approval_process",
                         "issuers"})
FLOW_WIDTH = 110
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = frozenset(",[]{}")


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or classify_plain(text) is not None:
        return False
    if text[0] in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        return False
    if any(ch < " " or ch == "\x7f" for ch in text) or "\u2028" in text or "\u2029" in text:
        return False
    return not (flow and any(ch in _FLOW_UNSAFE for ch in text))


def scalar(value: object, *, code: bool = False, flow: bool = False) -> str:
    if isinstance(value, Unquoted):  # read unquoted (a number, a date): keep its meaning
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if (not code or text == NOT_STATED_WORD) and _plain_ok(text, flow):
        return text
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def _is_scalar(value: object) -> bool:
    return not isinstance(value, (Mapping, list, tuple))


def _flow_list(values: list, code: bool) -> str | None:
    if not all(_is_scalar(v) for v in values):
        return None
    parts = [scalar(v, code=code, flow=True) for v in values]
    return "[" + ", ".join(parts) + "]"


def _mapping(value: Mapping, indent: int, first_prefix: str, notes: Notes | None = None) -> list[str]:
    """A mapping's lines; the first line starts with `first_prefix` ("- " in a list).

    `notes`: comment lines to write above a key (by key)."""
    lines: list[str] = []
    pad = " " * indent
    for number, (key, item) in enumerate(value.items()):
        lead = first_prefix if number == 0 else pad
        if notes and number and key in notes:
            lines += notes[key]
        code = key in CODE_FIELDS
        if _is_scalar(item):
            lines.append(f"{lead}{key}: {scalar(item, code=code)}")
        elif isinstance(item, Mapping):
            if not item:
                lines.append(f"{lead}{key}: {{}}")
            else:
                lines.append(f"{lead}{key}:")
                lines += _mapping(item, indent + 2, " " * (indent + 2))
        else:
            flow = _flow_list(list(item), code) if key in FLOW_FIELDS or not item else None
            if flow is not None and len(pad) + len(str(key)) + 2 + len(flow) <= FLOW_WIDTH:
                lines.append(f"{lead}{key}: {flow}")
            else:
                lines.append(f"{lead}{key}:")
                lines += _sequence(list(item), indent + 2, code)
    return lines


def _sequence(values: list, indent: int, code: bool) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for item in values:
        if _is_scalar(item):
            lines.append(f"{pad}- {scalar(item, code=code)}")
        elif isinstance(item, Mapping):
            lines += _mapping(item, indent + 2, f"{pad}- ") if item else [f"{pad}- {{}}"]
        else:
            flow = _flow_list(list(item), code)
            lines.append(f"{pad}- {flow}" if flow is not None else f"{pad}- []")
    return lines


def entry_text(entry: Mapping) -> str:
    """One list entry as the file holds it (two entries are the same when their texts are)."""
    return "\n".join(_mapping(entry, 4, "  - "))


Notes = dict[str | None, list[str]]
"""Comment lines kept from a file: above an entry (key None) and above its top-level keys."""


def document(head: str, list_key: str, entries: Iterable[tuple[Notes, Mapping]]) -> str:
    """`head` (kept as written), then `list_key:` and one block per entry, its comments kept."""
    lines = [head.rstrip("\n")] if head.strip() else []
    lines.append(f"{list_key}:")
    for notes, entry in entries:
        lines += notes.get(None, [])
        lines += _mapping(entry, 4, "  - ", notes)
    return "\n".join(lines) + "\n"


def _comments_above(lines: list[str], line: int, stop: int) -> list[str]:
    """The comment lines right above 1-based `line` (blank lines between are skipped), not above `stop`."""
    above: list[str] = []
    index = line - 2
    while index >= stop and (not lines[index].strip() or lines[index].lstrip().startswith("#")):
        if lines[index].strip():
            above.insert(0, lines[index].rstrip())
        index -= 1
    return above


def split_document(doc: SourceDocument, list_key: str) -> tuple[str, list[Notes]] | None:
    """A file written earlier -> (its text above `list_key:`, each entry's comment lines).

    None when something other than comments follows the list (the writer would lose it).
    Kept: the comments above an entry and above each of its top-level keys; comments deeper
    inside an entry, or after a value on its line, are not.
    """
    lines = doc.text.splitlines()
    data = doc.data if isinstance(doc.data, dict) else {}
    if list_key not in data:
        return doc.text, []
    keys = list(data)
    if keys[-1] != list_key:
        return None
    key_line = doc.positions[(list_key, "<key>")][0]
    head = "\n".join(lines[: key_line - 1])
    entries = data[list_key] if isinstance(data[list_key], list) else []
    found: list[Notes] = []
    for index, entry in enumerate(entries):
        start = doc.positions.get((list_key, index), (key_line + 1, 1))[0]
        notes: Notes = {None: _comments_above(lines, start, key_line)}
        for key in list(entry)[1:] if isinstance(entry, dict) else []:
            at = doc.positions.get((list_key, index, key, "<key>"))
            if at is not None and at[0] > start:
                above = _comments_above(lines, at[0], start)
                if above:
                    notes[key] = above
        found.append(notes)
    return head, found
