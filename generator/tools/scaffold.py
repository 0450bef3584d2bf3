"""Skeletons of new content files, so a clerk fills blanks instead of guessing keys.

Takes the loaded content (to know the service items, departments, bulletins and the
current edition) and what the clerk asked for; gives the path and the text of a new
file: the editor's schema line, every required field with an empty "" to fill and its
Chinese label as a comment, and the optional fields commented out. The skeleton is
written from the content model itself, so it never lags behind a new required field.
`qingdan new guide|case|model-text|bundle` writes it. Nothing here writes; it reads only to
see whether the target exists (and, for a case, the bulletin file it appends to).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import types
import typing
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator import model as m
from generator.load.loader import LoadedContent
from generator.model.kinds import BY_KEY, SCHEMAS_FOLDER, Kind
from generator.model.types import SLUG_PATTERN

HOW_TO = ("# 填写方法：在每个 \"\" 的引号之间填写内容；以 # 开头的行是说明，"
          "其中写着字段名的是选填项，需要时删去行首的 # 再填写。\n"
          "# 填好后运行 qingdan check 检查，qingdan serve 预览。\n")
# Characters a file name cannot hold on Windows or in a URL-safe checkout.
_BAD_FILE_CHARS = re.compile(r'[\\/:*?"<>|\s]+')


class ScaffoldError(Exception):
    """What the clerk asked for cannot be scaffolded (unknown code, file exists …), in Chinese and English."""


@dataclass(frozen=True, slots=True)
class Scaffold:
    path: Path  # the file to write (inside the content directory)
    text: str
    append: bool = False  # add to the end of an existing file instead of creating one


# --- the skeleton of one record ------------------------------------------------------


def _unwrap(annotation: Any) -> Any:
    """`X | None` -> X; Annotated[X, …] -> X."""
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in get_args(annotation) if a is not type(None)]
            annotation = rest[0] if len(rest) == 1 else annotation
            if len(rest) != 1:
                return annotation
        else:
            return annotation


def _is_record(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _hint(info: FieldInfo, annotation: Any) -> str:
    """The Chinese label of a field, with what it accepts."""
    text = info.title or ""
    if info.description and info.description != info.title:
        text += f"：{info.description}"
    inner = _unwrap(annotation)
    if get_origin(inner) is list:
        inner = _unwrap(get_args(inner)[0])
    if isinstance(inner, type) and issubclass(inner, Enum) and not all(str(e.value) in text for e in inner):
        text += "（可选：" + " / ".join(str(e.value) for e in inner) + "）"
    elif inner is bool:
        text += "（填 是 或 否）"
    elif inner is dt.date:
        text += "（日期，如 2025-11-20）"
    elif inner is int:
        text += "（填数字）"
    return text


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def record_lines(model: type[BaseModel], indent: int = 0, prefill: dict[str, Any] | None = None,
                 first_prefix: str = "") -> list[str]:
    """YAML lines for one record: required fields blank, optional fields commented out.

    `prefill` maps dotted field paths (``reviewed.edition``) to values already known.
    `first_prefix` ("- ") starts a list entry on the first line.
    """
    prefill = prefill or {}
    lines: list[str] = []
    for name, info in model.model_fields.items():
        pad = " " * indent
        if not lines and first_prefix:
            pad = " " * (indent - len(first_prefix)) + first_prefix
        annotation = _unwrap(info.annotation)
        hint = _hint(info, info.annotation)
        if name in prefill:
            lines.append(f"{pad}{name}: {_value(prefill[name])}  # {hint}")
        elif not info.is_required():
            empty = "[]" if get_origin(annotation) is list else '""'
            lines.append(f"{pad}# {name}: {empty}  # 选填 {hint}")
        elif _is_record(annotation):
            nested = {k.split(".", 1)[1]: v for k, v in prefill.items() if k.startswith(f"{name}.")}
            lines.append(f"{pad}{name}:  # {hint}")
            lines += record_lines(annotation, indent + 2, nested)
        elif get_origin(annotation) is list:
            element = _unwrap(get_args(annotation)[0])
            lines.append(f"{pad}{name}:  # {hint}（至少一项；多项时照样复制一段）")
            if _is_record(element):
                lines += record_lines(element, indent + 4, first_prefix="- ")
            else:
                lines.append(f"{' ' * (indent + 2)}- \"\"")
        else:
            lines.append(f"{pad}{name}: \"\"  # {hint}")
    return lines


# --- the three kinds of new file -------------------------------------------------------


def _schema_line(target: Path, content_dir: Path, kind: Kind) -> str:
    schema = Path(content_dir) / SCHEMAS_FOLDER / BY_KEY[kind].schema_file
    relative = os.path.relpath(schema, target.parent).replace(os.sep, "/")
    return f"# yaml-language-server: $schema={relative}\n"


def _file_name(text: str) -> str:
    return _BAD_FILE_CHARS.sub("-", text).strip("-.") or "未命名"


def _current_edition(loaded: LoadedContent) -> str | None:
    return loaded.site.value.current_edition if loaded.site is not None else None


def _departments(loaded: LoadedContent) -> dict[str, m.Department]:
    return {d.id: d for f in loaded.files[Kind.DEPARTMENTS] for d in f.value.departments}


def new_guide(loaded: LoadedContent, service_item: str) -> Scaffold:
    """A guide for a service item that has none yet, in its department's folder."""
    items = {s.basic_code: s for f in loaded.files[Kind.SERVICE_ITEMS] for s in f.value.service_items}
    item = items.get(service_item)
    if item is None:
        raise ScaffoldError(f"找不到基本编码为 {service_item} 的政务服务事项：请先在 content/service-items/ 中登记 / "
                            f"no service item has the basic code {service_item}: add it to content/service-items/ first")
    existing = [f.doc.path for f in loaded.files[Kind.GUIDES] if f.value.service_item == service_item]
    if existing:
        raise ScaffoldError(f"该事项已有办事指南：{existing[0]}，请直接修改它 / "
                            f"this service item already has a guide: edit {existing[0]}")
    target = loaded.content_dir / BY_KEY[Kind.GUIDES].folder / item.department / f"{_file_name(item.name)}.yaml"
    prefill = {"service_item": item.basic_code, "department": item.department}
    edition = _current_edition(loaded)
    if edition:
        prefill["reviewed.edition"] = edition
    text = (_schema_line(target, loaded.content_dir, Kind.GUIDES)
            + f"# 办事指南：{item.name}（{item.basic_code}）。由 qingdan new guide 生成。\n" + HOW_TO
            + "\n".join(record_lines(m.Guide, prefill=prefill)) + "\n")
    return Scaffold(_exists_check(target), text)


def new_model_text(loaded: LoadedContent, department: str, text_id: str,
                   service_item: str | None = None) -> Scaffold:
    """A model text of a department, named by its id."""
    if department not in _departments(loaded):
        raise ScaffoldError(f"content/departments.yaml 中没有单位 {department} / "
                            f"no department {department} in content/departments.yaml")
    if not re.fullmatch(SLUG_PATTERN, text_id):
        raise ScaffoldError(f"标识 “{text_id}” 只能用小写英文字母、数字和连字符，如 food-business-application / "
                            f"the id '{text_id}' may hold lower-case letters, digits and hyphens only")
    if any(f.value.id == text_id for f in loaded.files[Kind.MODEL_TEXTS]):
        raise ScaffoldError(f"已有标识为 {text_id} 的示范文本 / a model text with the id {text_id} exists")
    target = loaded.content_dir / BY_KEY[Kind.MODEL_TEXTS].folder / department / f"{text_id}.yaml"
    prefill: dict[str, Any] = {"id": text_id, "department": department}
    if service_item:
        prefill["service_item"] = service_item
    edition = _current_edition(loaded)
    if edition:
        prefill["reviewed.edition"] = edition
    text = (_schema_line(target, loaded.content_dir, Kind.MODEL_TEXTS)
            + "# 示范文本。由 qingdan new model-text 生成。正文（body）可写成多行：把 \"\" 换成 |，"
              "下一行起缩进两个空格书写。\n" + HOW_TO
            + "\n".join(record_lines(m.ModelText, prefill=prefill)) + "\n")
    return Scaffold(_exists_check(target), text)


def new_case(loaded: LoadedContent, bulletin: str) -> Scaffold:
    """A violation case: appended to bulletin `bulletin`, or a new bulletin holding it."""
    if not re.fullmatch(SLUG_PATTERN, bulletin):
        raise ScaffoldError(f"通报标识 “{bulletin}” 只能用小写英文字母、数字和连字符，如 2025-q4 / "
                            f"the bulletin id '{bulletin}' may hold lower-case letters, digits and hyphens only")
    target = loaded.content_dir / BY_KEY[Kind.BULLETINS].folder / f"{bulletin}.yaml"
    if target.exists():
        source = target.read_text(encoding="utf-8")
        top_level = [line for line in source.splitlines() if line[:1] not in ("", " ", "#", "-")]
        if not top_level or not top_level[-1].startswith("cases:"):
            raise ScaffoldError(f"{target} 的 cases 不在文件末尾，无法自动追加：请把 cases 移到最后再试 / "
                                "cases is not the last key of the bulletin, so the case cannot be appended")
        # Indent the new entry like the bulletin's other cases.
        entries = re.findall(r"^( *)- ", source.split("\ncases:", 1)[-1], flags=re.M)
        indent = len(entries[-1]) if entries else 2
        case = record_lines(m.ViolationCase, indent=indent + 2, first_prefix="- ")
        lead = "" if source.endswith("\n") else "\n"
        return Scaffold(target, lead + " " * indent + "# 新案例：由 qingdan new case 生成\n"
                        + "\n".join(case) + "\n", append=True)
    text = (_schema_line(target, loaded.content_dir, Kind.BULLETINS)
            + "# 违规案例通报。由 qingdan new case 生成。\n" + HOW_TO
            + "\n".join(record_lines(m.Bulletin, prefill={"id": bulletin})) + "\n")
    return Scaffold(target, text)


# How questions pick steps, written out once: the commented `questions: []` alone does not show it.
BUNDLE_QUESTION_EXAMPLE = (
    "# 问题的写法（选填）：选某一项时需要办的事项写在该选项的 steps 中；没有任何选项提到的事项，所有人都要办。\n"
    "# questions:\n"
    "#   - id: karaoke\n"
    "#     text: 店里是否设卡拉OK包房？\n"
    "#     options:\n"
    "#       - {id: \"yes\", text: 是, steps: [entertainment]}\n"
    "#       - {id: \"no\", text: 否}\n"
)


def new_bundle(loaded: LoadedContent, bundle_id: str) -> Scaffold:
    """A 一件事 bundle of the office, named by its id (the file name and the page address)."""
    if not re.fullmatch(SLUG_PATTERN, bundle_id):
        raise ScaffoldError(f"标识 “{bundle_id}” 只能用小写英文字母、数字和连字符，如 restaurant / "
                            f"the id '{bundle_id}' may hold lower-case letters, digits and hyphens only")
    target = loaded.content_dir / BY_KEY[Kind.BUNDLES].folder / f"{bundle_id}.yaml"
    text = (_schema_line(target, loaded.content_dir, Kind.BUNDLES)
            + "# 一件事。由 qingdan new bundle 生成。事项（steps）按办理先后书写，after 写必须先办完的事项；"
              "本县发布了政务服务事项的填 service_item，没有的填 name 和 department 或 authority。\n" + HOW_TO
            + BUNDLE_QUESTION_EXAMPLE
            + "\n".join(record_lines(m.Bundle, prefill={"id": bundle_id})) + "\n")
    return Scaffold(_exists_check(target), text)


def _exists_check(target: Path) -> Path:
    if target.exists():
        raise ScaffoldError(f"文件已存在：{target} / the file exists already")
    return target
