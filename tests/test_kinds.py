"""The one table of content kinds: every reader finds a kind by its key, and a typo fails loudly."""

from __future__ import annotations

import pytest

from generator.load.loader import kind_of, load_content
from generator.model.kinds import KINDS, Kind
from tests.conftest import ROOT


@pytest.mark.parametrize("relative, expected", [
    ("departments.yaml", Kind.DEPARTMENTS),
    ("editions/2025.yaml", Kind.EDITIONS),
    ("service-items/scjgj.yaml", Kind.SERVICE_ITEMS),
    ("guides/scjgj/食品经营许可.yaml", Kind.GUIDES),
    ("model-texts/scjgj/申请书.yaml", Kind.MODEL_TEXTS),
    ("bulletins/2025-01.yaml", Kind.BULLETINS),
    ("ledgers/complaints.yaml", Kind.COMPLAINTS),
    ("ledgers/rectification.yaml", Kind.RECTIFICATION),
    ("ledgers/scorecard.yaml", Kind.SCORECARD),
])
def test_each_place_has_its_kind(relative, expected):
    assert kind_of(relative).key is expected


@pytest.mark.parametrize("relative", ["guides.yaml", "ledgers/other.yaml", "schemas.yaml"])
def test_other_places_have_none(relative):
    assert kind_of(relative) is None


def test_a_misspelt_kind_raises_instead_of_giving_no_files():
    loaded = load_content(ROOT / "content", ROOT / "site_config")
    assert len(loaded.files[Kind.DEPARTMENTS]) == 1
    with pytest.raises(KeyError):
        loaded.files["guide"]  # the kind is "guides"
    with pytest.raises(AttributeError):
        Kind.GUIDE  # noqa: B018


def test_folders_of_the_kinds_that_have_one():
    assert {k.key: k.folder for k in KINDS} == {
        Kind.DEPARTMENTS: None, Kind.EDITIONS: "editions", Kind.SERVICE_ITEMS: "service-items",
        Kind.GUIDES: "guides", Kind.MODEL_TEXTS: "model-texts", Kind.BULLETINS: "bulletins", Kind.BUNDLES: "bundles",
        Kind.COMPLAINTS: "ledgers", Kind.RECTIFICATION: "ledgers", Kind.SCORECARD: "ledgers",
        Kind.VOCABULARY: "vocabulary"}
