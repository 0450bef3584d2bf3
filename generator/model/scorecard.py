"""The department scorecard (mechanism 10, 激励机制): content/ledgers/scorecard.yaml.

The office enters a score from 0 to 100 per department per dimension of the notice
(制度落实, 效能评估, 违规案例, 宣传培训, 协同配合) for one period, and lists the
commendations (通报表扬). Indicators computed from the data live in generator/derive/scorecard.py.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

from generator.model.types import Day, Flag, Record, Slug, Text, label

Score = Annotated[int, Field(ge=0, le=100)]


class Dimension(StrEnum):
    """The dimensions named in the notice, in its order."""

    INSTITUTION = "制度落实"
    EVALUATION = "效能评估"
    CASES = "违规案例"
    PUBLICITY = "宣传培训"
    COOPERATION = "协同配合"


class DepartmentScores(Record):
    department: Slug = label("单位", "单位标识")
    scores: dict[Dimension, Score] = label("评分", "五个维度各 0–100 分：制度落实、效能评估、违规案例、宣传培训、协同配合")
    note: Text | None = label("评分说明", default=None)


class Commendation(Record):
    department: Slug = label("受表扬单位", "单位标识")
    date: Day = label("表扬日期")
    reason: Text = label("表扬事由")
    document: Text | None = label("文号", default=None)
    sample: Flag = label("示例", "本条含示例（虚构）信息", default=False)


class ScorecardFile(Record):
    period: Text = label("评估期间", "如 2025 年度")
    start: Day = label("期间起始日")
    end: Day = label("期间截止日")
    data_weight: Annotated[int, Field(ge=0, le=100)] = label(
        "数据指标权重（%）", "综合得分中数据指标所占百分比，其余为单位评分", default=50)
    departments: list[DepartmentScores] = label("单位评分", default_factory=list)
    commendations: list[Commendation] = label("通报表扬", default_factory=list)
    sample: Flag = label("示例", "本文件含示例（虚构）信息", default=False)
