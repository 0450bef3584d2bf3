"""Whole-site build benchmark at county-to-province scale (a benchmark, not a test).

For each scale factor it writes deterministic synthetic content with bench.synthetic
(scale 1 is about 500 pages, a county; 10 and 40 a city and a province), then builds it
once per engine in a fresh worker process, so the peak memory figure belongs to that
build alone. A worker times the generator's stages — load + validate, page generation,
search-index build — and the site engine's build, then measures the output: total size,
median detail-page HTML (items/ and guides/), the largest page, the search payload.

Beside each scale it builds a baseline: the same Markdown with MkDocs + Material the
way a site is set up by default — a flat navigation listing every page and Material's
own search plugin — and prints the ratios of ours to it. The flat navigation makes
every page carry every other page's link, so the baseline grows quadratically; it is
built only at the scales named by --baseline-scales (default 1,10).

    python -m bench.site_bench [--scales 1,10,40] [--engines mkdocs,zensical]
                               [--baseline-scales 1,10] [--json bench/out/site_bench.json]
                               [--keep DIR] [--profile]

`--profile` runs the generator stages at the first scale under cProfile and prints the
top functions. Output goes to the terminal as a table and to the JSON file.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2025-11-20"
# Scale 1: 100 list items and 380 guides, which with departments, indexes and reports
# make about 500 pages; every other scale multiplies both.
ITEMS, GUIDES = 100, 380
DETAIL_DIRS = ("items", "guides")


# --- the worker: one build in its own process ------------------------------------------


def _finder_renderers():
    from generator.render import finder, renderers

    search = list(finder.RENDERERS)
    return [r for r in renderers() if r not in search], search


def _render(content, renderer_list) -> dict:
    tree: dict = {}
    for renderer in renderer_list:
        for output in renderer(content):
            if output.path in tree:
                raise ValueError(f"two renderers wrote {output.path}")
            tree[output.path] = output.data
    return tree


def _baseline_config(root: Path, tree: dict, work: Path) -> Path:
    """mkdocs.yml with a flat nav of every generated page and Material's search plugin."""
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / config["docs_dir"])
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config.pop("watch", None)
    config["strict"] = False
    config["plugins"] = ["qingdan", "search"]
    config["nav"] = sorted(path for path in tree if path.endswith(".md"))
    path = work / "mkdocs-baseline.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def worker(data_dir: Path, engine: str, out: Path, work: Path) -> dict:
    """Build `data_dir` with `engine` ("mkdocs", "zensical" or "baseline") into `out`."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from generator.pipeline import check
    from generator.site import build as site

    timings: dict[str, float] = {}
    started = time.perf_counter()
    content, problems = check(data_dir / "content", data_dir / "site_config", AS_OF)
    if content is None:
        raise SystemExit("\n".join(p.text() for p in problems if p.is_error)[:4000])
    timings["load_validate"] = time.perf_counter() - started

    pages, search = _finder_renderers()
    # In render_all's order: the search index first (see generator.render.renderers).
    mark = time.perf_counter()
    tree = _render(content, search)
    timings["search_index"] = time.perf_counter() - mark
    mark = time.perf_counter()
    tree.update(_render(content, pages))
    tree = dict(sorted(tree.items()))
    timings["pages"] = time.perf_counter() - mark
    # Peak so far: what the generator's own stages needed, before the engine adds its share.
    rss_after_generator = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    pages_md = sum(p.endswith(".md") for p in tree)  # before the build: MkDocs empties the tree

    if engine == "zensical":
        _measure_engine_process(work / "engine-rss")
    mark = time.perf_counter()
    if engine == "baseline":
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config

        config_file = _baseline_config(ROOT, tree, work)
        config = load_config(str(config_file), site_dir=str(out), strict=False)
        site.prepare_plugin(config, content, tree)
        mkdocs_build(config)
    else:
        site.build_site(ROOT, out, engine=engine, content=content, tree=tree,
                        content_dir=data_dir / "content", site_config_dir=data_dir / "site_config",
                        work_dir=work / "zensical", strict=False)
    timings["engine"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    report = work / "engine-rss"
    child = int(report.read_text()) if report.exists() else 0
    return {"engine": engine, "seconds": timings, "pages_md": pages_md,
            "rss_generator": own, "rss_after_generator_stages": rss_after_generator,
            "rss_engine_process": child, **measure(out, engine)}


def _measure_engine_process(report: Path) -> None:
    """Run site.py's `zensical build` through a small launcher that reports its peak memory.

    The worker's own RUSAGE_CHILDREN would not do: a child's maxrss starts from its
    parent's RSS at fork and survives exec, so it would read as the worker's peak. The
    launcher is small when it forks Zensical, so what it reports is Zensical's alone.
    """
    real_run = subprocess.run

    def run(command, *args, **kwargs):
        # By file, not module: Zensical runs in its own folder, where `bench` is not importable.
        return real_run([sys.executable, str(Path(__file__).resolve()), "--rss-of", str(report), *command],
                        *args, **kwargs)

    subprocess.run = run  # this worker process builds once and exits


def rss_of(report: Path, command: list[str]) -> int:
    """Run `command`, write its peak RSS in bytes to `report`, return its exit code."""
    code = subprocess.run(command).returncode
    report.write_text(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024))
    return code


def measure(site_dir: Path, engine: str) -> dict:
    """Output size, detail-page HTML sizes, largest page, search payload (bytes)."""
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    pages = {p.relative_to(site_dir).as_posix(): p.stat().st_size for p in files if p.suffix == ".html"}
    detail = sorted(size for path, size in pages.items() if path.split("/", 1)[0] in DETAIL_DIRS)
    largest = max(pages, key=pages.get)
    if engine == "baseline":
        search = [site_dir / "search" / "search_index.json"]
    else:
        search = sorted((site_dir / "find" / "index").glob("*.json"))
    return {
        "output_bytes": sum(p.stat().st_size for p in files), "files": len(files), "html_pages": len(pages),
        "median_detail_html": statistics.median(detail) if detail else 0,
        "largest_page": largest, "largest_page_bytes": pages[largest],
        "search_bytes": sum(p.stat().st_size for p in search if p.is_file()),
        "search_records_bytes": (site_dir / "find" / "index" / "records.json").stat().st_size
        if engine != "baseline" else None,
    }


# --- the driver ------------------------------------------------------------------------


def make_scale(base: Path, scale: int) -> Path:
    from bench.synthetic import make_content

    data_dir = base / f"scale-{scale}"
    if not (data_dir / "content").exists():
        make_content(data_dir, items=ITEMS * scale, guides=GUIDES * scale)
    return data_dir


def warm(data_dir: Path) -> None:
    """Read every content file once, so the first engine at a scale does not pay for cold
    disk reads that the next one is spared (seen: load + validate 2.7 s cold, 1.6 s warm)."""
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            path.read_bytes()


def run_build(data_dir: Path, engine: str, scratch: Path, timeout: float | None) -> dict:
    """One build in a fresh interpreter; its JSON result on the last line of stdout."""
    out, work = scratch / f"{data_dir.name}-{engine}", scratch / f"{data_dir.name}-{engine}-work"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    started = time.perf_counter()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "bench.site_bench", "--worker", str(data_dir), engine, str(out), str(work)],
            cwd=ROOT, capture_output=True, text=True, timeout=timeout,
            env={**os.environ, "QINGDAN_PROGRESS": "0", "NO_MKDOCS_2_WARNING": "1"})
    except subprocess.TimeoutExpired:
        return {"engine": engine, "error": f"did not finish within {timeout:.0f} s"}
    if result.returncode != 0:
        return {"engine": engine, "error": (result.stderr or result.stdout)[-2000:]}
    record = json.loads(result.stdout.strip().splitlines()[-1])
    record["process_seconds"] = time.perf_counter() - started
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    # Let the disk settle before the next build: the baseline at scale 10 writes 12 GB, and
    # its write-back went on into the next build (load + validate there took 12.5 s, not 6.7).
    os.sync()
    return record


def profile_generator(data_dir: Path, top: int = 25) -> str:
    from generator.pipeline import check
    from generator.render import render_all

    profiler = cProfile.Profile()
    profiler.enable()
    content, _ = check(data_dir / "content", data_dir / "site_config", AS_OF)
    render_all(content)
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(top)
    stream.write("\n")
    pstats.Stats(profiler, stream=stream).sort_stats("tottime").print_stats(top)
    return stream.getvalue()


def _mb(n: float) -> str:
    return f"{n / 1e6:,.1f}"


def _kb(n: float) -> str:
    return f"{n / 1e3:,.1f}"


COLUMNS = ("scale", "engine", "pages", "load+val s", "pages s", "search s", "engine s", "total s",
           "gen %", "peak MB", "child MB", "out MB", "median KB", "largest KB", "search MB")


def row(scale: int, r: dict) -> list[str]:
    if "error" in r:
        return [str(scale), r["engine"], "—", *["—"] * (len(COLUMNS) - 4), [line for line in r["error"].splitlines() if line.strip()][-1][:80]]
    s = r["seconds"]
    generator = s["load_validate"] + s["pages"] + s["search_index"]
    return [str(scale), r["engine"], f"{r['html_pages']:,}", f"{s['load_validate']:.1f}", f"{s['pages']:.1f}",
            f"{s['search_index']:.1f}", f"{s['engine']:.1f}", f"{s['total']:.1f}",
            f"{100 * generator / s['total']:.0f}", _mb(r["rss_generator"]),
            _mb(r["rss_engine_process"]) if r["rss_engine_process"] else "—", _mb(r["output_bytes"]),
            _kb(r["median_detail_html"]), _kb(r["largest_page_bytes"]), _mb(r["search_bytes"])]


def peak(r: dict) -> int:
    # "peak MB" is the build process; Zensical runs in a child ("child MB") while that
    # process still holds the content and the docs tree: their sum bounds what the build needed.
    return r["rss_generator"] + r["rss_engine_process"]


def table(rows: list[list[str]]) -> str:
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(COLUMNS)]
    lines = ["  ".join(c.rjust(w) for c, w in zip(COLUMNS, widths, strict=True))]
    lines += ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=False)) for r in rows]
    return "\n".join(lines)


def ratios(results: dict) -> list[str]:
    """The issue's targets, checked, and ours against the baseline."""
    lines = []
    scales = sorted(results, key=int)
    for engine in sorted({e for per in results.values() for e in per if e != "baseline"}):
        ok = {s: results[s][engine] for s in scales if engine in results[s] and "error" not in results[s][engine]}
        if "10" in ok and "40" in ok:
            growth = ok["40"]["seconds"]["total"] / ok["10"]["seconds"]["total"]
            lines.append(f"{engine}: total time scale 10 → 40: ×{growth:.2f} (target ≤ 4.5)")
        if "40" in ok:
            r = ok["40"]
            lines.append(f"{engine}: peak memory at scale 40: {_mb(peak(r))} MB (target < 1,500; build process "
                         f"{_mb(r['rss_generator'])}, of which {_mb(r['rss_after_generator_stages'])} reached "
                         f"before the engine ran, engine child {_mb(r['rss_engine_process'])})")
        for s, r in ok.items():
            t = r["seconds"]
            share = (t["load_validate"] + t["pages"] + t["search_index"]) / t["total"]
            lines.append(f"{engine}: scale {s}: median detail page {_kb(r['median_detail_html'])} KB "
                         f"(target < 40), generator share {100 * share:.0f} %"
                         + (" (target ≤ 20 % at scale 10)" if s == "10" else ""))
            base = results[s].get("baseline")
            if base and "error" not in base:
                lines.append(
                    f"{engine} / baseline at scale {s}: total ×{t['total'] / base['seconds']['total']:.2f}, "
                    f"engine ×{t['engine'] / base['seconds']['engine']:.2f}, "
                    f"peak memory ×{peak(r) / peak(base):.2f}, output ×{r['output_bytes'] / base['output_bytes']:.2f}, "
                    f"median page ×{r['median_detail_html'] / base['median_detail_html']:.2f}, "
                    f"search payload ×{r['search_bytes'] / base['search_bytes']:.2f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--rss-of"]:
        return rss_of(Path(argv[1]), argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10,40")
    parser.add_argument("--engines", default="mkdocs,zensical")
    parser.add_argument("--baseline-scales", default="1,10",
                        help="scales at which the flat-nav baseline is built ('' for none)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds a single build may take")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "out" / "site_bench.json")
    parser.add_argument("--keep", type=Path, help="keep the synthetic content here (reused when present)")
    parser.add_argument("--profile", action="store_true", help="cProfile the generator at the first scale")
    parser.add_argument("--worker", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        data_dir, engine, out, work = args.worker
        print(json.dumps(worker(Path(data_dir), engine, Path(out), Path(work))))
        return 0

    scales = [int(s) for s in args.scales.split(",") if s]
    engines = [e for e in args.engines.split(",") if e]
    baseline_scales = {int(s) for s in args.baseline_scales.split(",") if s}
    base = args.keep or Path(tempfile.mkdtemp(prefix="qingdan-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="qingdan-bench-out-"))
    results: dict[str, dict] = {}
    rows: list[list[str]] = []
    try:
        for scale in scales:
            started = time.perf_counter()
            data_dir = make_scale(base, scale)
            print(f"scale {scale}: content written in {time.perf_counter() - started:.1f} s "
                  f"({ITEMS * scale:,} items, {GUIDES * scale:,} guides)", file=sys.stderr, flush=True)
            if args.profile and scale == scales[0]:
                print(profile_generator(data_dir), file=sys.stderr)
            per = results.setdefault(str(scale), {})
            warm(data_dir)
            for engine in engines + (["baseline"] if scale in baseline_scales else []):
                per[engine] = run_build(data_dir, engine, scratch, args.timeout)
                rows.append(row(scale, per[engine]))
                print(table(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    print(table(rows))
    print()
    print("\n".join(ratios(results)))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"as_of": AS_OF, "items_per_scale": ITEMS, "guides_per_scale": GUIDES,
                                     "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
                                     "results": results}, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nJSON: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
