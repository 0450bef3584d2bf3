"""Government-service items (政务服务事项) and their mapping to list items.

File: content/service-items/<department id>.yaml. Each service item names the list
item codes it implements; that is the code mapping 清单事项编码 ↔ 政务服务事项编码.
"""

from __future__ import annotations

from enum import StrEnum

from generator.model.types import Code, Flag, Name, Record, Slug, label


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
    basic_code: Code = label("基本编码", "政务服务事项基本编码（用于指南网址）")
    implementation_code: Code = label("实施编码", "政务服务事项实施编码")
    name: Name = label("事项名称")
    type: ItemType = label("事项类型", "事项类型代码，如 \"01\"（行政许可）")
    department: Slug = label("实施部门", "实施单位标识")
    level: Level = label("行使层级", default=Level.县)
    list_items: list[Code] = label("对应清单事项编码", "本事项承接的市场准入负面清单事项编码",
                                   default_factory=list)
    power_list_code: Code | None = label("行政权力清单编码", default=None)
    license_item_code: Code | None = label("行政许可事项编码", "国家行政许可事项清单中的编码或序号",
                                           default=None)
    sample: Flag = label("示例", "本条含示例（虚构）信息", default=False)


class ServiceItemsFile(Record):
    service_items: list[ServiceItem] = label("政务服务事项", min_length=1)
