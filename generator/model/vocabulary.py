"""Everyday vocabulary (俗称词表): the words people use for list items, service items
(and their guides) and departments. Files: content/vocabulary/*.yaml.

A `base` file is keyed by national list code so any county reuses it as it is; words
for items the county's editions lack are simply unused. A `county` file adds the
county's own words; there an entry that points nowhere is an error. One word a line
item: `"218002": [网咖, 电竞馆]`.
"""

from __future__ import annotations

from enum import StrEnum

from generator.model.types import Code, Record, Text, label


class VocabularyScope(StrEnum):
    BASE = "base"
    COUNTY = "county"


class Vocabulary(Record):
    scope: VocabularyScope = label(
        "适用范围", "base：全国通用基础词表（按全国清单编码，本县没有的事项自动不用）；county：本县补充词表（编码必须存在）")
    items: dict[Code, list[Text]] = label(
        "清单事项俗称", "清单事项编码 -> 老百姓的说法，如 \"218002\": [网咖, 电竞馆]", default_factory=dict)
    service_items: dict[Code, list[Text]] = label(
        "政务服务事项俗称", "政务服务事项基本编码（其办事指南同用）-> 俗称", default_factory=dict)
    departments: dict[Code, list[Text]] = label(
        "单位俗称", "单位标识 -> 简称、老叫法，如 scjgj: [市监局, 工商局]", default_factory=dict)


class VocabularyFile(Record):
    vocabulary: Vocabulary = label("俗称词表")
