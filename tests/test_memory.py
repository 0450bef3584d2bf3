"""What loading keeps once a file has passed its schema, and what it shares.

At province scale (15,000 guides) a build's memory is the limit: loading lets the raw
values go as soon as the typed value holds them, equal texts and equal pydantic
fields sets are one object each. None of this may change a value.
"""

from __future__ import annotations

from generator import model as m
from generator.load.loader import load_content
from generator.load.yaml_source import read_yaml
from generator.model.guides import DayUnit
from generator.model.kinds import Kind
from tests.conftest import ROOT


def test_loading_keeps_the_typed_values_not_the_raw_ones():
    loaded = load_content(ROOT / "content", ROOT / "site_config")
    guides = loaded.files[Kind.GUIDES]
    assert len(guides) >= 2
    assert all(file.doc.data is None for kind in loaded.files.values() for file in kind)
    assert loaded.site.doc.data is None
    # The text stays: a later problem still points at its line.
    assert all(file.doc.text for file in guides)
    first, second = guides[0].value, guides[1].value
    assert first.legal_time_limit.model_fields_set == second.legal_time_limit.model_fields_set
    assert first.legal_time_limit.__pydantic_fields_set__ is second.legal_time_limit.__pydantic_fields_set__


def test_a_shared_fields_set_survives_model_copy():
    a = m.TimeLimit.model_validate({"value": 5})
    b = m.TimeLimit.model_validate({"value": 7})
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__
    changed = a.model_copy(update={"unit": DayUnit.CALENDAR})
    assert changed.model_fields_set == {"value", "unit"}
    assert a.model_fields_set == b.model_fields_set == {"value"}


def test_equal_short_texts_are_one_object_and_values_do_not_change():
    one, _ = read_yaml("source: 申请人自备\nnote: '申请人自备'\n".encode(), "a.yaml")
    two, _ = read_yaml('source: "申请人自备"\n'.encode(), "b.yaml")
    assert one.data == {"source": "申请人自备", "note": "申请人自备"}
    assert one.data["source"] is one.data["note"] is two.data["source"]
    long_text = "长" * 500
    three, _ = read_yaml(f"text: {long_text}\n".encode(), "c.yaml")
    assert three.data["text"] == long_text
