"""Build the site with a site engine, atomically.

Takes the repository root (mkdocs.yml, content/, site_config/) and an output
directory; builds into a temporary directory beside it and swaps it in only when
the whole build succeeded, so a failing build leaves the previous site untouched.

Two engines read the same mkdocs.yml. For MkDocs the content loaded and rendered
here is handed to the config's qingdan plugin (generated pages never touch the disk, nothing
is validated twice); `mkdocs build` run by hand makes the plugin load it itself. Zensical has no hooks, so for it the
generated docs tree is written to build/zensical/docs and a copy of mkdocs.yml
pointing at it (hooks removed, the footer values filled in) is handed to
`zensical build`.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import yaml
from markupsafe import escape
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from generator.model.content import Content
from generator.pipeline import build_date, check
from generator.problems import errors, render_text
from generator.progress import Progress
from generator.render import render_all
from generator.render.chrome import chrome
from generator.site import engine_cache, swap
from generator.site.inputs import Inputs
from generator.site.page_meta import escape_front_matter
from generator.site.warm_engine import WarmEngine


class BuildFailed(Exception):
    pass


def checked(content_dir: Path, site_config_dir: Path, date: str | None, progress: Progress):
    """The first stage of a build: `pipeline.check`, shown as a progress stage with the file count."""
    files = sum(1 for _ in Path(content_dir).rglob("*.yaml"))
    with progress.stage("加载并校验内容文件 / loading and validating files", files):
        return check(content_dir, site_config_dir, date)


def build_site(root: Path, out_dir: Path, *, strict: bool = True, date: str | None = None,
               content_dir: Path | None = None, site_config_dir: Path | None = None,
               engine: str = "mkdocs", content: Content | None = None,
               tree: dict[str, str | bytes] | None = None, progress: Progress | None = None,
               work_dir: Path | None = None, cache_dir: Path | None = None,
               in_place: bool = False, warm: WarmEngine | None = None,
               inputs: str | None = None) -> str | None:
    """Load, validate and render (unless `content` / `tree` are given, already done), build
    into a temporary directory with `engine`, then swap it in as `out_dir`. `work_dir` is
    where Zensical's docs tree and config copy go (default build/zensical), so that
    concurrent builds (tests, the benchmark) do not share one.

    `cache_dir`: the build cache (engine_cache): only what changed is rendered; returns what
    was reused and why. `in_place` (with a cache, for `qingdan serve`): the previous site is
    updated file by file after a successful build instead of being swapped whole. `warm`
    (serve, MkDocs only) keeps this build's MkDocs objects once it has succeeded (warm_engine).
    `inputs`: `site_inputs()` taken before `content` was loaded, kept in the cache's manifest so
    that a later build of the same inputs links the cached site (`reuse_unchanged`).

    With MkDocs the pages of `tree` are handed over: the dict is left empty, each text
    let go once MkDocs has read it (see mkdocs_plugin), so count what you need first."""
    root = Path(root).resolve()
    out_dir = Path(out_dir).resolve()
    content_dir = Path(content_dir or root / "content")
    site_config_dir = Path(site_config_dir or root / "site_config")
    progress = progress or Progress(stages=3)
    if inputs is None and cache_dir is not None and engine == "mkdocs" and not in_place and content is None:
        inputs = site_inputs(root, content_dir, site_config_dir, date, strict)  # before anything is read
        unchanged = reuse_unchanged(out_dir, Path(cache_dir), inputs)
        if unchanged is not None:
            return unchanged
    if content is None:
        content, problems = checked(content_dir, site_config_dir, date, progress)
        if content is None:
            raise BuildFailed(render_text(errors(problems)))
    if tree is None:
        with progress.stage("生成页面 / rendering pages") as stage:
            tree = render_all(content)
            stage.count = len(tree)
    with _writing(out_dir):
        summary = _build_and_swap(root, out_dir, strict, engine, content, tree, progress, work_dir,
                                  cache_dir, in_place, warm, inputs or "")
    logging.getLogger("mkdocs").info("site written to %s", out_dir)
    return summary


def _build_and_swap(root: Path, out_dir: Path, strict: bool, engine: str, content: Content,
                    tree: dict[str, str | bytes], progress: Progress, work_dir: Path | None,
                    cache_dir: Path | None, in_place: bool, warm: WarmEngine | None = None,
                    inputs: str = "") -> str | None:
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
    pages = sum(1 for path in tree if path.endswith(".md"))
    session = None
    try:
        with progress.stage(f"{engine} 生成网站 / {engine} build, pages", pages):
            if engine == "zensical":
                _build_with_zensical(root, staging, content, tree,
                                     Path(work_dir or root / "build" / "zensical").resolve())
            else:
                if cache_dir is not None:
                    session = engine_cache.Session.open(cache_dir, out_dir if in_place else None, inputs)
                _build_with_mkdocs(root, staging, strict, content, tree, session, warm)
                if session is not None:
                    session.finish(staging)
                    if not session.in_place:
                        session.store(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if warm is not None:
            warm.forget()
        raise
    if session is not None and session.in_place:
        session.apply(staging)  # only the changed files move in (engine_cache)
        session.store(staging)
    else:
        swap.swap_in(staging, out_dir)
    if warm is not None:
        warm.commit()
    return session.summary() if session is not None else None


@contextlib.contextmanager
def _writing(out_dir: Path) -> Iterator[None]:
    """This build alone writes `out_dir` (killed builds' leftovers cleared), and its failures
    to write say what and where."""
    try:
        with swap.output_lock(out_dir):
            swap.clear_leftovers(out_dir)  # of killed builds: none can be running now
            yield
    except swap.OutputBusy as exc:
        raise BuildFailed(f"另一个构建正在写入 {exc}，请等它结束后再试 / another build is writing {exc}: "
                          "wait for it to finish, then try again") from exc
    except OSError as exc:
        raise BuildFailed(os_error_message(exc)) from exc


def site_inputs(root: Path, content_dir: Path, site_config_dir: Path, date: str | None, strict: bool = True) -> str:
    """The digest of everything a build of these folders reads (site.inputs), with the date every
    deadline is computed against (site.yaml's own as_of is in site_config/) and strictness."""
    return Inputs.of(Path(root), Path(content_dir), Path(site_config_dir),
                     f"date={build_date(date).isoformat()} strict={strict}").digest


def reuse_unchanged(out_dir: Path, cache_dir: Path, inputs: str) -> str | None:
    """`build --cache` when nothing it reads changed since the cached build: the stored
    outputs, linked into a staging folder and swapped in; nothing is loaded or rendered."""
    with _writing(out_dir):
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
        try:
            count = engine_cache.link_unchanged(cache_dir, inputs, staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        if count is None:
            shutil.rmtree(staging, ignore_errors=True)
            return None
        swap.swap_in(staging, out_dir)
    return (f"没有变化：内容、配置和生成器都与缓存的构建相同，沿用全部 {count} 个文件 / nothing changed: "
            f"content, configuration and generator as in the cached build, all {count} files reused")


def os_error_message(exc: OSError) -> str:
    """One line for a failed write: what the system said, and where (disk full, permission…)."""
    reasons = {errno.ENOSPC: "磁盘已满", errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限",
               errno.EROFS: "文件系统只读", errno.EDQUOT: "超出磁盘配额"}
    where = f"：{exc.filename}" if exc.filename else ""
    where_en = f": {exc.filename}" if exc.filename else ""
    return (f"无法写入网站（{reasons.get(exc.errno, exc.strerror or '系统错误')}{where}） / "
            f"cannot write the site ({exc.strerror or exc}{where_en})")


def _build_with_mkdocs(root: Path, staging: Path, strict: bool, content: Content,
                       tree: dict[str, str | bytes], session: engine_cache.Session | None,
                       warm: WarmEngine | None = None) -> None:
    quiet = _DirtyNotice()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(staging), strict=strict)
        prepare_plugin(config, content, tree, session, warm)
        # With a cache, MkDocs' dirty mode skips the pages the cache holds (engine_cache).
        mkdocs_build(config, dirty=session is not None)
    except (MkDocsException, Abort) as exc:
        raise BuildFailed(str(exc)) from exc
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)


def prepare_plugin(config, content: Content, tree: dict[str, str | bytes],
                   session: engine_cache.Session | None = None, warm: WarmEngine | None = None) -> None:
    """Hand what this build loaded and rendered to the config's own qingdan plugin, the
    build cache's session when there is one, and serve's warm engine."""
    config.plugins["qingdan"].prepare(content, tree, session, warm)


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build may have stale links; ours renders every page whose
    inputs changed (engine_cache), and in strict mode that warning would abort the build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def write_docs_tree(docs_dir: Path, static_dir: Path, tree: dict[str, str | bytes]) -> int:
    """Write the static assets and the generated tree to `docs_dir`.

    Only files whose bytes changed are rewritten and files no longer generated are
    removed, so a watcher (zensical serve) sees exactly what changed. Returns the
    number of files written.
    """
    wanted: dict[Path, bytes] = {}
    for path in sorted(p for p in static_dir.rglob("*") if p.is_file()):
        wanted[docs_dir / path.relative_to(static_dir)] = path.read_bytes()
    for relative, data in tree.items():
        wanted[docs_dir / relative] = data.encode("utf-8") if isinstance(data, str) else data
    written = 0
    for path, data in wanted.items():
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += 1
    if docs_dir.exists():
        for path in sorted(docs_dir.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written


def zensical_config(root: Path, docs_dir: str, site_dir: str, extra: dict) -> dict:
    """mkdocs.yml as Zensical needs it: paths relative to its folder (it refuses others),
    the written docs tree, the theme overrides copied beside it, no qingdan plugin, footer values filled."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = docs_dir
    config["site_dir"] = site_dir
    config.pop("watch", None)
    if "custom_dir" in config.get("theme", {}):
        config["theme"]["custom_dir"] = "overrides"
    # Look like Material (Zensical's default is its "modern" look), and no built-in
    # search: the finder page is the site's search, as with MkDocs (no search plugin).
    config.setdefault("theme", {}).setdefault("variant", "classic")
    config["plugins"] = {"search": {"enabled": False}}
    config.setdefault("extra", {})["qingdan"] = extra
    return config


def _build_with_zensical(root: Path, staging: Path, content: Content,
                         tree: dict[str, str | bytes], work: Path) -> None:
    docs_dir = work / "docs"
    # No hook escapes the titles for Zensical: write them escaped (see page_meta).
    write_docs_tree(docs_dir, root / "site_config" / "docs",
                    {path: escape_front_matter(data) if path.endswith(".md") else data
                     for path, data in tree.items()})
    # Zensical wants every path inside the folder of its config: build there, then move.
    built = work / "site"
    shutil.rmtree(built, ignore_errors=True)
    shutil.rmtree(work / "overrides", ignore_errors=True)
    shutil.copytree(root / "site_config" / "overrides", work / "overrides")
    config = zensical_config(root, "docs", "site", chrome(content))
    # The hook hands MkDocs these escaped; here the config copy carries them escaped.
    config["site_name"] = str(escape(content.site.site_name))
    config["site_description"] = str(escape(content.site.description))
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "zensical", "build", "-f", str(config_file)],
                            capture_output=True, text=True, cwd=work)
    if result.returncode != 0:
        raise BuildFailed(f"zensical build failed:\n{result.stdout}\n{result.stderr}")
    staging.rmdir()
    os.replace(built, staging)
