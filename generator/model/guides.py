"""Service guides (办事指南): one file a service item, content/guides/<dept>/<name>.yaml.

Fields follow what Chinese government-service portals show (GB/T 39046-2020 plus
Guangdong's additions: visits needed, online depth, case type).
"""

from __future__ import annotations

from enum import StrEnum

from generator.model.types import (
    Code,
    Count,
    Day,
    DayUnit,
    Flag,
    Name,
    PositiveCount,
    Record,
    Slug,
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


class Material(Record):
    name: Name = label("材料名称")
    form: MaterialForm = label("材料形式", "纸质 / 电子 / 纸质或电子 / 纸质和电子")
    copies: PositiveCount = label("份数", "正整数，如 1")
    original: Flag = label("需原件", "是否需要原件", default=False)
    required: Flag = label("必要性", "是否必须提交")
    source: Text = label("来源渠道", "如 申请人自备、政府部门核发")
    basis: Text | None = label("设立依据", default=None)
    notes: Text | None = label("填报须知", default=None)
    blank_form: Url | None = label("空白表格", "空表下载链接或 /files/ 下的文件", default=None)
    model_text: Slug | None = label("示范文本", "示范文本标识（样表）", default=None)


class Step(Record):
    name: Name = label("环节名称", "如 申请、受理、审查、决定、送达")
    description: Text | None = label("环节说明", default=None)
    time_limit: Text | None = label("环节时限", default=None)


class TimeLimit(Record):
    value: Count = label("时限", "天数，0 表示即办")
    unit: DayUnit = label("单位", "工作日 或 自然日", default=DayUnit.WORKING)


class FeeItem(Record):
    name: Name = label("收费项目")
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
    name: Name = label("办理地点名称", "如 阳西县政务服务中心市场监管窗口")
    address: Text = label("办理地点")
    hours: Text = label("办理时间")
    transport: Text | None = label("交通指引", default=None)


class Phones(Record):
    enquiry: list[Text] = label("咨询电话", min_length=1)
    complaint: list[Text] = label("监督投诉电话", min_length=1)


class Faq(Record):
    question: Text = label("问题")
    answer: Text = label("解答")


class Review(Record):
    date: Day = label("最近核对日期")
    edition: Slug = label("核对所依据的清单版本", "如 2025")


class Guide(Record):
    service_item: Code = label("政务服务事项基本编码", "本指南所属政务服务事项的基本编码")
    department: Slug = label("实施部门", "实施单位标识")
    summary: Text | None = label("事项简介", default=None)
    service_objects: list[Text] = label("服务对象", "如 企业法人、个体工商户", min_length=1)
    case_type: CaseType = label("办件类型", "即办件 或 承诺件")
    conditions: list[Text] = label("受理条件", min_length=1)
    materials: list[Material] = label("申请材料", min_length=1)
    steps: list[Step] = label("办理流程", min_length=1)
    legal_time_limit: TimeLimit = label("法定办结时限")
    promised_time_limit: TimeLimit = label("承诺办结时限")
    fees: Fees = label("收费")
    handling_forms: list[Text] = label("办理形式", "如 窗口办理、网上办理、快递申请", min_length=1)
    online: Online = label("网上办理")
    visits: Count = label("到办事现场次数", "0 表示零跑动")
    onsite_reason: Text | None = label("必须现场办理原因", default=None)
    office: Office = label("办理地点")
    phones: Phones = label("咨询和监督电话")
    legal_basis: list[Text] = label("设定依据", min_length=1)
    result: Text | None = label("审批结果", "如 食品经营许可证", default=None)
    intermediary: Text | None = label("中介服务", default=None)
    quantity_limit: Text | None = label("数量限制", default=None)
    faq: list[Faq] = label("常见问题", default_factory=list)
    reviewed: Review = label("核对信息", "最近核对日期与所依据的清单版本")
    sample: Flag = label("示例", "本条含示例（虚构）信息", default=False)
