"""`qingdan import`: the list table or the mapping table a county receives -> content YAML.

Takes a spreadsheet (XLSX or CSV, read by `sheets`), the kind of table and the content
directory; gives the one content file it changes (content/editions/<id>.yaml for the
list, content/service-items/<dept>.yaml for the mapping) or every bad cell as
`file.xlsx!Sheet!C12: 中文 / English`, and then writes nothing. Columns are read by
`import_columns`, rows by `import_rows`; this module merges and writes.

- What each column fills is one table per kind (`LIST_COLUMNS`, `MAPPING_COLUMNS`).
- Nothing is invented: a blank cell leaves its field unstated (the field is left out),
  never padded; a field the content model requires and the sheet does not give is an
  error at the cell (or, for what no column gives, at the row's key cell).
- Entries are merged by code with the file as it is: only the imported columns change,
  everything the county wrote by hand stays (responsible units, task division, 管理权限,
  a measure's own code, a service item's codes…), and so does the order of the file
  and the comment lines above each entry. Importing the same sheet twice changes nothing.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from generator import model as m
from generator.load.loader import display_path, load_one
from generator.load.schema_check import check_schema
from generator.load.yaml_source import read_yaml
from generator.problems import Problem
from generator.tools import yaml_out
from generator.tools.import_columns import (
    LIST,
    MAPPING,
    NOT_STATED_WORD,
    Kind,
    Rules,
    is_not_stated,
    takes_not_stated,
)
from generator.tools.import_rows import Draft, Reading, read_table

KINDS = ("list", "mapping")


# --- merging with the file as it is ----------------------------------------------------


def _ordered(entry: dict, model: type[BaseModel]) -> dict:
    """Fields in the model's order (the order the hand-written files use); others after, as they were."""
    order = list(model.model_fields)
    return {k: entry[k] for k in sorted(entry, key=lambda k: order.index(k) if k in order else len(order))}


def _merge_measures(old: list, new: list[dict]) -> list[dict]:
    """Imported measures, each keeping the fields the county gave the same text (its code…)."""
    unused = [o for o in old if isinstance(o, dict)] if isinstance(old, list) else []
    out = []
    for measure in new:
        same = next((o for o in unused if o.get("text") == measure["text"]), None)
        merged = dict(measure)
        if same is not None:
            unused.remove(same)
            merged = {k: v for k, v in same.items() if k not in ("text", "star")} | measure
        out.append(_ordered(merged, m.Measure))
    return out


def merge_entry(old: dict | None, draft: Draft, model: type[BaseModel]) -> dict:
    """The entry as the file will hold it: the sheet's stated fields over the county's own."""
    merged = dict(old or {})
    for name in draft.stated:
        if name in draft.values and draft.values[name] not in (None, [], ""):
            value = draft.values[name]
            if name == "measures":
                value = _merge_measures(merged.get("measures", []), value)  # type: ignore[arg-type]
            merged[name] = value
        elif name in model.model_fields:
            # Blank in the sheet: not stated. Written 未注明 where the model has that value,
            # else left out; never padded with a default.
            if takes_not_stated(model, name):
                merged[name] = NOT_STATED_WORD
            else:
                merged.pop(name, None)
    for name, header in draft.absent.items():
        # A required field the sheet has no column for, on an entry that has none either.
        if name not in merged and model.model_fields[name].is_required() and takes_not_stated(model, name):
            merged[name] = {NOT_STATED_WORD: f"表格没有“{header}”列"}
    if old is None:
        merged.update({k: v for k, v in draft.defaults.items() if k not in merged})
    return _ordered(merged, model)


def _missing(entry: dict, draft: Draft, kind: Kind, target: str) -> list[Problem]:
    """A field the model requires that neither the sheet nor the file gives."""
    problems = []
    labels = {c.field: c.header for c in kind.columns if c.field}
    for name, info in kind.model.model_fields.items():
        if not info.is_required() or name in entry:
            continue
        if name in draft.cells and name in labels:
            problems.append(Problem(draft.cells[name], 0, 0, "", f"“{labels[name]}”为空：这一项必须填写",
                                    f"'{labels[name]}' is empty: it is required"))
        else:
            where = draft.cells.get("code") or draft.cells.get("service_code") or draft.first_cell
            problems.append(Problem(
                where, 0, 0, "",
                f"表格没有给出{info.title}（{name}），{target} 中也没有：请先在该文件中写明，再导入",
                f"the sheet does not give {name} ({info.title}) and {target} does not hold it: "
                "write it there first, then import"))
    return problems


def _old_index(draft: Draft, kind: Kind, old_by_key: dict[tuple[str, str], int], old_entries: list) -> int | None:
    """Which entry of the file the draft updates: the same code, else (no code) the same name."""
    names = [(name, draft.values[name]) for name in (kind.key, *kind.also) if name in draft.values]
    if names:
        return next((old_by_key[n] for n in names if n in old_by_key), None)
    if kind.fallback is None or kind.fallback not in draft.values:
        return None
    return next((i for i, entry in enumerate(old_entries) if isinstance(entry, dict)
                 and (kind.key not in entry or is_not_stated(entry[kind.key]))
                 and entry.get(kind.fallback) == draft.values[kind.fallback]), None)


def _invalid(entry: dict, draft: Draft, kind: Kind) -> list[Problem]:
    """The model's own rules on one entry (an item without a code needs an id…), at its row.

    Only the rules that carry their own "中文 / English" message: what is missing is
    `_missing`'s, and the shape of each value was checked cell by cell."""
    try:
        kind.model.model_validate(entry)
    except ValidationError as exc:
        where = draft.cells.get(kind.key) or draft.first_cell
        return [Problem(where, 0, 0, "", *error["msg"].split(" / ", 1))
                for error in exc.errors(include_url=False)
                if error["type"] not in _BUILT_IN and " / " in error["msg"]]
    return []


_BUILT_IN = frozenset({"missing", "extra_forbidden"})


@dataclass(frozen=True, slots=True)
class Outcome:
    path: Path
    text: str
    changed: bool
    added: tuple[str, ...]
    updated: tuple[str, ...]
    kept: tuple[str, ...]  # in the file, not in the sheet: left as they were
    notices: tuple[str, ...]


NEW_FILE_HEAD = {
    "service_items": "# yaml-language-server: $schema=../schemas/service-items.schema.json",
}


# What a new edition's item does not take over from the same code in an earlier edition:
# the text's own provenance and the codes it replaced belong to that edition.
NOT_CARRIED = frozenset({"source", "replaces"})


def merge_file(path: Path, shown: str, reading: Reading, kind: Kind,
               carried: dict[str, dict] | None = None) -> tuple[Outcome | None, list[Problem]]:
    """The file's new text (nothing is written here), or the problems that stop the import.

    `carried`: entries of an earlier edition by code; a code new to this file starts from the
    county's own fields there (responsible units, task division…), never from its imported ones.
    """
    old_entries: list = []
    head, notes = NEW_FILE_HEAD.get(kind.list_key, ""), []
    raw = path.read_bytes() if path.is_file() else None
    if raw is not None:
        doc, problems = read_yaml(raw, shown)
        if doc is None or problems:
            return None, problems
        split = yaml_out.split_document(doc, kind.list_key)
        if split is None:
            return None, [Problem(shown, 0, 0, "", f"“{kind.list_key}:”须是文件的最后一个字段，导入才能保留其后的内容",
                                  f"'{kind.list_key}:' must be the file's last field for the import to keep what follows")]
        head, notes = split
        data = doc.data if isinstance(doc.data, dict) else {}
        old_entries = data.get(kind.list_key) if isinstance(data.get(kind.list_key), list) else []
    old_by_key: dict[tuple[str, str], int] = {}
    problems = []
    for index, entry in enumerate(old_entries):
        for name in (kind.key, *kind.also):
            key = entry.get(name) if isinstance(entry, dict) else None
            if not isinstance(key, str):
                continue
            if (name, key) in old_by_key:
                problems.append(Problem(shown, 0, 0, "", f"文件中 {name} “{key}” 出现了两次，无法按编码合并",
                                        f"the file holds {name} '{key}' twice: cannot merge by code"))
            old_by_key[(name, key)] = index
    if problems:
        return None, problems
    entries: list[tuple[yaml_out.Notes, object]] = [
        (notes[i] if i < len(notes) else {}, entry) for i, entry in enumerate(old_entries)]
    added, updated = [], []
    matched: set[int] = set()
    insert_at = 0
    for draft in reading.drafts:
        index = _old_index(draft, kind, old_by_key, old_entries)
        old = old_entries[index] if index is not None else None
        if index is not None:
            matched.add(index)
        base = old
        if old is None and carried and draft.values.get(kind.key) in carried:
            # Measures stay, so that a measure of the same text keeps its own code; the other
            # imported fields come from this sheet or not at all.
            imported = {c.field for c in kind.columns if c.field and c.field != "measures"} | NOT_CARRIED
            base = {k: v for k, v in carried[draft.values[kind.key]].items() if k not in imported}  # type: ignore[index]
        merged = merge_entry(base, draft, kind.model)
        problems += _missing(merged, draft, kind, shown) + _invalid(merged, draft, kind)
        key = str(merged.get(kind.key) if kind.key in merged else draft.values.get(kind.fallback or kind.key, "?"))
        if index is None:
            entries.insert(insert_at, ({}, merged))
            added.append(key)
            insert_at += 1
        else:
            position = next(i for i, (_, e) in enumerate(entries) if e is old)
            entries[position] = (entries[position][0], merged)
            if yaml_out.entry_text(merged) != yaml_out.entry_text(old):  # type: ignore[arg-type]
                updated.append(key)
            insert_at = position + 1
    if problems:
        return None, problems
    text = yaml_out.document(head, kind.list_key, entries)  # type: ignore[arg-type]
    # What is written must be what the loader accepts: read it back as `qingdan check` would.
    doc, problems = read_yaml(text.encode("utf-8"), shown)
    if doc is not None and not problems:
        problems = check_schema(doc, kind.file_model)[1]
    if problems:
        return None, problems
    kept = tuple(str(e.get(kind.key)) if isinstance(e, dict) else "?"
                 for i, e in enumerate(old_entries) if i not in matched)
    return Outcome(path, text, raw != text.encode("utf-8"), tuple(added), tuple(updated), kept,
                   tuple(reading.notices)), []


# --- the command -----------------------------------------------------------------------


def _rules(site: m.SiteConfig) -> Rules:
    patterns = site.code_patterns
    return Rules(re.compile(patterns.list_item), re.compile(patterns.basic_code),
                 re.compile(patterns.implementation_code))


def run(file: Path, kind: str, content_dir: Path, site_config_dir: Path, edition: str | None = None,
        department: str | None = None, carry_from: str | None = None, write: bool = True) -> tuple[Outcome | None, list[Problem]]:
    """Import `file` into the content directory; on any problem nothing is written."""
    site_path = Path(site_config_dir) / "site.yaml"
    if not site_path.is_file():
        return None, [Problem(display_path(site_path), 0, 0, "", "缺少网站配置文件",
                              "site configuration file is missing")]
    _, site, problems = load_one(site_path, m.SiteConfig)
    if site is None:
        return None, problems
    try:
        rules = _rules(site)  # type: ignore[arg-type]
    except re.error as exc:
        return None, [Problem(display_path(site_path), 0, 0, "code_patterns",
                              f"正则表达式无效：{exc}", f"invalid regular expression: {exc}")]
    if kind == "list":
        edition = edition or site.current_edition  # type: ignore[attr-defined]
        target = Path(content_dir) / "editions" / f"{edition}.yaml"
        if not target.is_file():
            shown = display_path(target)
            return None, [Problem(shown, 0, 0, "", "版本文件不存在：请先建立它并写明 edition（id、title、published），再导入事项",
                                  "no such edition file: create it with its edition: header (id, title, "
                                  "published) first, then import the items")]
        table = LIST
    else:
        problems = _department_problems(Path(content_dir), department)
        if problems:
            return None, problems
        target = Path(content_dir) / "service-items" / f"{department}.yaml"
        table = MAPPING
    reading = read_table(Path(file).read_bytes(), Path(file).name, kind, rules, department or "")
    if not reading.drafts:
        return None, reading.problems or [Problem(Path(file).name, 0, 0, "", "表格中没有可导入的行",
                                                  "the sheet has no rows to import")]
    carried, problems = _carried(Path(content_dir), carry_from) if kind == "list" else ({}, [])
    if problems:
        return None, problems
    outcome, problems = merge_file(target, display_path(target), reading, table, carried)
    # A bad cell is reported once: not again as a required field it left empty.
    bad_cells = {p.path for p in reading.problems}
    problems = reading.problems + [p for p in problems if p.path not in bad_cells]
    if outcome is None or problems:
        return None, problems
    if write and outcome.changed:
        _write(target, outcome.text)
    return outcome, []


def _carried(content_dir: Path, edition: str | None) -> tuple[dict[str, dict], list[Problem]]:
    """The items of an earlier edition file by code (for --carry-from)."""
    if not edition:
        return {}, []
    path = content_dir / "editions" / f"{edition}.yaml"
    shown = display_path(path)
    if not path.is_file():
        return {}, [Problem(shown, 0, 0, "", "要沿用的版本文件不存在", "the edition to carry fields from does not exist")]
    doc, problems = read_yaml(path.read_bytes(), shown)
    if doc is None or problems:
        return {}, problems
    items = doc.data.get("items") if isinstance(doc.data, dict) else None
    return {entry["code"]: entry for entry in items or [] if isinstance(entry, dict)
            and isinstance(entry.get("code"), str) and not is_not_stated(entry["code"])}, []


def _department_problems(content_dir: Path, department: str | None) -> list[Problem]:
    if not department:
        return [Problem("--department", 0, 0, "", "导入对应关系须用 --department 指明单位标识",
                        "importing a mapping needs --department ID")]
    path = content_dir / "departments.yaml"
    shown = display_path(path)
    if not path.is_file():
        return [Problem(shown, 0, 0, "", "缺少单位文件", "the departments file is missing")]
    _, value, problems = load_one(path, m.DepartmentsFile)
    if value is None:
        return problems
    if department not in {d.id for d in value.departments}:  # type: ignore[attr-defined]
        return [Problem(shown, 0, 0, "", f"找不到单位 “{department}”", f"no department '{department}' exists")]
    return []


def _write(target: Path, text: str) -> None:
    """Whole or not at all: a crash mid-write never leaves half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
