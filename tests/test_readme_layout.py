"""The README's map of the code ("How it works", "Where to change what") names real files.

A newcomer follows it to the template, view, numbers and URL of a page; when a module is
renamed or moved and the README is not, this fails and names the stale entry.
"""

from __future__ import annotations

import re

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
GENERATOR = ROOT / "generator"


def section(title: str) -> str:
    start = README.index(title)
    end = README.find("\n## ", start + 1)
    return README[start:end]


def test_every_stage_folder_of_the_diagram_exists():
    diagram = section("## How it works").split("```")[1]
    folders = re.findall(r"──([a-z]+)/──", diagram)
    assert folders == ["load", "validate", "derive", "render", "site"]
    for folder in folders:
        assert (GENERATOR / folder / "__init__.py").is_file(), folder


def test_every_module_the_diagram_names_is_in_its_stage_folder():
    diagram = section("## How it works").split("```")[1]
    missing, stage, named = [], None, 0
    for line in diagram.splitlines():
        found = re.search(r"──([a-z]+)/──", line)
        if found:
            stage = found.group(1)
        elif not line.startswith(" " * 20):  # the input line above the stages
            continue
        modules = re.split(r"\s{2,}", line.strip())[-1]  # the last column: the stage's modules
        for name in re.findall(r"[a-z_]+", modules):
            named += 1
            if not ((GENERATOR / stage / f"{name}.py").is_file() or (GENERATOR / stage / name).is_dir()):
                missing.append(f"{stage}/{name}")
    assert named >= 30 and not missing, missing


def test_every_file_in_the_where_to_change_table_exists():
    table = section("### Where to change what")
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) >= 10
    missing = []
    for row in rows:
        view, numbers, template = (cell.strip() for cell in row.strip("|").split("|")[2:5])
        for name in re.findall(r"`([a-z_]+\.py)`", view):
            if not (GENERATOR / "render" / name).is_file():
                missing.append(f"render/{name}")
        for name in re.findall(r"`([a-z_]+\.py)`", numbers):
            if not (GENERATOR / "derive" / name).is_file():
                missing.append(f"derive/{name}")
        for name in re.findall(r"`([a-z_-]+/[a-z_.*-]+\.j2)`", template):
            if not list((GENERATOR / "render" / "templates").glob(name)):
                missing.append(f"templates/{name}")
    assert not missing, missing


def test_the_scorecard_and_mapping_rows_name_one_file_each_that_holds_what_they_say():
    """The two pages the issue names: each column points at one file that really holds it."""
    urls = (GENERATOR / "render" / "urls.py").read_text(encoding="utf-8")
    assert 'SCORECARD = "scorecard/index.md"' in urls and 'MAPPING = "mapping/index.md"' in urls
    assert "def scorecard_view(" in (GENERATOR / "render" / "accountability.py").read_text(encoding="utf-8")
    assert "def mapping(" in (GENERATOR / "render" / "overview.py").read_text(encoding="utf-8")
    assert "def scorecard_rows(" in (GENERATOR / "derive" / "scorecard.py").read_text(encoding="utf-8")
    assert "def mapping_rows(" in (GENERATOR / "derive" / "mapping.py").read_text(encoding="utf-8")
    assert (GENERATOR / "render" / "templates" / "accountability" / "scorecard.md.j2").is_file()
    assert (GENERATOR / "render" / "templates" / "site" / "mapping.md.j2").is_file()


def test_every_module_of_a_stage_folder_is_on_the_map():
    diagram = section("## How it works").split("```")[1]
    named: dict[str, set[str]] = {}
    stage = None
    for line in diagram.splitlines():
        found = re.search(r"──([a-z]+)/──", line)
        if found:
            stage = found.group(1)
        elif not line.startswith(" " * 20):
            continue
        named.setdefault(stage, set()).update(re.findall(r"[a-z_]+", re.split(r"\s{2,}", line.strip())[-1]))
    unnamed = [f"{stage}/{path.name}" for stage, names in named.items()
               for path in sorted((GENERATOR / stage).iterdir())
               if not path.name.startswith("_") and path.name != "__pycache__"
               and path.stem not in names]
    assert not unnamed, f"modules missing from the README's diagram: {unnamed}"
