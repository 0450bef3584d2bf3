"""Correspondence report (衔接核查): content -> one row per 许可准入 item with its status.

The notice (mechanism 3) asks for one-to-one correspondence of every permit item with
政务服务事项, 行政权力清单 and 行政许可事项. Statuses of an item:

* 一一对应 one-to-one: one service item, which implements this item only, with both
  a power-list code and a licensing-item code and a guide;
* 缺失 missing: no service item implements it;
* 一对多 one-to-many: several service items implement it;
* 多对一 many-to-one: its service item also implements other items;
Flags on any row: 缺行政权力清单编码, 缺行政许可事项编码, 无办事指南.
Service items that still name codes outside the current edition are DANGLING.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Category, ListItem, ServiceItem
from generator.model.content import Content
from generator.problems import Problem, Severity

ONE_TO_ONE = "一一对应"
MISSING = "缺失"
ONE_TO_MANY = "一对多"
MANY_TO_ONE = "多对一"
STATUSES = (ONE_TO_ONE, MISSING, ONE_TO_MANY, MANY_TO_ONE)
NO_POWER_CODE = "缺行政权力清单编码"
NO_LICENSE_CODE = "缺行政许可事项编码"
NO_GUIDE = "无办事指南"
DANGLING = "悬空编码"


@dataclass(frozen=True, slots=True)
class Row:
    item: ListItem
    service_items: tuple[ServiceItem, ...]
    status: str
    flags: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.status == ONE_TO_ONE and not self.flags


@dataclass(frozen=True, slots=True)
class Dangling:
    service_item: ServiceItem
    code: str
    edition: str | None  # the older edition that still has the code, if any


@dataclass(frozen=True, slots=True)
class Report:
    rows: tuple[Row, ...]
    dangling: tuple[Dangling, ...]

    def count(self, label: str) -> int:
        return sum(1 for r in self.rows if r.status == label or label in r.flags) + (
            len(self.dangling) if label == DANGLING else 0
        )


def correspondence(content: Content) -> Report:
    rows = []
    for item in content.current.items.values():
        if item.category != Category.PERMITTED:
            continue
        services = tuple(content.service_items_of_item.get(item.key, ()))
        if not services:
            status = MISSING
        elif len(services) > 1:
            status = ONE_TO_MANY
        elif len([c for c in services[0].list_items if c in content.current.items]) > 1:
            status = MANY_TO_ONE
        else:
            status = ONE_TO_ONE
        flags = []
        if services and any(not s.power_list_code for s in services):
            flags.append(NO_POWER_CODE)
        if services and any(not s.license_item_code for s in services):
            flags.append(NO_LICENSE_CODE)
        if services and any(s.key not in content.guides_of_service_item for s in services):
            flags.append(NO_GUIDE)
        rows.append(Row(item, services, status, tuple(flags)))
    dangling = []
    for service in content.service_items.values():
        for code in service.list_items:
            if code not in content.current.items:
                older = next((e.id for e in reversed(content.editions.values()) if code in e.items), None)
                dangling.append(Dangling(service, code, older))
    return Report(tuple(rows), tuple(dangling))


def correspondence_problems(content: Content, report: Report) -> list[Problem]:
    """A `qingdan check` warning for every gap, at the item or service item it concerns."""
    problems = []
    for row in report.rows:
        if row.status == MISSING:
            problems.append(content.problem(
                row.item, ("code",),
                f"许可准入事项“{row.item.title}”没有对应的政务服务事项",
                f"permit item '{row.item.title}' has no government-service item", Severity.WARNING))
        for service in row.service_items:
            if NO_GUIDE in row.flags and service.key not in content.guides_of_service_item:
                problems.append(content.problem(
                    service, ("basic_code",), f"政务服务事项 {service.key} 没有办事指南",
                    f"service item {service.key} has no guide", Severity.WARNING))
            if NO_POWER_CODE in row.flags and not service.power_list_code:
                problems.append(content.problem(
                    service, ("power_list_code",), "缺少行政权力清单编码",
                    "the administrative power list code is missing", Severity.WARNING))
            if NO_LICENSE_CODE in row.flags and not service.license_item_code:
                problems.append(content.problem(
                    service, ("license_item_code",), "缺少行政许可事项编码",
                    "the licensing item code is missing", Severity.WARNING))
    return problems
