"""Government-service items (政务服务事项) and their mapping to list items.

File: content/service-items/<department id>.yaml. Each service item names the list
item codes it implements; that is the code mapping 清单事项编码 ↔ 政务服务事项编码.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from generator.model.provenance import Source
from generator.model.types import NOT_STATED_WORD, Code, Flag, NotStated, Record, Slug, Stated, Text, label


class ItemType(StrEnum):
    """事项类型代码, GB/T 39046-2020 Table A.1."""

    行政权力 = "00"
    行政许可 = "01"
    行政处罚 = "02"
    行政强制 = "03"
    行政征收 = "04"
    行政给付 = "05"
    行政检查 = "06"
    行政确认 = "07"
    行政奖励 = "08"
    行政裁决 = "09"
    其他行政权力 = "10"
    公共服务 = "20"


class Level(StrEnum):
    """行使层级, GB/T 39046-2020 Table A.2."""

    国家 = "国家级"
    省 = "省级"
    市 = "市级"
    县 = "县级"
    镇 = "镇（街道）级"
    村 = "村（社区）级"
    分级 = "分级管理"


class ServiceItem(Record):
    basic_code: Stated[Code] = label(
        "基本编码", "政务服务事项基本编码（用于指南网址）；来源未给时写 未注明，并填写 id")
    implementation_code: Stated[Code] = label("实施编码", "政务服务事项实施编码；来源未给时写 未注明")
    id: Slug | None = label("网址标识", "基本编码未注明时用于网址的英文小写标识", default=None)
    name: Text = label("事项名称")
    type: Stated[ItemType] = label("事项类型", "事项类型代码，如 \"01\"（行政许可）；来源未给时写 未注明")
    department: Slug = label("实施部门", "实施单位标识")
    level: Stated[Level] = label("行使层级", "不写即 县级；来源未写明且不能确定时写 未注明", default=Level.县)
    list_items: list[Code] = label("对应清单事项编码", "本事项承接的市场准入负面清单事项编码",
                                   default_factory=list)
    power_list_code: Code | None = label("行政权力清单编码", default=None)
    license_item_code: Code | None = label("行政许可事项编码", "国家行政许可事项清单中的编码或序号",
                                           default=None)
    source: Source | None = label("来源", "本事项信息的出处", default=None)
    sample: Flag = label("示例", "本条含示例（虚构）信息", default=False)

    @model_validator(mode="after")
    def _has_a_key(self) -> ServiceItem:
        if isinstance(self.basic_code, NotStated) and not self.id:
            raise PydanticCustomError("service_key", "基本编码未注明时须填写网址标识（id） / "
                                      "a service item without a stated basic code needs an id for its web address")
        return self

    @property
    def key(self) -> str:
        """What guides refer to and its pages are keyed by: the basic code, else the id."""
        return self.id if isinstance(self.basic_code, NotStated) else self.basic_code

    @property
    def type_name(self) -> str:
        return NOT_STATED_WORD if isinstance(self.type, NotStated) else self.type.name


class ServiceItemsFile(Record):
    service_items: list[ServiceItem] = label("政务服务事项", min_length=1)
