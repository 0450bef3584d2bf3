"""Everyday vocabulary (content/vocabulary/*.yaml) -> the words of each item, service
item and department, and the problems with them.

Rules:
  - in a county file, a code or id that names no list item (of any edition), service
    item or department is an error: the word would silently find nothing;
  - in a base file (keyed by national code, shared between counties) such an entry is
    simply unused;
  - one word given to list items that share neither a sector nor a responsible unit is
    a warning: the word probably belongs to only one of them (check, then keep or move it);
  - a word written twice for the same entry is a warning, and so is a word holding
    Chinese punctuation (two words written with 、 or ， between them are one string in YAML).
Base files are read before county files, each group in path order, so the words of an
entry keep a stable order.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from generator import model as m
from generator.load.loader import Loaded
from generator.model.content import Content
from generator.problems import Problem, Severity

SECTIONS = (
    # (field, what the key names in messages zh / en)
    ("items", "清单事项", "list item"),
    ("service_items", "政务服务事项", "service item"),
    ("departments", "单位", "department"),
)


def _known(content: Content, section: str) -> set[str]:
    if section == "items":
        return {code for edition in content.editions.values() for code in edition.items}
    if section == "service_items":
        return set(content.service_items)
    return set(content.departments)


def _item_of(content: Content, code: str) -> m.ListItem | None:
    return content.item_in_any_edition(code)


def _related(a: m.ListItem, b: m.ListItem) -> bool:
    return (a.sector is not None and a.sector == b.sector) or bool(set(a.responsible_units) & set(b.responsible_units))


def attach_vocabulary(content: Content, files: list[Loaded]) -> list[Problem]:
    """Fill content.words_of_item / words_of_service_item / words_of_department; the problems."""
    problems: list[Problem] = []
    words: dict[str, dict[str, list[str]]] = {section: defaultdict(list) for section, _, _ in SECTIONS}
    # folded word -> list item codes it points at, with where it was first written
    targets: dict[str, dict[str, tuple[Loaded, tuple]]] = defaultdict(dict)
    ordered = sorted(files, key=lambda f: (f.value.vocabulary.scope != m.VocabularyScope.BASE, f.doc.path))
    known = {section: _known(content, section) for section, _, _ in SECTIONS}
    for file in ordered:
        vocabulary: m.Vocabulary = file.value.vocabulary
        county = vocabulary.scope == m.VocabularyScope.COUNTY
        for section, zh, en in SECTIONS:
            for key, entry_words in getattr(vocabulary, section).items():
                path = ("vocabulary", section, key)
                if key not in known[section]:
                    if county:
                        problems.append(file.doc.problem(path, f"找不到{zh} “{key}”，这条俗称不会起作用",
                                                         f"no {en} '{key}': these words would find nothing",
                                                         key=True))
                    continue
                seen: set[str] = set()
                for i, word in enumerate(entry_words):
                    folded = unicodedata.normalize("NFKC", word).lower().strip()
                    if folded in seen:
                        problems.append(file.doc.problem((*path, i), f"俗称 “{word}” 重复",
                                                         f"the word '{word}' is listed twice",
                                                         severity=Severity.WARNING))
                        continue
                    seen.add(folded)
                    if any(mark in word for mark in "，、；;"):
                        problems.append(file.doc.problem(
                            (*path, i), f"“{word}” 含中文标点，像是几个词写在了一起：词与词之间请用英文逗号 , 隔开",
                            f"'{word}' holds Chinese punctuation: separate words with an ASCII comma",
                            severity=Severity.WARNING))
                    if word not in words[section][key]:
                        words[section][key].append(word)
                    codes = [key] if section == "items" else (
                        content.service_items[key].list_items if section == "service_items" else [])
                    for code in codes:
                        targets[folded].setdefault(code, (file, (*path, i)))
    for folded, by_code in targets.items():
        items = [(code, _item_of(content, code)) for code in by_code]
        items = [(code, item) for code, item in items if item is not None]
        for i, (code, item) in enumerate(items):
            if i and not any(_related(item, other) for _, other in items[:i]):
                file, path = by_code[code]
                first = items[0][0]
                problems.append(file.doc.problem(
                    path, f"俗称 “{folded}” 同时指向 {first} 和 {code}，两者既不同行业也不同责任单位，请核对",
                    f"the word '{folded}' points at {first} and {code}, which share neither a sector nor a "
                    f"responsible unit: check it", severity=Severity.WARNING))
                break
    content.words_of_item = dict(words["items"])
    content.words_of_service_item = dict(words["service_items"])
    content.words_of_department = dict(words["departments"])
    return problems
