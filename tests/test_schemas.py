"""The editors' JSON Schema files: committed, current, wired up, and right about content.

The schemas are checked the way yaml-language-server reads YAML (the 1.2 core
schema: an unquoted 100004 is a number, an unquoted date is text), using our own
reader's record of what was quoted.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.load.loader import kind_of
from generator.load.yaml_source import Unquoted, read_yaml
from generator.model.kinds import KINDS
from generator.tools import editor_schemas as schemas
from generator.tools.cli import main
from tests.conftest import ROOT

jsonschema = pytest.importorskip("jsonschema")

SCHEMA_DIR = ROOT / schemas.DEFAULT_OUT
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.M)
CONTENT_FILES = sorted(p for p in (ROOT / "content").rglob("*.yaml")
                       if not p.relative_to(ROOT / "content").as_posix().startswith(("files/", "schemas/")))


def as_yaml_12(value):
    """Our reader's values as a YAML 1.2 core-schema reader (the editor's) would type them."""
    if isinstance(value, dict):
        return {k: as_yaml_12(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_yaml_12(v) for v in value]
    if isinstance(value, Unquoted):
        if value.kind == "int" and re.fullmatch(r"[-+]?[0-9]+", value):
            return int(value)
        if value.kind == "float" and re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", value):
            return float(value)
        if value.kind == "bool" and value in ("true", "True", "TRUE", "false", "False", "FALSE"):
            return value.lower() == "true"
        return str(value)
    return value


def validator(name: str):
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_committed_schemas_match_the_model():
    stale = schemas.stale(ROOT)
    assert not stale, (f"out of date: {[p.as_posix() for p in stale]}; "
                       "run `qingdan schemas` and commit content/schemas/ and .vscode/settings.json")


def test_schemas_command_check_mode(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["schemas", "--check"]) == 1, "nothing written yet: --check must fail"
    assert main(["schemas"]) == 0
    assert main(["schemas", "--check"]) == 0
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert written == sorted([".vscode/settings.json", *(f"content/schemas/{n}" for n in schemas.all_schemas())])
    (tmp_path / "content/schemas/guide.schema.json").write_text("{}", encoding="utf-8")
    assert main(["schemas", "--check"]) == 1


def test_every_content_type_has_a_schema_and_an_editor_mapping():
    names = {kind.schema_file for kind in KINDS} | {schemas.SITE_SCHEMA}
    for required in ("departments", "edition", "service-items", "guide", "model-text", "bulletin",
                     "complaints", "rectification", "site"):
        assert f"{required}.schema.json" in names
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = {Path(target).name: glob for target, glob in settings["yaml.schemas"].items()}
    assert set(mapped) == names
    for target in settings["yaml.schemas"]:
        assert (ROOT / target).is_file()
    assert mapped["guide.schema.json"] == "content/guides/**/*.yaml"
    assert mapped["site.schema.json"] == "site_config/site.yaml"


def test_titles_are_chinese():
    for name, schema in schemas.all_schemas().items():
        assert re.search(r"[\u4e00-\u9fff]", schema["title"]), name
        for definition in schema.get("$defs", {}).values():
            assert re.search(r"[\u4e00-\u9fff]", definition["title"]), (name, definition["title"])
        for prop in schema["properties"].values():
            assert re.search(r"[\u4e00-\u9fff]", prop["title"]), (name, prop)


@pytest.mark.parametrize("path", [*CONTENT_FILES, ROOT / "site_config" / "site.yaml"],
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_shipped_files_point_at_their_schema_and_pass_it(path):
    """A schema line, if present, names the schema of the file's kind; the file passes that schema."""
    text = path.read_text(encoding="utf-8")
    if path.parent.name == "site_config":
        expected = schemas.SITE_SCHEMA
    else:
        expected = kind_of(path.relative_to(ROOT / "content").as_posix()).schema_file
    line = SCHEMA_LINE.search(text)
    if line:
        assert (path.parent / line.group(1)).resolve() == (SCHEMA_DIR / expected).resolve()
    doc, problems = read_yaml(path.read_bytes(), str(path))
    assert doc is not None and not problems
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in validator(expected).iter_errors(as_yaml_12(doc.data))]
    assert errors == []


@pytest.mark.parametrize(("change", "expected"), [
    # An unquoted code is a number to the editor: flagged in a text field (the code may
    # also be 未注明, so the editor says it is neither a text nor 未注明).
    ((7, '    code: "100004"', "    code: 100004"), [(["items", 0, "code"], "is not valid under any of the given schemas")]),
    # A typo in a field name: the editor names the stray key and the missing one.
    ((8, "    name: 禁止违规开展金融相关经营活动", "    nme: 禁止违规开展金融相关经营活动"),
     [(["items", 0], "Additional properties are not allowed ('nme' was unexpected)"),
      (["items", 0], "'name' is a required property")]),
    # A value outside the vocabulary.
    ((9, "    category: 禁止准入类", "    category: 禁止类"), [(["items", 0, "category"], "'禁止类' is not one of")]),
    # An id that would not make a URL.
    ((12, "    responsible_units: [scjgj]", "    responsible_units: [市场监管局]"),
     [(["items", 0, "responsible_units", 0], "does not match")]),
])
def test_editor_flags_what_the_loader_refuses(change, expected):
    line, before, after = change
    base = ROOT / "tests" / "fixtures" / "loader_base" / "content" / "editions" / "2025.yaml"
    lines = base.read_text(encoding="utf-8").splitlines()
    assert lines[line - 1] == before
    lines[line - 1] = after
    doc, problems = read_yaml("\n".join(lines).encode(), "2025.yaml")
    errors = list(validator("edition.schema.json").iter_errors(as_yaml_12(doc.data)))
    assert len(errors) == len(expected)
    for (where, message), error in zip(sorted(expected), sorted(errors, key=lambda e: e.message), strict=True):
        assert (list(error.absolute_path), message in error.message) == (where, True), error.message


def test_yes_no_words_are_what_the_model_accepts():
    from pydantic import TypeAdapter, ValidationError

    from generator.model.types import Flag

    flag = TypeAdapter(Flag)
    assert [flag.validate_python(word) for word in schemas.YES_NO_WORDS] == [True, False, True, False, True, False]
    with pytest.raises(ValidationError):
        flag.validate_python("也许")
