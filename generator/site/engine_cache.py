"""Incremental site-engine builds: MkDocs renders only the pages whose inputs changed.

Design (issue 16). A clean build is the reference; an incremental build must write the
same bytes, so the cache records, for every output, exactly what it was made from:

- A detail page's HTML is a function of its own Markdown (front matter included), of
  the *engine key* below, and of the link targets its Markdown names: MkDocs rewrites
  `../x/index.md` to `../x/` when the target exists and leaves it (with a warning) when
  it does not. Detail pages are not in the navigation, and every navigation entry has
  its title in mkdocs.yml, so no page reads another page's text. The Markdown is
  hashed as the generator rendered it; the link lookups MkDocs makes while rendering
  a page are recorded (target -> its URL, or missing) and checked against the new
  file list before the page is reused.
- The engine key: mkdocs.yml, the config values the plugin fills from site.yaml (footer,
  site name), the theme overrides, the versions of MkDocs, Material and the Markdown
  packages, and the generator version with the sources of the plugin-side modules. Any
  part changing makes every page render again, and the build says which part.
- Generated assets (exports, feed, search shards) and the theme's and docs' static files
  are reused when their bytes hash the same; 404.html and the sitemap are always
  rendered (they list every page).

A build with a cache runs MkDocs in its `dirty` mode: the File of every reused output
reports "not modified", so MkDocs neither reads, renders nor writes it. Two ways to have
the reused bytes in the new site:

- `qingdan build --cache DIR` (whole-site swap, as without a cache): the cache holds each
  output once under `objects/<sha256>`; reused ones are hard-linked into the staging folder
  before MkDocs runs, and MkDocs never writes to a file it skips, so the cache and the
  published site share the bytes safely. After success the new outputs are linked into
  `objects/`, the manifest is replaced by rename, unreferenced objects are removed, and the
  staging folder is swapped in. On failure the staging folder goes; cache and site stay.
- `qingdan serve` (in place): the previous site is the store. MkDocs writes only the
  changed outputs into the staging folder; after success they are moved into the site and
  the outputs no longer made are deleted. Nothing in the site changes when a build fails,
  and the server answers no request while a build runs, so no half-updated site is shown.
  Creating and deleting a folder per page was most of a rebuild's time at 4,800 pages.

Jinja compiles the theme's templates on every build; with a cache their bytecode is kept
in `DIR/jinja` (keyed by the template source, so a changed template is compiled again).

A cache that cannot be proved valid is not used: missing, unreadable or of another
format -> a full build, saying why. A cached output whose size or mtime differs from the
manifest is hashed again and, if it differs, made again (reported as damaged).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import jinja2
from mkdocs.structure.files import File, Files

from generator import __version__
from generator.digests import tree_digest

FORMAT = 3
MANIFEST = "manifest.json"
OBJECTS = "objects"
PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2", "MarkupSafe", "Pygments")
# Modules whose code shapes the HTML MkDocs writes (the Markdown of a page is hashed as is).
HOOK_SOURCES = ("mkdocs_plugin.py", "page_meta.py", "engine_cache.py")
# What each part of the engine key is, for the message when it changed.
KEY_LABELS = {
    "format": "缓存格式 / cache format",
    "generator": "生成器版本 / generator version",
    "packages": "MkDocs、Material 等软件包版本 / package versions",
    "mkdocs.yml": "mkdocs.yml",
    "site": "网站配置（站名、页脚）/ site configuration (name, footer)",
    "theme": "主题覆盖文件 / theme overrides",
}

log = logging.getLogger("mkdocs.plugins.qingdan")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def engine_key(config) -> dict[str, str]:
    """Every input a page's HTML shares with all other pages, hashed part by part."""
    own = Path(__file__).resolve().parent
    generator = hashlib.sha256(__version__.encode())
    for name in HOOK_SOURCES:
        generator.update(sha256((own / name).read_bytes()).encode())
    versions = package_versions()
    site = {"site_name": str(config.site_name), "site_description": str(config.site_description or ""),
            "extra": config.extra, "strict": bool(config.strict), "site_url": config.site_url}
    return {
        "format": str(FORMAT),
        "generator": generator.hexdigest(),
        "packages": sha256(json.dumps(versions, sort_keys=True).encode()),
        "mkdocs.yml": sha256(Path(config.config_file_path).read_bytes()),
        "site": sha256(json.dumps(site, sort_keys=True, ensure_ascii=False, default=str).encode()),
        "theme": sha256(json.dumps([config.theme.name, *(tree_digest(Path(d)) for d in config.theme.dirs
                                                           if Path(d).resolve() != _package_theme(config))],
                                   ).encode()),
    }


def _package_theme(config) -> Path:
    # The installed theme is covered by its package version, not hashed file by file.
    import material

    return (Path(material.__file__).parent / "templates").resolve()


def package_versions() -> dict[str, str]:
    """The installed version of each package that shapes the HTML (PACKAGES)."""
    return {name: _version(name) for name in PACKAGES}


@functools.cache  # installed packages do not change under a running process (serve)
def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


# --- the manifest --------------------------------------------------------------------


@dataclass(slots=True)
class Output:
    """One file of the built site: the hash of its bytes, and its size and mtime where stored."""

    sha: str
    size: int
    mtime_ns: int


@dataclass(slots=True)
class Record:
    """What one output was made from: a page's Markdown (and its link lookups), or an
    asset's bytes."""

    source: str  # sha256 of the Markdown as rendered, or of the asset's bytes
    dest: str  # site-relative output path
    lookups: dict[str, str | None]  # link target (docs-relative) -> its URL, None when missing


@dataclass(slots=True)
class Manifest:
    key: dict[str, str]
    records: dict[str, Record] = field(default_factory=dict)  # src_uri -> what made its output
    outputs: dict[str, Output] = field(default_factory=dict)  # site-relative path -> file
    inputs: str = ""  # site.inputs digest of everything the build read

    def to_json(self) -> str:
        return json.dumps({
            "format": FORMAT, "key": self.key, "inputs": self.inputs,
            "records": {k: [r.source, r.dest, r.lookups] for k, r in sorted(self.records.items())},
            "outputs": {k: [o.sha, o.size, o.mtime_ns] for k, o in sorted(self.outputs.items())},
        }, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}, not {FORMAT}")
        return cls(dict(data["key"]),
                   {k: Record(s, d, dict(lk)) for k, (s, d, lk) in data["records"].items()},
                   {k: Output(s, int(n), int(t)) for k, (s, n, t) in data["outputs"].items()},
                   str(data.get("inputs", "")))


def read_manifest(cache_dir: Path) -> tuple[Manifest | None, str]:
    """The previous build's manifest, or None and why it cannot be used."""
    path = Path(cache_dir) / MANIFEST
    if not path.is_file():
        return None, "没有缓存 / no cache yet"
    try:
        return Manifest.from_json(path.read_text(encoding="utf-8")), ""
    except (ValueError, KeyError, TypeError, OSError) as exc:
        return None, f"缓存无法读取 / cache unreadable ({type(exc).__name__}: {str(exc)[:80]})"


def write_manifest(cache_dir: Path, manifest: Manifest) -> None:
    fresh = Path(cache_dir) / f".{MANIFEST}.{os.getpid()}"
    fresh.write_text(manifest.to_json(), encoding="utf-8")
    os.replace(fresh, Path(cache_dir) / MANIFEST)


def _intact(path: Path, output: Output) -> bool:
    """The stored file still holds the output's bytes (hashed again only when its stat moved)."""
    try:
        stat = path.stat()
    except OSError:
        return False
    if stat.st_size != output.size:
        return False
    return stat.st_mtime_ns == output.mtime_ns or sha256(path.read_bytes()) == output.sha


def _files_under(folder: Path) -> Iterator[tuple[str, Path]]:
    for directory, _, names in os.walk(folder):
        for name in names:
            path = Path(directory) / name
            yield path.relative_to(folder).as_posix(), path


# --- one build with the cache --------------------------------------------------------


class _RecordingFiles(Files):
    """MkDocs' file list, noting every link target a page's rendering looks up."""

    def __init__(self, files, config, lookups: dict[str, dict[str, str | None]]):
        super().__init__(files)
        self._config = config
        self._lookups = lookups

    def get_file_from_path(self, path: str) -> File | None:
        found = super().get_file_from_path(path)
        page = self._config._current_page
        if page is not None:
            self._lookups.setdefault(page.file.src_uri, {})[path] = found.url if found is not None else None
        return found


def _not_modified() -> bool:
    return False


@dataclass
class Session:
    """An incremental build under way: what was reused, what was rendered, and why.

    `site_dir` set: the in-place mode (the previous site there is the store); else the
    cache's object store is."""

    cache_dir: Path
    previous: Manifest | None
    reason: str  # why nothing could be reused ("" when the cache was usable)
    site_dir: Path | None = None
    generated: dict[str, str] = field(default_factory=dict)  # generated src_uri -> sha of its data
    planned: dict[str, tuple[str, str, bool]] = field(default_factory=dict)  # src_uri -> (source, dest, page?)
    lookups: dict[str, dict[str, str | None]] = field(default_factory=dict)
    reused: dict[str, Output] = field(default_factory=dict)  # site-relative path -> output
    key: dict[str, str] = field(default_factory=dict)
    manifest: Manifest | None = None
    damaged: int = 0
    inputs: str = ""  # what this build read (site.inputs), kept in the manifest

    @classmethod
    def open(cls, cache_dir: Path, site_dir: Path | None = None, inputs: str = "") -> Session:
        previous, reason = read_manifest(cache_dir)
        if previous is not None and site_dir is not None and not Path(site_dir).is_dir():
            previous, reason = None, "没有上次的网站 / no previous site"
        return cls(Path(cache_dir), previous, reason, Path(site_dir) if site_dir is not None else None,
                   inputs=inputs)

    @property
    def in_place(self) -> bool:
        return self.site_dir is not None and self.previous is not None

    def note(self, path: str, data: str | bytes) -> None:
        """Called for every generated file as the plugin hands it over."""
        self.generated[path] = sha256(data.encode("utf-8") if isinstance(data, str) else data)

    def plan(self, files: Files, config) -> Files:
        """Mark what can be reused (linking it into site_dir unless in place); return the
        file list that records each page's link lookups."""
        self.key = engine_key(config)
        previous = self.previous
        if previous is not None and previous.key != self.key:
            changed = [KEY_LABELS.get(k, k) for k in self.key if previous.key.get(k) != self.key[k]]
            self.reason = "已改变 / changed: " + "、".join(changed)
        usable = previous is not None and not self.reason
        target = Path(config.site_dir)
        for file in files:
            page = file.is_documentation_page()
            source = self.generated.get(file.src_uri)
            if source is None:  # a static file of the theme or of docs_dir
                source = sha256(Path(file.abs_src_path).read_bytes())
            self.planned[file.src_uri] = (source, file.dest_uri, page)
            if not usable:
                continue
            record = previous.records.get(file.src_uri)
            if record is None or record.source != source or record.dest != file.dest_uri:
                continue
            if page and not _same_targets(record.lookups, files):
                continue
            output = previous.outputs.get(file.dest_uri)
            if output is not None and self._fetch(output, file.dest_uri, target):
                file.is_modified = _not_modified
                self.reused[file.dest_uri] = output
                if page:
                    self.lookups[file.src_uri] = record.lookups
        return _RecordingFiles(files, config, self.lookups)

    def _fetch(self, output: Output, dest: str, target: Path) -> bool:
        if self.in_place:
            ok = _intact(self.site_dir / dest, output)
        else:
            stored = self.cache_dir / OBJECTS / output.sha[:2] / output.sha
            ok = _intact(stored, output)
            if ok:
                (target / dest).parent.mkdir(parents=True, exist_ok=True)
                os.link(stored, target / dest)
        self.damaged += not ok
        return ok

    def use_bytecode_cache(self, env: jinja2.Environment) -> None:
        folder = self.cache_dir / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))

    def finish(self, staging: Path) -> Manifest:
        """After MkDocs succeeded: the manifest of the new site (staging, plus what stays)."""
        manifest = Manifest(self.key, inputs=self.inputs)
        written = dict(_files_under(staging))
        for relative, path in written.items():
            known = self.reused.get(relative)
            if known is None:
                stat = path.stat()
                known = Output(sha256(path.read_bytes()), stat.st_size, stat.st_mtime_ns)
            manifest.outputs[relative] = known
        if self.in_place:
            manifest.outputs.update(self.reused)
        for src_uri, (source, dest, page) in self.planned.items():
            if dest in manifest.outputs:
                manifest.records[src_uri] = Record(source, dest, self.lookups.get(src_uri, {}) if page else {})
        self.manifest = manifest
        return manifest

    def store(self, staging: Path) -> None:
        """Keep the new outputs for the next build (object store mode), then the manifest."""
        manifest = self.manifest
        if not self.in_place:
            objects = self.cache_dir / OBJECTS
            for relative, path in _files_under(staging):
                output = manifest.outputs[relative]
                stored = objects / output.sha[:2] / output.sha
                if not stored.exists():
                    stored.parent.mkdir(parents=True, exist_ok=True)
                    os.link(path, stored)
                # One inode for the site's file and the object: record the object's stat.
                stat = stored.stat()
                manifest.outputs[relative] = Output(output.sha, stat.st_size, stat.st_mtime_ns)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        write_manifest(self.cache_dir, manifest)
        if not self.in_place:
            wanted = {output.sha for output in manifest.outputs.values()}
            for _, path in _files_under(self.cache_dir / OBJECTS):
                if path.name not in wanted:
                    path.unlink()

    def apply(self, staging: Path) -> None:
        """In-place mode: move the new outputs into the site, delete what is no longer made."""
        for relative, path in _files_under(staging):
            target = self.site_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
        gone = set(self.previous.outputs) - set(self.manifest.outputs)
        for relative in sorted(gone):
            (self.site_dir / relative).unlink(missing_ok=True)
        for folder in sorted({(self.site_dir / r).parent for r in gone}, key=lambda p: len(p.parts), reverse=True):
            while folder != self.site_dir and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        shutil.rmtree(staging, ignore_errors=True)

    def summary(self) -> str:
        pages = [dest for _, dest, page in self.planned.values() if page]
        reused = sum(1 for dest in pages if dest in self.reused)
        rendered = len(pages) - reused
        text = (f"增量构建：重新生成 {rendered} 页，沿用 {reused} 页 / incremental build: "
                f"{rendered} pages rendered, {reused} reused")
        if self.reason:
            text += f"；完整构建，因为 / full build because: {self.reason}"
        if self.damaged:
            text += f"；{self.damaged} 个缓存文件已损坏，已重新生成 / {self.damaged} damaged cache files rebuilt"
        return text


def link_unchanged(cache_dir: Path, inputs: str, staging: Path) -> int | None:
    """When the last build read exactly `inputs`: link every output it made into `staging`
    and return how many; None (and `staging` left empty) when it read anything else, or a
    stored output is missing or damaged."""
    manifest, _ = read_manifest(cache_dir)
    if manifest is None or not inputs or manifest.inputs != inputs:
        return None
    objects = Path(cache_dir) / OBJECTS
    if not all(_intact(objects / o.sha[:2] / o.sha, o) for o in manifest.outputs.values()):
        return None
    for dest, output in sorted(manifest.outputs.items()):
        (staging / dest).parent.mkdir(parents=True, exist_ok=True)
        os.link(objects / output.sha[:2] / output.sha, staging / dest)
    return len(manifest.outputs)


def _same_targets(lookups: dict[str, str | None], files: Files) -> bool:
    for target, url in lookups.items():
        found = Files.get_file_from_path(files, target)
        if (found.url if found is not None else None) != url:
            return False
    return True
