"""A build never leaves the output without a site, runs one at a time, cleans up after killed
builds, and turns an OS error (disk full, a file it may not write) into one message and exit 1."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from generator.site import swap
from generator.tools.cli import main

from .conftest import ROOT, TEST_DATE

BASE = ROOT / "tests" / "fixtures" / "loader_base"
ARGS = ["--content", str(BASE / "content"), "--site-config", str(BASE / "site_config"), "--date", TEST_DATE]


def previous_site(out: Path) -> None:
    out.mkdir(parents=True)
    (out / "index.html").write_text("<p>上一版网站</p>", encoding="utf-8")


def test_a_second_build_of_the_same_output_is_refused_while_one_runs(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "site"
    previous_site(out)
    with swap.output_lock(out):
        assert main(["build", *ARGS, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"另一个构建正在写入 {out}，请等它结束后再试 / another build is writing {out}: wait for it to finish" in err
    assert "Traceback" not in err
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>上一版网站</p>"


def test_leftovers_of_killed_builds_are_removed_and_the_site_replaced(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "site"
    previous_site(out)
    for name in (".site.building-abc123", ".site.old-4242"):
        (tmp_path / name / "assets").mkdir(parents=True)
        (tmp_path / name / "assets" / "x.js").write_text("x", encoding="utf-8")
    assert main(["build", *ARGS, "--out", str(out)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert "上一版网站" not in (out / "index.html").read_text(encoding="utf-8")


def test_a_swap_killed_between_its_renames_is_undone_by_the_next_build(tmp_path):
    out = tmp_path / "site"
    retired = tmp_path / ".site.old-777"
    previous_site(retired)  # the old site moved aside, the new one never moved in
    (tmp_path / ".site.building-x").mkdir()
    swap.clear_leftovers(out)
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>上一版网站</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_swap_exchanges_the_folders(tmp_path):
    out, staging = tmp_path / "site", tmp_path / ".site.building-1"
    previous_site(out)
    staging.mkdir()
    (staging / "index.html").write_text("新", encoding="utf-8")
    swap.swap_in(staging, out)
    assert (out / "index.html").read_text(encoding="utf-8") == "新"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB file system: the fixture's site does not fit."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3M", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("needs permission to mount a tmpfs")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_is_one_message_and_the_previous_site_stays(small_disk):
    out = small_disk / "site"
    previous_site(out)
    result = subprocess.run([sys.executable, "-m", "generator", "build", *ARGS, "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1
    assert "无法写入网站（磁盘已满" in result.stderr and "cannot write the site (No space left on device" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>上一版网站</p>"
    assert sorted(p.name for p in small_disk.iterdir()) == ["site"]


def test_a_file_too_large_for_the_limit_is_one_message(tmp_path):
    """RLIMIT_FSIZE makes the kernel refuse a write (EFBIG), as a quota would."""
    out = tmp_path / f"site-{uuid.uuid4().hex[:6]}"
    code = ("import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
            "resource.setrlimit(resource.RLIMIT_FSIZE, (200000, 200000)); "
            "from generator.tools.cli import main; sys.exit(main(sys.argv[1:]))")
    result = subprocess.run([sys.executable, "-c", code, "build", *ARGS, "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1, result.stderr[-2000:]
    assert "cannot write the site (File too large" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
