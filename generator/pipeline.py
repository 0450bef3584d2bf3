"""The whole pipeline in a few calls: load, validate, derive, (render, build).

`check()` is what `qingdan check`, the MkDocs hook and the tests all call, so they
never disagree about what is valid.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

from generator.derive.facts import derive
from generator.load.loader import FileMemo, load_content
from generator.model.content import Content
from generator.problems import Problem
from generator.validate.graph import build_content

DEFAULT_CONTENT = Path("content")
DEFAULT_SITE_CONFIG = Path("site_config")


def build_date(explicit: str | dt.date | None = None) -> dt.date:
    """The "as of" date of a build: --date (or QINGDAN_DATE), else SOURCE_DATE_EPOCH, else today (UTC+8).

    Every deadline and staleness figure is computed against it, so a build is
    reproducible when it is pinned.
    """
    if isinstance(explicit, dt.date):
        return explicit
    explicit = explicit or os.environ.get("QINGDAN_DATE")
    if explicit:
        return dt.date.fromisoformat(explicit)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    china = dt.timezone(dt.timedelta(hours=8))
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), china).date()
    return dt.datetime.now(china).date()


def with_facts(content: Content) -> tuple[Content | None, list[Problem]]:
    """The derive stage: the graph with its facts, and the problems they show (stale
    documents, correspondence gaps). Content is None when one of those is an error."""
    facts = derive(content)
    problems = list(facts.problems)
    if any(p.is_error for p in problems):
        return None, problems
    return replace(content, facts=facts), problems


def check(
    content_dir: Path = DEFAULT_CONTENT,
    site_config_dir: Path = DEFAULT_SITE_CONFIG,
    date: str | dt.date | None = None,
    memo: FileMemo | None = None,
) -> tuple[Content | None, list[Problem]]:
    """Load and validate everything. Content is None when there is any error. `memo` keeps
    the files parsed by the last call (see loader.FileMemo)."""
    loaded = load_content(Path(content_dir), Path(site_config_dir), memo)
    if date is None and not os.environ.get("QINGDAN_DATE") and loaded.site is not None \
            and loaded.site.value.as_of is not None:
        # A content snapshot (like the shipped sample) may pin its own "as of" date.
        date = loaded.site.value.as_of
    content, problems = build_content(loaded, build_date(date))
    if content is not None:
        # Graph-wide facts (and their warnings) only on a graph without holes: on one with
        # errors they would only add follow-on noise.
        content, fact_problems = with_facts(content)
        problems = problems + fact_problems
    # Content validity only: CODEOWNERS drift is repository policy (`qingdan codeowners --check`).
    return content, problems

