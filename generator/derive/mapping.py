"""The code mapping (清单事项编码 ↔ 政务服务事项编码): content -> one row per correspondence.

Takes the `Content`; gives every pair of a current-edition list item and a government-service
item that implements it (list order, then service-item order), and the permit items that no
service item implements yet. The mapping page and the mapping export both show these rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import model as m
from generator.model.content import Content


@dataclass(frozen=True, slots=True)
class MappingRow:
    """One correspondence: a list item and a government-service item that implements it."""

    item: m.ListItem
    service_item: m.ServiceItem
    department: m.Department | None
    has_guide: bool


def mapping_rows(content: Content) -> list[MappingRow]:
    """Every list item ↔ service item correspondence, in list order then service-item order."""
    rows = []
    for item in content.current.items.values():
        for service_item in content.service_items_of_item.get(item.key, []):
            rows.append(MappingRow(item, service_item, content.departments.get(service_item.department),
                                   service_item.key in content.guides_of_service_item))
    return rows


def unmapped_items(content: Content) -> list[m.ListItem]:
    """Permit items of the current edition that no service item implements yet."""
    return [item for item in content.current.items.values()
            if item.category == m.Category.PERMITTED and item.key not in content.service_items_of_item]
