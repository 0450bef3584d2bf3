"""Checks of the accountability files (mechanisms 6–10), for `qingdan check`.

Takes a `LoadedContent` and the "as of" date; gives problems: ERRORs for personal
data in clues, tasks and cases (`pii`), WARNINGs for overdue clues and tasks
(`ledgers`), ERRORs in the scorecard file (`scorecard`). They run on the loaded
files, not the graph, so they report even when other files have errors.
"""

from __future__ import annotations

import datetime as dt

from .ledgers import ledger_problems
from .pii import pii_problems
from .problems import Problem
from .scorecard import scorecard_problems


def accountability_problems(loaded, as_of: dt.date) -> list[Problem]:
    return pii_problems(loaded) + ledger_problems(loaded, as_of) + scorecard_problems(loaded)
