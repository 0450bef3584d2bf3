"""一件事 bundle pages, built by a real `mkdocs build` and used in headless Chromium.

The structure of the built page (BeautifulSoup), hostile text staying text, the answers
filtering the steps and merged materials (expected names written out by hand from the
bundle and guide files), the answers in the URL and the back button, the page without
JavaScript, no sideways scroll at 360 px in the largest text size, axe-core, and an A4 print.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from tests.conftest import artifact, build
from tests.test_a11y import axe, blocking, run_axe  # noqa: F401  (axe is a fixture)
from tests.test_bad_input import BASE, G
from tests.test_browser_pages import no_horizontal_scroll
from tests.test_bundles import BUNDLE, KEYED_GUIDE

RESTAURANT = "bundles/restaurant/"
RESTAURANT_STEPS = ["① 营业执照（个体工商户或企业设立登记）", "② 食品经营许可", "③ 食品行业从业人员健康证明",
                    "④ 户外招牌设施设置", "⑤ 公众聚集场所投入使用、营业前消防安全检查", "⑥ 娱乐场所经营许可"]
# content/guides/scjgj/食品经营许可.yaml, its six materials in order.
FOOD_LICENCE_MATERIALS = [
    "食品经营许可申请书", "营业执照或者其他主体资格证明文件", "与食品经营相适应的主要设备设施、经营布局、操作流程等文件",
    "食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等保证食品安全的规章制度目录",
    "食品安全告知承诺书", "授权委托书及被委托人身份证明"]


def text(node) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


def soup_of(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def heading(section) -> str:
    """A step's name with its mark, without the stage label."""
    h3 = section.find("h3")
    return text(h3).rsplit(" 第 ", 1)[0]


# --- the built page ------------------------------------------------------------------------


def test_restaurant_page_lists_every_step_with_its_condition(shipped_site):
    soup = soup_of(shipped_site, RESTAURANT)
    article = soup.find("article")
    assert text(article.find("h1")) == "开办餐饮店一件事 示例"
    steps = article.select("section.qd-bundle-step")
    assert [heading(s) for s in steps] == RESTAURANT_STEPS
    conditions = [s.select_one(".qd-bundle-condition").get_text() for s in steps]
    assert conditions[0] == conditions[1] == conditions[2] == conditions[4] == "所有情形都需办理"
    assert conditions[3] == "以下情形需办理：是否在店门外设置招牌、灯箱等户外招牌？ 答“是”（视回答而定）"
    assert conditions[5] == "以下情形需办理：店里是否设卡拉OK包房或歌舞厅？ 答“是”（视回答而定）"
    # Stages: the licence and the health certificates first, the rest after the licence.
    assert [text(s.select_one(".qd-bundle-stage")) for s in steps] == ["第 1 步", "第 2 步", "第 1 步", "第 2 步",
                                                                        "第 2 步", "第 2 步"]
    # A permit the site has no guide for says so; one with a guide links it, with its office and phones.
    assert "申请材料、时限和跑动次数未注明" in text(steps[0].select_one(".qd-not-stated"))
    facts = dict(zip([text(d) for d in steps[1].find_all("dt")], [text(d) for d in steps[1].find_all("dd")],
                     strict=True))
    assert facts["法定 / 承诺时限"] == "10 个工作日 / 5 个工作日"
    assert facts["到现场次数"] == "0 次"
    assert facts["咨询电话"] == "0662-5510310 、 0662-5510311"
    assert steps[1].find("a", string="食品经营许可 办事指南")["href"] == "../../guides/441723001000/"
    assert facts["办理单位"] == "县市场监管局"
    assert dict(zip([text(d) for d in steps[4].find_all("dt")], [text(d) for d in steps[4].find_all("dd")],
                    strict=True))["办理单位"] == "县消防救援大队"


def test_restaurant_page_merges_the_business_licence_and_totals_every_step(shipped_site):
    article = soup_of(shipped_site, RESTAURANT).find("article")
    rows = article.select("table.qd-bundle-materials tbody tr")
    licence = next(r for r in rows if text(r.find("th")) == "营业执照或者其他主体资格证明文件")
    assert [text(s) for s in licence.select(".qd-bundle-use")] == ["②", "⑥"]
    assert licence["data-uses"] == "food-licence entertainment"
    assert "办完 ① 后取得，无需另行准备" in text(licence)
    # 6 materials of the food licence + 6 of the entertainment licence, the licence once.
    assert len(rows) == 11
    totals = {text(r.find("th")): text(r.find("td")) for r in article.select("table.qd-bundle-totals tr")}
    assert totals["事项"] == "需办理 4 项，另有 2 项视回答而定（已计入下列合计） ，分 2 步办理"
    assert totals["法定办结时限"] == "同一步的事项同时办理： 20 个工作日 逐项依次办理： 30 个工作日"
    assert totals["承诺办结时限"] == "同一步的事项同时办理： 10 个工作日 逐项依次办理： 15 个工作日"
    assert totals["到现场次数"] == "1 次（各指南所列次数之和）"
    assert totals["申请材料"] == "11 份（各指南共列 12 份，同一份材料只列一次）"
    assert totals["说明"] == "4 项本站未收录办事指南，其时限、跑动次数和材料未注明，未计入合计。"
    # The questions wait for JavaScript; the script's table answers every combination of answers.
    form = article.find("form", id="qd-bundle-questions")
    assert form.has_attr("hidden")
    assert [text(f.find("legend")) for f in form.find_all("fieldset")] == [
        "是否制售冷食类食品（如拍黄瓜、凉拌菜、卤味）？", "是否制售生食类食品（如刺身、生腌海鲜）？",
        "是否现场制作饮品（如鲜榨果汁、奶茶、现磨咖啡）？", "是否在店门外设置招牌、灯箱等户外招牌？",
        "店里是否设卡拉OK包房或歌舞厅？"]
    data = json.loads(article.find("script", id="qd-bundle-data").string)
    assert data["keyed"] == ["signboard", "karaoke"]
    assert len(data["answers"]) == 3 * 3  # unanswered / 是 / 否, for the two questions that change the steps


def test_bundles_index_and_navigation(shipped_site):
    soup = soup_of(shipped_site, "bundles/")
    links = {text(a): a["href"] for a in soup.find("article").select("tbody th a")}
    assert links == {"开办餐饮店一件事": "restaurant/", "开便利店一件事": "convenience-store/", "开办药店一件事": "pharmacy/",
                     "开办民宿一件事": "homestay/", "开办网吧一件事": "internet-cafe/",
                     "开办民办学校一件事": "private-school/", "开美容美发店一件事": "beauty-salon/"}
    assert "一件事" in {text(a) for a in soup_of(shipped_site, "").select("nav a")}


HOSTILE_BUNDLE = """\
id: food-shop
title: "<script>alert(1)</script>开店"
summary: "</script><img src=x onerror=alert(2)>"
everyday_words: ["<b>粗</b>"]
questions:
  - id: cooked
    text: "\\"><img src=x onerror=alert(3)>？</script>"
    options:
      - id: "yes"
        text: "<i>是</i>"
        steps: [food-licence]
        note: "{{ 7*7 }} &amp; <u>下划线</u>"
      - id: "no"
        text: 否
steps:
  - id: business-licence
    name: "<a href='javascript:alert(4)'>营业执照</a>"
    authority: "<svg onload=alert(5)>"
    provides: [business-licence]
  - id: food-licence
    service_item: "441723001000"
    after: [business-licence]
    note: "*markdown* [x](javascript:alert(6))"
"""


def test_hostile_bundle_text_stays_text(tmp_path):
    content = tmp_path / "tree"
    shutil.copytree(BASE, content)
    (content / G).write_text(KEYED_GUIDE, encoding="utf-8")
    (content / BUNDLE).parent.mkdir(parents=True)
    (content / BUNDLE).write_text(HOSTILE_BUNDLE, encoding="utf-8")
    site = build(tmp_path / "site", content / "content", content / "site_config")
    soup = soup_of(site, "bundles/food-shop/")
    article = soup.find("article")
    assert article.find(["img", "svg", "b", "i", "u", "em"]) is None
    assert not [a for a in article.find_all("a") if a.get("href", "").startswith("javascript")]
    assert not [t for t in soup.find_all(True) if any(k.startswith("on") for k in t.attrs)]
    assert [s.get("id") for s in article.find_all("script")] == ["qd-bundle-data"]
    assert text(article.find("h1")) == "<script>alert(1)</script>开店"
    assert "<script>alert(1)</script>开店" in soup.find("title").get_text()
    assert text(article.find("legend")) == "\"><img src=x onerror=alert(3)>？</script>"
    assert "{{ 7*7 }} &amp; <u>下划线</u>" in text(article)
    assert "*markdown* [x](javascript:alert(6))" in text(article)
    data = json.loads(article.find("script", id="qd-bundle-data").string)
    assert data["selections"][0]["stages"][0] == ["① <a href='javascript:alert(4)'>营业执照</a>"]
    assert "</script>" not in article.find("script", id="qd-bundle-data").string


# --- in the browser ---------------------------------------------------------------------------

def open_bundle(page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    page.wait_for_selector("#qd-bundle-questions:not([hidden])")


def answer(page, question: str, option: str) -> None:
    page.get_by_role("group", name=question).get_by_role("radio", name=option, exact=True).check()


def step_names(page) -> list[str]:
    return [name.rsplit(" 第 ", 1)[0] for name in page.eval_on_selector_all(
        "section.qd-bundle-step:not([hidden]) h3", "els => els.map(h => h.innerText.replace(/\\s+/g, ' ').trim())")]


def visible_materials(page) -> list[str]:
    return page.eval_on_selector_all("table.qd-bundle-materials tbody tr:not([hidden]) th",
                                     "els => els.map(th => th.innerText.trim())")


def total(page, name: str) -> str:
    return page.locator(f'[data-total="{name}"]').inner_text().strip()


@pytest.mark.browser
def test_answers_filter_the_restaurant_steps_and_live_in_the_url(page, site_url):
    open_bundle(page, site_url, RESTAURANT)
    assert step_names(page) == RESTAURANT_STEPS  # nothing answered yet: every step that may apply
    answer(page, "是否在店门外设置招牌、灯箱等户外招牌？", "是")
    answer(page, "店里是否设卡拉OK包房或歌舞厅？", "否")
    answer(page, "是否制售冷食类食品（如拍黄瓜、凉拌菜、卤味）？", "是")
    assert step_names(page) == RESTAURANT_STEPS[:5]
    assert page.url.endswith("/bundles/restaurant/?cold-food=yes&signboard=yes&karaoke=no")
    assert visible_materials(page) == FOOD_LICENCE_MATERIALS
    assert total(page, "legal_parallel") == "10 个工作日"
    assert total(page, "legal_sequence") == "10 个工作日"
    assert total(page, "count") == "需办理 5 项"
    assert total(page, "materials") == "6 份（各指南共列 6 份，同一份材料只列一次）"
    assert page.locator("#qd-bundle-stages").inner_text().split("\n") == [
        "同时办理：① 营业执照（个体工商户或企业设立登记）、③ 食品行业从业人员健康证明",
        "同时办理：② 食品经营许可、④ 户外招牌设施设置、⑤ 公众聚集场所投入使用、营业前消防安全检查"]
    # The note of the answer given shows; notes of answers not given do not.
    notes = page.eval_on_selector_all(".qd-bundle-notes li:not([hidden])", "els => els.map(e => e.innerText)")
    assert notes == ["是否制售冷食类食品（如拍黄瓜、凉拌菜、卤味）？ 答“是”：食品经营许可的经营项目勾选“冷食类食品制售”，"
                     "并设置冷食类专间或专用操作区（示例）。"]
    assert page.locator("#qd-bundle-answers").inner_text() == (
        "按您的回答：是否制售冷食类食品（如拍黄瓜、凉拌菜、卤味）？ 答“是”；是否在店门外设置招牌、灯箱等户外招牌？ 答“是”；"
        "店里是否设卡拉OK包房或歌舞厅？ 答“否”")

    # Back: the karaoke question is unanswered again, so its permit may apply again.
    page.go_back()
    page.wait_for_function("() => location.search === '?signboard=yes&karaoke=no'")
    page.go_back()
    page.wait_for_function("() => location.search === '?signboard=yes'")
    assert step_names(page) == RESTAURANT_STEPS
    assert page.locator("#step-entertainment [data-maybe]").is_visible()
    assert not page.get_by_role("radio", name="否", exact=True).nth(4).is_checked()

    # The URL alone gives the same answers (a link shared by WeChat).
    open_bundle(page, site_url, RESTAURANT + "?signboard=no&karaoke=yes")
    assert step_names(page) == [RESTAURANT_STEPS[i] for i in (0, 1, 2, 4, 5)]
    assert total(page, "legal_parallel") == "20 个工作日"
    assert total(page, "legal_sequence") == "30 个工作日"
    licence = page.locator('tr[data-material="business-licence"]')
    assert licence.locator(".qd-bundle-use:not([hidden])").all_inner_texts() == ["②", "⑥"]
    # An answer the page does not know is ignored, not trusted.
    open_bundle(page, site_url, RESTAURANT + "?karaoke=%3Cscript%3E&signboard=yes")
    assert step_names(page) == RESTAURANT_STEPS
    assert page.locator("#step-entertainment [data-maybe]").is_visible()


@pytest.mark.browser
def test_convenience_store_lists_each_shared_document_once(page, site_url):
    open_bundle(page, site_url, "bundles/convenience-store/")
    answer(page, "是否卖散装食品或店里现做的食品（如关东煮、包子、现磨咖啡）？", "否，只卖包装好的食品")
    answer(page, "是否卖香烟（含电子烟）？", "是")
    answer(page, "是否卖图书、报纸、杂志？", "是")
    answer(page, "是否以公司名义开店（需要刻制公章）？", "否，个体工商户")
    assert step_names(page) == ["① 营业执照（个体工商户或企业设立登记）", "④ 仅销售预包装食品备案",
                                "⑤ 烟草专卖零售许可证核发（含电子烟零售）", "⑥ 出版物零售单位和个体工商户设立、变更审批",
                                "⑦ 设置牌匾备案"]
    # 烟草: 申请表, 经营场所使用权证明, 营业执照或市场主体登记证明, 申请人身份证明; 出版物: 申请表, 营业执照,
    # 经营场所使用权证明. The licence row keeps the wording of the first guide that names it (食品经营许可).
    assert visible_materials(page) == ["营业执照或者其他主体资格证明文件", "烟草专卖零售许可证申请表", "经营场所使用权证明",
                                       "申请人身份证明", "出版物零售单位设立申请表"]
    assert total(page, "materials") == "5 份（各指南共列 7 份，同一份材料只列一次）"
    assert total(page, "legal_parallel") == "20 个工作日"
    assert total(page, "promised_sequence") == "12 个工作日"
    assert page.url.endswith("?food=no&tobacco=yes&books=yes&company=no")


@pytest.mark.browser
def test_without_javascript_every_step_shows_with_its_condition(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(site_url + RESTAURANT + "?signboard=no")
    assert not page.locator("#qd-bundle-questions").is_visible()
    assert step_names(page) == RESTAURANT_STEPS
    assert page.locator("#step-signboard .qd-bundle-condition").inner_text().startswith("以下情形需办理：")
    assert len(visible_materials(page)) == 11
    assert page.locator(".qd-bundle-notes li:visible").count() == 3
    assert no_horizontal_scroll(page)
    context.close()


@pytest.mark.browser
def test_phone_in_the_largest_text_size_does_not_scroll_sideways(page, site_url):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(site_url)
    page.evaluate("localStorage.setItem('qingdan.textsize', 'xlarge')")
    for path in ("bundles/", RESTAURANT, RESTAURANT + "?signboard=yes&karaoke=yes", "bundles/private-school/",
                 "bundles/convenience-store/?food=yes&tobacco=yes&books=yes&company=yes"):
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.dataset.qdTextsize") == "xlarge"
        assert no_horizontal_scroll(page), path
    page.screenshot(path=str(artifact("bundle-convenience-store-360-xlarge.png")), full_page=True)


@pytest.mark.browser
@pytest.mark.parametrize("width", (1280, 360))
def test_axe_finds_no_serious_violation_on_a_bundle_page(page, site_url, axe, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    open_bundle(page, site_url, RESTAURANT + "?signboard=yes")
    page.screenshot(path=str(artifact(f"a11y-bundle-{width}.png")), full_page=True)
    result = run_axe(page, axe)
    passed = {rule["id"] for rule in result["passes"]}
    assert len(passed) >= 20 and "color-contrast" in passed and "label" in passed, sorted(passed)
    assert blocking(result) == []


@pytest.mark.browser
def test_a_bundle_prints_on_one_a4_sheet_with_the_answers(page, site_url):
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is not installed: run .ci/run (apt-get install poppler-utils)")
    open_bundle(page, site_url, RESTAURANT)
    answer(page, "是否在店门外设置招牌、灯箱等户外招牌？", "是")
    answer(page, "店里是否设卡拉OK包房或歌舞厅？", "否")
    page.emulate_media(media="print")
    pdf = artifact("bundle-restaurant-print.pdf")
    page.pdf(path=str(pdf), format="A4", print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    assert "pts (A4)" in info
    printed = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                                check=True).stdout)
    assert "按您的回答：" in printed and "是否在店门外设置招牌" in printed
    assert "娱乐场所经营许可" not in printed  # not needed for these answers
    assert "回答下面的问题" not in printed  # the form is not printed
    assert "bundles/restaurant/?signboard=yes&karaoke=no" in printed
    for name in ["食品经营许可", "户外招牌设施设置", *FOOD_LICENCE_MATERIALS[:2]]:
        assert name in printed


# --- the finder ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("query, bundle", [
    ("开饭店", "bundles/restaurant/"),      # an everyday word of the bundle
    ("民宿", "bundles/homestay/"),          # in its title, and the list item 旅馆业 does not say it
    ("网咖", "bundles/internet-cafe/"),
    ("小卖部", "bundles/convenience-store/"),
])
def test_the_finder_lists_a_matching_bundle_first(page, site_url, query, bundle):
    from tests.test_finder_browser import open_finder

    hits = open_finder(page, site_url, query)
    assert (hits[0]["type"], hits[0]["code"], hits[0]["path"]) == ("bundle", "", bundle)
    assert page.locator("#finder-results > li").first.inner_text().startswith("一件事")


@pytest.mark.browser
def test_a_permit_name_still_finds_the_permit_first(page, site_url):
    """食品经营许可 is a step of five bundles: they are found by full text, after the permit."""
    from tests.test_finder_browser import open_finder

    hits = open_finder(page, site_url, "食品经营许可")
    assert hits[0]["path"] in ("items/206001/", "guides/441723001000/")
    bundles = [h["path"] for h in hits if h["type"] == "bundle"]
    # The five with a food-licence step; the full text's bigrams may add another (药品经营许可 + 保健食品).
    assert {"bundles/convenience-store/", "bundles/homestay/", "bundles/internet-cafe/",
            "bundles/private-school/", "bundles/restaurant/"} <= set(bundles)
    assert [h["path"] for h in hits].index(bundles[0]) > 1
