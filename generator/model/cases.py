"""Violation cases and the bulletins that publish them (违规案例通报).

File: content/bulletins/<bulletin id>.yaml, a bulletin with its cases inside.
"""

from __future__ import annotations

from enum import StrEnum

from generator.model.types import Code, Day, Flag, Name, Record, Slug, Text, Url, label


class ViolationType(StrEnum):
    """Controlled vocabulary, after 发改体改〔2021〕1670号 and the 2025 clean-up categories."""

    PROHIBITED_APPROVAL = "违规审批禁止准入事项"
    PERMIT_NOT_PER_LIST = "未按清单实施许可"
    LIST_EXTERNAL_ENTRY = "违规设立清单之外准入事项"
    HIDDEN_BARRIER = "违规设置准入条件/隐性壁垒"
    STILL_APPROVING_OPENED = "国家层面已放开但地方仍在审批"
    WEAK_LEGAL_BASIS = "审批依据法律效力不足"
    EXPANDED_SCOPE = "违规扩大审批范围或增设条件"
    NONLOCAL_RESTRICTION = "对外地企业设置准入限制"
    MUTUAL_PRECONDITION = "互为前置"
    UNCLEAR_COMMITMENT = "告知承诺不清晰"
    DELAYED_APPROVAL = "无故拖延审批"
    REPEATED_APPROVAL = "跨区域重复审批"
    OTHER = "其他"


class ViolationCase(Record):
    id: Slug = label("案例标识", "英文小写标识，用于网址，如 2025-q1-01")
    title: Name = label("标题", "写明地区和单位")
    date: Day = label("发生或查实日期")
    locality: Text = label("地区")
    unit: Name = label("涉事单位")
    violation_type: ViolationType = label("违规类型")
    facts: Text = label("违规事实")
    handling: Text = label("处理和整改情况")
    list_item: Code | None = label("相关清单事项编码", default=None)
    department: Slug | None = label("相关县直单位", "单位标识", default=None)
    rectification: Slug | None = label("整改任务", "整改台账中的任务标识", default=None)
    sample: Flag = label("示例", "本条含示例（虚构）信息", default=False)


class Bulletin(Record):
    id: Slug = label("通报标识", "英文小写标识，用于网址，如 2025-01")
    title: Name = label("通报标题")
    document: Text | None = label("文号", default=None)
    date: Day = label("通报日期")
    issuer: Text = label("通报单位")
    source_url: Url | None = label("原文链接", default=None)
    summary: Text | None = label("通报说明", default=None)
    cases: list[ViolationCase] = label("案例", min_length=1)
    sample: Flag = label("示例", "本条含示例（虚构）信息", default=False)
