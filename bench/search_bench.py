"""Search benchmark: the finder (/find/) against Material's default search (a benchmark,
not a test; the test suite never runs it).

Two sites are built from the same content and the same generated pages: ours, and a
baseline that is the same mkdocs.yml with Material's `search` plugin enabled and
Material's own header and search dialog (our two header overrides removed), everything
else untouched (language zh, so lunr with Material's Chinese separator; no jieba).

1. Quality, on the shipped content: every query of tests/finder_queries.yaml in headless
   Chromium, recall and precision (macro average) against its expect list. Ours through
   /find/?q=…&type=…; Material's through its deep link /?q=…, reading the result message
   its search worker sends (every result, not just the ten it renders); the type facet
   is applied to Material's results by URL prefix.
   The plain-language set tests/plain_queries.yaml (issue 18: how people talk) is run the
   same way against three engines: the finder now, the finder before issue 18 (the site
   built by that commit's own code, `--old-finder REV`), and Material's search: the share
   of queries with a right list item (its page or a guide of it) among the first 3
   results, the mean reciprocal rank, and how many of the trades outside the list got
   the 清单之外 answer (only the new finder has one).
2. Scale, on bench.synthetic content (default 1,000 items and 5,000 guides): index build
   time (ours: generator.search.bundle.build; Material's: the time spent in its search
   plugin's hooks), total index size raw and gzip, bytes of search files downloaded
   before the first result (gzip), search start-up (navigation to "can answer") and a
   shared URL with ?q= to its first rendered result, on a cold cache; and the time from a
   keystroke to the next frame with the results changed in the DOM, median and p95, over
   every keystroke of a set of queries typed one character at a time (each keystroke
   sets the box's value and dispatches `input` and `keyup`, which both searches listen to).

    python -m bench.search_bench [--items 1000] [--guides 5000] [--skip-scale]
                                 [--old-finder REV] [--json bench/out/search_bench.json] [--keep DIR]

The 5,000-guide build takes a few minutes on two cores; run it once, not in a loop.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

import yaml

# The test suite's loopback server for a built site (the benchmark needs the test extras anyway).
from tests.conftest import serve

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "finder_queries.yaml"
PLAIN = ROOT / "tests" / "plain_queries.yaml"
OUTSIDE = "清单之外"
# The last commit before issue 18's finder (the stage-folder layout of issue 15).
OLD_FINDER = "1f51a4d"
AS_OF = "2025-11-20"
CHROMIUM = "/usr/bin/chromium"
# Material's results are pages; the finder's type facet maps to these URL prefixes.
TYPE_PREFIX = {"item": "items/", "guide": "guides/", "dept": "departments/", "text": "model-texts/",
               "case": "cases/", "service": "guides/"}
# Typed one character at a time on the synthetic site (its vocabulary, codes, departments).
TYPED = ["食品经营许可", "危险化学品", "营业执照", "道路运输经营", "现场核查", "市场监管局", "206001",
         "烟花爆竹", "申请材料真实", "spjy", "药品零售", "2000",
         # people's own words (issue 18): a shop type, a sentence, traditional, full pinyin, a typo
         "网咖", "我想开个饭店", "網吧", "yaodian", "加由站"]


# --- building ---------------------------------------------------------------------------

def material_config(work: Path) -> Path:
    """The repository's mkdocs.yml with Material's search plugin and Material's header."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    overrides = work / "overrides"
    shutil.copytree(ROOT / "site_config" / "overrides", overrides)
    for partial in ("search.html", "header.html"):
        (overrides / "partials" / partial).unlink()
    config["docs_dir"] = str(ROOT / "site_config" / "docs")
    config["theme"]["custom_dir"] = str(overrides)
    config["plugins"] = ["qingdan", "search"]
    config["watch"] = [str(ROOT / w) for w in config.get("watch", [])]
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


class _PluginClock:
    """Seconds spent inside Material's search plugin hooks during a build."""

    HOOKS = ("on_config", "on_page_context", "on_post_build")

    def __init__(self):
        from material.plugins.search.plugin import SearchPlugin
        self.cls, self.seconds, self.saved = SearchPlugin, 0.0, {}

    def __enter__(self):
        for name in self.HOOKS:
            original = self.saved[name] = getattr(self.cls, name)

            @functools.wraps(original)
            def timed(*args, _original=original, **kwargs):
                start = time.perf_counter()
                try:
                    return _original(*args, **kwargs)
                finally:
                    self.seconds += time.perf_counter() - start
            setattr(self.cls, name, timed)
        return self

    def __exit__(self, *exc):
        for name, original in self.saved.items():
            setattr(self.cls, name, original)


def build_pair(content_dir: Path, site_config_dir: Path, work: Path, reuse: bool = False) -> dict:
    """Build ours and Material's site from one load + render; time both search indexes.
    With `reuse`, a pair built before into `work` (with --keep) is taken as it is."""
    saved = work / "timings.json"
    if reuse and saved.is_file():
        return {**json.loads(saved.read_text()), "ours": work / "ours", "material": work / "material"}
    from generator.pipeline import check
    from generator.render import render_all
    from generator.render.search import bundle
    from generator.site.build import build_site

    content, problems = check(content_dir, site_config_dir, AS_OF)
    if content is None:
        raise SystemExit("\n".join(p.text() for p in problems[:20]))
    tree = render_all(content)
    start = time.perf_counter()
    bundle.build(content)  # the same work render_all did for find/index/, timed alone
    ours_index = time.perf_counter() - start
    ours, material = work / "ours", work / "material"
    pages = sum(1 for p in tree if p.endswith(".md"))
    start = time.perf_counter()
    build_site(ROOT, ours, date=AS_OF, content=content, tree=tree)
    ours_build = time.perf_counter() - start
    material_root = work / "material-config"
    material_root.mkdir()
    material_config(material_root)
    tree = render_all(content)  # the build lets go of each page it wrote (mkdocs_plugin): render again
    with _PluginClock() as clock:
        start = time.perf_counter()
        build_site(material_root, material, date=AS_OF, content=content, tree=tree)
        material_build = time.perf_counter() - start
    timings = {"pages": pages,
               "index_seconds": {"ours": ours_index, "material": clock.seconds},
               "build_seconds": {"ours": ours_build, "material": material_build}}
    saved.write_text(json.dumps(timings))
    return {**timings, "ours": ours, "material": material}


# --- sizes ------------------------------------------------------------------------------

def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6, mtime=0))


def index_files(site: Path, engine: str) -> list[Path]:
    if engine == "ours":
        return sorted((site / "find" / "index").glob("*.json"))
    return [site / "search" / "search_index.json"]


def sizes(site: Path, engine: str) -> dict:
    files = index_files(site, engine)
    out = {"index_raw": sum(p.stat().st_size for p in files), "index_gzip": sum(gz(p) for p in files),
           "files": len(files)}
    if engine == "ours":
        shards = [p for p in files if p.name.startswith("text-")]
        out["records_gzip"] = gz(site / "find" / "index" / "records.json")
        out["largest_shard_gzip"] = max((gz(p) for p in shards), default=0)
    return out


def is_search_file(engine: str, path: str) -> bool:
    if engine == "ours":
        return path.startswith("find/index/") or path in ("find/lunr.js", "assets/finder.js")
    return (path == "search/search_index.json" or path.startswith("assets/javascripts/workers/search")
            or path.startswith("assets/javascripts/lunr/"))


# --- the browser ------------------------------------------------------------------------

# Installed before any page script: timestamps of what both searches do.
PROBE = """
(() => {
  const probe = window.__probe = {ready: null, firstResult: null, results: []};
  const W = window.Worker;
  if (W) {
    window.Worker = function (url, options) {
      const worker = new W(url, options);
      worker.addEventListener('message', (event) => {
        const m = event.data || {};
        if (m.type === 1 && probe.ready === null) probe.ready = performance.now();
        if (m.type === 3) probe.results.push({t: performance.now(), data: m.data});
      });
      return worker;
    };
    window.Worker.prototype = W.prototype;
  }
  const watch = () => {
    const finder = document.getElementById('finder');
    const list = document.getElementById('finder-results') || document.querySelector('.md-search-result__list');
    if (finder && probe.ready === null && finder.dataset.state && finder.dataset.state !== 'loading') {
      probe.ready = performance.now();
    }
    if (list && list.children.length && probe.firstResult === null) probe.firstResult = performance.now();
  };
  new MutationObserver(watch).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""

# One keystroke: add a character, dispatch input + keyup, resolve at the next frame after
# the results area changed (or null after 3 s) with [that time, the time the finder also
# had the full-text results in (its state "done"; Material has no second step)].
KEYSTROKE = """
async ([selector, area, ch]) => {
  const input = document.querySelector(selector);
  const target = document.querySelector(area);
  const finder = document.getElementById('finder');
  return await new Promise((resolve) => {
    const t0 = performance.now();
    let done = false, first = null;
    const finish = (value) => { if (!done) { done = true; observer.disconnect(); resolve(value); } };
    const complete = () => {
      if (!finder || finder.dataset.state === 'done') finish([first, performance.now() - t0]);
      else requestAnimationFrame(complete);
    };
    const observer = new MutationObserver(() => requestAnimationFrame(() => {
      if (first === null) { first = performance.now() - t0; complete(); }
    }));
    observer.observe(target, {subtree: true, childList: true, characterData: true});
    setTimeout(() => finish(null), 3000);
    input.value = ch === null ? '' : input.value + ch;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: ch || 'Backspace'}));
  });
}
"""
SELECTORS = {"ours": ("#finder-q", ".qd-finder__main"),
             "material": (".md-search__input", ".md-search-result")}


def _material_paths(data: dict) -> list[str]:
    out: dict[str, None] = {}
    for group in data.get("items", []):
        for doc in group:
            out[doc["location"].split("#", 1)[0]] = None
    return list(out)


def run_query(page, base: str, engine: str, q: str, type_: str | None) -> list[str]:
    if engine == "ours":
        params = [("q", q)] + ([("type", type_)] if type_ else [])
        page.goto(base + "find/?" + urlencode(params))
        page.wait_for_function("(q) => { const f = document.getElementById('finder');"
                               " return f.dataset.state === 'done' && f.dataset.query === q; }", arg=q)
        return [hit["path"] for hit in page.evaluate("qingdanFinder.current()")]
    page.goto(base + "?" + urlencode([("q", q)]))
    page.wait_for_function("window.__probe.results.length > 0", timeout=60000)
    page.wait_for_timeout(150)  # a later result for the same box would supersede the first
    paths = _material_paths(page.evaluate("window.__probe.results[window.__probe.results.length - 1].data"))
    if type_:
        paths = [p for p in paths if p.startswith(TYPE_PREFIX[type_])]
    return paths


def quality(browser, base: str, engine: str) -> dict:
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(PROBE)
    page = context.new_page()
    recalls, precisions, failures = [], [], []
    for query in queries:
        got = run_query(page, base, engine, query["q"], query.get("type"))
        expected = set(query["expect"])
        hit = expected & set(got)
        recalls.append(len(hit) / len(expected))
        precisions.append(len(hit) / len(got) if got else 0.0)
        if hit != expected:
            failures.append(query["q"])
    context.close()
    return {"queries": len(queries), "recall": statistics.mean(recalls),
            "precision": statistics.mean(precisions),
            "queries_with_full_recall": sum(r == 1 for r in recalls), "missed": failures}


def build_old_finder(rev: str, work: Path) -> Path:
    """The shipped site as commit `rev` built it, with that commit's own code and content."""
    source, site = work / "old-source", work / "old-site"
    if (site / "find" / "index.html").is_file():
        return site
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    env = {**os.environ, "PYTHONPATH": str(source)}
    subprocess.run([sys.executable, "-m", "generator", "build", "--out", str(site), "--date", AS_OF],
                   cwd=source, env=env, check=True, capture_output=True)
    return site


def plain_answers() -> dict[str, set[str]]:
    """Result page -> the list items (or dept:<id>) it stands for: the test suite's own rule."""
    from generator.pipeline import check
    from tests.test_finder_plain import answers_of

    content, _ = check(ROOT / "content", ROOT / "site_config", AS_OF)
    return answers_of(content)


def plain_quality(browser, base: str, engine: str, answers: dict[str, set[str]]) -> dict:
    """The plain-language set: right permit in the first 3, MRR, 清单之外 answers."""
    queries = yaml.safe_load(PLAIN.read_text(encoding="utf-8"))["queries"]
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(PROBE)
    page = context.new_page()
    top, reciprocal, outside, outside_total, by_kind, missed = 0, [], 0, 0, {}, []
    for query in queries:
        got = run_query(page, base, "ours" if engine != "material" else "material", query["q"], None)
        if query["expect"] == OUTSIDE:
            outside_total += 1
            answered = engine == "ours" and page.evaluate(
                "document.getElementById('finder').dataset.outside") == "true"
            outside += answered
            continue
        expected = set(query["expect"])
        rank = next((i + 1 for i, path in enumerate(got) if answers.get(path, set()) & expected), None)
        reciprocal.append(1 / rank if rank else 0.0)
        hit = bool(rank and rank <= 3)
        top += hit
        kind = by_kind.setdefault(query["kind"], [0, 0])
        kind[0] += hit
        kind[1] += 1
        if not hit:
            missed.append(query["q"])
    context.close()
    return {"queries": len(reciprocal), "top3": top / len(reciprocal), "mrr": statistics.mean(reciprocal),
            "outside": outside, "outside_queries": outside_total, "by_kind": by_kind, "missed": missed}


def cold_start(browser, base: str, site: Path, engine: str, q: str) -> dict:
    """A fresh context (empty cache): start-up, first result of a ?q= URL, bytes before it."""
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(PROBE)
    page = context.new_page()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    url = base + ("find/?" if engine == "ours" else "?") + urlencode([("q", q)])
    page.goto(url)
    # Ours answers with rendered results; Material's worker may answer "nothing found".
    answered = ("window.__probe.firstResult !== null" if engine == "ours"
                else "window.__probe.ready !== null && window.__probe.results.length > 0")
    page.wait_for_function(answered, timeout=300000)
    page.wait_for_timeout(300)
    probe = page.evaluate("({ready: __probe.ready, firstResult: __probe.firstResult,"
                          " answer: __probe.results.length ? __probe.results[0].t : null,"
                          " found: __probe.results.length ? __probe.results[0].data.items.length : null,"
                          " entries: performance.getEntriesByType('resource').map(e => [e.name, e.responseEnd])})")
    page.wait_for_timeout(500)
    context.close()

    def local(url: str) -> str:
        return unquote(urlsplit(url).path).lstrip("/")

    if engine == "ours":
        # Main-thread fetches: those finished before the first result was in the DOM.
        before = {local(name) for name, end in probe["entries"] if end <= probe["firstResult"]}
    else:
        # Material's worker can answer nothing before its index and lunr scripts are in.
        before = {local(u) for u in requested}
    before = sorted(p for p in before if is_search_file(engine, p))
    return {"startup_ms": probe["ready"], "first_result_ms": probe["firstResult"],
            "material_answer_ms": probe["answer"], "material_found": probe["found"],
            "before_first_result_gzip": sum(gz(site / p) for p in before), "before_first_result_files": before}


def keystrokes(browser, base: str, engine: str, typed: list[str]) -> dict:
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(PROBE)
    page = context.new_page()
    page.goto(base + ("find/" if engine == "ours" else ""))
    page.wait_for_function("window.__probe.ready !== null", timeout=120000)
    selector, area = SELECTORS[engine]
    if engine == "material":
        page.evaluate("document.querySelector('.md-search__input').focus()")
    page.wait_for_timeout(300)
    times, completes, timeouts = [], [], 0
    for q in typed:
        page.evaluate(KEYSTROKE, [selector, area, None])
        page.wait_for_timeout(200)
        for ch in q:
            elapsed = page.evaluate(KEYSTROKE, [selector, area, ch])
            if elapsed is None:
                timeouts += 1
            else:
                times.append(elapsed[0])
                completes.append(elapsed[1])
            page.wait_for_timeout(120)  # a person types a few characters a second
    context.close()
    return {"keystrokes": len(times) + timeouts, "timeouts": timeouts,
            "median_ms": _median(times), "p95_ms": _p95(times),
            "complete_median_ms": _median(completes), "complete_p95_ms": _p95(completes)}


def _median(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


def _p95(xs: list[float]) -> float | None:
    return sorted(xs)[min(len(xs) - 1, int(0.95 * len(xs)))] if xs else None


# --- report -----------------------------------------------------------------------------

def _kb(n: int | None) -> str:
    return "—" if n is None else f"{n / 1024:,.0f} KB"


def _ms(x: float | None) -> str:
    return "—" if x is None else f"{x:,.0f} ms"


def plain_table(plain: dict) -> str:
    engines = [e for e in ("ours", "old", "material") if e in plain]
    names = {"ours": "finder now", "old": "finder before", "material": "Material search"}
    rows = [("right permit in the first 3", *(f"{plain[e]['top3']:.1%}" for e in engines)),
            ("mean reciprocal rank", *(f"{plain[e]['mrr']:.3f}" for e in engines)),
            ("清单之外 answered", *(f"{plain[e]['outside']}/{plain[e]['outside_queries']}" for e in engines))]
    for kind in plain[engines[0]]["by_kind"]:
        rows.append((f"  {kind}", *(f"{plain[e]['by_kind'][kind][0]}/{plain[e]['by_kind'][kind][1]}"
                                    for e in engines)))
    width = max(len(r[0]) for r in rows)
    lines = [f"{'plain-language set':{width}}" + "".join(f"  {names[e]:>15}" for e in engines)]
    lines += [f"{r[0]:{width}}" + "".join(f"  {v:>15}" for v in r[1:]) for r in rows]
    return "\n".join(lines)


def table(results: dict) -> str:
    q, s = results.get("quality", {}), results.get("scale", {})
    rows = []
    if q:
        rows += [("recall (query set, shipped site)", *(f"{q[e]['recall']:.1%}" for e in ("ours", "material"))),
                 ("precision (macro)", *(f"{q[e]['precision']:.1%}" for e in ("ours", "material"))),
                 ("queries with every expected page", *(f"{q[e]['queries_with_full_recall']}/{q[e]['queries']}"
                                                        for e in ("ours", "material")))]
    if s:
        rows += [
            ("index build time", *(f"{s['index_seconds'][e]:.1f} s" for e in ("ours", "material"))),
            ("total index (raw)", *(_kb(s["sizes"][e]["index_raw"]) for e in ("ours", "material"))),
            ("total index (gzip)", *(_kb(s["sizes"][e]["index_gzip"]) for e in ("ours", "material"))),
        ]
        for label, key in (("name/code query", "name"), ("full-text-only query", "fulltext")):
            rows.append((f"search bytes before first result, {label} (gzip)",
                         *(_kb(s["cold"][key][e]["before_first_result_gzip"]) for e in ("ours", "material"))))
        rows += [
            ("search start-up (cold)", *(_ms(s["cold"]["name"][e]["startup_ms"]) for e in ("ours", "material"))),
            ("shared ?q= URL to first result (cold)",
             *(_ms(s["cold"]["name"][e]["first_result_ms"]) for e in ("ours", "material"))),
            ("keystroke to results, median", *(_ms(s["keys"][e]["median_ms"]) for e in ("ours", "material"))),
            ("keystroke to results, p95", *(_ms(s["keys"][e]["p95_ms"]) for e in ("ours", "material"))),
            ("keystroke to full-text results in, median",
             *(_ms(s["keys"][e]["complete_median_ms"]) for e in ("ours", "material"))),
            ("keystroke to full-text results in, p95",
             *(_ms(s["keys"][e]["complete_p95_ms"]) for e in ("ours", "material"))),
        ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{'':{width}}  {'finder (ours)':>16}  {'Material search':>16}"]
    lines += [f"{a:{width}}  {b:>16}  {c:>16}" for a, b, c in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--guides", type=int, default=5000)
    parser.add_argument("--skip-scale", action="store_true", help="only the query set on the shipped site")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "out" / "search_bench.json")
    parser.add_argument("--keep", type=Path, help="build into this directory and keep it")
    parser.add_argument("--reuse", action="store_true", help="with --keep: measure the sites built before")
    parser.add_argument("--old-finder", default=OLD_FINDER, help="the commit whose finder is the 'before' column")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from bench.synthetic import make_content

    work = args.keep or Path(tempfile.mkdtemp(prefix="search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {}
    stops = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            print("building the shipped site twice (ours, Material's search)…", file=sys.stderr)
            shipped = build_pair(ROOT / "content", ROOT / "site_config", work / "shipped", args.reuse)
            urls = {}
            for engine in ("ours", "material"):
                urls[engine], stop = serve(shipped[engine])
                stops.append(stop)
            results["quality"] = {e: quality(browser, urls[e], e) for e in ("ours", "material")}
            print(table(results), file=sys.stderr)
            print(f"building the shipped site as {args.old_finder} built it…", file=sys.stderr)
            urls["old"], stop = serve(build_old_finder(args.old_finder, work / "shipped"))
            stops.append(stop)
            answers = plain_answers()
            results["plain"] = {e: plain_quality(browser, urls[e], e, answers) for e in ("ours", "old", "material")}
            print(plain_table(results["plain"]), file=sys.stderr)
            if not args.skip_scale:
                print(f"synthetic content: {args.items} items, {args.guides} guides…", file=sys.stderr)
                if not (args.reuse and (work / "scale" / "timings.json").is_file()):
                    make_content(work / "synthetic", items=args.items, guides=args.guides)
                data = work / "synthetic"
                built = build_pair(data / "content", data / "site_config", work / "scale", args.reuse)
                scale = {"items": args.items, "guides": args.guides, "pages": built["pages"],
                         "index_seconds": built["index_seconds"], "build_seconds": built["build_seconds"],
                         "sizes": {e: sizes(built[e], e) for e in ("ours", "material")},
                         "cold": {"name": {}, "fulltext": {}}, "keys": {}}
                for engine in ("ours", "material"):
                    url, stop = serve(built[engine])
                    stops.append(stop)
                    scale["cold"]["name"][engine] = cold_start(browser, url, built[engine], engine, "食品经营许可")
                    scale["cold"]["fulltext"][engine] = cold_start(browser, url, built[engine], engine, "现场核查")
                    scale["keys"][engine] = keystrokes(browser, url, engine, TYPED)
                results["scale"] = scale
            browser.close()
    finally:
        for stop in stops:
            stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(table(results))
    if "plain" in results:
        print(plain_table(results["plain"]))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    print(f"written {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
