"""Zensical, the second site engine: the shipped site built with `zensical build`.

Zensical (Material for MkDocs' successor) reads the same mkdocs.yml but runs no hooks,
so generator/site/build.py writes the generated docs tree and a config copy for it. These
tests build the shipped content with it and check the key pages by structure against
the content graph: home, the list, an item, a guide, the cases page, the finder and a bundle.
In CI (CI set) a missing zensical fails the run instead of skipping it: .ci/run
installs it through the `test` extras.
"""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.pipeline import check
from generator.site.build import build_site
from tests.conftest import ROOT, TEST_DATE

if importlib.util.find_spec("zensical") is None:
    if os.environ.get("CI"):
        pytest.fail("zensical is not installed: pip install -e '.[test]'", pytrace=False)
    pytest.skip("zensical is not installed (pip install -e '.[test]')", allow_module_level=True)


@pytest.fixture(scope="module")
def content():
    content, problems = check(ROOT / "content", ROOT / "site_config", TEST_DATE)
    assert content is not None, "\n".join(p.text() for p in problems)
    return content


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("zensical")
    out = work / "site"
    build_site(ROOT, out, date=TEST_DATE, engine="zensical", work_dir=work / "work")
    return out


def page(site: Path, docs_dir: str) -> BeautifulSoup:
    return BeautifulSoup((site / docs_dir / "index.html").read_text("utf-8"), "html.parser")


def text(node) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


def test_home_page_has_the_site_name_the_nav_and_the_footer(zensical_site, content):
    soup = page(zensical_site, "")
    assert soup.find("title").get_text().startswith("首页")
    assert content.site.site_name in text(soup.find("header"))
    nav = {text(a) for a in soup.select("nav a")}
    assert {"负面清单", "违规案例", "办事指南", "开放数据"} <= nav
    # The footer values come from site.yaml through extra.qingdan in the config copy.
    footer = text(soup.find("footer"))
    assert content.site.filings.site_code in footer
    assert content.build_date.isoformat() in footer


def test_list_page_links_every_item_of_the_current_edition(zensical_site, content):
    soup = page(zensical_site, "list")
    links = {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in soup.select("article a[href]")
             if "items/" in a["href"]}
    assert links >= set(content.current.items)


def test_item_page_shows_its_code_name_and_measures(zensical_site, content):
    code, item = next(iter(content.current.items.items()))
    soup = page(zensical_site, f"items/{code}")
    assert text(soup.find("h1")).startswith(f"{code} {item.name}")
    article = text(soup.find("article"))
    for measure in item.measures:
        assert measure.text in article


def test_guide_page_lists_every_material(zensical_site, content):
    code, guide = next(iter(content.guides.items()))
    soup = page(zensical_site, f"guides/{code}")
    assert content.service_items[code].name in text(soup.find("h1"))
    article = text(soup.find("article"))
    for material in guide.materials:
        assert material.name in article


def test_cases_page_shows_every_case(zensical_site, content):
    article = text(page(zensical_site, "cases").find("article"))
    assert content.cases
    for case in content.cases.values():
        assert case.title in article


def test_finder_page_loads_its_script_and_index(zensical_site):
    soup = page(zensical_site, "find")
    form = soup.select_one("article form")
    assert form is not None and form.find("input") is not None
    scripts = [s["src"] for s in soup.find_all("script", src=True)]
    assert "../assets/finder.js" in scripts
    assert (zensical_site / "assets" / "finder.js").is_file()
    assert any((zensical_site / "find").rglob("*.json")), "the finder's search data was not written"


def test_bundle_pages_build_with_zensical_too(zensical_site, content):
    """The 一件事 pages: every step, the questions' form, the script and its answer table."""
    index = text(page(zensical_site, "bundles").find("article"))
    for bundle in content.bundles.values():
        assert bundle.title in index
    soup = page(zensical_site, "bundles/restaurant")
    steps = [text(h) for h in soup.select("article section.qd-bundle-step h3")]
    assert [s.rsplit(" 第 ", 1)[0] for s in steps] == [
        "① 营业执照（个体工商户或企业设立登记）", "② 食品经营许可", "③ 食品行业从业人员健康证明", "④ 户外招牌设施设置",
        "⑤ 公众聚集场所投入使用、营业前消防安全检查", "⑥ 娱乐场所经营许可"]
    assert soup.select_one("article form#qd-bundle-questions").has_attr("hidden")
    assert soup.find("script", id="qd-bundle-data") is not None
    assert "../../assets/bundle-page.js" in [s["src"] for s in soup.find_all("script", src=True)]


def test_zensical_builds_are_byte_identical(zensical_site, tmp_path):
    again = tmp_path / "site"
    build_site(ROOT, again, date=TEST_DATE, engine="zensical", work_dir=tmp_path / "work")
    first = {p.relative_to(zensical_site): p.read_bytes() for p in zensical_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_hostile_titles_and_site_name_are_text(tmp_path):
    """No hook escapes for Zensical: the written docs tree and config copy must."""
    fixture = ROOT / "tests" / "fixtures" / "hostile"
    out = tmp_path / "site"
    build_site(ROOT, out, date=TEST_DATE, engine="zensical", work_dir=tmp_path / "work",
               content_dir=fixture / "content", site_config_dir=fixture / "site_config")
    raw = (out / "items" / "206001" / "index.html").read_text("utf-8")
    assert "<script>alert(1)</script>" not in raw
    soup = BeautifulSoup(raw, "html.parser")
    assert "alert(1)" in soup.find("title").get_text()
    assert "<script>alert(1)</script>" in text(soup.find("header"))
