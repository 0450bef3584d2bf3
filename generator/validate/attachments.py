"""Attachments: every file a model text attaches, and every blank form a guide links
under /files/, is a relative path inside content/files/ that exists.

Takes `Located`; gives one ERROR per bad path or missing file.
"""

from __future__ import annotations

from generator.load.clerk_hints import same_file_hint
from generator.model.types import listed
from generator.problems import Problem
from generator.validate.located import At, Located

SITE_FILES = "/files/"  # a guide's blank-form link to an attachment of this site


def _attachment(located: Located, entry: At, field: tuple, relative: str) -> list[Problem]:
    if relative.startswith(("/", "\\")) or ".." in relative.split("/") or "\\" in relative:
        return [entry.problem(field, "附件路径须为 files/ 下的相对路径，不能含 .. 或 \\",
                              "attachment paths are relative to files/, without .. or \\")]
    if relative not in located.attachments:
        hint_zh, hint_en = same_file_hint(relative, located.attachments)
        return [entry.problem(field, f"找不到附件文件 files/{relative}{hint_zh}",
                              f"attachment file files/{relative} does not exist{hint_en}")]
    return []


def problems(located: Located) -> list[Problem]:
    out = []
    for entry in located.guides:
        for j, material in enumerate(listed(entry.value.materials)):
            url = material.blank_form
            if url and url.startswith(SITE_FILES):
                out += _attachment(located, entry, ("materials", j, "blank_form"), url.removeprefix(SITE_FILES))
    for entry in located.model_texts:
        for j, attachment in enumerate(entry.value.files):
            out += _attachment(located, entry, ("files", j, "file"), attachment.file)
    return out
