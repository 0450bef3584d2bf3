"""Progress of a long build on a terminal: one line per stage, with counts and seconds.

Takes stage labels (Chinese first, then English) and, when known, a count; gives
lines like `[2/3] 渲染页面 / rendering pages: 21,474 … 12.3 s` on stderr. Quiet when
stderr is not a terminal or when CI is set, so logs and test output stay clean;
`QINGDAN_PROGRESS=1` forces it on (the benchmark's worker processes use that).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


def wanted(stream: TextIO) -> bool:
    """On for a terminal outside CI; QINGDAN_PROGRESS=1/0 overrides."""
    forced = os.environ.get("QINGDAN_PROGRESS")
    if forced is not None:
        return forced not in ("", "0")
    return stream.isatty() and not os.environ.get("CI")


class Stage:
    """A running stage; set `count` once it is known (e.g. pages rendered)."""

    def __init__(self, label: str, count: int | None) -> None:
        self.label, self.count = label, count
        self.seconds = 0.0


class Progress:
    def __init__(self, stages: int = 0, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = wanted(self.stream) if enabled is None else enabled
        self.total, self.done = stages, 0

    @contextmanager
    def stage(self, label: str, count: int | None = None) -> Iterator[Stage]:
        """Announce `label`, run the block, then print the count and the seconds it took."""
        self.done += 1
        stage = Stage(label, count)
        self._write(f"\r{self._prefix()}{label}{self._count(stage)} …")
        started = time.perf_counter()
        try:
            yield stage
        finally:
            stage.seconds = time.perf_counter() - started
            self._write(f"\r{self._prefix()}{label}{self._count(stage)}  {stage.seconds:.1f} s\n")

    def _prefix(self) -> str:
        return f"[{self.done}/{self.total}] " if self.total else ""

    @staticmethod
    def _count(stage: Stage) -> str:
        return f": {stage.count:,}" if stage.count is not None else ""

    def _write(self, text: str) -> None:
        if self.enabled:
            self.stream.write(text)
            self.stream.flush()
