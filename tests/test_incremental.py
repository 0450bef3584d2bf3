"""Incremental builds give the clean build's bytes, step after step (issue 16).

A property test: a random sequence of edits — change, delete, re-add and rename a
guide, change a list item that guides show, change the site configuration, break a
reference and fix it — applied to a copy of the content. After each step the site
built with the cache (`build_site(cache_dir=...)`) must be byte-identical to a clean
build of the same content, and a failing step must leave the previous site and cache
as they were. The clean build is the reference; nothing here recomputes what a page
should contain. The seed is printed; QINGDAN_PROPERTY_SEED replays one.

Run on the shipped content and on small synthetic content (bench.synthetic).
"""

from __future__ import annotations

import io
import os
import random
import shutil
from pathlib import Path

import pytest
import yaml

from bench.synthetic import make_content
from generator.site import engine_cache
from generator.site.build import BuildFailed, build_site
from generator.site.preview import Preview
from tests.conftest import ROOT, TEST_DATE, qingdan
from tests.test_site_build import tree_bytes

SEED = int(os.environ.get("QINGDAN_PROPERTY_SEED", "16"))


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


class Edits:
    """The edits a clerk makes, on a content copy; each returns what it did, for the report."""

    def __init__(self, content: Path, site_config: Path, rng: random.Random):
        self.content, self.site_config, self.rng = content, site_config, rng
        self.removed: list[tuple[Path, str]] = []  # deleted guides, to add back
        self.broken: tuple[Path, str] | None = None  # a file with a broken reference, its text

    def guides(self) -> list[Path]:
        return sorted((self.content / "guides").rglob("*.yaml"))

    def change_guide(self) -> str:
        path = self.rng.choice(self.guides())
        data = _load(path)
        data["conditions"] = [*data.get("conditions", []), f"新增条件 {self.rng.randint(0, 9999)}"]
        _dump(path, data)
        return f"change {path.name}"

    def delete_guide(self) -> str:
        path = self.rng.choice(self.guides())
        self.removed.append((path, path.read_text(encoding="utf-8")))
        path.unlink()
        return f"delete {path.name}"

    def add_guide(self) -> str:
        if not self.removed:
            return self.change_guide()
        path, text = self.removed.pop(self.rng.randrange(len(self.removed)))
        path.write_text(text, encoding="utf-8")
        return f"add {path.name}"

    def rename_guide(self) -> str:
        path = self.rng.choice(self.guides())
        target = path.with_name(f"改名-{self.rng.randint(0, 9999)}.yaml")
        path.rename(target)
        return f"rename {path.name} -> {target.name}"

    def change_list_item(self) -> str:
        # The item most guides reach (through their service items) changes its name.
        edition = sorted((self.content / "editions").glob("*.yaml"))[-1]
        data = _load(edition)
        item = self.rng.choice(data["items"][:5])
        item["name"] = f"{item['name']}（修订{self.rng.randint(0, 99)}）"
        _dump(edition, data)
        return f"change list item {item['code']}"

    def change_site_config(self) -> str:
        path = self.site_config / "site.yaml"
        data = _load(path)
        data["description"] = f"{data.get('description', '')}（更新 {self.rng.randint(0, 99)}）"
        _dump(path, data)
        return "change site.yaml"

    def break_reference(self) -> str:
        path = self.rng.choice(self.guides())
        text = path.read_text(encoding="utf-8")
        data = _load(path)
        data["department"] = "没有这个单位"
        _dump(path, data)
        self.broken = (path, text)
        return f"break {path.name}"

    def fix_reference(self) -> str:
        path, text = self.broken
        path.write_text(text, encoding="utf-8")
        self.broken = None
        return f"fix {path.name}"


STEPS = ("change_guide", "delete_guide", "add_guide", "rename_guide", "change_list_item",
         "change_site_config", "break_reference")


def _run_property(tmp_path: Path, content: Path, site_config: Path, steps: int, seed: int,
                  in_place: bool) -> list[str]:
    """`in_place`: through `qingdan serve`'s Preview (kept files, kept pages, the edited pages
    first); else `build_site` with the object store, a fresh build each step as in CI."""
    rng = random.Random(seed)
    work = tmp_path / "work"
    shutil.copytree(content, work / "content")
    shutil.copytree(site_config, work / "site_config")
    edits = Edits(work / "content", work / "site_config", rng)
    said = io.StringIO()
    preview = Preview(ROOT, edits.content, edits.site_config, TEST_DATE, tmp_path / "serve", out=said)
    site, cache = (preview.site_dir, preview.work / "cache") if in_place else (tmp_path / "site", tmp_path / "cache")
    early: dict[str, bytes] = {}  # what serve showed first, as it was when shown

    def shown_first(paths: list[str]) -> None:
        early.update({path: (site / path).read_bytes() for path in paths})

    def incremental():
        if not in_place:
            return build_site(ROOT, site, date=TEST_DATE, content_dir=edits.content,
                              site_config_dir=edits.site_config, cache_dir=cache, in_place=in_place)
        said.seek(0), said.truncate()
        if not preview.rebuild(early=shown_first):
            raise BuildFailed(said.getvalue())
        return " / ".join(line for line in said.getvalue().splitlines()
                          if "incremental build" in line or "shown first" in line or "nothing changed" in line)

    def clean(name: str) -> Path:
        out = tmp_path / name
        shutil.rmtree(out, ignore_errors=True)
        build_site(ROOT, out, date=TEST_DATE, content_dir=edits.content, site_config_dir=edits.site_config)
        return out

    done = [f"seed {seed}", incremental()]
    assert tree_bytes(site) == tree_bytes(clean("clean")), done
    for _ in range(steps):
        name = "fix_reference" if edits.broken else rng.choice(STEPS)
        done.append(getattr(edits, name)())
        if edits.broken:
            before, cached = tree_bytes(site), tree_bytes(cache)
            with pytest.raises(BuildFailed):
                incremental()
            assert tree_bytes(site) == before, done  # the previous site stays as it was
            assert tree_bytes(cache) == cached, done
            continue
        early.clear()
        done.append(incremental())
        reference = tree_bytes(clean("clean"))
        got = tree_bytes(site)
        assert sorted(got) == sorted(reference), (done, sorted(set(got) ^ set(reference))[:10])
        differing = [path for path in reference if got[path] != reference[path]]
        assert not differing, (done, differing[:10])
        # A page shown before the build finished was already the clean build's page.
        assert all(reference[path] == data for path, data in early.items()), (done, sorted(early))
    return done


def test_incremental_builds_equal_clean_builds_on_synthetic_content(tmp_path):
    """In place, as `qingdan serve` builds."""
    data = make_content(tmp_path / "synthetic", items=6, guides=10, seed=SEED)
    done = _run_property(tmp_path, data / "content", data / "site_config", steps=6, seed=SEED, in_place=True)
    # Some pages were reused: the cache did its work (not just full builds every time).
    assert any("沿用 0 页" not in line for line in done if "incremental" in line), done


def test_incremental_builds_equal_clean_builds_on_the_shipped_content(tmp_path):
    """With the object store and a whole-site swap, as `qingdan build --cache` builds."""
    _run_property(tmp_path, ROOT / "content", ROOT / "site_config", steps=2, seed=SEED + 1, in_place=False)


# --- serve: the edited page first, nothing for a save that changed nothing ----------------


@pytest.fixture
def preview(tmp_path) -> Preview:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "site_config", tmp_path / "site_config")
    preview = Preview(ROOT, tmp_path / "content", tmp_path / "site_config", TEST_DATE, tmp_path / "serve",
                      out=io.StringIO())
    assert preview.rebuild()
    return preview


def _said(preview: Preview) -> str:
    text = preview.out.getvalue()
    preview.out.seek(0), preview.out.truncate()
    return text


def test_serve_shows_an_edited_guide_first_as_the_clean_build_writes_it(preview, tmp_path):
    guide = preview.content_dir / "guides" / "scjgj" / "食品经营许可.yaml"
    guide.write_text(guide.read_text(encoding="utf-8").replace("conditions:", "conditions:\n  - 申请人新增条件（测试）", 1),
                     encoding="utf-8")
    _said(preview)
    shown: dict[str, bytes] = {}
    assert preview.rebuild(early=lambda paths: shown.update(
        {path: (preview.site_dir / path).read_bytes() for path in paths}))
    said = _said(preview)
    assert list(shown) == ["guides/441723001000/index.html"], said
    assert "申请人新增条件（测试）" in shown["guides/441723001000/index.html"].decode()
    assert said.index("shown first") < said.index("updated in"), said
    clean = tmp_path / "clean"
    build_site(ROOT, clean, date=TEST_DATE, content_dir=preview.content_dir, site_config_dir=preview.site_config_dir)
    reference = tree_bytes(clean)
    assert shown["guides/441723001000/index.html"] == reference["guides/441723001000/index.html"]
    assert tree_bytes(preview.site_dir) == reference


def test_early_pages_go_back_when_the_build_after_them_fails(preview):
    before = tree_bytes(preview.site_dir)
    early = preview.warm.render({"guides/441723001000/index.md": "# 另一个页面\n"}, preview.site_dir)
    assert early.urls == ["guides/441723001000/index.html"]
    assert "另一个页面" in (preview.site_dir / early.urls[0]).read_text(encoding="utf-8")
    early.restore()
    assert tree_bytes(preview.site_dir) == before


def test_a_save_that_changes_nothing_rebuilds_nothing(preview):
    guide = preview.content_dir / "guides" / "scjgj" / "食品经营许可.yaml"
    stamps = {p: p.stat().st_mtime_ns for p in preview.site_dir.rglob("*") if p.is_file()}
    _said(preview)
    guide.write_bytes(guide.read_bytes())  # saved, not changed
    assert preview.rebuild()
    assert "nothing changed" in _said(preview)
    assert {p: p.stat().st_mtime_ns for p in preview.site_dir.rglob("*") if p.is_file()} == stamps
    guide.write_text(guide.read_text(encoding="utf-8") + "\n# 注释\n", encoding="utf-8")  # bytes differ
    assert preview.rebuild()
    assert "nothing changed" not in _said(preview)


# --- what the cache says, and when it is not used ----------------------------------------


@pytest.fixture
def tiny(tmp_path) -> Path:
    return make_content(tmp_path / "tiny", items=4, guides=6)


def _build(data: Path, site: Path, cache: Path) -> str:
    return build_site(ROOT, site, date=TEST_DATE, content_dir=data / "content",
                      site_config_dir=data / "site_config", cache_dir=cache)


def test_a_cache_it_cannot_read_means_a_full_build_saying_why(tiny, tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    assert "no cache yet" in _build(tiny, site, cache)
    _touch_a_guide(tiny)  # other bytes, the same content: the pipeline runs, MkDocs renders nothing
    again = _build(tiny, site, cache)
    assert "rendered, " in again and " 0 pages rendered" in again and "full build" not in again
    (cache / "manifest.json").write_text("{not json", encoding="utf-8")
    assert "cache unreadable" in _build(tiny, site, cache)


def _touch_a_guide(data: Path) -> None:
    guide = sorted((data / "content" / "guides").rglob("*.yaml"))[0]
    guide.write_text(guide.read_text(encoding="utf-8") + "\n# 注释\n", encoding="utf-8")


def test_a_build_with_nothing_changed_links_the_cached_site(tiny, tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    _build(tiny, site, cache)
    reference = tree_bytes(site)
    shutil.rmtree(site)  # as on a CI runner: the cache restored, no site
    summary = _build(tiny, site, cache)
    assert "nothing changed" in summary and f"all {len(reference)} files reused" in summary, summary
    assert tree_bytes(site) == reference
    # Any byte of what the build reads is a change: content, site_config.
    _touch_a_guide(tiny)
    assert "nothing changed" not in _build(tiny, site, cache)
    site_yaml = tiny / "site_config" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "\n# 注释\n", encoding="utf-8")
    assert "nothing changed" not in _build(tiny, site, cache)
    assert tree_bytes(site) == reference


def test_the_command_line_with_nothing_changed_writes_the_cached_site(tiny, tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    args = ["build", "--out", str(site), "--cache", str(cache), "--content", str(tiny / "content"),
            "--site-config", str(tiny / "site_config"), "--date", TEST_DATE]
    first = qingdan(ROOT, *args)
    assert first.returncode == 0, first.stderr
    reference = tree_bytes(site)
    again = qingdan(ROOT, *args)
    assert again.returncode == 0 and "nothing changed" in again.stderr, again.stderr
    assert "incremental build" in first.stderr and "incremental build" not in again.stderr  # no build ran
    assert tree_bytes(site) == reference


def test_another_generator_version_renders_every_page_and_says_so(tiny, tmp_path, monkeypatch):
    site, cache = tmp_path / "site", tmp_path / "cache"
    _build(tiny, site, cache)
    import generator

    monkeypatch.setattr(generator, "__version__", "0.0.0-other")  # what site.inputs reads
    monkeypatch.setattr(engine_cache, "__version__", "0.0.0-other")
    summary = _build(tiny, site, cache)
    assert "生成器版本 / generator version" in summary and " 0 reused" in summary


def test_a_damaged_cached_page_is_rendered_again(tiny, tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    _build(tiny, site, cache)
    reference = tree_bytes(site)
    # The stored copy of a guide page (one inode with the site's file: replace it, do not
    # write through it, or the site would change too).
    guide = site / next(p for p in reference if p.startswith("guides/") and p.count("/") == 2)
    stored = next(p for p in (cache / "objects").rglob("*") if p.is_file() and p.samefile(guide))
    stored.unlink()
    stored.write_text("被改坏的页面", encoding="utf-8")
    summary = _build(tiny, site, cache)  # not "nothing changed": a stored file is damaged
    assert "1 damaged" in summary
    assert tree_bytes(site) == reference
