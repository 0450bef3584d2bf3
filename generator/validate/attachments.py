"""Attachments: every file a model text attaches, and every blank form a guide links
under /files/, is a relative path inside content/files/ that exists, in the folder of the
department whose guide or model text uses it. An attachment nothing refers to is a warning
and is not published; a folder under files/ must be a department's.

Takes `Located` (and the files that failed their schema, to stay quiet about follow-ons);
gives problems, and `published`, the attachments the site carries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.load.clerk_hints import same_file_hint
from generator.load.yaml_source import SourceDocument
from generator.model.kinds import Kind
from generator.model.types import listed
from generator.problems import Problem, Severity
from generator.validate.located import At, Located
from generator.validate.references import TARGETS, failed_ids

SITE_FILES = "/files/"  # a guide's blank-form link to an attachment of this site


@dataclass(slots=True)
class _Uses:
    problems: list[Problem] = field(default_factory=list)
    referenced: set[str] = field(default_factory=set)
    broken: bool = False  # some reference is wrong: which file is unreferenced is not known


def _attachment(located: Located, uses: _Uses, entry: At, field_path: tuple, relative: str, department: str) -> None:
    if relative.startswith(("/", "\\")) or ".." in relative.split("/") or "\\" in relative:
        uses.broken = True
        uses.problems.append(entry.problem(field_path, "附件路径须为 files/ 下的相对路径，不能含 .. 或 \\",
                                           "attachment paths are relative to files/, without .. or \\"))
    elif relative in located.refused_attachments:
        uses.broken = True  # the file's own problem says why
    elif relative not in located.attachments:
        uses.broken = True
        hint_zh, hint_en = same_file_hint(relative, located.attachments)
        uses.problems.append(entry.problem(field_path, f"找不到附件文件 files/{relative}{hint_zh}",
                                           f"attachment file files/{relative} does not exist{hint_en}"))
    elif relative.split("/", 1)[0] != department:
        uses.broken = True
        uses.problems.append(entry.problem(
            field_path, f"只能引用本单位目录 files/{department}/ 下的附件",
            f"only attachments in the department's own folder files/{department}/ can be used"))
    else:
        uses.referenced.add(relative)


def _uses(located: Located) -> _Uses:
    uses = _Uses()
    # A record's attachments are those of the folder that holds it (a forged department:
    # is reported by `ownership`; its attachments are not blamed too).
    for entry in located.guides:
        for j, material in enumerate(listed(entry.value.materials)):
            url = material.blank_form
            if url and url.startswith(SITE_FILES):
                _attachment(located, uses, entry, ("materials", j, "blank_form"), url.removeprefix(SITE_FILES),
                            entry.owner or entry.value.department)
    for entry in located.model_texts:
        for j, attachment in enumerate(entry.value.files):
            _attachment(located, uses, entry, ("files", j, "file"), attachment.file,
                        entry.owner or entry.value.department)
    return uses


def problems(located: Located, failed: dict[Kind, list[SourceDocument | None]]) -> list[Problem]:
    uses = _uses(located)
    out = uses.problems
    quiet = uses.broken or Kind.GUIDES in failed or Kind.MODEL_TEXTS in failed
    failed_departments = failed_ids(failed, *TARGETS["department"])
    for relative in sorted(located.attachments):
        shown = f"{located.content_dir}/files/{relative}"
        folder = relative.split("/", 1)[0]
        if folder not in located.department_ids:
            if failed_departments is not None and folder not in failed_departments:
                out.append(Problem(shown, 0, 0, "", f"files/ 下的目录须为单位标识：没有单位 “{folder}”",
                                   f"folders under files/ are department ids: no department '{folder}'"))
        elif relative not in uses.referenced and not quiet:
            out.append(Problem(shown, 0, 0, "", "没有任何办事指南或示范文本引用这个附件：不会发布",
                               "no guide or model text refers to this attachment: it is not published",
                               Severity.WARNING))
    return out


def published(located: Located) -> frozenset[str]:
    """The attachments the site carries: those some guide or model text refers to."""
    return frozenset(_uses(located).referenced)
