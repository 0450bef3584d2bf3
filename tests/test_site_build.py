"""Whole-site builds: links resolve, builds are reproducible, failures change nothing,
hostile content shows as text, nothing is loaded from another host.

Real `mkdocs build`s of the shipped content and of two fixtures under tests/fixtures/
(minimal: a handful of entities; hostile: fields holding markup, Markdown and
template syntax). Expected figures come from the content graph, never hard-coded.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from generator.pipeline import check
from tests.conftest import ROOT, TEST_DATE, build

FIXTURES = ROOT / "tests" / "fixtures"
HOSTILE = ('恶意 <script>alert(1)</script> | *bold* [x](javascript:alert(1)) {{ 7*7 }} '
           '<img src=x onerror=alert(1)>')
ATOM = "{http://www.w3.org/2005/Atom}"


def fixture_dirs(name: str) -> tuple[Path, Path]:
    return FIXTURES / name / "content", FIXTURES / name / "site_config"


def graph(name: str):
    content_dir, site_config_dir = fixture_dirs(name) if name != "shipped" else (
        ROOT / "content", ROOT / "site_config")
    content, problems = check(content_dir, site_config_dir, TEST_DATE)
    assert content is not None, "\n".join(p.text() for p in problems)
    return content


@pytest.fixture(scope="module")
def minimal_site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("minimal") / "site", *fixture_dirs("minimal"))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("hostile") / "site", *fixture_dirs("hostile"))


@pytest.fixture(scope="module")
def odd_codes_site(tmp_path_factory) -> Path:
    """Codes holding "/", spaces and Chinese (allowed by the fixture's configured patterns)."""
    return build(tmp_path_factory.mktemp("odd-codes") / "site", *fixture_dirs("odd-codes"))


@pytest.fixture(params=["shipped", "minimal", "hostile", "odd-codes"])
def any_site(request) -> Path:
    return request.getfixturevalue({"shipped": "shipped_site", "minimal": "minimal_site",
                                    "hostile": "hostile_site", "odd-codes": "odd_codes_site"}[request.param])


@cache
def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def built_page(site: Path, docs_dir: str) -> BeautifulSoup:
    """The built page of a docs directory, e.g. "list/" -> site/list/index.html."""
    return soup_of(site / docs_dir / "index.html")


def text(node) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def references(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(tag, url) of every a[href], link[href], script[src] and img[src] of a page."""
    found = []
    for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
        for element in soup.find_all(tag):
            if element.has_attr(attribute):
                found.append((tag, element[attribute]))
    return found


def resolve(site: Path, html: Path, url: str) -> tuple[Path, str]:
    """A relative URL on `html` -> (file in the site it names, fragment)."""
    parts = urlsplit(url)
    if parts.path.startswith("/"):  # site-absolute: only MkDocs' 404 page uses these
        target = site / unquote(parts.path).lstrip("/")
    else:
        target = html.parent if not parts.path else (html.parent / unquote(parts.path))
    target = Path(os.path.normpath(target))
    if parts.path.endswith("/") or not parts.path or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


# --- links ---------------------------------------------------------------------------


def test_every_internal_link_resolves(any_site):
    site = any_site.resolve()
    broken = []
    for html in html_pages(site):
        for tag, url in references(soup_of(html)):
            if is_external(url):
                continue
            target, fragment = resolve(site, html, url)
            where = f"{html.relative_to(site)}: <{tag}> {url}"
            if url.startswith("/") and html.name != "404.html":
                # The site must work under any base path, so links are relative.
                broken.append(f"{where} -> site-absolute link")
                continue
            if site not in target.parents or not target.is_file():
                broken.append(f"{where} -> missing {target.relative_to(site) if site in target.parents else target}")
            elif fragment and target.suffix == ".html" and soup_of(target).find(id=unquote(fragment)) is None:
                broken.append(f"{where} -> no element with id {fragment!r}")
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:40])


def test_every_finder_result_links_to_a_written_page(any_site):
    """The finder's records carry page paths (or leave them to finder.js to derive from the
    first code, as `"items/" + code + "/"`); each must be a page the build wrote."""
    import json

    table = json.loads((any_site / "find" / "index" / "records.json").read_text(encoding="utf-8"))
    types = [entry[0] for entry in table["types"]]  # (key, label, rank)
    derived = {"item": "items/", "guide": "guides/"}  # finder.js: the path of a record without one
    missing = []
    for i, path in enumerate(table["path"]):
        kind = types[table["type"][i]]
        address = path or derived[kind] + table["code"][i][0] + "/"  # only items and guides omit it
        if not (any_site / address / "index.html").is_file():
            missing.append(f"{kind} {table['code'][i]} -> {address}")
    assert not missing, "\n".join(missing)


def test_codes_with_slashes_spaces_and_chinese_get_pages_that_links_reach(odd_codes_site):
    """Written by hand from the fixture: "/" becomes "_", spaces and Chinese stay as they are."""
    assert (odd_codes_site / "items" / "206_001" / "index.html").is_file()
    assert (odd_codes_site / "items" / "207 001甲" / "index.html").is_file()
    assert (odd_codes_site / "guides" / "4417_23 001 食" / "index.html").is_file()
    mapping = soup_of(odd_codes_site / "mapping" / "index.html")
    hrefs = {a["href"] for a in mapping.find_all("a", href=True)}
    assert "../items/206_001/" in hrefs
    assert "../items/207%20001%E7%94%B2/" in hrefs
    assert "../guides/4417_23%20001%20%E9%A3%9F/" in hrefs


def test_nothing_loaded_from_another_host(any_site):
    """No CDN: scripts, styles, fonts and icons come from the site itself."""
    offenders = []
    for html in html_pages(any_site):
        soup = soup_of(html)
        for script in soup.find_all("script", src=True):
            if is_external(script["src"]):
                offenders.append(f"{html.name}: script {script['src']}")
        for link in soup.find_all("link", href=True):
            rels = set(link.get("rel", []))
            if not rels & {"alternate", "canonical"} and is_external(link["href"]):
                offenders.append(f"{html}: link {link['href']}")
        for style in soup.find_all("style"):
            if re.search(r"url\(\s*['\"]?(https?:)?//|@import", style.get_text()):
                offenders.append(f"{html}: inline style loads {style.get_text()[:80]}")
    for css in any_site.rglob("*.css"):
        if re.search(r"@import\s+url\(\s*['\"]?(https?:)?//|url\(\s*['\"]?https?://", css.read_text("utf-8")):
            offenders.append(f"{css}: loads an external URL")
    assert not offenders, "\n".join(offenders[:20])


# --- reproducibility and failure -----------------------------------------------------


def tree_bytes(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_tree(first: Path, second: Path) -> None:
    a, b = tree_bytes(first), tree_bytes(second)
    assert sorted(a) == sorted(b), f"file lists differ: {sorted(set(a) ^ set(b))[:20]}"
    differing = [name for name in a if a[name] != b[name]]
    assert not differing, f"{len(differing)} files differ between two builds: {differing[:20]}"


def test_two_builds_of_the_same_content_are_byte_identical(minimal_site, tmp_path):
    again = build(tmp_path / "again", *fixture_dirs("minimal"))
    assert_same_tree(minimal_site, again)


def test_shipped_site_builds_reproducibly(shipped_site, tmp_path):
    assert_same_tree(shipped_site, build(tmp_path / "again"))


def test_failing_build_leaves_the_previous_site_untouched(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal" / "content", content)
    site_config = FIXTURES / "minimal" / "site_config"
    out = tmp_path / "site"
    command = [sys.executable, "-m", "generator", "build", "--content", str(content),
               "--site-config", str(site_config), "--out", str(out), "--date", TEST_DATE]
    first = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    before = tree_bytes(out)
    assert "index.html" in before

    broken = content / "editions" / "2025.yaml"
    broken.write_text(broken.read_text("utf-8").replace("category: 禁止准入类", "category: 不存在的类别", 1),
                      encoding="utf-8")
    second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert second.returncode == 1
    assert "2025.yaml" in second.stderr and "category" in second.stderr, second.stderr
    assert tree_bytes(out) == before
    # No half-built staging directory is left beside the site either.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


# --- the site-wide pages, checked against the content graph --------------------------


def table_rows(table) -> list[list]:
    return [row.find_all(["td", "th"]) for row in table.find("tbody").find_all("tr")]


def test_list_page_groups_every_item_of_the_current_edition(minimal_site):
    content = graph("minimal")
    soup = built_page(minimal_site, "list")
    article = soup.select_one("article")
    rows = [(row[1].get_text(strip=True), row[2].find("a")["href"], row[2].find("a").get_text())
            for table in article.select("table.qd-list-table") for row in table_rows(table)]
    items = list(content.current.items.values())
    prohibited = [i for i in items if i.category == "禁止准入类"]
    permitted = [i for i in items if i.category == "许可准入类"]
    sectors = list(dict.fromkeys(i.sector for i in permitted))
    expected_order = prohibited + [i for s in sectors for i in permitted if i.sector == s]
    assert rows == [(i.code, f"../items/{i.code}/", i.name) for i in expected_order]
    assert [h.get_text() for h in article.find_all("h3")] == sectors
    jump = article.select_one("nav.qd-jump")
    assert [a.get_text() for a in jump.find_all("a")] == ["禁止准入类", "许可准入类", *sectors]
    # Responsible units link to their department pages, in the item's order.
    for table in article.select("table.qd-list-table"):
        for row in table_rows(table):
            item = content.current.items[row[1].get_text(strip=True)]
            assert [a["href"] for a in row[4].find_all("a")] == [
                f"../departments/{u}/" for u in item.responsible_units]


def test_home_page_shows_edition_counts_search_and_latest_bulletins(minimal_site):
    content = graph("minimal")
    article = built_page(minimal_site, "").select_one("article")
    assert content.current.info.title in text(article)
    counts = [li.select_one(".qd-count").get_text() for li in article.select("ul.qd-counts li")]
    assert counts[0] == str(len(content.current.items))
    by_category = {c: sum(1 for i in content.current.items.values() if i.category == c)
                   for c in ("禁止准入类", "许可准入类")}
    assert counts[1:3] == [str(by_category["禁止准入类"]), str(by_category["许可准入类"])]
    form = article.find("form", role="search")
    assert form["action"] == "find/" and form.get("method", "get").lower() == "get"
    assert form.find("input")["name"] == "q"
    latest = [a.get_text() for a in article.select(".qd-bulletins li a")]
    assert latest == [b.title for b in content.bulletins[:3]]
    assert content.site.complaint.email in text(article)


def test_mapping_page_has_one_row_per_correspondence(minimal_site):
    content = graph("minimal")
    expected = [(item.code, s.basic_code, s.implementation_code)
                for item in content.current.items.values()
                for s in content.service_items.values() if item.code in s.list_items]
    article = built_page(minimal_site, "mapping").select_one("article")
    rows = table_rows(article.select_one("table.qd-mapping-table"))
    assert [(r[0].get_text(strip=True), r[2].get_text(strip=True), r[3].get_text(strip=True))
            for r in rows] == expected
    for row, (code, basic, _) in zip(rows, expected, strict=True):
        assert row[0].find("a")["href"] == f"../items/{code}/"
        guide_link = row[4].find("a")
        assert (guide_link is not None) == (basic in content.guides)
        if guide_link:
            assert guide_link["href"] == f"../guides/{basic}/"
    downloads = {a["href"] for a in article.select(".qd-downloads a[download], .qd-downloads a[href$='.json']")}
    assert downloads == {"../exports/mapping.csv", "../exports/mapping.xlsx", "../exports/mapping.json"}


def test_case_page_lists_bulletins_newest_first_with_filter_data(minimal_site):
    content = graph("minimal")
    article = built_page(minimal_site, "cases").select_one("article")
    sections = article.select("section.qd-bulletin")
    assert [s["id"] for s in sections] == [
        f"bulletin-{b.id}" for b in sorted(content.bulletins, key=lambda b: b.date, reverse=True)]
    cases = article.select("article.qd-case")
    expected = [c for b in content.bulletins for c in b.cases]
    assert [c["id"] for c in cases] == [f"case-{c.id}" for c in expected]
    for element, case in zip(cases, expected, strict=True):
        assert element["data-year"] == str(case.date.year)
        assert element["data-type"] == case.violation_type.value
        assert element["data-dept"] == (case.department or "")
        assert element.find("h3").find("a")["href"] == f"{case.id}/"
        if case.list_item:
            assert f"../items/{case.list_item}/" in {a["href"] for a in element.find_all("a")}
    # The filter form is hidden until JavaScript shows it: without JS every case is shown.
    form = article.find("form", id="qd-case-filter")
    assert form.has_attr("hidden")
    years = [o["value"] for o in form.find("select", attrs={"name": "year"}).find_all("option") if o["value"]]
    assert years == sorted({str(c.date.year) for c in expected}, reverse=True)
    # Without JavaScript the same groups are a plain index of links to the cases.
    index = article.find("details", class_="qd-case-index")
    groups = index.find_all("dl")
    assert len(groups) == 3  # year, type, department
    by_type = {dt.get_text().rsplit("（", 1)[0]: [a["href"] for a in dt.find_next_sibling("dd").find_all("a")]
               for dt in groups[1].find_all("dt")}
    assert by_type == {t: [f"#case-{c.id}" for c in expected if c.violation_type == t]
                       for t in dict.fromkeys(c.violation_type.value for c in expected)}


def test_atom_feed_is_valid_and_stable(minimal_site):
    content = graph("minimal")
    feed = ET.parse(minimal_site / "cases" / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}updated").text[:10] for e in entries] == [b.date.isoformat() for b in content.bulletins]
    assert feed.find(f"{ATOM}updated").text[:10] == content.bulletins[0].date.isoformat()
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    for entry in entries:
        for required in ("title", "link", "author", "summary"):
            assert entry.find(f"{ATOM}{required}") is not None, required
    # Every page points feed readers at it.
    head_link = built_page(minimal_site, "").find("link", rel="alternate", type="application/atom+xml")
    assert head_link["href"] == "cases/feed.xml"


def test_complaint_and_working_group_pages(minimal_site):
    content = graph("minimal")
    complaint = text(built_page(minimal_site, "complaint").select_one("article"))
    channel = content.site.complaint
    for value in (channel.hotline, channel.hotline_12345, channel.email, channel.address, *channel.process):
        assert value in complaint
    group = built_page(minimal_site, "working-group").select_one("article")
    members = [d for d in content.departments.values() if d.working_group]
    rows = table_rows(group.select_one("table.qd-members"))
    assert sorted(r[0].find("a")["href"] for r in rows) == sorted(f"../departments/{d.id}/" for d in members)
    leads = {r[0].find("a")["href"] for r in rows if "牵头单位" in r[1].get_text()}
    assert leads == {f"../departments/{d.id}/" for d in members if d.lead}


def test_every_page_has_the_government_site_footer(any_site):
    for html in html_pages(any_site):
        footer = soup_of(html).find("footer")
        assert footer is not None, html
        links = {a.get_text(strip=True): a["href"] for a in footer.find_all("a")}
        assert "投诉渠道" in links, html
        target, _ = resolve(any_site.resolve(), html.resolve(), links["投诉渠道"])
        assert target == any_site.resolve() / "complaint" / "index.html"
        assert "网站标识码" in text(footer) and "主办单位" in text(footer)


def test_footer_values_come_from_the_site_config(minimal_site):
    filings = graph("minimal").site.filings
    footer = built_page(minimal_site, "list").find("footer")
    hrefs = {a.get_text(strip=True): a["href"] for a in footer.find_all("a")}
    assert hrefs[filings.icp] == filings.icp_url
    assert hrefs[filings.police] == filings.police_url
    assert hrefs["政府网站找错"] == filings.error_report_url
    assert filings.site_code in text(footer) and filings.organiser in text(footer)


def test_open_data_page_documents_every_export_column(minimal_site):
    from generator.render import exports

    article = built_page(minimal_site, "open-data").select_one("article")
    for ds in exports.DATASETS:
        section = article.find(id=f"dataset-{ds.name}").find_parent("section")
        documented = [(r[0].get_text(strip=True), r[1].get_text(strip=True))
                      for r in table_rows(section.find("table"))]
        assert documented == [(c.name, c.label) for c in ds.columns]
        for fmt in exports.FORMATS:
            assert (minimal_site / "exports" / f"{ds.name}.{fmt}").is_file()


def test_nav_lists_the_site_wide_pages(minimal_site):
    nav_links = {a["href"] for a in built_page(minimal_site, "").select("nav.md-tabs a, nav.md-nav a")}
    for docs_dir in ("list/", "mapping/", "cases/", "complaint/", "working-group/", "open-data/"):
        assert docs_dir in nav_links


# --- hostile content shows as text ---------------------------------------------------

HOSTILE_PAGES = ["", "list", "mapping", "cases", "complaint", "working-group",
                 "items/206001", "guides/441723001000", "cases/2025-q2-01", "model-texts/food-application",
                 "departments/scjgj"]


def scripts(soup: BeautifulSoup) -> list[str]:
    return [script.get("src") or script.get_text() for script in soup.find_all("script")]


@pytest.mark.parametrize("docs_dir", HOSTILE_PAGES)
def test_hostile_content_is_text_not_markup(hostile_site, minimal_site, docs_dir):
    soup = built_page(hostile_site, docs_dir)
    # The same page of the harmless fixture has exactly the same scripts: content adds none.
    assert scripts(soup) == scripts(built_page(minimal_site, docs_dir))
    assert all("alert" not in script for script in scripts(soup))
    for element in soup.find_all(True):
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert not handlers, f"{element.name} has {handlers}"
        for attribute in ("href", "src", "action"):
            value = str(element.get(attribute, "")).strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), str(element)[:120]
    assert soup.find("img", src="x") is None
    # Tables keep their column count: no "|" or markup in a cell adds or removes a cell.
    for table in soup.select("article table"):
        header = table.find("thead")
        if header is None:
            continue
        width = sum(int(th.get("colspan", 1)) for th in header.find_all("th"))
        for row in table.find("tbody").find_all("tr"):
            assert sum(int(c.get("colspan", 1)) for c in row.find_all(["td", "th"])) == width, str(row)[:200]


@pytest.mark.parametrize(("docs_dir", "prefixes"), [
    ("list", ["禁止", "许可", "行业", "部门", "单位"]),
    ("mapping", ["许可", "政务"]),
    ("cases", ["通报", "案例", "地区", "处理"]),
    ("cases/2025-q2-01", ["案例"]),
    ("complaint", ["渠道", "电话", "步骤"]),
    ("working-group", ["单位", "职责", "科室"]),
    ("", ['说明" onmouseover="alert(1)']),
    ("items/206001", ["许可"]),
    ("guides/441723001000", ["条件", "材料"]),
])
def test_hostile_strings_are_visible_literally(hostile_site, docs_dir, prefixes):
    shown = text(built_page(hostile_site, docs_dir).select_one("article"))
    for prefix in prefixes:
        assert prefix + HOSTILE in shown, f"{prefix}{HOSTILE!r} not shown as text on {docs_dir or 'home'}"


def test_hostile_page_titles_are_escaped(hostile_site):
    soup = built_page(hostile_site, "items/206001")
    raw = (hostile_site / "items" / "206001" / "index.html").read_text("utf-8")
    assert "<script>alert(1)</script>" not in raw
    assert "alert(1)" in soup.find("title").get_text()


def test_hostile_site_name_is_escaped_in_the_header(hostile_site):
    soup = built_page(hostile_site, "list")
    assert "平台" + HOSTILE in text(soup.find("header"))
    assert soup.find("title").get_text().endswith("平台" + HOSTILE)


def test_hostile_site_description_stays_inside_its_meta_tag(hostile_site):
    content = graph("hostile")
    meta = built_page(hostile_site, "list").find("meta", attrs={"name": "description"})
    assert meta["content"] == content.site.description


def test_hostile_footer_is_escaped(hostile_site):
    footer = built_page(hostile_site, "list").find("footer")
    assert "主办" + HOSTILE in text(footer)
    assert footer.find("script") is None and footer.find("img") is None


def test_hostile_feed_is_well_formed_and_keeps_the_text(hostile_site):
    feed = ET.parse(hostile_site / "cases" / "feed.xml").getroot()
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert "通报" + HOSTILE in titles


def test_feed_links_point_at_the_published_site(shipped_site):
    """With site_url configured, feed links are absolute and land on the bulletin's section."""
    content = graph("shipped")
    base = content.site.site_url
    if base is None:
        pytest.fail("the shipped site.yaml should configure site_url (the feed needs it)")
    feed = ET.parse(shipped_site / "cases" / "feed.xml").getroot()
    self_link = next(link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == base.rstrip("/") + "/cases/feed.xml"
    cases_page = built_page(shipped_site, "cases")
    for entry in feed.findall(f"{ATOM}entry"):
        href = entry.find(f"{ATOM}link").get("href")
        assert href.startswith(base.rstrip("/") + "/cases/#")
        assert cases_page.find(id=href.split("#", 1)[1]) is not None


def test_a_new_county_without_bulletins_or_guides_renders():
    """A county starts with a list and departments only: every site-wide page still renders."""
    from generator.pipeline import with_facts
    from generator.render import render_all

    content = graph("minimal")
    content.bulletins, content.guides, content.model_texts = [], {}, {}
    content, _ = with_facts(content.index())  # the derive stage again, on the emptied graph
    tree = render_all(content)
    assert "暂无违规案例通报" in tree["cases/index.md"]
    feed = ET.fromstring(tree["cases/feed.xml"])
    assert feed.findall(f"{ATOM}entry") == []
    assert feed.find(f"{ATOM}updated").text[:10] == content.current.info.published.isoformat()
    for name in ("cases", "guides"):
        assert tree[f"exports/{name}.csv"].decode("utf-8-sig").count("\r\n") == 1  # the header only


def test_two_builds_in_one_process_each_get_their_own_content(tmp_path):
    """The build's state lives on each config's own plugin, not in a module: two configs
    prepared before either one builds still give two different sites, in either order."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.render import render_all
    from generator.site.build import prepare_plugin

    configs = {}
    for name in ("minimal", "shipped"):
        content = graph(name)
        configs[name] = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / name))
        prepare_plugin(configs[name], content, render_all(content))
    for name in ("shipped", "minimal"):
        mkdocs_build(configs[name])
    titles = {name: BeautifulSoup((tmp_path / name / "index.html").read_text(encoding="utf-8"),
                                  "html.parser").title.get_text() for name in configs}
    assert "测试县市场准入负面清单公开平台" in titles["minimal"]
    assert "阳西县市场准入负面清单公开平台" in titles["shipped"]
    # A guide of the shipped sample is no page of the minimal fixture's site.
    assert (tmp_path / "shipped" / "guides" / "index.html").exists()
    shipped_items = {p.name for p in (tmp_path / "shipped" / "items").iterdir()}
    minimal_items = {p.name for p in (tmp_path / "minimal" / "items").iterdir()}
    assert shipped_items != minimal_items and len(shipped_items) > len(minimal_items)
