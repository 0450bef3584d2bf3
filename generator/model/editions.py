"""List editions and their items. File: content/editions/<edition id>.yaml.

An edition file may hold the whole national list or an excerpt of it (a city bureau's
republication, a department's extract): `complete: false` with its 收录范围 says so,
and nothing is then called removed or empty because the excerpt left it out.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from generator.model.provenance import Source
from generator.model.types import (
    Code,
    Day,
    Flag,
    NotStated,
    PositiveCount,
    Record,
    Slug,
    Stated,
    Text,
    Url,
    When,
    label,
)


class Category(StrEnum):
    PROHIBITED = "禁止准入类"
    PERMITTED = "许可准入类"


class Measure(Record):
    text: Text = label("措施描述", "禁止或许可准入措施描述（一条措施），照原文写")
    code: Code | None = label("措施编码", "该措施的事项编码（如有）", default=None)
    star: Flag = label("★", "清单中标注 ★ 的措施", default=False)
    authority: Text | None = label(
        "主管部门", "本条措施的主管部门，照原文写；原文按措施列主管部门（含 市卫健委 等地方机关）时填写", default=None)
    local: Flag = label("地方性措施", "本条是地方性许可措施（只在某地实施）", default=False)
    region: Text | None = label("适用地区", "地方性措施适用的地区，如 广东省", default=None)
    note: Text | None = label("说明", "如 原文此后内容未存档", default=None)

    @model_validator(mode="after")
    def _local_names_region(self) -> Measure:
        if self.local and not self.region:
            raise PydanticCustomError("local_region", "地方性措施须写明适用地区（region） / "
                                      "a local measure needs the region it applies to (region)")
        return self


class ElsewhereImplemented(Record):
    """An item the county does not implement itself (e.g. 省级实施)."""

    level: Text = label("实施层级", "如 省级实施、市级实施")
    by: Stated[Text] = label("实施机关", "实际实施的机关，如 广东省卫生健康委员会；原文未写时写 未注明")


class ListItem(Record):
    number: Stated[PositiveCount] = label(
        "项目号", "清单中的项目序号，照来源写（转载的摘录常用本地序号）；来源未给时写 未注明")
    code: Stated[Code] = label(
        "事项编码", "清单事项编码，如 100004，用于稳定网址；来源未给编码时写 未注明，并填写 id")
    id: Slug | None = label("网址标识", "事项编码未注明时用于网址的英文小写标识，如 2025-wsjk-1", default=None)
    name: Text = label("禁止或许可事项", "事项名称，照原文写")
    category: Category = label("类别", "禁止准入类 或 许可准入类")
    sector: Stated[Text] | None = label(
        "行业", "许可准入类按国民经济行业分类，如 批发和零售业；来源未给时写 未注明", default=None)
    measures: list[Measure] = label("禁止或许可准入措施", min_length=1)
    authorities: list[Text] = label("主管部门", "国家层面主管部门（按事项列出时）", default_factory=list)
    legal_basis: list[Text] = label("设立依据", default_factory=list)
    local_measures: list[Text] = label("地方性许可措施", default_factory=list)
    responsible_units: list[Slug] = label("县级责任主体", "负责本事项的县直单位标识", default_factory=list)
    task_division: Text | None = label("任务分工", default=None)
    management_authority: Text | None = label("管理权限", "如 县级实施、市级实施县级受理", default=None)
    implemented_elsewhere: ElsewhereImplemented | None = label(
        "县级不实施", "本县不实施的事项：实施层级和实施机关（如 省级实施）", default=None)
    approval_process: list[Text] = label("审批流程", default_factory=list)
    conditions: list[Text] = label("办理条件", default_factory=list)
    replaces: list[Code] = label("承接前版事项", "本事项在上一版清单中的事项编码（改号、合并时填写）",
                                 default_factory=list)
    source: Source | None = label("来源", "本事项文字的出处（文件、链接、查阅日期、核对人）", default=None)
    sample: Flag = label("示例", "本条含示例（虚构）信息", default=False)

    @model_validator(mode="after")
    def _has_a_key(self) -> ListItem:
        if isinstance(self.code, NotStated) and not self.id:
            raise PydanticCustomError("item_key", "事项编码未注明时须填写网址标识（id） / "
                                      "an item without a stated code needs an id for its web address")
        return self

    @property
    def title(self) -> str:
        """"100004 禁止违规开展金融相关经营活动", or the name alone when no code is stated."""
        return self.name if isinstance(self.code, NotStated) else f"{self.code} {self.name}"

    @property
    def sort_number(self) -> int:
        """The item number for ordering; an item whose number is not stated sorts last."""
        return self.number if isinstance(self.number, int) else 10**9

    @property
    def key(self) -> str:
        """What the item's page and references are keyed by: its code, or its id when none is stated."""
        return self.id if isinstance(self.code, NotStated) else self.code


class EditionInfo(Record):
    id: Slug = label("版本标识", "如 2025")
    title: Text = label("名称", "如 市场准入负面清单（2025年版）")
    document: Text | None = label("印发文号", "如 发改体改规〔2025〕466号", default=None)
    published: When = label("发布日期", "到日，或来源只写到月时如 2022-03")
    effective: Day | None = label("施行日期", default=None)
    changes_published: Day | None = label(
        "县级公布调整情况日期",
        "县发展改革局公布本版清单事项调整情况的日期；指南更新宽限期从此日起算（不填则从发布日期起算）",
        default=None,
    )
    issuers: list[Text] = label("发布部门", default_factory=list)
    source_url: Url | None = label("原文链接", default=None)
    note: Text | None = label("说明", default=None)
    complete: Flag = label(
        "全文收录", "本文件是否收录了全国清单的全部事项；摘录（如某局转载的本领域事项）写 false，并写明收录范围",
        default=True)
    scope: Text | None = label("收录范围", "摘录时写明收录了什么，如 湛江市市场监督管理局摘录的市场监管领域事项",
                               default=None)
    national_total: PositiveCount | None = label("全国清单事项数", "全国清单共有的事项数，如 106", default=None)
    same_scope_as: list[Slug] = label(
        "收录范围相同的版本", "与本摘录收录范围相同的其他版本摘录（如同一批行业的 2022 年版摘录）：两版之间可以判断新增和删除",
        default_factory=list)
    source: Source | None = label("来源", "本版文字的出处（文件、链接、查阅日期、核对人）", default=None)

    @model_validator(mode="after")
    def _excerpt_names_scope(self) -> EditionInfo:
        if not self.complete and not self.scope:
            raise PydanticCustomError("excerpt_scope", "摘录的清单版本须写明收录范围（scope） / "
                                      "an excerpt edition must say what it covers (scope)")
        return self


def comparable(old: EditionInfo, new: EditionInfo) -> bool:
    """Whether what one edition file lacks and the other holds was added or removed: both
    hold the whole list, or both are excerpts of the same scope (same_scope_as)."""
    return (old.complete and new.complete) or old.id in new.same_scope_as or new.id in old.same_scope_as


class EditionFile(Record):
    edition: EditionInfo = label("清单版本")
    items: list[ListItem] = label("清单事项", min_length=1)
