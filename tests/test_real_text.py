"""Real published text (tests/fixtures/real/, sources in its SOURCES.md) with the SHIPPED
site_config/: it passes `qingdan check`, builds, and no page states what the sources do not.

Every expected wording below is written by hand from the source pages or from how the
site must speak of an excerpt; none is computed by the code under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, build, qingdan

REAL = ROOT / "tests" / "fixtures" / "real"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("real") / "site", content=REAL / "content", site_config=ROOT / "site_config")


def page(site: Path, path: str) -> str:
    """The visible text of a page's article, whitespace collapsed."""
    soup = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article").get_text(" ", strip=True)


def test_check_passes_with_the_shipped_site_config():
    result = qingdan(ROOT, "check", "--content", str(REAL / "content"), "--site-config", str(ROOT / "site_config"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "检查通过" in result.stderr


def test_measures_of_100004_are_quoted_with_every_listed_word(site):
    text = page(site, "items/100004")
    for word in ("“金融”", "“汽车金融”", "“货币经纪”", "“网贷”", "“P2P”", "“交易所”", "“征信”"):
        assert word in text
    assert "★ 非金融机构、不从事金融活动的企业,在注册名称和经营范围中原则上不得使用" in text
    assert "原文此后还有内容（自“凡在名称和经营范围中选择使用上”起），本站存档未收录，未录入。" in text


def test_an_excerpt_never_calls_an_item_removed(site):
    text = page(site, "items/100004")
    assert "该事项不在现行清单中" not in text
    assert "这不表示本事项已从现行清单中删除" in text
    changes = page(site, "changes")
    assert "删除事项 无法判断（新版为摘录）" in changes
    assert "新增事项 无法判断（前版为摘录）" in changes
    assert "新版摘录未收录、无法比较的事项 100004 禁止违规开展金融相关经营活动" in changes
    assert "<h3>删除事项</h3>" not in (site / "changes" / "index.html").read_text(encoding="utf-8")


def test_counts_say_what_the_site_holds_of_the_national_list(site):
    home = page(site, "")
    assert "本站收录 1 项（全国清单共 106 项）" in home
    assert "本站收录 1 个许可准入类事项" in home
    assert "0 个禁止准入类事项" not in home
    the_list = page(site, "list")
    assert "本站收录 1 项（全国清单共 106 项）" in the_list
    assert "本站收录的摘录不含禁止准入类事项" in the_list
    assert "本版清单没有禁止准入类事项" not in the_list


def test_an_item_without_a_code_shows_none_invented(site):
    text = page(site, "items/2025-jdz-yiliao")
    assert "事项编码 未注明 （原表无事项编码栏）" in text
    assert "项目号 未注明" in text
    assert "行业 未注明 （原表无行业栏）" in text
    facts = text.split("禁止或许可准入措施")[0]
    assert "2025-jdz-yiliao" not in facts  # the id makes the address, it is no code
    assert "医疗机构(含中医医疗机构)设置审批、执业登记(诊所除外) （主管部门：市卫健委）" in text


def test_pages_name_their_source(site):
    assert ("来源 ：景德镇市卫生健康委员市场准入负面清单(2025年版)（景德镇市卫生健康委员会，2025-09-30 发布）"
            in page(site, "list"))
    assert "来源 ：湛江市市场监督管理局市场准入负面清单(2022年版)" in page(site, "items/100004")
    case = page(site, "cases/ndrc-7-pingtan")
    assert "来源 ：违规增设风电开发壁垒!国家发改委通报（新能源采编，转载）（2024-10-30 发布）" in case
    for path in ("items/100004", "items/2025-jdz-yiliao", "cases/ndrc-7-pingtan", "list"):
        assert "示例" not in page(site, path)  # real data is never labelled sample


def test_a_case_dated_to_the_month_stays_a_month(site):
    text = page(site, "cases/ndrc-7-pingtan")
    assert "发生或查实日期 2017-03 " in text
    assert "整改完成日期 2023-08 " in text
    assert "2017-03-01" not in text
    assert "违规类型 未注明 （转载页未写明本案例所属类别）" in text
    assert "案例来源 地方主动报送" in text


def test_a_guide_that_gives_no_limit_fee_or_materials_states_no_default(site):
    text = page(site, "guides/jinping-food-licence/change")
    assert "是否收费： 未注明" in text
    assert "不收费" not in text
    assert "法定办结时限 未注明" in text
    assert "承诺办结时限 未注明 （原页只写“办理时限 5(工作日)”，未分法定办结时限和承诺办结时限）" in text
    assert "申请材料 未注明 （存档的材料栏只有“填报完整、规范”“原件”“与原件一致”等要求，没有材料名称）" in text
    assert "本指南由" not in text  # nobody in the county reviewed it
    assert "地址 未注明 办理时间 未注明" in text
    assert "咨询电话 未注明 监督投诉电话 未注明" in text
    assert "送达方式 申请人按约定的方式通过区食品药品监督管理局行政服务窗口领取办理结果。" in text


def test_a_special_step_of_unknown_length_leaves_the_total_open(site):
    text = page(site, "guides/jinping-food-licence/change")
    assert "现场考评 未注明 未注明 《食品经营许可管理办法》第十六条" in text
    assert "含特殊环节的总时长 无法给出总时长：现场考评是否计入办结时限未注明" in text
    # The 简版 a business reads first says the same, and invents no limit the source omits.
    assert "总共多久 承诺时限未注明（法定时限未注明）；无法给出总时长：现场考评是否计入办结时限未注明" in text


def test_a_guide_for_one_handling_has_its_own_address_and_the_service_item_lists_it(site):
    index = BeautifulSoup((site / "guides" / "jinping-food-licence" / "index.html").read_text(encoding="utf-8"),
                          "html.parser").select_one("article")
    links = {a["href"]: a.get_text(strip=True) for a in index.find_all("a", href=True) if "change" in a["href"]}
    assert links == {"change/": "食品经营许可证变更 办事指南"}
    assert "办理项 变更（食品经营许可证变更） 办理项编码 未注明" in page(site, "guides/jinping-food-licence/change")


def test_data_quality_counts_what_the_sources_left_blank(site):
    text = page(site, "quality")
    # The service item leaves 4 fields blank, the guide 16 (counted by hand from the two YAML files).
    # Columns: guides, checked against the current list (nobody in the county has: 0%),
    # completeness, stale, unmapped, last update, 未注明.
    assert "汕头市金平区食品药品监督管理局 1 0% 25% 0 0 — 20" in text
    assert "政务服务事项 食品经营许可证变更（汕头市金平区食品药品监督管理局）：基本编码、实施编码、事项类型、行使层级" in text
