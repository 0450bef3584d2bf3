"""CSV exports opened by a real spreadsheet: LibreOffice headless converts them to ODS and no
cell may be a formula. A control file written by hand (not by the exporter) shows that the same
reader does turn "=1+1" into a formula, so the check can fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from generator.pipeline import check
from generator.render import exports

from .conftest import ROOT, TEST_DATE

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is installed by .ci/run (libreoffice-calc-nogui)")

# What a hostile pull request could put in any text field that reaches an export.
PAYLOADS = ["=1+1", "=HYPERLINK(\"http://evil.example\",\"点击\")", "+1+1", "-1+1", "@SUM(1;1)",
            "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0", "-200 元（退还）", "＝1+1"]


def formulas_after_opening(folder: Path, files: dict[str, bytes]) -> dict[str, list[str]]:
    """Each CSV converted by LibreOffice (UTF-8, comma, double quote), and the formulas in it."""
    for name, data in files.items():
        (folder / name).write_bytes(data)
    subprocess.run([SOFFICE, "--headless", "--norestore", "--infilter=CSV:44,34,76", "--convert-to", "ods",
                    "--outdir", str(folder), *[str(folder / name) for name in files]],
                   check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": str(folder)})
    found = {}
    for name in files:
        with zipfile.ZipFile(folder / name.replace(".csv", ".ods")) as ods:
            xml = ods.read("content.xml").decode("utf-8")
        found[name] = [part.split('"', 1)[0] for part in xml.split('table:formula="')[1:]]
    return found


def test_no_exported_cell_becomes_a_formula(tmp_path):
    hostile = exports._csv([["name", "count"], *[[payload, -3] for payload in PAYLOADS]])
    content, problems = check(ROOT / "content", ROOT / "site_config", TEST_DATE)
    assert content is not None
    shipped = {path.replace("/", "-"): data for path, data in exports.export_files(content)
               if path.endswith(".csv")}
    control = "\ufeffname\r\n=1+1\r\n\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"\r\n".encode()
    found = formulas_after_opening(tmp_path, {"hostile.csv": hostile, "control.csv": control, **shipped})
    assert found.pop("control.csv") == ["of:=1+1", "of:=HYPERLINK(&quot;http://evil.example&quot;;&quot;x&quot;)"]
    assert found == {name: [] for name in found}
    assert len(found) == 1 + len(shipped) >= 6


def test_neutralised_cells_read_back_as_the_text_with_a_quote():
    rows = exports._csv([[payload] for payload in PAYLOADS]).decode("utf-8-sig").split("\r\n")
    assert rows[:4] == ['"\'=1+1"', '"\'=HYPERLINK(""http://evil.example"",""点击"")"', '"\'+1+1"', '"\'-1+1"']
    assert rows[8] == '"\'-200 元（退还）"'
    assert rows[9] == "\"＝1+1\""  # a full-width ＝ is not a formula in a spreadsheet
    assert exports._csv([[-3, 5]]).decode("utf-8-sig") == "-3,5\r\n"  # numbers stay numbers
