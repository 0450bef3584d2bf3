"""Problems are values, not exceptions.

Every stage that reads or checks content returns a list of `Problem`s, so one run
reports them all and every output format (terminal, GitHub / GitLab annotations,
JSON) renders the same list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum

from generator.characters import visible


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the content, located as precisely as we can.

    `line` and `column` are 1-based; 0 means "the whole file".
    `field` is the dotted path inside the document, e.g. ``materials[2].copies``.
    """

    path: str
    line: int
    column: int
    field: str
    message_zh: str
    message_en: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.field, self.message_en)

    def location(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path

    def text(self) -> str:
        """One line: `path:line:col: field: 中文 / English`."""
        level = "" if self.is_error else "警告 warning: "
        field = f"{self.field}: " if self.field else ""
        # Paths, keys and values inside messages come from content: a line break in them
        # must not start a line of its own (a forged "check passed", an ANSI escape).
        return visible(f"{self.location()}: {level}{field}{self.message_zh} / {self.message_en}")


def format_field(parts: Iterable[str | int]) -> str:
    """``("materials", 2, "copies")`` -> ``materials[2].copies``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems), key=Problem.sort_key)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]


def promote_warnings(problems: Iterable[Problem]) -> list[Problem]:
    """For `--strict`: every warning becomes an error."""
    return [
        p if p.is_error else Problem(p.path, p.line, p.column, p.field, p.message_zh, p.message_en)
        for p in problems
    ]


# --- output formats -------------------------------------------------------------


def render_text(problems: Sequence[Problem], cap: int = 200) -> str:
    """Human-readable, one line a problem, sorted, capped with "…and N more"."""
    ordered = sorted_problems(problems)
    lines = [p.text() for p in ordered[:cap]]
    if len(ordered) > cap:
        rest = len(ordered) - cap
        lines.append(f"……另有 {rest} 个问题 / …and {rest} more")
    return "\n".join(lines)


def _escape_annotation(value: str, *, property_value: bool = False) -> str:
    # GitHub workflow-command escaping; properties also escape ':' and ','.
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def render_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands: each problem shows on its line in the PR diff."""
    out = []
    for p in sorted_problems(problems):
        kind = "error" if p.is_error else "warning"
        props = [f"file={_escape_annotation(p.path, property_value=True)}"]
        if p.line:
            props += [f"line={p.line}", f"col={p.column}"]
        if p.field:
            props.append(f"title={_escape_annotation(p.field, property_value=True)}")
        message = _escape_annotation(f"{p.message_zh} / {p.message_en}")
        out.append(f"::{kind} {','.join(props)}::{message}")
    return "\n".join(out)


def render_gitlab(problems: Sequence[Problem]) -> str:
    """GitLab Code Quality report (a JSON array), shown on the merge request."""
    import hashlib

    report = []
    seen: dict[tuple[str, str, str], int] = {}
    for p in sorted_problems(problems):
        # GitLab keeps one issue per fingerprint, so the same message twice in a file (a tab on
        # two lines) needs two. The occurrence number, not the line, tells them apart: a line
        # inserted above does not turn an old problem into a "new" one on the merge request.
        same = (p.path, p.field, p.message_en)
        seen[same] = seen.get(same, 0) + 1
        fingerprint = hashlib.sha256(
            f"{p.path}|{p.field}|{p.message_en}|{seen[same]}".encode()
        ).hexdigest()
        report.append(
            {
                "description": f"{p.field}: {p.message_zh} / {p.message_en}" if p.field else
                f"{p.message_zh} / {p.message_en}",
                "check_name": "qingdan",
                "fingerprint": fingerprint,
                "severity": "major" if p.is_error else "minor",
                "location": {"path": p.path, "lines": {"begin": max(p.line, 1)}},
            }
        )
    return json.dumps(report, ensure_ascii=False, indent=2)


def render_json(problems: Sequence[Problem]) -> str:
    return json.dumps(
        [asdict(p) for p in sorted_problems(problems)], ensure_ascii=False, indent=2
    )


RENDERERS = {
    "text": render_text,
    "github": render_github,
    "gitlab": render_gitlab,
    "json": render_json,
}
