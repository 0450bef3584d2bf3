"""The strict reader's two paths agree: the fast event-stream path gives exactly the
values of the careful node-tree path, on every shipped file and on tricky YAML."""

from __future__ import annotations

import pytest

from generator.load import yaml_source as ys
from tests.conftest import ROOT

SHIPPED = sorted([*(ROOT / "content").rglob("*.yaml"), *(ROOT / "tests" / "fixtures").rglob("*.yaml"),
                  ROOT / "site_config" / "site.yaml"])

TRICKY = [
    "a: 1\nb: '0101'\nc: \"no\"\nd: no\ne: ~\nf:\ng: 2025-01-01\nh: 1e3\ni: .inf\nj: 0x1F\nk: 1_000\n",
    "list:\n  - a\n  - [b, 'c', {d: e}]\n  - {x: [1, 2], y: {}}\n  - []\n",
    "body: |\n  第一行\n  第二行：有冒号\n\nfolded: >\n  一\n  二\nkeep: |+\n  x\n\n",
    "中文键: 值\n'quoted key': v\n\"dq\": \"a\\nb\\tc\"\nempty_quoted: ''\n",
    "- top\n- level\n- list\n",
    "just a scalar\n",
    "---\na: b\n...\n",
    "nested:\n  deeper:\n    deepest: [1, [2, [3]]]\n",
    "on: off\nyes: n\nnull: Null\ntime: 12:30\nneg: -1\nplus: +1.5\n",
]


def careful(text: str):
    loader = ys._Loader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    doc = ys.SourceDocument("x", None, text)
    doc._positions, doc._null_texts = {}, {}
    return ys._Converter(doc, []).convert(node, ())


def same(a, b) -> bool:
    """Equal values of equal types, Unquoted kinds included, keys in the same order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, ys.Unquoted):
        return a == b and a.kind == b.kind
    return a == b


@pytest.mark.parametrize("path", SHIPPED, ids=[p.relative_to(ROOT).as_posix() for p in SHIPPED])
def test_fast_path_matches_careful_path_on_shipped_files(path):
    text = path.read_text(encoding="utf-8-sig")
    fast = ys._fast_values(text)
    assert fast is not ys._SLOW, "a valid shipped file should take the fast path"
    assert same(fast, careful(text))


@pytest.mark.parametrize("text", TRICKY)
def test_fast_path_matches_careful_path_on_tricky_yaml(text):
    fast = ys._fast_values(text)
    assert fast is not ys._SLOW
    assert same(fast, careful(text))


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n",            # duplicate key
    "a: &x 1\nb: *x\n",        # anchor and alias
    "a: !!int 1\n",            # tag
    "<<: {a: 1}\n",            # merge key
    "? [a]\n: b\n",            # a list as a key
    'a: "x\\ay"\n',            # control character from an escape
    "a: [1\n",                 # syntax error
    "",                        # empty
    "# only a comment\n",      # empty
    "a: 1\n---\nb: 2\n",       # two documents
])
def test_anything_unusual_takes_the_careful_path(text):
    assert ys._fast_values(text) is ys._SLOW
    doc, problems = ys.read_yaml(text.encode(), "x.yaml")
    assert problems, "the careful path reports what made the fast path give up"


def test_positions_are_found_lazily_for_fast_documents():
    doc, problems = ys.read_yaml(b"a:\n  b: [x, 'y']\n  c: ~\n", "x.yaml")
    assert problems == [] and doc._positions is None
    assert doc.position(("a", "b", 1)) == (2, 10)
    assert doc.position(("a", "c", "d")) == (3, 6)
    assert doc.position(("a", "c"), key=True) == (3, 3)
    assert doc.null_texts == {("a", "c"): "~"}
