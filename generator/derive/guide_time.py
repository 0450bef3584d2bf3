"""A guide's time limits with its 特殊环节, as one reader-facing summary.

Takes a Guide; gives the promised and legal limits and, when special steps (现场核查,
专家评审…) run outside the limit, the longest total or the reason no total can be given.
Nothing is assumed: a step whose time or counting is 未注明 makes the total 无法给出.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Guide
from generator.model.guides import SpecialStep, TimeLimit
from generator.model.types import NotStated, is_stated


def limit_text(limit: TimeLimit | NotStated) -> str:
    """"20 个工作日", "即办", "20（单位未注明）", or 未注明."""
    if not is_stated(limit):
        return str(limit)
    if limit.value == 0:
        return "即办"
    if not is_stated(limit.unit):
        return f"{limit.value}（单位未注明）"
    return f"{limit.value} 个{limit.unit.value}"


@dataclass(frozen=True, slots=True)
class SpecialStepRow:
    step: SpecialStep
    time: str  # "10 个工作日" or 未注明
    counted: str  # 计入办结时限 / 不计入办结时限（另计） / 未注明


@dataclass(frozen=True, slots=True)
class GuideTime:
    legal: str
    promised: str
    special_steps: tuple[SpecialStepRow, ...]
    total: str | None  # None when no special step runs outside the limit


def _outside(step: SpecialStep) -> bool:
    return not (is_stated(step.counted) and step.counted)


def guide_time(guide: Guide) -> GuideTime:
    rows = tuple(
        SpecialStepRow(
            step, limit_text(step.time_limit),
            "未注明" if not is_stated(step.counted) else ("计入办结时限" if step.counted else "不计入办结时限（另计）"),
        )
        for step in guide.special_steps
    )
    outside = [s for s in guide.special_steps if _outside(s)]
    total = None
    if outside:
        total = _total(guide.promised_time_limit, outside)
    return GuideTime(limit_text(guide.legal_time_limit), limit_text(guide.promised_time_limit), rows, total)


def _total(promised: TimeLimit | NotStated, outside: list[SpecialStep]) -> str:
    names = "、".join(s.name for s in outside)
    unknown = [s.name for s in outside if not is_stated(s.counted)]
    if unknown:
        return f"无法给出总时长：{'、'.join(unknown)}是否计入办结时限未注明"
    missing = [s.name for s in outside if not is_stated(s.time_limit) or not is_stated(s.time_limit.unit)]
    if missing or not is_stated(promised) or not is_stated(promised.unit):
        why = f"{'、'.join(missing)}的时限未注明" if missing else "承诺办结时限未注明"
        return f"无法给出总时长：{names}不计入办结时限（另计），{why}"
    if any(s.time_limit.unit != promised.unit for s in outside):
        return f"无法给出总时长：{names}的时限单位与承诺办结时限不同"
    days = promised.value + sum(s.time_limit.value for s in outside)
    return f"最长共 {days} 个{promised.unit.value}（承诺办结时限加上另计的{names}）"
