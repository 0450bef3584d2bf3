"""一件事 bundle pages: bundles/index.md and bundles/<id>/index.md.

Takes the `Content` graph; gives one page per bundle and the index of all bundles. The
plan (which steps apply for which answers, stages, merged materials, totals) comes from
`derive.bundle_plan`, computed once in `content.facts.bundles`; here it becomes view objects with every text ready, and the table
the page's script looks answers up in (bundle.js decides nothing, it shows and hides).
Without JavaScript the page shows every step with the condition under which it applies,
and totals over every step that may apply.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator import model as m
from generator.derive.bundle_plan import MAYBE, BundlePlan, MergedMaterial, PlanStep, Selection
from generator.model.content import Content
from generator.model.types import is_stated
from generator.render import Output, urls
from generator.render.entities import circled, tel_href, time_limit
from generator.render.links import Link
from generator.render.templating import render_page

NOT_STATED = "未注明"


# --- view objects ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StepView:
    id: str
    mark: str  # ① ② …
    name: str
    condition: str  # 所有情形都需办理 / 以下情形需办理：…
    conditional: bool
    maybe: bool  # applies or not depending on an answer not given yet
    stage: int  # when nothing is answered
    guide: Link | None
    handled_by: Link | None  # the department
    authority: str | None
    office: m.Office | None
    phones: list[tuple[str, str | None]]  # (text, tel: link)
    legal: str
    promised: str
    visits: str
    note: str | None
    not_stated: str | None  # why materials and limits are not stated


@dataclass(frozen=True, slots=True)
class MaterialView:
    row: str
    name: str
    steps: str  # data-uses: the ids of the steps that ask for it
    uses: list[tuple[str, str, str]]  # (step id, mark, step name)
    providers: list[tuple[str, str]]  # (step id, mark): steps of the bundle that give this document
    merged: bool
    required: bool
    source: str


def days(total: dict[str, int]) -> str:
    """{"工作日": 20, "自然日": 90} -> "90 个自然日 + 20 个工作日"; {} -> 未注明."""
    parts = [f"{total[unit]} 个{unit}" for unit in ("自然日", "工作日") if unit in total]
    return " + ".join(parts) if parts else NOT_STATED


def totals_text(selection: Selection) -> dict[str, str]:
    """Every figure of the summary, as the page shows it (the script copies these texts)."""
    t = selection.totals
    count = f"需办理 {t.steps} 项" + (f"，另有 {t.maybe} 项视回答而定（已计入下列合计）" if t.maybe else "")
    notes = []
    if t.not_stated:
        notes.append(f"{t.not_stated} 项本站未收录办事指南，其时限、跑动次数和材料未注明，未计入合计。")
    return {
        "count": count,
        "stages": str(len(selection.stages)),
        "legal_parallel": days(t.legal_parallel),
        "legal_sequence": days(t.legal_sequence),
        "promised_parallel": days(t.promised_parallel),
        "promised_sequence": days(t.promised_sequence),
        "visits": f"{t.visits} 次（各指南所列次数之和）",
        "materials": f"{t.materials} 份（各指南共列 {t.materials_before} 份，同一份材料只列一次）",
        "notes": " ".join(notes) or "各事项均有办事指南。",
    }


def _condition(step: PlanStep) -> str:
    if not step.conditions:
        return "所有情形都需办理"
    return "以下情形需办理：" + "；".join(
        f"{question} 答“{'”或“'.join(answers)}”" for question, answers in step.conditions)


def _step_view(step: PlanStep, status: str, stage: int) -> StepView:
    guide = step.guide
    if guide is not None:
        not_stated = None
    elif step.service_item is not None:
        not_stated = "本站尚未发布该事项的办事指南：申请材料、时限和跑动次数未注明，请电话咨询办理单位。"
    else:
        not_stated = "该事项不在本站收录的政务服务事项中：申请材料、时限和跑动次数未注明，请向办理单位咨询。"
    phones: list[tuple[str, str | None]] = []
    if guide is not None:
        phones = [(p, tel_href(p)) for p in guide.phones.enquiry]
    elif step.department is not None:
        phones = [(c.phone, tel_href(c.phone)) for c in step.department.contacts if c.phone]
    return StepView(
        id=step.id, mark=circled(step.number), name=step.name,
        condition=_condition(step), conditional=bool(step.conditions), maybe=status == MAYBE, stage=stage,
        guide=Link(urls.guide(guide.service_item), f"{step.name} 办事指南", guide.sample) if guide else None,
        handled_by=Link(urls.department(step.department.id), step.department.name) if step.department else None,
        authority=step.authority,
        office=guide.office if guide else None,
        phones=phones,
        legal=time_limit(guide.legal_time_limit) if guide and is_stated(guide.legal_time_limit) else NOT_STATED,
        promised=(time_limit(guide.promised_time_limit) if guide and is_stated(guide.promised_time_limit)
                  else NOT_STATED),
        visits=f"{guide.visits} 次" if guide and is_stated(guide.visits) else NOT_STATED,
        note=step.note,
        not_stated=not_stated,
    )


def _material_view(row: MergedMaterial, steps: dict[str, PlanStep]) -> MaterialView:
    uses = list(dict.fromkeys(u.step for u in row.uses))
    first = row.uses[0].material
    return MaterialView(
        row=row.row, name=row.name, steps=" ".join(uses),
        uses=[(s, circled(steps[s].number), steps[s].name) for s in uses],
        providers=[(s, circled(steps[s].number)) for s in row.providers],
        merged=len(uses) > 1,
        required=any(u.material.required for u in row.uses),
        source=first.source,
    )


def script_data(bundle_plan: BundlePlan) -> dict:
    """What bundle.js needs: the questions, and for each answer combination the selection."""
    names = {s.id: f"{circled(s.number)} {s.name}" for s in bundle_plan.steps}
    return {
        # A list, not an object: the URL lists the answers in the page's order.
        "questions": [[q.id, [o.id for o in q.options]] for q in bundle_plan.bundle.questions],
        "keyed": list(bundle_plan.keyed_questions),
        "answers": {"|".join(k): v for k, v in bundle_plan.by_answers.items()},
        "selections": [{
            "status": s.status,
            "stage": {step: n for n, stage in enumerate(s.stages, 1) for step in stage},
            "stages": [[names[step] for step in stage] for stage in s.stages],
            "totals": totals_text(s),
        } for s in bundle_plan.selections],
    }


def render_bundle(content: Content, bundle: m.Bundle) -> str:
    bundle_plan_ = content.facts.bundles[bundle.id]
    unanswered = bundle_plan_.unanswered
    stage_of = {step: n for n, stage in enumerate(unanswered.stages, 1) for step in stage}
    steps = {s.id: s for s in bundle_plan_.steps}
    return render_page(
        "bundles/bundle.md.j2", urls.bundle(bundle.id),
        bundle=bundle,
        steps=[_step_view(s, unanswered.status[s.id], stage_of[s.id]) for s in bundle_plan_.steps],
        stages=[[f"{circled(steps[s].number)} {steps[s].name}" for s in stage] for stage in unanswered.stages],
        materials=[_material_view(r, steps) for r in bundle_plan_.materials],
        totals=totals_text(unanswered),
        notes=[(f"{q.id}={o.id}", f"{q.text} 答“{o.text}”：{o.note}")
               for q in bundle.questions for o in q.options if o.note],
        data=script_data(bundle_plan_),
        index=urls.BUNDLES,
    )


def render_bundles_index(content: Content) -> str:
    rows = []
    for bundle in content.bundles.values():
        selection = content.facts.bundles[bundle.id].unanswered
        rows.append({
            "link": Link(urls.bundle(bundle.id), bundle.title, bundle.sample),
            "words": "、".join(bundle.everyday_words) or "—",
            "steps": len(bundle.steps),
            "questions": len(bundle.questions),
            "stages": len(selection.stages),
        })
    return render_page("bundles/index.md.j2", urls.BUNDLES, rows=rows)


def bundle_pages(content: Content) -> Iterable[Output]:
    yield Output(urls.BUNDLES, render_bundles_index(content))
    for bundle in content.bundles.values():
        yield Output(urls.bundle(bundle.id), render_bundle(content, bundle))


RENDERERS = [bundle_pages]
