"""Service guides (办事指南): content/guides/<dept>/<name>.yaml.

Fields follow what Chinese government-service portals show (GB/T 39046-2020 plus
Guangdong's additions: visits needed, online depth, case type), and what they add:
有效期, 送达方式, 特殊环节 with their own time, several offices, complaint channels.
One service item may have several guides, one per 办理项 (新办, 变更, 延续, 注销).

Fields marked "来源可能未写明" take 未注明 (see types.NotStated): a guide transcribed from a
portal that leaves them blank says so instead of inventing a value. Required outright are
only the service item, the department and the 办理项 (what the guide is for).
"""

from __future__ import annotations

from enum import StrEnum

from generator.model.provenance import Source
from generator.model.types import (
    NOT_STATED,
    Code,
    Count,
    Day,
    DayUnit,
    Flag,
    PositiveCount,
    Record,
    Slug,
    Stated,
    Text,
    Url,
    label,
)


class OnlineLevel(StrEnum):
    NONE = "不可网办"
    ONLINE_POSSIBLE = "网上可办"
    FULLY_ONLINE = "全程网办"


class CaseType(StrEnum):
    IMMEDIATE = "即办件"
    PROMISED = "承诺件"


class MaterialForm(StrEnum):
    PAPER = "纸质"
    ELECTRONIC = "电子"
    EITHER = "纸质或电子"
    BOTH = "纸质和电子"


class HandlingKind(StrEnum):
    NEW = "新办"
    CHANGE = "变更"
    RENEWAL = "延续"
    CANCELLATION = "注销"
    REISSUE = "补办"
    OTHER = "其他"


# The address segment of each kind's page under its service item: /guides/<基本编码>/<slug>/.
HANDLING_SLUGS = {HandlingKind.NEW: "new", HandlingKind.CHANGE: "change", HandlingKind.RENEWAL: "renewal",
                  HandlingKind.CANCELLATION: "cancellation", HandlingKind.REISSUE: "reissue",
                  HandlingKind.OTHER: "other"}


# Joins a service item's key and a 办理项 slug in a guide's key (a control character: no code has it).
HANDLING_MARK = "\x1f"


class Handling(Record):
    """The 办理项 a guide is for: portals publish one guide each for 新办, 变更, 延续, 注销."""

    kind: HandlingKind = label("办理项", "新办、变更、延续、注销、补办 或 其他")
    code: Stated[Code] = label("办理项编码", "如 33 位的办理项编码（实施编码加 2 位序号）；来源未给时写 未注明")
    name: Text | None = label("办理项名称", "照来源写，如 食品经营许可证变更", default=None)


class Material(Record):
    name: Text = label("材料名称")
    form: Stated[MaterialForm] = label("材料形式", "纸质 / 电子 / 纸质或电子 / 纸质和电子；来源可能未写明")
    copies: Stated[PositiveCount] = label("份数", "正整数，如 1；来源可能未写明")
    original: Stated[Flag] = label("需原件", "是否需要原件；不写即 未注明", default=NOT_STATED)
    required: Stated[Flag] = label("必要性", "是否必须提交；来源可能未写明")
    situation: Text | None = label("提交情形", "只在某种情形下才需要时写明情形，如 委托他人办理的", default=None)
    source: Stated[Text] = label("来源渠道", "如 申请人自备、政府部门核发；来源可能未写明")
    basis: Text | None = label("设立依据", default=None)
    notes: Text | None = label("填报须知", default=None)
    blank_form: Url | None = label("空白表格", "空表下载链接或 /files/ 下的文件", default=None)
    model_text: Slug | None = label("示范文本", "示范文本标识（样表）", default=None)


class Step(Record):
    name: Text = label("环节名称", "如 申请、受理、审查、决定、送达")
    description: Text | None = label("环节说明", default=None)
    time_limit: Text | None = label("环节时限", default=None)


class TimeLimit(Record):
    value: Count = label("时限", "天数，0 表示即办")
    unit: Stated[DayUnit] = label("单位", "工作日 或 自然日；不写即 未注明（不默认为工作日）", default=NOT_STATED)


class SpecialStep(Record):
    """特殊环节 (现场核查, 专家评审, 听证…): portals list its own time and whether it counts."""

    name: Text = label("环节名称", "如 现场核查、专家评审")
    time_limit: Stated[TimeLimit] = label("所需时限", "该环节自身的时限；来源未写明时写 未注明")
    counted: Stated[Flag] = label("计入办结时限", "是否计算在办结时限内（是/否）；来源未写明时写 未注明")
    basis: Text | None = label("法定依据", default=None)


class FeeItem(Record):
    name: Text = label("收费项目")
    standard: Text = label("收费标准")
    basis: Text | None = label("收费依据", default=None)


class Fees(Record):
    charged: Flag = label("是否收费")
    items: list[FeeItem] = label("收费项目", default_factory=list)


class Online(Record):
    level: OnlineLevel = label("网办深度", "不可网办 / 网上可办 / 全程网办")
    url: Url | None = label("网办地址", default=None)
    depth: Text | None = label("网上办理深度", "如 四级：全程网办", default=None)


class Office(Record):
    name: Text = label("办理地点名称", "如 阳西县政务服务中心市场监管窗口")
    address: Stated[Text] = label("办理地点", "来源可能未写明")
    hours: Stated[Text] = label("办理时间", "来源可能未写明")
    transport: Text | None = label("交通指引", default=None)


class Phones(Record):
    enquiry: Stated[list[Text]] = label("咨询电话", "来源可能未写明", min_length=1)
    complaint: Stated[list[Text]] = label("监督投诉电话", "来源可能未写明", min_length=1)


class ComplaintChannel(Record):
    """A 监督投诉 channel as portals list it: a body, with phone, address, e-mail or web."""

    name: Text = label("投诉渠道", "如 阳江市阳西县政务服务数据管理局")
    phone: Text | None = label("电话", default=None)
    address: Text | None = label("地址", "来信或来访地址", default=None)
    email: Text | None = label("邮箱", default=None)
    url: Url | None = label("网址", default=None)


class Faq(Record):
    question: Text = label("问题")
    answer: Text = label("解答")


class Review(Record):
    date: Day = label("最近核对日期")
    edition: Slug = label("核对所依据的清单版本", "如 2025")


class Guide(Record):
    service_item: Code = label("政务服务事项基本编码", "本指南所属政务服务事项的基本编码")
    handling: Handling | None = label(
        "办理项", "一个政务服务事项有几份指南（新办、变更、延续、注销）时，写明本指南的办理项", default=None)
    department: Slug = label("实施部门", "实施单位标识")
    summary: Text | None = label("事项简介", default=None)
    service_objects: Stated[list[Text]] = label("服务对象", "如 企业法人、个体工商户；来源可能未写明", min_length=1)
    case_type: Stated[CaseType] = label("办件类型", "即办件 或 承诺件；来源可能未写明")
    conditions: Stated[list[Text]] = label("受理条件", "来源可能未写明", min_length=1)
    materials: Stated[list[Material]] = label("申请材料", "来源可能未写明", min_length=1)
    steps: Stated[list[Step]] = label("办理流程", "来源可能未写明", min_length=1)
    legal_time_limit: Stated[TimeLimit] = label("法定办结时限", "来源可能未写明")
    promised_time_limit: Stated[TimeLimit] = label("承诺办结时限", "来源可能未写明")
    special_steps: list[SpecialStep] = label(
        "特殊环节", "现场核查、专家评审等：各自的时限和是否计入办结时限", default_factory=list)
    fees: Stated[Fees] = label("收费", "来源未写明时写 未注明（不默认为不收费）")
    validity: Stated[Text] | None = label("有效期", "许可证件的有效期，如 5 年", default=None)
    delivery: Stated[Text] | None = label("送达方式", "如 窗口领取或免费邮寄", default=None)
    handling_forms: Stated[list[Text]] = label("办理形式", "如 窗口办理、网上办理、快递申请；来源可能未写明",
                                               min_length=1)
    online: Stated[Online] = label("网上办理", "来源可能未写明")
    visits: Stated[Count] = label("到办事现场次数", "0 表示零跑动；来源可能未写明")
    onsite_reason: Text | None = label("必须现场办理原因", default=None)
    office: Stated[Office] = label("办理地点", "来源可能未写明")
    other_offices: list[Office] = label("其他办理地点", "可在多个地点办理时列出其余地点", default_factory=list)
    phones: Stated[Phones] = label("咨询和监督电话", "来源可能未写明")
    complaint_channels: list[ComplaintChannel] = label(
        "监督投诉渠道", "来源列出的投诉受理单位及其电话、地址、邮箱", default_factory=list)
    legal_basis: Stated[list[Text]] = label("设定依据", "来源可能未写明", min_length=1)
    result: Text | None = label("审批结果", "如 食品经营许可证", default=None)
    intermediary: Text | None = label("中介服务", default=None)
    quantity_limit: Text | None = label("数量限制", default=None)
    faq: list[Faq] = label("常见问题", default_factory=list)
    reviewed: Review | None = label(
        "核对信息", "本县单位核对本指南的日期与所依据的清单版本；未核对（如照外地门户录入）时不写", default=None)
    source: Source | None = label("来源", "本指南文字的出处（门户网页、链接、查阅日期、核对人）", default=None)
    sample: Flag = label("示例", "本条含示例（虚构）信息", default=False)

    @property
    def key(self) -> str:
        """The service item's key, then the 办理项 when there is one (see HANDLING_SLUGS), joined by
        HANDLING_MARK: a code may hold "/" (patterns are configured), the mark no text field does."""
        if self.handling is None:
            return self.service_item
        return f"{self.service_item}{HANDLING_MARK}{HANDLING_SLUGS[self.handling.kind]}"
