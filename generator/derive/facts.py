"""The derived-facts stage: a validated `Content` -> every fact computed from it, once.

Pelican-style: every fact that pages, exports and checks read is computed here, after
validation and before any output, into one immutable `Facts`. Renderers read
`content.facts`; nothing downstream recomputes an edition comparison, the stale list or
the correspondence report (before this stage they ran up to six times a build).

The order is the dependency order: the edition comparisons first (staleness needs the
newest one), the stale documents next (quality and the scorecard count them).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import model as m
from generator.derive import (
    bundle_plan,
    edition_changes,
    mapping,
    office_figures,
    quality,
    reductions,
    scorecard,
    staleness,
)
from generator.derive import correspondence as corr
from generator.model.content import Content
from generator.problems import Problem


@dataclass(frozen=True, slots=True)
class Facts:
    comparisons: tuple[edition_changes.Comparison, ...]  # consecutive editions, newest first
    stale: tuple[staleness.StaleDocument, ...]
    correspondence: corr.Report
    mapping: tuple[mapping.MappingRow, ...]  # list item ↔ service item, list order
    unmapped: tuple[m.ListItem, ...]  # permit items no service item implements yet
    quality: tuple[quality.DepartmentQuality, ...]
    reductions: tuple[reductions.GuideFigures, ...]
    scorecard: tuple[scorecard.ScoreRow, ...]
    bundles: dict[str, bundle_plan.BundlePlan]  # 一件事 by id: steps for every combination of answers
    office: office_figures.OfficeFigures  # what the office acts on (the worktable's figures)
    problems: tuple[Problem, ...]  # what the facts mean for `qingdan check`: stale files, gaps


def derive(content: Content) -> Facts:
    comparisons = tuple(edition_changes.compare_all(list(content.editions.values())))
    stale = tuple(staleness.stale_documents(content, staleness.current_comparison(content, comparisons)))
    report = corr.correspondence(content)
    olds = tuple(staleness.old_reviews(content, stale))
    office = office_figures.office_figures(content, report, stale, olds)
    return Facts(
        comparisons=comparisons,
        stale=stale,
        correspondence=report,
        mapping=tuple(mapping.mapping_rows(content)),
        unmapped=tuple(mapping.unmapped_items(content)),
        quality=tuple(quality.department_quality(content, stale, set(office.unmapped_keys))),
        reductions=tuple(reductions.guide_figures(content)),
        scorecard=tuple(scorecard.scorecard_rows(content, stale)),
        bundles={b.id: bundle_plan.plan(b, content.guides, content.service_items, content.departments)
                 for b in content.bundles.values()},
        office=office,
        problems=tuple(staleness.stale_problems(content, stale) + staleness.old_review_problems(content, olds)
                       + corr.correspondence_problems(content, report)),
    )
