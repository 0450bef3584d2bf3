"""The contributor docs: every error quoted in CONTRIBUTING.md is what `qingdan check` really says.

Each example is made by one mistake in a copy of the shipped content; the test runs the check and
requires the quoted line verbatim, and every quoted line must belong to an example here, so the
guide for clerks cannot drift from the messages they will see.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.pipeline import check
from generator.tools import codeowners
from tests.conftest import ROOT, TEST_DATE

DOC = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
GUIDE = "content/guides/scjgj/药品零售企业经营许可.yaml"
BULLETIN = "content/bulletins/2024-q4.yaml"


def lines(path: str, changes: dict[int, str | None]) -> Callable[[Path], None]:
    """Replace whole lines (1-based) of `path`; None deletes the line."""
    def apply(root: Path) -> None:
        file = root / path
        old = file.read_text(encoding="utf-8").splitlines()
        new = [changes.get(n, line) for n, line in enumerate(old, 1) if not (n in changes and changes[n] is None)]
        file.write_text("\n".join(new) + "\n", encoding="utf-8")
    return apply


def gbk(root: Path) -> None:
    file = root / GUIDE
    file.write_bytes(file.read_text(encoding="utf-8").encode("gb18030"))


def mobile_number_in_a_case(root: Path) -> None:
    file = root / BULLETIN
    file.write_text(file.read_text(encoding="utf-8").replace("    facts: 2024 年 3 月", "    facts: 举报人电话 13812345678。2024 年 3 月", 1),
                    encoding="utf-8")


def stale_team(root: Path) -> None:
    text, _ = codeowners.generate(root / "content", root / "site_config")
    (root / ".github").mkdir()
    (root / ".github" / "CODEOWNERS").write_text(text.replace("@yangxi-gov/scjgj", "@yangxi-gov/old"), encoding="utf-8")


EXAMPLES: dict[str, Callable[[Path], None]] = {
    "gbk": gbk,
    "tab": lines(GUIDE, {18: "\tform: 纸质或电子"}),
    "colon": lines(GUIDE, {17: "  - name: 药品经营许可证申请表 注意: 原件"}),
    "unquoted": lines(GUIDE, {3: "service_item: 000112044000"}),
    "enum": lines(GUIDE, {9: "case_type: 承若件"}),
    "copies": lines(GUIDE, {19: "    copies: 两份"}),
    "typo": lines(GUIDE, {9: "case_typ: 承诺件"}),
    "missing": lines(GUIDE, {9: None}),
    "reference": lines(GUIDE, {24: "    model_text: yaopin-shenqing"}),
    "unknown-department": lines(GUIDE, {4: "department: scjgjj"}),
    "full-width-colon": lines(GUIDE, {19: "    copies：1"}),
    "missing-dash": lines(GUIDE, {25: "    name: 质量负责人、执业药师的执业资格证明及劳动合同"}),
    "time-limit-as-text": lines(GUIDE, {81: "promised_time_limit: 15个工作日", 82: None, 83: None}),
    "personal-data": mobile_number_in_a_case,
    "stale-guide": lambda root: None,  # the shipped sample has one within its grace period
    "codeowners": stale_team,
}


def quoted() -> list[str]:
    """The lines of the ```text blocks in CONTRIBUTING.md."""
    return [line for block in re.findall(r"```text\n(.*?)```", DOC, re.S) for line in block.splitlines()]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, list[str]]:
    found = {}
    for name, mistake in EXAMPLES.items():
        root = tmp_path_factory.mktemp(name)
        shutil.copytree(ROOT / "content", root / "content")
        shutil.copytree(ROOT / "site_config", root / "site_config")
        mistake(root)
        _, problems = check(root / "content", root / "site_config", TEST_DATE)
        if name == "codeowners":  # repository policy: its own command, `qingdan codeowners --check`
            problems += codeowners.repository_problems(root / "content", root / "site_config")
        # Paths as a clerk sees them: relative to the repository root.
        found[name] = [p.text().replace(f"{root}/", "") for p in problems]
    return found


def test_every_quoted_line_is_real_output(outputs):
    assert len(quoted()) == len(EXAMPLES)
    for line in quoted():
        assert any(line in out for out in outputs.values()), f"CONTRIBUTING.md quotes a message qingdan does not give:\n{line}"


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_is_quoted(outputs, name):
    # What this mistake adds to the shipped content's own output (the stale-guide warning).
    own = set(outputs[name]) - (set() if name == "stale-guide" else set(outputs["stale-guide"]))
    assert own & set(quoted()), f"{name}: no line of its output is quoted"


def test_the_commands_the_docs_name_exist():
    from generator.tools.cli import parser

    commands = set(parser()._subparsers._group_actions[0].choices)
    named = set(re.findall(r"`qingdan (\w+)", DOC))
    assert named and named <= commands
    for template in (ROOT / ".github" / "pull_request_template.md",
                     ROOT / ".gitlab" / "merge_request_templates" / "Default.md"):
        text = template.read_text(encoding="utf-8")
        assert "CONTRIBUTING.md" in text and "qingdan check" in text
