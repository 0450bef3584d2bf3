"""`qingdan new …`: each skeleton names every required field, and once its blanks are filled it passes check."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator import model as m
from generator.model.types import Record
from generator.pipeline import check
from generator.problems import errors
from tests.conftest import qingdan

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "publishing"
DATE = "2025-11-20"

# What a clerk would type into each blank, by field name.
SAMPLES = {
    "service_objects": "企业法人", "case_type": "承诺件", "conditions": "已取得营业执照",
    "name": "道路旅客运输经营申请表", "form": "纸质或电子", "copies": 1, "required": "是",
    "source": "申请人自备", "value": 20, "charged": "否", "handling_forms": "窗口办理",
    "level": "网上可办", "visits": 1, "address": "测试县人民路 1 号", "hours": "工作日 8:30-12:00",
    "enquiry": "0662-0000002", "complaint": "0662-12345", "legal_basis": "《中华人民共和国道路运输条例》",
    "date": "2025-10-01", "title": "测试县某镇关于某事项的示例", "body": "## 填写示例\n\n- 单位名称：某某公司",
    "id": "2026-q1-01", "locality": "测试县某镇", "unit": "测试县某镇人民政府", "violation_type": "其他",
    "facts": "经核实的违规事实。", "handling": "已整改。", "issuer": "测试县发展和改革局",
}
BLANK = re.compile(r'^(\s*)(- )?(\w+): ""(\s+#.*)?$')
BLANK_ENTRY = re.compile(r'^(\s*)- ""$')
LIST_HEADER = re.compile(r"^\s*(\w+):\s+#")


def fill(text: str) -> str:
    """Replace every "" blank with the sample for its field, keeping comments and the schema line."""
    out, list_key = [], None
    for line in text.splitlines():
        if (match := LIST_HEADER.match(line)) and not BLANK.match(line):
            list_key = match.group(1)
        if match := BLANK.match(line):
            indent, dash, key, comment = match.groups()
            line = f"{indent}{dash or ''}{key}: {json.dumps(SAMPLES[key], ensure_ascii=False)}{comment or ''}"
        elif match := BLANK_ENTRY.match(line):
            line = f"{match.group(1)}- {json.dumps(SAMPLES[list_key], ensure_ascii=False)}"
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.fixture
def repo(tmp_path) -> Path:
    shutil.copytree(FIXTURE / "content", tmp_path / "content")
    shutil.copytree(FIXTURE / "site_config", tmp_path / "site_config")
    return tmp_path


def new_errors(repo: Path) -> list:
    _, problems = check(repo / "content", repo / "site_config", DATE)
    return errors(problems)


def required_paths(model: type, prefix: str = "") -> set[str]:
    """Dotted paths of every required field, nested records included (lists by their first entry)."""
    found = set()
    for name, info in model.model_fields.items():
        if not info.is_required():
            continue
        found.add(prefix + name)
        inner = info.annotation
        args = getattr(inner, "__args__", ())
        if args and isinstance(args[0], type) and issubclass(args[0], Record):
            found |= required_paths(args[0], f"{prefix}{name}[0].")
        elif isinstance(inner, type) and issubclass(inner, Record):
            found |= required_paths(inner, f"{prefix}{name}.")
    return found


def present_paths(value, prefix: str = "") -> set[str]:
    found = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            found.add(prefix + key)
            found |= present_paths(inner, f"{prefix}{key}.")
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        found |= present_paths(value[0], prefix.rstrip(".") + "[0].")
    return found


CASES = [
    ("guide", ["--service-item", "441723002000"], "guides/jtysj/道路旅客运输经营许可.yaml", m.Guide,
     "../../schemas/guide.schema.json"),
    ("model-text", ["--department", "jtysj", "--id", "road-passenger-application", "--service-item", "441723002000"],
     "model-texts/jtysj/road-passenger-application.yaml", m.ModelText, "../../schemas/model-text.schema.json"),
    ("case", ["--bulletin", "2026-q1"], "bulletins/2026-q1.yaml", m.Bulletin, "../schemas/bulletin.schema.json"),
]


@pytest.mark.parametrize(("kind", "args", "written", "schema", "schema_line"), CASES, ids=[c[0] for c in CASES])
def test_skeleton_filled_with_samples_passes_check(repo, kind, args, written, schema, schema_line):
    result = qingdan(repo, "new", kind, *args)
    assert result.returncode == 0, result.stderr
    path = repo / "content" / written
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={schema_line}"
    # Every required field is there (as a blank or already filled in) …
    assert required_paths(schema) <= present_paths(yaml.safe_load(text))
    # … the blanks are blanks: check refuses the file until they are filled …
    unfilled = [p for p in new_errors(repo) if p.path.endswith(written)]
    assert unfilled, "an unfilled skeleton should not pass"
    assert all(p.line > 0 for p in unfilled)
    # … and filled with sample values it passes.
    path.write_text(fill(text), encoding="utf-8")
    assert new_errors(repo) == []
    assert qingdan(repo, "check", "--date", DATE).returncode == 0


def test_a_case_is_appended_to_an_existing_bulletin(repo):
    bulletin = repo / "content" / "bulletins" / "2025-01.yaml"
    before = yaml.safe_load(bulletin.read_text(encoding="utf-8"))
    assert qingdan(repo, "new", "case", "--bulletin", "2025-01").returncode == 0
    bulletin.write_text(fill(bulletin.read_text(encoding="utf-8")), encoding="utf-8")
    after = yaml.safe_load(bulletin.read_text(encoding="utf-8"))
    assert [c["id"] for c in after["cases"]] == [c["id"] for c in before["cases"]] + ["2026-q1-01"]
    assert new_errors(repo) == []


def test_refusals_say_why(repo):
    unknown = qingdan(repo, "new", "guide", "--service-item", "999999999999")
    assert unknown.returncode == 1 and "999999999999" in unknown.stderr
    has_guide = qingdan(repo, "new", "guide", "--service-item", "441723001000")
    assert has_guide.returncode == 1 and "已有办事指南" in has_guide.stderr
    bad_id = qingdan(repo, "new", "model-text", "--department", "jtysj", "--id", "道路")
    assert bad_id.returncode == 1 and "小写英文字母" in bad_id.stderr
    no_dept = qingdan(repo, "new", "model-text", "--department", "nope", "--id", "x")
    assert no_dept.returncode == 1 and "nope" in no_dept.stderr
    assert sorted(p.name for p in (repo / "content").rglob("*.yaml")) == sorted(
        p.name for p in (FIXTURE / "content").rglob("*.yaml"))
