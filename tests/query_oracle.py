"""The finder's query set: what each query must return, judged from the content.

tests/finder_queries.yaml lists queries (Chinese substrings, codes, department names,
pinyin initials, full-text phrases) and, for each, every page it must return. This
module computes those lists from the shipped content by the *specification*, not by
the finder's code: a record is relevant to a query when, for every part of the query
(parts are separated by spaces or Chinese punctuation), one of these holds:

  - the part is a substring of the record's title or short texts (names, measures,
    authorities, units) — any Chinese substring of one or more characters;
  - a code of the record starts with the part;
  - the part is a substring of a facet value label the record carries (a department's
    name, full name or short name, a category, sector, authority, online level, type);
  - the part is two or more ASCII letters and the title's pinyin initials start with it;
  - the part has two or more characters (or is ASCII) and occurs in the record's longer
    texts: as a contiguous substring for Chinese, as a word prefix for ASCII.

The finder meets the last rule only approximately (it requires every bigram, not their
adjacency), which is what the precision figure measures.

    python -m bench.query_oracle            # print the expectations next to the file's
    python -m bench.query_oracle --write    # rewrite tests/finder_queries.yaml's expect lists

Review the diff after --write: a change in the content changes what a query must return.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from generator.pipeline import check
from generator.render.search import bundle
from generator.render.search.pinyin import initials
from generator.render.search.records import facet_labels
from generator.render.search.tokenize import normalise, terms

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "finder_queries.yaml"
AS_OF = "2025-11-20"
_SPLIT = re.compile(r"[\s\u3000,，、;；]+")
_LETTERS = re.compile(r"^[a-z]{2,}$")
_ASCII = re.compile(r"^[0-9a-z]+$")


def parts(query: str) -> list[str]:
    return list(dict.fromkeys(p for p in _SPLIT.split(normalise(query)) if p))


def _relevant(record, labels: dict, part: str) -> bool:
    short = [record.title, *record.texts]
    if any(part in normalise(t) for t in short):
        return True
    if any(normalise(c).startswith(part) for c in record.codes):
        return True
    for key, values in record.facets.items():
        names = dict(labels[key])
        for value in values:
            if any(part in normalise(n) for n in names.get(value, [value])):
                return True
            if _LETTERS.match(part) and any(initials(n).startswith(part) for n in names.get(value, [value])):
                return True
    if _LETTERS.match(part) and initials(record.title).startswith(part):
        return True
    if _ASCII.match(part):
        return any(t.startswith(part) for piece in record.full_text for t in terms(piece))
    if len(part) >= 2:
        return any(part in normalise(piece) for piece in record.full_text)
    return False


def expectations(queries: list[dict], content_dir: Path = ROOT / "content",
                 site_config_dir: Path = ROOT / "site_config") -> list[list[str]]:
    """For each query (q, optional type), the page paths it must return, in record order."""
    content, problems = check(content_dir, site_config_dir, AS_OF)
    if content is None:
        raise SystemExit("\n".join(p.text() for p in problems))
    _, records = bundle.build(content)
    labels = facet_labels(content, records)
    out = []
    for query in queries:
        chosen = [r for r in records if query.get("type") in (None, r.type)]
        ps = parts(query["q"])
        out.append([r.path for r in chosen if ps and all(_relevant(r, labels, p) for p in ps)])
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
        if query.get("expect") != expect:
            changed += 1
            print(f"{query['q']!r} type={query.get('type')}: file {len(query.get('expect') or [])}, "
                  f"content {len(expect)}")
        query["expect"] = expect
    if args.write:
        QUERIES.write_text(_dump(queries), encoding="utf-8")
    print(f"{len(queries)} queries, {changed} differ from the content")
    return 0


if __name__ == "__main__":
    sys.exit(main())
