"""一件事 bundle -> what an applicant must do for the answers given: a `BundlePlan`.

Takes one bundle and the guides, service items and departments it names; gives every
step with the condition under which it applies, and for every combination of answers a
`Selection`: which steps apply (or may, while a question is unanswered), in which order
(stages: a step starts when the steps it comes after are done; steps of one stage run at
the same time, and a stage lasts as long as its longest step), the materials merged by
their key, the total time limits and visits.

The rule of which steps apply lives here and only here: the page's script looks the
answers up in the table this module computes, it never decides anything itself.
A step: applies when no option names it (every applicant needs it) or the chosen
answer of some question names it; may apply while a question whose options name it is
unanswered; else it does not apply.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from generator import model as m
from generator.derive.calendar import WorkCalendar, most_held
from generator.model.guides import DayUnit
from generator.model.types import is_stated, listed

APPLIES, MAYBE, NOT = "applies", "maybe", "not"


@dataclass(frozen=True, slots=True)
class PlanStep:
    id: str
    number: int  # 1-based, in the file's order
    name: str
    service_item: m.ServiceItem | None
    guide: m.Guide | None
    department: m.Department | None
    authority: str | None  # a body outside the departments file
    conditions: tuple[tuple[str, tuple[str, ...]], ...]  # (question, answers naming it); () = always
    after: tuple[str, ...]
    provides: tuple[str, ...]
    note: str | None


@dataclass(frozen=True, slots=True)
class MaterialUse:
    step: str  # step id
    material: m.Material


@dataclass(frozen=True, slots=True)
class MergedMaterial:
    """One document to bring: a keyed material once for every step that asks for it."""

    row: str  # stable id of the row: the key, or <step>-<n> for an unkeyed material
    key: str | None
    uses: tuple[MaterialUse, ...]  # in step order
    providers: tuple[str, ...]  # steps of the bundle whose result is this document

    @property
    def name(self) -> str:
        return self.uses[0].material.name


@dataclass(frozen=True, slots=True)
class Totals:
    """Sums over the steps that apply or may apply, as figures (formatted by the page)."""

    steps: int
    maybe: int
    legal_parallel: dict[str, int]  # unit -> days, stage by stage (steps of a stage at once)
    legal_sequence: dict[str, int]  # unit -> days, one step after the other
    promised_parallel: dict[str, int]
    promised_sequence: dict[str, int]
    not_stated: int  # steps without a guide: their time limit and visits are not stated
    visits: int
    materials: int  # documents after merging
    materials_before: int  # documents as the guides list them, one list per step


@dataclass(frozen=True, slots=True)
class Selection:
    status: dict[str, str]  # step id -> applies / maybe / not
    stages: tuple[tuple[str, ...], ...]  # step ids, stage by stage
    totals: Totals


@dataclass(frozen=True, slots=True)
class BundlePlan:
    bundle: m.Bundle
    steps: tuple[PlanStep, ...]
    materials: tuple[MergedMaterial, ...]  # every material any step may need, in step order
    keyed_questions: tuple[str, ...]  # questions whose answers change the steps
    selections: tuple[Selection, ...]  # distinct selections
    by_answers: dict[tuple[str, ...], int]  # answers to keyed_questions ("" unanswered) -> selection

    def selection(self, answers: Mapping[str, str]) -> Selection:
        key = tuple(answers.get(q, "") for q in self.keyed_questions)
        return self.selections[self.by_answers[key]]

    @property
    def unanswered(self) -> Selection:
        return self.selection({})


def plan(bundle: m.Bundle, guides: Mapping[str, m.Guide], service_items: Mapping[str, m.ServiceItem],
         departments: Mapping[str, m.Department], calendar: WorkCalendar | None = None) -> BundlePlan:
    """The plan of a validated bundle (every reference resolves, `after` has no cycle).
    `calendar` says how many calendar days a working-day limit can span (its holidays;
    plain weeks when None)."""
    calendar = calendar or WorkCalendar()
    spans: dict[int, int] = {}

    def span(working_days: int) -> int:
        if working_days not in spans:
            spans[working_days] = most_held(working_days, DayUnit.WORKING, calendar)
        return spans[working_days]

    conditions: dict[str, list[tuple[str, str]]] = {}
    for question in bundle.questions:
        for option in question.options:
            for step_id in option.steps:
                conditions.setdefault(step_id, []).append((question.text, option.text))
    steps = tuple(_plan_step(i, s, conditions.get(s.id, []), guides, service_items, departments)
                  for i, s in enumerate(bundle.steps, 1))
    materials = _merge(steps)
    keyed = tuple(q.id for q in bundle.questions if any(o.steps for o in q.options))
    questions = {q.id: q for q in bundle.questions}
    selections: list[Selection] = []
    seen: dict[tuple, int] = {}
    by_answers: dict[tuple[str, ...], int] = {}
    choices = [["", *(o.id for o in questions[q].options)] for q in keyed]
    for answers in itertools.product(*choices):
        status = _status(bundle, dict(zip(keyed, answers, strict=True)))
        signature = tuple(status[s.id] for s in steps)
        if signature not in seen:
            seen[signature] = len(selections)
            selections.append(_selection(steps, materials, status, span))
        by_answers[answers] = seen[signature]
    return BundlePlan(bundle, steps, materials, keyed, tuple(selections), by_answers)


def _plan_step(number: int, step: m.BundleStep, conditions: list[tuple[str, str]],
               guides: Mapping[str, m.Guide], service_items: Mapping[str, m.ServiceItem],
               departments: Mapping[str, m.Department]) -> PlanStep:
    service_item = service_items.get(step.service_item) if step.service_item else None
    guide = guides.get(step.service_item) if step.service_item else None
    dept_id = service_item.department if service_item else step.department
    grouped: dict[str, list[str]] = {}
    for question, answer in conditions:
        grouped.setdefault(question, []).append(answer)
    return PlanStep(
        id=step.id, number=number,
        name=step.name or (service_item.name if service_item else step.id),
        service_item=service_item, guide=guide,
        department=departments.get(dept_id) if dept_id else None,
        authority=step.authority,
        conditions=tuple((q, tuple(a)) for q, a in grouped.items()),
        after=tuple(step.after), provides=tuple(step.provides), note=step.note,
    )


def _status(bundle: m.Bundle, answers: Mapping[str, str]) -> dict[str, str]:
    named = {step_id for q in bundle.questions for o in q.options for step_id in o.steps}
    status = {s.id: (NOT if s.id in named else APPLIES) for s in bundle.steps}
    for question in bundle.questions:
        chosen = answers.get(question.id, "")
        for option in question.options:
            for step_id in option.steps:
                if option.id == chosen:
                    status[step_id] = APPLIES
                elif not chosen and status[step_id] == NOT:
                    status[step_id] = MAYBE
    return status


def _merge(steps: tuple[PlanStep, ...]) -> tuple[MergedMaterial, ...]:
    rows: dict[str, list[MaterialUse]] = {}
    for step in steps:
        for i, material in enumerate(listed(step.guide.materials) if step.guide else (), 1):
            rows.setdefault(material.key or f"{step.id}-{i}", []).append(MaterialUse(step.id, material))
    keys = {row: uses[0].material.key for row, uses in rows.items()}
    return tuple(
        MergedMaterial(row, keys[row], tuple(uses),
                       tuple(s.id for s in steps if keys[row] and keys[row] in s.provides))
        for row, uses in rows.items()
    )


def stages(steps: tuple[PlanStep, ...], included: set[str]) -> tuple[tuple[str, ...], ...]:
    """Steps by stage: a step's stage is one past the latest stage of the included steps it
    comes after (those that do not apply do not hold it up)."""
    depth: dict[str, int] = {}
    by_id = {s.id: s for s in steps}

    def stage_of(step_id: str) -> int:
        if step_id not in depth:
            before = [stage_of(a) for a in by_id[step_id].after if a in included]
            depth[step_id] = 1 + max(before, default=0)
        return depth[step_id]

    for step in steps:
        if step.id in included:
            stage_of(step.id)
    count = max(depth.values(), default=0)
    return tuple(tuple(s.id for s in steps if depth.get(s.id) == n) for n in range(1, count + 1))


def _selection(steps: tuple[PlanStep, ...], materials: tuple[MergedMaterial, ...],
               status: dict[str, str], span: Callable[[int], int]) -> Selection:
    included = {s.id for s in steps if status[s.id] != NOT}
    order = stages(steps, included)
    by_id = {s.id: s for s in steps}
    legal_parallel: dict[str, int] = {}
    promised_parallel: dict[str, int] = {}
    for stage in order:
        guides = [by_id[s].guide for s in stage if by_id[s].guide]
        for limits, total in (([g.legal_time_limit for g in guides if is_stated(g.legal_time_limit)], legal_parallel),
                              ([g.promised_time_limit for g in guides if is_stated(g.promised_time_limit)],
                               promised_parallel)):
            if limits:
                longest = max(limits, key=lambda limit: _latest_end(limit, span))
                total[longest.unit.value] = total.get(longest.unit.value, 0) + longest.value
    included_guides = [by_id[s].guide for s in by_id if s in included and by_id[s].guide]
    used = [row for row in materials if any(u.step in included for u in row.uses)]
    return Selection(status, order, Totals(
        steps=sum(1 for s in included if status[s] == APPLIES),
        maybe=sum(1 for s in included if status[s] == MAYBE),
        legal_parallel=legal_parallel,
        legal_sequence=_sum([g.legal_time_limit for g in included_guides if is_stated(g.legal_time_limit)]),
        promised_parallel=promised_parallel,
        promised_sequence=_sum([g.promised_time_limit for g in included_guides
                                if is_stated(g.promised_time_limit)]),
        not_stated=sum(1 for s in included if by_id[s].guide is None),
        visits=sum(g.visits for g in included_guides if is_stated(g.visits)),
        materials=len(used),
        materials_before=sum(len(listed(g.materials)) for g in included_guides),
    ))


def _sum(limits: list[m.TimeLimit]) -> dict[str, int]:
    total: dict[str, int] = {}
    for limit in limits:
        total[limit.unit.value] = total.get(limit.unit.value, 0) + limit.value
    return total


def _latest_end(limit: m.TimeLimit, span: Callable[[int], int]) -> tuple[int, int]:
    """How long a limit can last at most, in calendar days (a stage lasts as long as its
    longest step); at a tie calendar days count as longer, being the plainer figure."""
    if limit.unit == DayUnit.CALENDAR:
        return limit.value, 1
    return span(limit.value), 0
