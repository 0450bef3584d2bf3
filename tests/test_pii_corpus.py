"""The personal-data guard measured on a hand-written corpus (tests/fixtures/pii_corpus.yaml):
at least 200 texts that carry personal data, at least 200 that must pass (codes, office phones,
dates, amounts, law articles…). Recall must be at least 95 %, false alarms at most 1 %; the
figures are printed (run with -s) for the closing note. Every shipped text must pass too."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from generator.load.loader import load_content
from generator.validate.pii import find_personal_data, pii_problems

from .conftest import ROOT

CORPUS = yaml.safe_load((ROOT / "tests" / "fixtures" / "pii_corpus.yaml").read_text(encoding="utf-8"))
POSITIVE = CORPUS["positive"]
NEGATIVE = CORPUS["negative"]


def test_the_corpus_is_large_enough_and_has_no_repeats():
    assert len(POSITIVE) >= 200 and len(NEGATIVE) >= 200
    texts = [p["text"] for p in POSITIVE] + NEGATIVE
    assert len(set(texts)) == len(texts)
    # every form the issue names is in it
    assert set(Counter(p["kind"] for p in POSITIVE)) >= {
        "mobile", "resident_id", "card", "email", "wechat", "qq", "name", "address", "plate"}


def test_recall_and_false_alarms():
    missed = [p["text"] for p in POSITIVE if not find_personal_data(p["text"])]
    alarms = [(text, find_personal_data(text)) for text in NEGATIVE if find_personal_data(text)]
    recall = 1 - len(missed) / len(POSITIVE)
    false_alarms = len(alarms) / len(NEGATIVE)
    print(f"\npersonal-data guard: recall {recall:.1%} ({len(POSITIVE) - len(missed)}/{len(POSITIVE)}), "
          f"false alarms {false_alarms:.1%} ({len(alarms)}/{len(NEGATIVE)})")
    assert recall >= 0.95, missed
    assert false_alarms <= 0.01, alarms


@pytest.mark.parametrize("kind", sorted({p["kind"] for p in POSITIVE}))
def test_recall_per_kind(kind):
    """No form may be missed wholesale behind a good average."""
    texts = [p["text"] for p in POSITIVE if p["kind"] == kind]
    caught = sum(1 for text in texts if find_personal_data(text))
    assert caught / len(texts) >= 0.9, [t for t in texts if not find_personal_data(t)]


def test_every_shipped_text_passes():
    """Every text field of every shipped file (guides, model texts, departments too) is guarded
    and none is flagged: the sample content is the largest negative corpus there is."""
    assert pii_problems(load_content(ROOT / "content", ROOT / "site_config")) == []
