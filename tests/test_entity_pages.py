"""Detail pages (items, departments, guides, model texts, cases) on real builds.

Two builds are checked with the same tests: the shipped content, and a small fixture
(tests/fixtures/entity-pages/) that also holds what the shipped content may lack: an
item only an older edition has, a model text with attachments, a blank form, a case
with its rectification task. Expectations come from the content graph, never from
hard-coded counts.

Golden files (tests/golden/*.md) hold the generated Markdown of a few representative
shipped entities. After an intended change, regenerate them and review the diff:

    QINGDAN_REGEN_GOLDEN=1 python -m pytest tests/test_entity_pages.py
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import posixpath
import statistics
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from generator.model.content import Content, Edition
from generator.model.types import is_stated
from generator.pipeline import check, with_facts
from generator.render import entities as e
from generator.render import urls
from generator.render.urls import directory as page_url
from tests.conftest import ROOT, TEST_DATE, artifact, build

FIXTURE = ROOT / "tests" / "fixtures" / "entity-pages" / "content"
GOLDEN = ROOT / "tests" / "golden"
REGENERATE = os.environ.get("QINGDAN_REGEN_GOLDEN") == "1"


def _content(content_dir: Path) -> Content:
    content, problems = check(content_dir, ROOT / "site_config", TEST_DATE)
    assert content is not None, "\n".join(p.text() for p in problems)
    return content


@pytest.fixture(scope="module")
def shipped_content() -> Content:
    return _content(ROOT / "content")


@pytest.fixture(scope="module")
def fixture_content() -> Content:
    return _content(FIXTURE)


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("entity-pages") / "site", FIXTURE)


@pytest.fixture(scope="module", params=["shipped", "fixture"])
def built(request) -> tuple[Content, Path]:
    """(content graph, built site) for the shipped content and for the fixture."""
    return (request.getfixturevalue(f"{request.param}_content"),
            request.getfixturevalue(f"{request.param}_site"))


def html_of(site: Path, docs_path: str) -> Path:
    return site / page_url(docs_path) / "index.html"


def soup(site: Path, docs_path: str) -> BeautifulSoup:
    path = html_of(site, docs_path)
    assert path.is_file(), f"no page for {docs_path}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(site: Path, docs_path: str):
    found = soup(site, docs_path).select_one("article.md-content__inner")
    assert found is not None, docs_path
    return found


def target_of(docs_path: str, href: str) -> str | None:
    """A relative href on a page -> the docs-relative path it reaches (None if outside)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return posixpath.normpath(posixpath.join(page_url(docs_path), unquote(parts.path)))


def links_to(node, docs_path: str) -> set[str]:
    return {t for a in node.find_all("a", href=True) if (t := target_of(docs_path, a["href"]))}


def table_by_caption(node, starts: str):
    for table in node.find_all("table"):
        if table.caption and table.caption.get_text(strip=True).startswith(starts):
            return table
    raise AssertionError(f"no table captioned {starts!r}")


def section(node, heading_id: str) -> list:
    """The elements between the h2 with this id and the next h2."""
    heading = node.find("h2", id=heading_id)
    assert heading is not None, f"no section #{heading_id}"
    out = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        out.append(sibling)
    return out


def all_pages(content: Content) -> list[str]:
    return [
        *[urls.item(code) for code in e.item_codes(content)],
        urls.DEPARTMENTS, *[urls.department(d) for d in content.departments],
        urls.GUIDES, *[urls.guide(code) for code in content.guides],
        urls.MODEL_TEXTS, *[urls.model_text(t) for t in content.model_texts],
        *[urls.case(c) for c in content.cases],
    ]


# --- every entity has its page ------------------------------------------------------------


def test_a_page_for_every_entity(built):
    content, site = built
    missing = [p for p in all_pages(content) if not html_of(site, p).is_file()]
    assert not missing
    # Items that older editions hold are kept, so old links keep working.
    for edition in content.editions.values():
        for code in edition.items:
            assert html_of(site, urls.item(code)).is_file()


def test_links_between_entity_pages_resolve(built):
    content, site = built
    own = ("items/", "departments/", "guides/", "model-texts/", "cases/", "files/")
    for docs_path in all_pages(content):
        for target in links_to(article(site, docs_path), docs_path):
            if not target.startswith(own):
                continue  # pages of other renderers are checked by their own tests
            exists = (site / target).is_file() or (site / target / "index.html").is_file()
            assert exists, f"{docs_path} links to {target}, which does not exist"


def test_tables_are_accessible(built):
    content, site = built
    for docs_path in all_pages(content):
        for table in article(site, docs_path).find_all("table"):
            if table.find_parent(class_="qd-model-text-body"):
                continue  # a model text's own Markdown table
            assert table.caption and table.caption.get_text(strip=True), docs_path
            for th in table.find_all("th"):
                assert th.get("scope") in ("col", "row"), f"{docs_path}: <th> without scope"
            if len(table.thead.find_all("th") if table.thead else []) > 4:
                # A wide table scrolls in its box, or (a guide's materials) turns into
                # cards where the box is narrow (tests/test_guide_layout.py measures it).
                wrapped = {"qd-table-wrap", "qd-materials"} & set(table.parent.get("class", []))
                assert wrapped, f"{docs_path}: wide table not wrapped"


def test_sample_entities_show_the_badge(built):
    content, site = built
    pairs = [(urls.item(c), content.item_in_any_edition(c).sample) for c in e.item_codes(content)]
    pairs += [(urls.department(d.id), d.sample) for d in content.departments.values()]
    pairs += [(urls.guide(code), g.sample) for code, g in content.guides.items()]
    pairs += [(urls.model_text(t.id), t.sample) for t in content.model_texts.values()]
    pairs += [(urls.case(c.id), c.sample or content.bulletin_of_case[c.id].sample)
              for c in content.cases.values()]
    for docs_path, sample in pairs:
        h1 = article(site, docs_path).find("h1")
        badge = h1.find(class_="qd-sample")
        assert bool(badge) == sample, docs_path
        if sample:
            assert badge.get_text(strip=True) == "示例"


def test_detail_pages_stay_light(built):
    content, site = built
    sizes = [html_of(site, p).stat().st_size for p in all_pages(content)]
    assert statistics.median(sizes) < 40_000, f"median page {statistics.median(sizes)} bytes"


# --- list items --------------------------------------------------------------------------


def test_item_pages_show_the_item(built):
    content, site = built
    for code in e.item_codes(content):
        item = content.item_in_any_edition(code)
        page = article(site, urls.item(code))
        assert item.name in page.h1.get_text()
        facts = table_by_caption(page, "事项基本信息")
        assert item.category.value in facts.get_text()
        assert str(item.number) in facts.get_text()
        measures = section(page, "measures")[0].find_all("p")
        assert [p.get_text(" ", strip=True) for p in measures] == [
            # The published list prints ★ before the measure it marks (湛江's 2022 text: "★非金融机构…").
            " ".join(filter(None, [e.circled(i), "★" if m.star else "", m.text,
                                   f"（措施编码 {m.code} ）" if m.code else "",
                                   f"（主管部门：{m.authority}）" if m.authority else "",
                                   f"（地方性措施，适用地区：{m.region}）" if m.local else "",
                                   m.note or ""]))
            for i, m in enumerate(item.measures, 1)
        ]
        units = links_to(table_by_caption(page, "县级责任主体"), urls.item(code))
        assert units == {posixpath.dirname(urls.department(d)) for d in item.responsible_units}


def test_item_page_links_to_its_guides_model_texts_and_cases(built):
    content, site = built
    for code in content.current.items:
        docs_path = urls.item(code)
        page = article(site, docs_path)
        found = links_to(page, docs_path)
        for guide in content.guides_of_item(code):
            assert posixpath.dirname(urls.guide(guide.service_item)) in found
        for text in content.model_texts_of_item.get(code, []):
            assert posixpath.dirname(urls.model_text(text.id)) in found
        for case in content.cases_of_item.get(code, []):
            assert posixpath.dirname(urls.case(case.id)) in found
        service_items = content.service_items_of_item.get(code, [])
        if service_items:
            table = table_by_caption(page, "本事项对应的政务服务事项")
            codes = [row.find_all("td")[0].get_text(strip=True) for row in table.tbody.find_all("tr")]
            assert codes == [s.basic_code for s in service_items]


def test_only_old_items_carry_the_not_current_notice(built):
    content, site = built
    for code in e.item_codes(content):
        notice = article(site, urls.item(code)).find(class_="qd-not-current")
        if code in content.current.items:
            assert notice is None
        else:
            assert "该事项不在现行清单中" in notice.get_text()


def test_old_item_links_to_the_item_that_replaces_it(fixture_content, fixture_site):
    successors = [(old, item.code) for item in fixture_content.current.items.values() for old in item.replaces]
    assert successors, "the fixture must hold a replaced item"
    for old, new in successors:
        notice = article(fixture_site, urls.item(old)).find(class_="qd-not-current")
        assert posixpath.dirname(urls.item(new)) in links_to(notice, urls.item(old))


# --- guides ------------------------------------------------------------------------------


def test_guide_pages_tell_everything_at_once(built):
    content, site = built
    for code, guide in content.guides.items():
        docs_path = urls.guide(code)
        page = article(site, docs_path)
        assert content.service_items[code].name in page.h1.get_text()
        # Materials: one row per material, in content order, with form, copies, original, required.
        table = table_by_caption(page, "申请材料清单")
        for hidden in table.select("[aria-hidden=true]"):
            hidden.decompose()  # the card's "1. " before the name, shown on phones only
        rows = [[c.get_text(strip=True) for c in tr.find_all(["th", "td"])] for tr in table.tbody.find_all("tr")]
        assert [r[1:6] for r in rows] == [
            # 需原件 left out is 未注明, never a silent 不需原件.
            [x.name, x.form.value, f"{x.copies} 份",
             "原件未注明" if not is_stated(x.original) else "需要原件" if x.original else "不需原件",
             "必要" if x.required else "非必要"]
            for x in guide.materials
        ]
        assert [r[6] for r in rows] == [x.source for x in guide.materials]
        for tr, material in zip(table.tbody.find_all("tr"), guide.materials, strict=True):
            files = tr.find_all(["th", "td"])[8]
            if material.model_text:
                assert posixpath.dirname(urls.model_text(material.model_text)) in links_to(files, docs_path)
            if material.blank_form:
                assert files.find("a", href=True, string="下载空表")
            # Every cell a phone shows as a card line names its field.
            assert [td["data-label"] for td in tr.find_all("td")] == [
                "序号", "材料形式", "份数", "原件", "必要性", "来源渠道", "填报须知", "空表和样表"]
        # Phones are tel: links where there is a number to dial.
        phones = table_by_caption(page, "咨询和监督投诉电话")
        tels = {a["href"] for a in phones.find_all("a", href=True)}
        for phone in guide.phones.enquiry + guide.phones.complaint:
            assert phone in phones.get_text()
            if e.tel_href(phone):
                assert e.tel_href(phone) in tels
        # Legal and promised time limits.
        # (the total with special steps is checked against hand-worked answers in test_guide_time)
        limits = {tr.th.get_text(strip=True): tr.td.get_text(strip=True)
                  for tr in table_by_caption(page, "办理时限").find_all("tr")
                  if tr.th.get_text(strip=True) != "含特殊环节的总时长"}
        assert limits == {"法定办结时限": e.time_limit(guide.legal_time_limit),
                          "承诺办结时限": e.time_limit(guide.promised_time_limit)}
        # Back to the list items it implements, and the review stamp.
        found = links_to(page, docs_path)
        for item_code in content.service_items[code].list_items:
            assert posixpath.dirname(urls.item(item_code)) in found
        reviewed = section(page, "reviewed")[0].get_text()
        assert guide.reviewed.date.isoformat() in reviewed
        assert content.editions[guide.reviewed.edition].info.title in reviewed


def test_only_stale_guides_and_model_texts_carry_the_update_notice(built):

    content, site = built
    stale = {id(found.document): found for found in content.facts.stale}
    documents = [(urls.guide(code), g) for code, g in content.guides.items()]
    documents += [(urls.model_text(t.id), t) for t in content.model_texts.values()]
    for docs_path, document in documents:
        notice = article(site, docs_path).find(class_="qd-stale")
        found = stale.get(id(document))
        if found is None:
            assert notice is None, docs_path
        else:
            assert notice is not None, docs_path
            assert found.due.isoformat() in notice.get_text()
            assert links_to(notice, docs_path) == {posixpath.dirname(urls.item(c)) for c in found.items}


def test_guides_index_lists_every_guide(built):
    content, site = built
    table = table_by_caption(article(site, urls.GUIDES), "办事指南一览")
    rows = table.tbody.find_all("tr")
    assert [links_to(r.th, urls.GUIDES) for r in rows] == [
        {posixpath.dirname(urls.guide(code))} for code in content.guides
    ]
    for row, guide in zip(rows, content.guides.values(), strict=True):
        cells = [c.get_text(strip=True) for c in row.find_all("td")]
        assert cells[1:] == [guide.online.level.value, str(guide.visits), e.time_limit(guide.promised_time_limit)]


# --- departments -------------------------------------------------------------------------


def test_departments_index_counts(built):
    content, site = built
    table = table_by_caption(article(site, urls.DEPARTMENTS), "县直有关单位一览")
    rows = table.tbody.find_all("tr")
    assert len(rows) == len(content.departments)
    for row, dept in zip(rows, content.departments.values(), strict=True):
        assert row.th.a.get_text(strip=True) == dept.name
        counts = [int(c.get_text()) for c in row.find_all("td")[1:]]
        assert counts == [
            len(content.items_of_department.get(dept.id, [])),
            len(content.service_items_of_department.get(dept.id, [])),
            len(content.guides_of_department.get(dept.id, [])),
            len(content.model_texts_of_department.get(dept.id, [])),
            len(content.cases_of_department.get(dept.id, [])),
            len(content.tasks_of_department.get(dept.id, [])),
        ]


def test_department_pages_list_what_the_department_owns(built):
    content, site = built
    for dept in content.departments.values():
        docs_path = urls.department(dept.id)
        page = article(site, docs_path)
        found = links_to(page, docs_path)
        expected = (
            [urls.item(i.code) for i in content.items_of_department.get(dept.id, [])]
            + [urls.guide(g.service_item) for g in content.guides_of_department.get(dept.id, [])]
            + [urls.model_text(t.id) for t in content.model_texts_of_department.get(dept.id, [])]
            + [urls.case(c.id) for c in content.cases_of_department.get(dept.id, [])]
        )
        assert {posixpath.dirname(p) for p in expected} <= found
        for contact in dept.contacts:
            assert contact.unit in page.get_text()
            if contact.phone and e.tel_href(contact.phone):
                assert page.find("a", href=e.tel_href(contact.phone))
        tasks = content.tasks_of_department.get(dept.id, [])
        if tasks:
            table = table_by_caption(page, f"{dept.name}的整改任务")
            assert [tr.td.get_text(strip=True) for tr in table.tbody.find_all("tr")] == [t.id for t in tasks]
            for task in tasks:
                _assert_ledger_anchor(site, table, docs_path, task.id)


# --- model texts and attachments ---------------------------------------------------------


def test_attachments_are_downloadable(built):
    content, site = built
    for relative, data in content.attachments.items():
        assert (site / "files" / relative).read_bytes() == data
    for text in content.model_texts.values():
        docs_path = urls.model_text(text.id)
        files = section(article(site, docs_path), "files")[0]
        hrefs = [a["href"] for a in files.find_all("a", href=True)]
        assert [target_of(docs_path, h) for h in hrefs] == [urls.attachment(a.file) for a in text.files]
        for href, attachment in zip(hrefs, text.files, strict=True):
            assert (site / target_of(docs_path, href)).read_bytes() == content.attachments[attachment.file]


def test_fixture_has_attachments(fixture_content):
    # Keeps the attachment test above from passing on nothing.
    assert fixture_content.attachments and any(t.files for t in fixture_content.model_texts.values())


def test_model_text_pages(built):
    content, site = built
    for text in content.model_texts.values():
        docs_path = urls.model_text(text.id)
        page = article(site, docs_path)
        assert text.title in page.h1.get_text()
        body = page.find(class_="qd-model-text-body")
        assert body is not None and body.get_text(strip=True)
        found = links_to(page, docs_path)
        assert posixpath.dirname(urls.department(text.department)) in found
        if text.service_item in content.guides:
            assert posixpath.dirname(urls.guide(text.service_item)) in found
        if text.list_item:
            assert posixpath.dirname(urls.item(text.list_item)) in found
    table = table_by_caption(article(site, urls.MODEL_TEXTS), "示范文本一览")
    assert len(table.tbody.find_all("tr")) == len(content.model_texts)


def _assert_ledger_anchor(site: Path, node, docs_path: str, task_id: str) -> None:
    """The link to a rectification task reaches its row in the ledger (another renderer's page)."""
    link = node.find("a", href=lambda h: h and h.endswith("#" + task_id))
    assert link is not None, f"{docs_path}: no link to task {task_id}"
    ledger = target_of(docs_path, link["href"])
    assert ledger == posixpath.dirname(urls.RECTIFICATION_LEDGER)
    if (site / ledger / "index.html").is_file():
        assert soup(site, urls.RECTIFICATION_LEDGER).find(id=task_id), f"the ledger has no row {task_id}"


# --- cases -------------------------------------------------------------------------------


def test_case_pages(built):
    content, site = built
    for case in content.cases.values():
        docs_path = urls.case(case.id)
        page = article(site, docs_path)
        bulletin = content.bulletin_of_case[case.id]
        facts = table_by_caption(page, "案例基本信息").get_text()
        for value in (bulletin.title, bulletin.date.isoformat(), case.locality, case.unit,
                      case.violation_type.value, case.date.isoformat()):
            assert value in facts
        found = links_to(page, docs_path)
        if case.list_item:
            assert posixpath.dirname(urls.item(case.list_item)) in found
        if case.department:
            assert posixpath.dirname(urls.department(case.department)) in found
        if case.rectification:
            assert content.tasks_by_id[case.rectification].title in facts
            _assert_ledger_anchor(site, page, docs_path, case.rectification)
        text = " ".join(x.get_text() for x in section(page, "facts") + section(page, "handling"))
        assert all(line.strip() in text for line in (case.facts + "\n" + case.handling).splitlines())


# --- navigation --------------------------------------------------------------------------


def test_nav_lists_the_index_pages_only(built):
    content, site = built
    nav = soup(site, "index.md").select_one("nav.md-nav--primary")
    found = links_to(nav, "index.md")
    for index in (urls.DEPARTMENTS, urls.GUIDES, urls.MODEL_TEXTS):
        assert posixpath.dirname(index) in found
    details = {posixpath.dirname(p) for p in all_pages(content)} - {
        posixpath.dirname(p) for p in (urls.DEPARTMENTS, urls.GUIDES, urls.MODEL_TEXTS)}
    assert not found & details


# --- escaping ----------------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script> | *粗* [x](javascript:alert(1)) {{ x }} <img src=x onerror=alert(1)> &amp;"


def _hostile(content: Content) -> Content:
    """The fixture with hostile text in the fields the entity pages show."""
    def h(model, **fields):
        return model.model_copy(update=dict.fromkeys(fields, HOSTILE) | {
            k: v for k, v in fields.items() if v is not None})

    editions = {}
    for key, edition in content.editions.items():
        items = {code: h(item, name=None, task_division=None, management_authority=None,
                         measures=[h(x, text=None) for x in item.measures],
                         legal_basis=[HOSTILE], conditions=[HOSTILE], approval_process=[HOSTILE])
                 for code, item in edition.items.items()}
        editions[key] = Edition(h(edition.info, title=None), items)
    guides = {code: h(g, summary=None, conditions=[HOSTILE], legal_basis=[HOSTILE],
                      materials=[h(x, name=None, source=None, notes=None) for x in g.materials],
                      phones=g.phones.model_copy(update={"enquiry": [HOSTILE], "complaint": ["12345" + HOSTILE]}),
                      office=h(g.office, name=None, address=None, hours=None),
                      faq=[h(q, question=None, answer=None) for q in g.faq])
              for code, g in content.guides.items()}
    bulletins = [h(b, title=None, cases=[h(c, title=None, facts=None, handling=None, unit=None, locality=None)
                                         for c in b.cases]) for b in content.bulletins]
    return with_facts(dataclasses.replace(
        content,
        departments={k: h(d, name=None, full_name=None, role=None) for k, d in content.departments.items()},
        editions=editions,
        service_items={k: h(s, name=None) for k, s in content.service_items.items()},
        guides=guides,
        model_texts={k: h(t, title=None, body=HOSTILE + "\n\n" + HOSTILE) for k, t in content.model_texts.items()},
        bulletins=bulletins,
        tasks=[h(t, title=None) for t in content.tasks],
    ).index())[0]


def _markdown_to_html(page: str) -> tuple[dict, BeautifulSoup]:
    """What MkDocs does with a page: front matter, then Markdown with the site's extensions."""
    _, front, body = page.split("---\n", 2)
    html = markdown.markdown(body, extensions=["attr_list", "tables", "toc"])
    return yaml.safe_load(front), BeautifulSoup(html, "html.parser")


def test_hostile_fields_stay_text(fixture_content):
    content = _hostile(fixture_content)
    pages = [o for r in e.RENDERERS for o in r(content) if o.path.endswith(".md")]
    assert len(pages) == len(all_pages(content))
    for output in pages:
        meta, html = _markdown_to_html(output.data)
        assert not html.find("script"), output.path
        assert not html.find("img"), output.path
        for a in html.find_all("a", href=True):
            assert not a["href"].lower().startswith("javascript"), output.path
        assert all(not attr.startswith("on") for tag in html.find_all(True) for attr in tag.attrs), output.path
        if output.path not in (urls.DEPARTMENTS, urls.GUIDES, urls.MODEL_TEXTS):
            assert "<script>alert(1)</script>" in html.get_text(), output.path  # shown as text
    # Front matter survives any text: the title reads back exactly.
    for code in e.item_codes(content):
        meta, _ = _markdown_to_html(e.render_item(content, code))
        assert meta["title"] == f"{code} {HOSTILE}"


def test_hostile_model_text_body_is_sanitised_markdown(fixture_content):
    content = _hostile(fixture_content)
    for text_id in content.model_texts:
        _, html = _markdown_to_html(e.render_model_text(content, text_id))
        body = html.find(class_="qd-model-text-body")
        assert "<script>" in body.get_text() and not body.find("script")
        assert body.find("em") or body.find("strong") or body.find("p")  # Markdown still renders


# --- golden files ------------------------------------------------------------------------

# One representative shipped entity of each kind (the first in content order that fits).
GOLDEN_CASES = {
    "item-prohibited": lambda c: next(
        (e.render_item(c, code) for code, i in c.current.items.items() if i.category == "禁止准入类"), None),
    "item-permit": lambda c: next(
        (e.render_item(c, code) for code, i in c.current.items.items()
         if i.category == "许可准入类" and c.guides_of_item(code)), None),
    "guide": lambda c: next((e.render_guide(c, code) for code in c.guides), None),
    "department": lambda c: e.render_department(c, c.site.office),
    "model-text": lambda c: next((e.render_model_text(c, t) for t in c.model_texts), None),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden_markdown(name, shipped_content):
    rendered = GOLDEN_CASES[name](shipped_content)
    if rendered is None:
        pytest.skip(f"the shipped content has no entity for {name}")
    golden = GOLDEN / f"{name}.md"
    if REGENERATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
        return
    assert golden.is_file(), f"{golden} is missing: run QINGDAN_REGEN_GOLDEN=1 python -m pytest {__file__}"
    expected = golden.read_text(encoding="utf-8")
    if rendered != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), rendered.splitlines(keepends=True),
            fromfile=f"tests/golden/{name}.md", tofile="rendered"))
        pytest.fail(f"generated Markdown differs from the golden file; if intended, regenerate with "
                    f"QINGDAN_REGEN_GOLDEN=1 python -m pytest tests/test_entity_pages.py\n{diff}")


# --- print -------------------------------------------------------------------------------


@pytest.mark.browser
def test_guide_prints_on_a4(fixture_content, fixture_site, page):
    from tests.conftest import serve

    base, stop = serve(fixture_site)
    try:
        code = next(iter(fixture_content.guides))
        page.goto(base + page_url(urls.guide(code)))
        page.emulate_media(media="print")
        for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
            assert not page.locator(selector).first.is_visible(), selector
        # The materials table fits the A4 text width (about 186 mm) instead of scrolling.
        page.set_viewport_size({"width": 703, "height": 1000})
        overflow = page.evaluate(
            "() => [...document.querySelectorAll('.qd-table-wrap, .qd-materials')].map(w => w.scrollWidth - w.clientWidth)")
        assert overflow and max(overflow) <= 1
        link = page.locator("a[href^='http']").first
        after = link.evaluate("a => getComputedStyle(a, '::after').content")
        assert link.get_attribute("href") in after
        page.pdf(path=str(artifact("guide-print.pdf")), format="A4")
    finally:
        stop()


# --- a guide's short version and checklist --------------------------------------------------


def test_guide_opens_with_its_short_version_and_checklist(built):
    """简版: six facts a business asks first, in words a person would use, before the
    details; then one checklist line a material, in content order."""
    content, site = built
    for code, guide in content.guides.items():
        page = article(site, urls.guide(code))
        brief = page.find(class_="qd-brief")
        facts = {dt.get_text(strip=True): "".join(dt.find_next_sibling("dd").get_text().split())
                 for dt in brief.find_all("dt")}
        assert list(facts) == ["谁可以申请", "在哪里办", "总共多久", "费用", "跑动次数", "网上办理"]
        def squeezed(text: str) -> str:
            return "".join(text.split())

        assert all(squeezed(who) in facts["谁可以申请"] for who in guide.service_objects)
        assert squeezed(guide.office.name) in facts["在哪里办"] and squeezed(guide.office.address) in facts["在哪里办"]
        promised = guide.promised_time_limit
        assert facts["总共多久"].startswith("即办" if promised.value == 0 else f"承诺{promised.value}个{promised.unit.value}")
        if guide.fees.charged:
            assert all(squeezed(fee.name) in facts["费用"] for fee in guide.fees.items)
        else:
            assert facts["费用"] == "不收费"
        assert facts["跑动次数"] == ("0次（零跑动）" if guide.visits == 0 else f"最多{guide.visits}次")
        assert facts["网上办理"].startswith(guide.online.level.value)
        # The brief comes before the first detail section.
        assert brief.find_next("h2", id="conditions") is not None
        checklist = page.find(class_="qd-checklist")
        names = [n.get_text(strip=True) for n in checklist.select(".qd-checklist__name")]
        assert names == [x.name for x in guide.materials]


def test_item_page_offers_its_guides_first(built):
    """去办理: a list item's guides are the first thing after its title (the table of
    service items below is wide and its 办事指南 column far to the right)."""
    content, site = built
    with_guides = 0
    for code in content.current.items:
        page = article(site, urls.item(code))
        go = page.find(class_="qd-go")
        assert go is not None and go.find_previous("h2") is None, code
        expected = {posixpath.dirname(urls.guide(g.service_item)) for g in content.guides_of_item(code)}
        assert links_to(go, urls.item(code)) == expected
        with_guides += bool(expected)
    assert with_guides > 0
