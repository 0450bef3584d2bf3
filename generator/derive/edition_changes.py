"""List-edition changes (清单事项调整情况): two editions -> what was added, removed,
renumbered, recoded, merged and reworded, with a character-level diff of the text.

Matching rule, in this order (documented in the README and on the changes page):
1. the same item code in both editions is the same item;
2. a new item's `replaces:` codes name the old items it continues (two or more: a merge);
3. of the items still unmatched, an old and a new item whose names are similar
   (difflib ratio >= NAME_THRESHOLD) are the same item when each is the other's only
   close candidate; when an item has several close candidates the match is AMBIGUOUS:
   it is reported and not guessed, and the items count as removed / added.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from generator.model import ListItem
from generator.model.content import Edition
from generator.model.editions import comparable
from generator.model.types import is_stated

NAME_THRESHOLD = 0.75
# Two candidates closer than this to each other are too close to choose between.
AMBIGUITY_MARGIN = 0.08

# Fields whose change alters what a guide or model text must say (the notice: 法定依据、办理程序).
MATERIAL_FIELDS = ("measures", "legal_basis", "approval_process", "conditions")
COMPARED_FIELDS = ("name", *MATERIAL_FIELDS, "local_measures", "authorities", "management_authority")
FIELD_LABELS = {
    "name": "事项名称",
    "measures": "准入措施",
    "legal_basis": "设立依据",
    "approval_process": "审批流程",
    "conditions": "办理条件",
    "local_measures": "地方性许可措施",
    "authorities": "主管部门",
    "management_authority": "管理权限",
}


@dataclass(frozen=True, slots=True)
class Segment:
    op: str  # "equal", "insert" or "delete"
    text: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class Match:
    old: tuple[ListItem, ...]
    new: ListItem
    how: str  # "code", "replaces" or "name"
    changes: tuple[FieldChange, ...]
    # Numbers in an excerpt are often the republisher's own (湛江 numbers 100004 as 1):
    # they are compared only between two complete editions.
    numbers_comparable: bool = True

    @property
    def renumbered(self) -> bool:
        return (self.numbers_comparable and len(self.old) == 1
                and all(isinstance(i.number, int) for i in (*self.old, self.new))
                and any(o.number != self.new.number for o in self.old))

    @property
    def recoded(self) -> bool:
        return (len(self.old) == 1 and is_stated(self.old[0].code) and is_stated(self.new.code)
                and self.old[0].code != self.new.code)

    @property
    def merged(self) -> bool:
        return len(self.old) > 1

    @property
    def materially_changed(self) -> bool:
        return any(c.field in MATERIAL_FIELDS for c in self.changes)

    @property
    def kinds(self) -> list[str]:
        kinds = []
        if self.merged:
            kinds.append("合并")
        if self.recoded:
            kinds.append("编码调整")
        if self.renumbered:
            kinds.append("项目号调整")
        if self.changes:
            kinds.append("内容修改")
        return kinds


@dataclass(frozen=True, slots=True)
class Ambiguity:
    item: ListItem
    in_new: bool  # True: a new item with several old candidates
    candidates: tuple[tuple[ListItem, float], ...]


@dataclass(slots=True)
class Comparison:
    old: Edition
    new: Edition
    matches: list[Match] = field(default_factory=list)
    added: list[ListItem] = field(default_factory=list)
    removed: list[ListItem] = field(default_factory=list)
    ambiguous: list[Ambiguity] = field(default_factory=list)
    # Items one side holds that the other side's excerpt does not cover: neither added nor
    # removed, since an excerpt leaving an item out says nothing about the list.
    not_in_old_excerpt: list[ListItem] = field(default_factory=list)
    not_in_new_excerpt: list[ListItem] = field(default_factory=list)

    @property
    def excerpt(self) -> bool:
        """Whether only the items both editions hold are compared (an excerpt on either side)."""
        return not comparable(self.old.info, self.new.info)

    @property
    def knows_added(self) -> bool:
        return not self.excerpt or self.old.info.complete

    @property
    def knows_removed(self) -> bool:
        return not self.excerpt or self.new.info.complete

    @property
    def changed(self) -> list[Match]:
        return [m for m in self.matches if m.kinds]

    def match_of_new(self, code: str) -> Match | None:
        return next((m for m in self.matches if m.new.key == code), None)


def text_of(item: ListItem, field_name: str) -> str:
    """A field as one comparable text: list entries on their own lines."""
    value = getattr(item, field_name)
    if field_name == "measures":
        return "\n".join(m.text for m in value)
    if isinstance(value, list):
        return "\n".join(value)
    return value or ""


def char_diff(old: str, new: str) -> tuple[Segment, ...]:
    """Character-level diff (Chinese has no spaces between words), tidied for reading:
    an equal run of one character between two changes is folded into them."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    raw: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            raw.append(Segment("equal", old[i1:i2]))
        else:
            if i2 > i1:
                raw.append(Segment("delete", old[i1:i2]))
            if j2 > j1:
                raw.append(Segment("insert", new[j1:j2]))
    tidy: list[Segment] = []
    for i, seg in enumerate(raw):
        short_equal = seg.op == "equal" and len(seg.text) == 1 and 0 < i < len(raw) - 1
        if short_equal:
            tidy.append(Segment("delete", seg.text))
            tidy.append(Segment("insert", seg.text))
        else:
            tidy.append(seg)
    merged: list[Segment] = []
    # Group all deletes before inserts within each changed stretch, then merge neighbours.
    stretch: list[Segment] = []

    def flush() -> None:
        deleted = "".join(s.text for s in stretch if s.op == "delete")
        inserted = "".join(s.text for s in stretch if s.op == "insert")
        if deleted:
            merged.append(Segment("delete", deleted))
        if inserted:
            merged.append(Segment("insert", inserted))
        stretch.clear()

    for seg in tidy:
        if seg.op == "equal":
            flush()
            merged.append(seg)
        else:
            stretch.append(seg)
    flush()
    return tuple(merged)


def field_changes(old: ListItem, new: ListItem) -> tuple[FieldChange, ...]:
    out = []
    for name in COMPARED_FIELDS:
        before, after = text_of(old, name), text_of(new, name)
        if before != after:
            out.append(FieldChange(name, FIELD_LABELS[name], before, after, char_diff(before, after)))
    return tuple(out)


def _merged_item(items: tuple[ListItem, ...]) -> ListItem:
    """Several old items seen as one, so a merge can be diffed against its successor."""
    if len(items) == 1:
        return items[0]
    first = items[0]
    return first.model_copy(update={
        "name": "；".join(i.name for i in items),
        "measures": [m for i in items for m in i.measures],
        "legal_basis": list(dict.fromkeys(b for i in items for b in i.legal_basis)),
        "approval_process": list(dict.fromkeys(p for i in items for p in i.approval_process)),
        "conditions": list(dict.fromkeys(c for i in items for c in i.conditions)),
        "local_measures": list(dict.fromkeys(c for i in items for c in i.local_measures)),
        "authorities": list(dict.fromkeys(a for i in items for a in i.authorities)),
    })


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def compare(old: Edition, new: Edition) -> Comparison:
    result = Comparison(old, new)
    unmatched_old = dict(old.items)
    unmatched_new = dict(new.items)

    def record(olds: tuple[ListItem, ...], item: ListItem, how: str) -> None:
        for o in olds:
            unmatched_old.pop(o.key, None)
        unmatched_new.pop(item.key, None)
        result.matches.append(Match(olds, item, how, field_changes(_merged_item(olds), item),
                                    numbers_comparable=comparable(old.info, new.info)))

    # 1. Same code.
    for code, item in new.items.items():
        if code in old.items:
            record((old.items[code],), item, "code")
    # 2. Declared successors.
    for item in list(unmatched_new.values()):
        olds = tuple(unmatched_old[c] for c in item.replaces if c in unmatched_old)
        if olds:
            record(olds, item, "replaces")
    # 3. Similar names, only when unambiguous both ways.
    scores = {
        (o.key, n.key): similarity(o.name, n.name)
        for o in unmatched_old.values()
        for n in unmatched_new.values()
    }

    def close(candidates: list[tuple[ListItem, float]]) -> list[tuple[ListItem, float]]:
        good = sorted((c for c in candidates if c[1] >= NAME_THRESHOLD), key=lambda c: (-c[1], c[0].key))
        return [c for c in good if good[0][1] - c[1] < AMBIGUITY_MARGIN]

    ambiguous_codes: set[str] = set()
    for n in list(unmatched_new.values()):
        near = close([(o, scores[(o.key, n.key)]) for o in unmatched_old.values()])
        if len(near) > 1:
            result.ambiguous.append(Ambiguity(n, True, tuple(near)))
            ambiguous_codes.add(n.key)
            continue
        if len(near) == 1:
            o = near[0][0]
            back = close([(other, scores[(o.key, other.key)]) for other in unmatched_new.values()])
            if len(back) > 1:
                result.ambiguous.append(Ambiguity(o, False, tuple(back)))
                ambiguous_codes.add(o.key)
                continue
            record((o,), n, "name")
    result.added = sorted(unmatched_new.values(), key=lambda i: (i.category.value, i.sort_number, i.key))
    result.removed = sorted(unmatched_old.values(), key=lambda i: (i.category.value, i.sort_number, i.key))
    result.matches.sort(key=lambda m: (m.new.category.value, m.new.sort_number, m.new.key))
    if not result.knows_added:
        result.not_in_old_excerpt, result.added = result.added, []
    if not result.knows_removed:
        result.not_in_new_excerpt, result.removed = result.removed, []
    return result


def compare_all(editions: list[Edition]) -> list[Comparison]:
    """Each pair of consecutive editions (oldest first), newest comparison first."""
    return [compare(a, b) for a, b in zip(editions, editions[1:], strict=False)][::-1]


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    edition: Edition
    item: ListItem
    kinds: tuple[str, ...]  # what changed on the way into this edition


def item_history(comparisons: list[Comparison], code: str, editions: list[Edition]) -> list[HistoryEntry]:
    """An item's versions across editions, newest first, following renames and merges."""
    by_pair = {(c.old.id, c.new.id): c for c in comparisons}
    history: list[HistoryEntry] = []
    current_codes = {code}
    for newer, older in zip(editions[::-1], editions[::-1][1:] + [None], strict=False):
        present = [newer.items[c] for c in sorted(current_codes) if c in newer.items]
        if not present:
            if history:
                break
            continue
        comparison = by_pair.get((older.id, newer.id)) if older else None
        match = None
        if comparison:
            match = next((m for m in comparison.matches if m.new.key in current_codes), None)
        kinds = tuple(match.kinds) if match else (("新增",) if comparison else ())
        history.append(HistoryEntry(newer, present[0], kinds))
        current_codes = {o.key for o in match.old} if match else set()
        if not current_codes:
            break
    return history
