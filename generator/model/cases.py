"""Violation cases and the bulletins that publish them (违规案例通报).

File: content/bulletins/<bulletin id>.yaml, a bulletin with its cases inside.
"""

from __future__ import annotations

from enum import StrEnum

from generator.model.provenance import Source
from generator.model.types import Code, Day, Flag, Record, Slug, Stated, Text, Url, When, label


class ViolationType(StrEnum):
    """Controlled vocabulary, after 发改体改〔2021〕1670号 and the 2025 clean-up categories.

    The first four are the four kinds the national rules collect (1670号 一、案例归集范围), in
    the words NDRC bulletins use; the others are the finer 2025 clean-up categories.
    """

    APPROVAL_AGAINST_LIST = "违背清单要求进行审批"
    MARKET_ENTITY_ENTRY = "市场主体违规进入"
    HIDDEN_BARRIERS = "设置市场准入隐性壁垒"
    OTHER_AGAINST_SYSTEM = "其他违背市场准入负面清单制度的情况"
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
    title: Text = label("标题", "写明地区和单位")
    date: When = label("发生或查实日期", "到日（2024-10-28）或只到月（2017-03），照来源写")
    locality: Text = label("地区")
    unit: Text = label("涉事单位")
    violation_type: Stated[ViolationType] = label("违规类型", "来源未写明类别时写 未注明")
    origin: Text | None = label("案例来源", "通报所写的案例来源，如 地方主动报送、第三方机构排查", default=None)
    facts: Text = label("违规事实")
    handling: Text = label("处理和整改情况")
    handled_on: When | None = label("整改完成日期", "到日或只到月，照来源写", default=None)
    list_item: Code | None = label("相关清单事项编码", default=None)
    department: Slug | None = label("相关县直单位", "单位标识", default=None)
    rectification: Slug | None = label("整改任务", "整改台账中的任务标识", default=None)
    source: Source | None = label("来源", "本案例文字的出处（不同于所在通报时填写）", default=None)
    sample: Flag = label("示例", "本条含示例（虚构）信息", default=False)


class Bulletin(Record):
    id: Slug = label("通报标识", "英文小写标识，用于网址，如 2025-01")
    title: Text = label("通报标题")
    document: Text | None = label("文号", default=None)
    date: Day = label("通报日期")
    issuer: Text = label("通报单位")
    source_url: Url | None = label("原文链接", default=None)
    summary: Text | None = label("通报说明", default=None)
    source: Source | None = label("来源", "本通报文字的出处（文件、链接、查阅日期、核对人）", default=None)
    cases: list[ViolationCase] = label("案例", min_length=1)
    sample: Flag = label("示例", "本条含示例（虚构）信息", default=False)
