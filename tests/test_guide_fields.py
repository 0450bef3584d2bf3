"""Guide fields portals publish and the old model dropped: several offices, complaint
channels with addresses, materials needed only in a stated situation, 有效期, 送达方式,
several 办理项 of one service item. Real template output of a small fixture."""

from __future__ import annotations

import shutil

from bs4 import BeautifulSoup

from generator.pipeline import check
from generator.render import entities as e
from generator.render import urls
from tests.conftest import ROOT, TEST_DATE

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"

EXTRA = """
validity: 5 年
delivery: 窗口领取或免费邮寄
other_offices:
  - name: 测试县某镇便民服务中心
    address: 测试县某镇中山路 8 号
    hours: {未注明: 原页未写办理时间}
complaint_channels:
  - name: 测试县政务服务数据管理局
    phone: "0662-0000009"
    address: 测试县人民路 1 号
"""
MATERIAL = """  - name: 授权委托书
    form: 纸质
    copies: 1
    required: true
    situation: 委托他人办理的
    source: 申请人自备
"""
RENEWAL = """service_item: "441723001000"
handling: {kind: 延续, code: "11441721MB2C58302X444172300100002"}
department: scjgj
service_objects: 未注明
case_type: 未注明
conditions: 未注明
materials: 未注明
steps: 未注明
legal_time_limit: 未注明
promised_time_limit: 未注明
fees: 未注明
handling_forms: 未注明
online: 未注明
visits: 未注明
office: 未注明
phones: 未注明
legal_basis: 未注明
"""


def build_content(tmp_path, renewal: bool = False):
    root = tmp_path / "fixture"
    shutil.copytree(MINIMAL, root)
    guide = root / "content" / "guides" / "scjgj" / "food.yaml"
    text = guide.read_text(encoding="utf-8").replace("steps:\n", MATERIAL + "steps:\n", 1) + EXTRA
    guide.write_text(text, encoding="utf-8")
    if renewal:
        (root / "content" / "guides" / "scjgj" / "food-renewal.yaml").write_text(RENEWAL, encoding="utf-8")
    content, problems = check(root / "content", root / "site_config", TEST_DATE)
    assert content is not None, "\n".join(p.text() for p in problems if p.is_error)
    return content


def html(content, key: str) -> BeautifulSoup:
    return BeautifulSoup(e.render_guide(content, key), "html.parser")


def test_offices_channels_situation_validity_delivery(tmp_path):
    content = build_content(tmp_path)
    page = html(content, "441723001000")
    text = page.get_text(" ", strip=True)
    assert "有效期 5 年" in text
    assert "送达方式 窗口领取或免费邮寄" in text
    captions = [c.get_text(strip=True) for c in page.find_all("caption")]
    assert "办理地点和时间（1）" in captions and "办理地点和时间（2）" in captions
    assert "测试县某镇中山路 8 号 办理时间 未注明 （原页未写办理时间）" in text
    channel = next(t for t in page.find_all("table") if t.caption.get_text(strip=True) == "监督投诉渠道")
    assert [td.get_text(strip=True) for td in channel.tbody.tr.find_all(["th", "td"])] == [
        "测试县政务服务数据管理局", "0662-0000009", "测试县人民路 1 号", "—"]
    materials = next(t for t in page.find_all("table") if t.caption.get_text(strip=True).startswith("申请材料清单"))
    for hidden in materials.select("[aria-hidden=true]"):
        hidden.decompose()  # the card's "2. " before the name, shown on phones only
    row = materials.tbody.find_all("tr")[1]
    assert row.th.get_text(" ", strip=True) == "授权委托书 提交情形：委托他人办理的"
    assert "符合所列情形时必要" in row.get_text()


def test_two_handlings_of_one_service_item_get_two_pages_and_keep_the_old_address(tmp_path):
    content = build_content(tmp_path, renewal=True)
    renewal_key = next(key for key, g in content.guides.items() if g.handling)
    assert set(content.guides) == {"441723001000", renewal_key}
    assert urls.guide("441723001000") == "guides/441723001000/index.md"  # today's address keeps working
    assert urls.guide(renewal_key) == "guides/441723001000/renewal/index.md"
    renewal = html(content, renewal_key).get_text(" ", strip=True)
    assert "办理项编码 11441721MB2C58302X444172300100002" in renewal
    assert "是否收费： 未注明" in renewal
    original = html(content, "441723001000")
    others = section_links(original, "handlings")
    assert others == ["食品经营许可（延续） 办事指南"]


def section_links(page: BeautifulSoup, anchor: str) -> list[str]:
    heading = next(h for h in page.find_all(string=True) if "同一事项的其他办理项" in h)
    return [a.get_text(" ", strip=True) for a in heading.find_next("ul").find_all("a")]


def test_shipped_code_patterns_take_the_real_shapes(tmp_path):
    """A 10-character provincial licensing code (XK + 5 + 3) and a 33-character 办理项编码 pass
    the shipped site_config; a 32-character 办理项编码 does not."""
    import re

    import yaml

    patterns = yaml.safe_load((ROOT / "site_config" / "site.yaml").read_text(encoding="utf-8"))["code_patterns"]
    assert re.match(patterns["basic_code"], "XK00101001")
    assert re.match(patterns["basic_code"], "441723001000")
    assert re.match(patterns["implementation_code"], "12441500196720244T3442199806003")
    assert re.match(patterns["handling_code"], "12441500196720244T344219980600301")
    assert not re.match(patterns["handling_code"], "12441500196720244T34421998060030")


def test_a_handling_code_of_the_wrong_shape_is_reported(tmp_path):
    root = tmp_path / "fixture"
    shutil.copytree(MINIMAL, root)
    (root / "content" / "guides" / "scjgj" / "food-renewal.yaml").write_text(
        RENEWAL.replace("11441721MB2C58302X444172300100002", "11441721MB2C58302X44417230010000"), encoding="utf-8")
    shutil.copy(ROOT / "site_config" / "site.yaml", root / "site_config" / "site.yaml")
    content, problems = check(root / "content", root / "site_config", TEST_DATE)
    assert content is None
    found = [(p.field, p.message_zh) for p in problems if p.is_error]
    assert ("handling.code", "办理项编码 “11441721MB2C58302X44417230010000” 格式不正确（应匹配 "
            r"^[0-9A-Z]{18}\d[0-9A-Z]{12}\d{2}$）") in found
