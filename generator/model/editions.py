"""List editions and their items. File: content/editions/<edition id>.yaml."""

from __future__ import annotations

from enum import StrEnum

from generator.model.types import Code, Day, Flag, Name, PositiveCount, Record, Slug, Text, Url, label


class Category(StrEnum):
    PROHIBITED = "禁止准入类"
    PERMITTED = "许可准入类"


class Measure(Record):
    text: Text = label("措施描述", "禁止或许可准入措施描述（一条措施）")
    code: Code | None = label("措施编码", "该措施的事项编码（如有）", default=None)
    star: Flag = label("★", "清单中标注 ★ 的措施", default=False)


class ListItem(Record):
    number: PositiveCount = label("项目号", "清单中的项目序号")
    code: Code = label("事项编码", "清单事项编码，用于稳定网址，如 100004")
    name: Name = label("禁止或许可事项", "事项名称")
    category: Category = label("类别", "禁止准入类 或 许可准入类")
    sector: Text | None = label("行业", "许可准入类按国民经济行业分类，如 批发和零售业", default=None)
    measures: list[Measure] = label("禁止或许可准入措施", min_length=1)
    authorities: list[Text] = label("主管部门", "国家层面主管部门", default_factory=list)
    legal_basis: list[Text] = label("设立依据", default_factory=list)
    local_measures: list[Text] = label("地方性许可措施", default_factory=list)
    responsible_units: list[Slug] = label("县级责任主体", "负责本事项的县直单位标识", default_factory=list)
    task_division: Text | None = label("任务分工", default=None)
    management_authority: Text | None = label("管理权限", "如 县级实施、市级实施县级受理", default=None)
    approval_process: list[Text] = label("审批流程", default_factory=list)
    conditions: list[Text] = label("办理条件", default_factory=list)
    replaces: list[Code] = label("承接前版事项", "本事项在上一版清单中的事项编码（改号、合并时填写）",
                                 default_factory=list)
    sample: Flag = label("示例", "本条含示例（虚构）信息", default=False)


class EditionInfo(Record):
    id: Slug = label("版本标识", "如 2025")
    title: Name = label("名称", "如 市场准入负面清单（2025年版）")
    document: Text | None = label("印发文号", "如 发改体改规〔2025〕466号", default=None)
    published: Day = label("发布日期")
    effective: Day | None = label("施行日期", default=None)
    changes_published: Day | None = label(
        "县级公布调整情况日期",
        "县发展改革局公布本版清单事项调整情况的日期；指南更新宽限期从此日起算（不填则从发布日期起算）",
        default=None,
    )
    issuers: list[Text] = label("发布部门", default_factory=list)
    source_url: Url | None = label("原文链接", default=None)
    note: Text | None = label("说明", default=None)


class EditionFile(Record):
    edition: EditionInfo = label("清单版本")
    items: list[ListItem] = label("清单事项", min_length=1)
