"""Stale guides and model texts: content -> which documents still await an update.

The notice (mechanism 3): when a list change alters a service item's legal basis or
procedure, its guide and model text must be updated and republished. A guide or model
text is STALE when an item it serves changed materially (measures, legal basis,
approval process or conditions) between the previous and the current edition, and it
was last reviewed against an older edition. The clock starts on the day the county
published the edition's changes (`changes_published`, else the edition's `published`);
within the grace period (site `stale_grace_days`, default 30) it is a warning, after it
an error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from generator.derive import edition_changes as ch
from generator.derive.calendar import add_days
from generator.model import Guide, ModelText
from generator.model.content import Content
from generator.model.types import DayUnit
from generator.problems import Problem, Severity


@dataclass(frozen=True, slots=True)
class StaleDocument:
    document: Guide | ModelText
    kind: str  # "guide" or "model_text"
    items: tuple[str, ...]  # list item codes that changed
    what_changed: tuple[str, ...]  # Chinese field labels
    since: dt.date  # the day the change was published
    due: dt.date  # end of the grace period
    reviewed_edition: str

    @property
    def department(self) -> str:
        return self.document.department

    def overdue(self, today: dt.date) -> bool:
        return today > self.due


def change_date(content: Content) -> dt.date:
    info = content.current.info
    return info.changes_published or info.published.latest


def current_comparison(content: Content, comparisons: Sequence[ch.Comparison]) -> ch.Comparison | None:
    """Of the editions' comparisons (`edition_changes.compare_all`), the one that leads into
    the current edition; None when the current edition is the oldest."""
    for comparison in comparisons:
        if comparison.new is content.current:
            return comparison
    return None


def materially_changed_items(comparison: ch.Comparison | None) -> dict[str, ch.Match]:
    """Current-edition item code -> its match with the previous edition, where it changed materially."""
    if comparison is None:
        return {}
    return {m.new.key: m for m in comparison.matches if m.materially_changed}


def stale_documents(content: Content, comparison: ch.Comparison | None) -> list[StaleDocument]:
    """Guides and model texts serving an item that `comparison` (into the current edition)
    shows as materially changed, still reviewed against an older edition."""
    changed = materially_changed_items(comparison)
    if not changed:
        return []
    since = change_date(content)
    due = add_days(since, content.site.stale_grace_days, DayUnit.CALENDAR)  # the grace period is calendar days
    current = content.current.id
    found: list[StaleDocument] = []

    def consider(document, kind: str, codes: list[str]) -> None:
        hits = [c for c in dict.fromkeys(codes) if c in changed]
        reviewed = document.reviewed.edition if document.reviewed else "未注明"
        if hits and reviewed != current:
            labels = tuple(dict.fromkeys(
                change.label for code in hits for change in changed[code].changes
                if change.field in ch.MATERIAL_FIELDS
            ))
            found.append(StaleDocument(document, kind, tuple(hits), labels, since, due, reviewed))

    for guide in content.guides.values():
        service_item = content.service_items[guide.service_item]
        consider(guide, "guide", service_item.list_items)
    for text in content.model_texts.values():
        codes = [text.list_item] if text.list_item else []
        if text.service_item:
            codes += content.service_items[text.service_item].list_items
        consider(text, "model_text", codes)
    return found


@dataclass(frozen=True, slots=True)
class OldReview:
    """A guide or model text still reviewed against an older edition, although nothing it
    serves changed materially: it is not stale, but nobody has confirmed it for the
    current list, and the page says which edition it was checked against."""

    document: Guide | ModelText
    kind: str  # "guide" or "model_text"
    reviewed_edition: str

    @property
    def department(self) -> str:
        return self.document.department


def old_reviews(content: Content, stale_list: Sequence[StaleDocument]) -> list[OldReview]:
    current = content.current.id
    stale = {id(s.document) for s in stale_list}
    # A guide nobody in the county has reviewed (no `reviewed`, a transcribed source) is not
    # "reviewed against an older edition", so it is not listed here.
    found = [OldReview(g, "guide", g.reviewed.edition) for g in content.guides.values()
             if g.reviewed and g.reviewed.edition != current and id(g) not in stale]
    found += [OldReview(t, "model_text", t.reviewed.edition) for t in content.model_texts.values()
              if t.reviewed.edition != current and id(t) not in stale]
    return found


def old_review_problems(content: Content, olds: Sequence[OldReview]) -> list[Problem]:
    """A warning per document reviewed against an older edition that is not stale."""
    current = content.current.id
    return [content.problem(
        old.document, ("reviewed", "edition"),
        f"本文件仍按 {old.reviewed_edition} 版清单核对，现行为 {current} 版：请按现行清单复核，"
        f"并把 reviewed.edition 改为 {current}、更新 reviewed.date",
        f"this file was reviewed against edition {old.reviewed_edition}, the current one is {current}: "
        f"review it against the current list, then set reviewed.edition to {current} and reviewed.date",
        Severity.WARNING) for old in olds]


def stale_problems(content: Content, stale_list: Sequence[StaleDocument]) -> list[Problem]:
    """A warning per stale document, an error once its grace period is over."""
    problems = []
    for stale in stale_list:
        late = stale.overdue(content.build_date)
        what = "、".join(stale.what_changed)
        codes = "、".join(stale.items)
        zh = (f"清单事项 {codes} 的{what}已在 {content.current.id} 版调整（{stale.since} 公布），"
              f"本文件仍按 {stale.reviewed_edition} 版核对，请更新并把 reviewed.edition 改为 "
              f"{content.current.id}（宽限期至 {stale.due}{'，已超期' if late else ''}）")
        en = (f"list item {codes} changed ({', '.join(f for f in stale.what_changed)}) in edition "
              f"{content.current.id} (published {stale.since}); this file was reviewed against "
              f"{stale.reviewed_edition}: update it and set reviewed.edition (grace period ends {stale.due}"
              f"{', overdue' if late else ''})")
        problems.append(content.problem(stale.document, ("reviewed", "edition"), zh, en,
                                        Severity.ERROR if late else Severity.WARNING))
    return problems
