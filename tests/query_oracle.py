"""The official-name query set's oracle: what each query of tests/finder_queries.yaml must
return, judged from the content graph by the specification below, not by the finder's
code (it reads the content, never generator.render.search's records).

A page is relevant to a query when, for every part of the query (parts are separated by
spaces or Chinese punctuation), one of these holds for one of the page's entities:

  - the part is a substring of the entity's name or short texts: a list item's name,
    measure texts and authorities; a department's name, full name and short name; a
    service item's name and its guide's result; a model text's title and attachment
    titles; a case's title, unit, locality and violation type;
  - a code of the entity starts with the part: a list item's code and measure codes; a
    service item's basic, implementation, power-list and licensing codes;
  - an everyday word of the entity (content/vocabulary) equals the part or starts with it,
    or the part contains one of two or more characters; a service item's words are its own
    and its list items'; a department's words also name its facet value, whole;
  - the part is a substring of a facet value label the entity carries: its type's label,
    category, sector, management authority, online level (guides), departments (name, full
    name, short name); guides, model texts and cases carry the category, sector and
    management authority of the list items they serve;
  - the part is two or more ASCII letters and the name's pinyin initials start with it;
  - the part has two or more characters (or is ASCII) and occurs in the entity's longer
    texts (a list item's conditions, approval process, local measures, legal basis, task
    division; a department's role; a guide's summary, result, intermediary, service
    objects, conditions, material names, step names and descriptions, legal basis, FAQ; a
    model text's body; a case's facts and handling): as a contiguous substring for
    Chinese, as a word prefix for ASCII.

Pages: items/<code>/ for every list item of every edition (one that only an older edition
holds is shown as such), departments/<id>/, guides/<basic code>/ for a service item with a
guide (else its first current list item's page, else mapping/), model-texts/<id>/,
cases/<id>/ (README "URL scheme"). The finder meets the last rule only approximately (it
requires every bigram, not their adjacency), which is what the precision figure measures.

    python -m tests.query_oracle            # print the expectations next to the file's
    python -m tests.query_oracle --write    # rewrite tests/finder_queries.yaml's expect lists

Review the diff after --write: a change in the content changes what a query must return.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pypinyin import Style, lazy_pinyin

from generator.pipeline import check

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "finder_queries.yaml"
AS_OF = "2025-11-20"
_SPLIT = re.compile(r"[\s\u3000,，、;；]+")
_LETTERS = re.compile(r"^[a-z]{2,}$")
_ASCII = re.compile(r"^[0-9a-z]+$")
_WORD = re.compile(r"[0-9a-z]+")
TYPE_LABELS = {"bundle": "一件事", "item": "清单事项", "dept": "责任单位", "guide": "办事指南", "service": "政务服务事项",
               "former": "往年版本事项", "text": "示范文本", "case": "违规案例"}


def norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def initials(text: str) -> str:
    letters = lazy_pinyin(norm(text), style=Style.FIRST_LETTER, errors=lambda s: list(s))
    return "".join(p[:1] for p in letters if p[:1].isascii() and p[:1].isalnum())


@dataclass
class Page:
    path: str
    type: str
    name: str
    short: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)  # facet value labels
    dept_words: list[str] = field(default_factory=list)  # words of its departments (whole)
    long: list[str] = field(default_factory=list)


def _item_labels(content, item) -> list[str]:
    return [item.category.value, *([item.sector] if item.sector else []), item.management_authority]


def _dept_labels(content, ids) -> tuple[list[str], list[str]]:
    labels, words = [], []
    for d in ids:
        dept = content.departments.get(d)
        labels += [dept.name, dept.full_name, dept.short_name] if dept else [d]
        words += content.words_of_department.get(d, [])
    return labels, words


def pages(content) -> list[Page]:
    # A 一件事 answers to its title and everyday words; its summary, questions and the names of
    # its steps (the permits it bundles) are full text.
    out = [Page(f"bundles/{b.id}/", "bundle", b.title, [], [], list(b.everyday_words), [TYPE_LABELS["bundle"]], [],
                [*([b.summary] if b.summary else []), *(q.text for q in b.questions),
                 *(step.name for step in content.facts.bundles[b.id].steps)])
           for b in content.bundles.values()]
    seen = set()
    editions = [content.current, *reversed([e for e in content.editions.values() if e is not content.current])]
    for edition in editions:
        for item in edition.items.values():
            if item.code in seen:
                continue
            seen.add(item.code)
            kind = "item" if edition is content.current else "former"
            labels, dept_words = _dept_labels(content, item.responsible_units)
            out.append(Page(
                f"items/{item.code}/", kind, item.name, [ms.text for ms in item.measures] + list(item.authorities),
                [item.code, *(ms.code for ms in item.measures if ms.code)], content.words_of_item.get(item.code, []),
                [TYPE_LABELS[kind], *_item_labels(content, item), *labels], dept_words,
                [*item.conditions, *item.approval_process, *item.local_measures, *item.legal_basis,
                 *([item.task_division] if item.task_division and kind == "item" else [])] if kind == "item" else []))
    for dept in content.departments.values():
        labels, dept_words = _dept_labels(content, [dept.id])
        out.append(Page(f"departments/{dept.id}/", "dept", dept.name, [dept.full_name, dept.short_name], [],
                        content.words_of_department.get(dept.id, []), [TYPE_LABELS["dept"], *labels], dept_words,
                        [dept.role] if dept.role else []))
    for service in content.service_items.values():
        guide = content.guides.get(service.basic_code)
        kind = "guide" if guide else "service"
        served = [content.current.items[c] for c in service.list_items if c in content.current.items]
        if guide:
            path = f"guides/{service.basic_code}/"
        elif service.list_items and service.list_items[0] in content.current.items:
            path = f"items/{service.list_items[0]}/"
        else:
            path = "mapping/"
        labels, dept_words = _dept_labels(content, [service.department])
        long = []
        if guide:
            long = [*(x for x in [guide.summary, guide.result, guide.intermediary] if x), *guide.service_objects,
                    *guide.conditions, *(mat.name for mat in guide.materials), *(s.name for s in guide.steps),
                    *(s.description for s in guide.steps if s.description), *guide.legal_basis,
                    *(t for faq in guide.faq for t in (faq.question, faq.answer))]
        words = [*content.words_of_service_item.get(service.basic_code, []),
                 *(w for c in service.list_items for w in content.words_of_item.get(c, []))]
        out.append(Page(
            path, kind, service.name, [guide.result] if guide and guide.result else [],
            [service.basic_code, service.implementation_code,
             *(c for c in (service.power_list_code, service.license_item_code) if c)], words,
            [TYPE_LABELS[kind], *(x for i in served for x in _item_labels(content, i)), *labels,
             *([guide.online.level.value] if guide else [])], dept_words, long))
    for text in content.model_texts.values():
        codes = [text.list_item] if text.list_item else []
        if text.service_item in content.service_items:
            codes += content.service_items[text.service_item].list_items
        served = [content.current.items[c] for c in codes if c in content.current.items]
        labels, dept_words = _dept_labels(content, [text.department])
        out.append(Page(f"model-texts/{text.id}/", "text", text.title, [a.title for a in text.files], [], [],
                        [TYPE_LABELS["text"], *(x for i in served for x in _item_labels(content, i)), *labels],
                        dept_words, [text.body]))
    for case in content.cases.values():
        served = [content.current.items[case.list_item]] if case.list_item in content.current.items else []
        labels, dept_words = _dept_labels(content, [case.department] if case.department else [])
        out.append(Page(f"cases/{case.id}/", "case", case.title, [case.unit, case.locality, case.violation_type.value],
                        [], [], [TYPE_LABELS["case"], *(x for i in served for x in _item_labels(content, i)), *labels],
                        dept_words, [case.facts, case.handling]))
    return out


def parts(query: str) -> list[str]:
    return list(dict.fromkeys(p for p in _SPLIT.split(norm(query)) if p))


def relevant(page: Page, part: str) -> bool:
    if any(part in norm(t) for t in [page.name, *page.short]):
        return True
    if any(norm(c).startswith(part) for c in page.codes):
        return True
    words = [norm(w) for w in page.words]
    if any(w.startswith(part) or (len(w) >= 2 and w in part) for w in words):
        return True
    if any(part in norm(label) for label in page.labels) or part in [norm(w) for w in page.dept_words]:
        return True
    if _LETTERS.match(part) and (initials(page.name).startswith(part)
                                 or any(initials(label).startswith(part) for label in page.labels)):
        return True
    if _ASCII.match(part):
        return any(w.startswith(part) for piece in page.long for w in _WORD.findall(norm(piece)))
    if len(part) >= 2:
        return any(part in norm(piece) for piece in page.long)
    return False


def expectations(queries: list[dict], content_dir: Path = ROOT / "content",
                 site_config_dir: Path = ROOT / "site_config") -> list[list[str]]:
    """For each query (q, optional type), the page paths it must return, in page order."""
    content, problems = check(content_dir, site_config_dir, AS_OF)
    if content is None:
        raise SystemExit("\n".join(p.text() for p in problems))
    every = pages(content)
    out = []
    for query in queries:
        chosen = [p for p in every if query.get("type") in (None, p.type)]
        ps = parts(query["q"])
        found = [p.path for p in chosen if ps and all(relevant(p, x) for x in ps)]
        out.append(list(dict.fromkeys(found)))
    return out


def _dump(queries: list[dict]) -> str:
    head = [line for line in QUERIES.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    lines = [*head, "queries:"]
    for query in queries:
        lines.append(f"  - q: {yaml.safe_dump(query['q'], allow_unicode=True).splitlines()[0]}")
        for key in ("type", "why"):
            if key in query:
                lines.append(f"    {key}: {yaml.safe_dump(query[key], allow_unicode=True).splitlines()[0]}")
        lines.append("    expect:")
        lines += [f"      - {path}" for path in query["expect"]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the expect lists in the file")
    args = parser.parse_args(argv)
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    computed = expectations(queries)
    changed = 0
    for query, expect in zip(queries, computed, strict=True):
        if sorted(query.get("expect") or []) != sorted(expect):
            changed += 1
            old = set(query.get("expect") or [])
            print(f"{query['q']!r} type={query.get('type')}: + {sorted(set(expect) - old)} - {sorted(old - set(expect))}")
        query["expect"] = expect
    if args.write:
        QUERIES.write_text(_dump(queries), encoding="utf-8")
    print(f"{len(queries)} queries, {changed} differ from the content")
    return 0


if __name__ == "__main__":
    sys.exit(main())
