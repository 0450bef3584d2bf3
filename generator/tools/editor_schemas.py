"""JSON Schema files for clerks' editors, generated from the content model.

Takes the pydantic models (`model.kinds.KINDS` and the site configuration); gives
one JSON Schema per content type, with the Chinese field labels as titles and
descriptions, and the VS Code settings that map each content path to its schema.
A clerk's editor (yaml-language-server) then completes field names and flags a
typo, a missing field, a wrong enum value or an unquoted number in a text field as
they type. `qingdan schemas` writes them; a test keeps the committed files in step.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, StringConstraints
from pydantic.json_schema import GenerateJsonSchema

from generator import model as m
from generator.model.kinds import KINDS, SITE_SCHEMA_FILE, SITE_TITLE
from generator.model.types import NOT_STATED_WORD, NotStated
from generator.model.types import YES_NO_WORDS as YES_NO_WORDS_BY_PAIR

SITE_SCHEMA = SITE_SCHEMA_FILE
# Titles of nested records used by fields with different labels (others take their field's label).
DEFINITION_TITLES = {"TimeLimit": "办结时限", "DayUnit": "时限单位", "Step": "办理环节", "Contact": "联系方式",
                     "Measure": "准入措施", "Attachment": "附件", "FeeItem": "收费项目", "Faq": "常见问题"}
# Words a yes/no field accepts besides true/false, as the model reads them.
YES_NO_WORDS = [word for pair in YES_NO_WORDS_BY_PAIR for word in pair]
DIALECT = "https://json-schema.org/draft/2020-12/schema"
DEFAULT_OUT = Path("content") / "schemas"
EDITOR_SETTINGS = Path(".vscode") / "settings.json"


class _Generator(GenerateJsonSchema):
    """Defaults as a clerk writes them: a field that defaults to 未注明 shows the word."""

    def encode_default(self, dft: Any) -> Any:
        if isinstance(dft, NotStated):
            return NOT_STATED_WORD
        return super().encode_default(dft)


def _walk(node: Any):
    """Every dict inside a JSON value, depth first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _refs(node: dict) -> list[str]:
    """Names of the definitions a property points at (directly, as list items, or optional)."""
    return [inner["$ref"].rsplit("/", 1)[-1] for inner in _walk(node) if "$ref" in inner]


def _pattern(annotation: Any, metadata: list) -> str | None:
    """The regular expression a string field must match, wherever it sits in the type."""
    stack = [*metadata, annotation]
    while stack:
        item = stack.pop()
        if isinstance(item, StringConstraints) and item.pattern:
            return item.pattern
        stack.extend(get_args(item))
    return None


def _records(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every record class reachable from `model`, by class name (the schema's definition names)."""
    found: dict[str, type[BaseModel]] = {}
    stack: list[Any] = [model]
    while stack:
        item = stack.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            if item.__name__ in found:
                continue
            found[item.__name__] = item
            stack.extend(info.annotation for info in item.model_fields.values())
        else:
            stack.extend(get_args(item))
    return found


def _add_patterns(schema: dict, model: type[BaseModel]) -> None:
    # pydantic leaves a pattern out when a validator runs before it; the editor should still see it.
    for name, record in _records(model).items():
        node = schema if record is model else schema.get("$defs", {}).get(name, {})
        for field, info in record.model_fields.items():
            pattern = _pattern(info.annotation, info.metadata)
            prop = node.get("properties", {}).get(field)
            if pattern and prop is not None:
                for inner in _walk(prop):
                    if inner.get("type") == "string" and "enum" not in inner:
                        inner["pattern"] = pattern


def schema_for(model: type[BaseModel], title: str) -> dict[str, Any]:
    """The editor schema of one content type."""
    schema = model.model_json_schema(mode="validation", schema_generator=_Generator)
    _add_patterns(schema, model)
    definitions = schema.get("$defs", {})
    for name, definition in definitions.items():
        if name in DEFINITION_TITLES:
            definition["title"] = DEFINITION_TITLES[name]
    for node in list(_walk(schema)):
        # A nested record or vocabulary is named after the first field that uses it, in Chinese.
        for prop in (node.get("properties") or {}).values():
            for name in _refs(prop):
                definition = definitions.get(name)
                if definition is not None and definition.get("title") == name and prop.get("title"):
                    definition["title"] = prop["title"]
        # Yes/no fields take 是/否 as well as true/false.
        if node.get("type") == "boolean":
            del node["type"]
            node["anyOf"] = [{"type": "boolean"}, {"enum": YES_NO_WORDS}]
    schema["title"] = title
    return {"$schema": DIALECT, **schema}


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema, for every content type and the site configuration."""
    out = {kind.schema_file: schema_for(kind.schema, kind.title) for kind in KINDS}
    out[SITE_SCHEMA] = schema_for(m.SiteConfig, SITE_TITLE)
    return out


def editor_settings(schema_dir: Path = DEFAULT_OUT) -> dict[str, Any]:
    """VS Code settings: each schema for its content paths, so files without a `$schema` line
    validate too; UTF-8, LF and two-space indentation for YAML."""
    folder = schema_dir.as_posix()
    mapping = {f"./{folder}/{kind.schema_file}": f"content/{kind.pattern.replace('**.yaml', '**/*.yaml')}"
               for kind in KINDS}
    mapping[f"./{folder}/{SITE_SCHEMA}"] = "site_config/site.yaml"
    return {
        "yaml.schemas": mapping,
        "yaml.validate": True,
        "yaml.completion": True,
        "files.encoding": "utf8",
        "files.eol": "\n",
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2, "editor.detectIndentation": False},
    }


def dump(value: Any) -> str:
    """Stable JSON text: the committed files must not change unless the model does."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def rendered(schema_dir: Path = DEFAULT_OUT, settings: Path | None = EDITOR_SETTINGS) -> dict[Path, str]:
    """Every file `qingdan schemas` writes (paths relative to the repository root) and its text."""
    files = {schema_dir / name: dump(schema) for name, schema in all_schemas().items()}
    if settings is not None:
        files[settings] = dump(editor_settings(schema_dir))
    return files


def write(root: Path, schema_dir: Path = DEFAULT_OUT, settings: Path | None = EDITOR_SETTINGS) -> list[Path]:
    """Write the schema files (and editor settings) under `root`; returns the paths that changed."""
    changed = []
    for relative, text in rendered(schema_dir, settings).items():
        target = root / relative
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed.append(relative)
    return changed


def stale(root: Path, schema_dir: Path = DEFAULT_OUT, settings: Path | None = EDITOR_SETTINGS) -> list[Path]:
    """Files that differ from what the model gives now (or are missing)."""
    return [relative for relative, text in rendered(schema_dir, settings).items()
            if not (root / relative).is_file() or (root / relative).read_text(encoding="utf-8") != text]
