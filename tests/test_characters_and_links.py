"""The character rule (names, codes, any text) and the link rule, with hand-written answers."""

from __future__ import annotations

import pytest

from generator.characters import bad_character_message, first_bad_character, visible
from generator.model.links import link_problem


@pytest.mark.parametrize("text, label", [
    ("县市场监管局\n* @evil/team", "U+000A 换行（控制字符）"),
    ("100004\n", "U+000A 换行（控制字符）"),
    ("a\rb", "U+000D 回车（控制字符）"),
    ("a\tb", "U+0009 制表符（控制字符）"),
    ("a\x00", "U+0000 空字符（控制字符）"),
    ("\x1b[2J", "U+001B 转义（控制字符）"),
    ("a\x7f", "U+007F 控制字符"),
    ("a\x85b", "U+0085 下一行（C1 控制字符）"),
    ("a\x9bb", "U+009B C1 控制字符"),
    ("标题\uffff", "U+FFFF 非字符"),
    ("标题\ufffe", "U+FFFE 非字符"),
    ("标题\ufdd0", "U+FDD0 非字符"),
    ("标题\U0010ffff", "U+10FFFF 非字符"),
    ("scjgj\u202egpj", "U+202E 双向文字控制符"),
    ("a\u2066b", "U+2066 双向文字控制符"),
    ("a\u2028b", "U+2028 行分隔符"),
])
def test_single_line_values_refuse(text, label):
    bad = first_bad_character(text, single_line=True)
    assert bad is not None and bad.label == label


@pytest.mark.parametrize("text", ["县市场监管局", "阳西县市场监督管理局（县知识产权局）", "100004", "sc-jgj_01",
                                  "Ｏｆｆｉｃｅ　全角空格", "emoji 🏛", "a\u200bb"])
def test_single_line_values_allow(text):
    assert first_bad_character(text, single_line=True) is None


def test_multi_line_text_allows_tab_and_line_feed_only():
    assert first_bad_character("第一行\n第二行\t续") is None
    assert first_bad_character("第一行\r\n").label == "U+000D 回车（控制字符）"
    assert first_bad_character("事实\uffff").label == "U+FFFF 非字符"


def test_message_names_the_character_and_position():
    assert bad_character_message(first_bad_character("甲乙\n", single_line=True)) == (
        "含有不允许的字符 U+000A 换行（控制字符）（第 3 个字符）",
        "contains a character that is not allowed: U+000A LINE FEED (character 3)")


def test_visible_shows_line_breaks_as_code_points():
    assert visible("a\nb\u202ec") == "a\\u000ab\\u202ec"
    assert visible("县市场监管局 / office") == "县市场监管局 / office"


@pytest.mark.parametrize("link", [
    "https://www.yangxi.gov.cn/", "http://www.gdzwfw.gov.cn/portal/guide/11441721MB2C58302X4441723001000",
    "https://政务.广东.cn/路径?x=1#a", "https://example.gov.cn:8443/a", "/files/scjgj/申请书.pdf", "/items/100004/",
    "/", "/find/?q=食品",
])
def test_links_allowed(link):
    assert link_problem(link) is None


@pytest.mark.parametrize("link, expected", [
    ("javascript:alert(1)", "'javascript:' links are not allowed (got 'javascript:alert(1)'): only an https:// "
     "or http:// address or a path on this site starting with /"),
    ("JaVaScRiPt:alert(1)", "'javascript:' links are not allowed (got 'JaVaScRiPt:alert(1)'): only an https:// "
     "or http:// address or a path on this site starting with /"),
    ("data:text/html,<script>alert(1)</script>", "'data:' links are not allowed (got 'data:text/html,<script>"
     "alert(1)</script>'): only an https:// or http:// address or a path on this site starting with /"),
    ("//evil.example/x", "a link starting with // leads to another site: write a full https:// address for an "
     "outside site, or one / for a page of this site"),
    ("/../../etc/passwd", "a path on this site cannot contain . or .. segments (they lead outside the site)"),
    ("/files/%2e%2e/%2e%2e/x", "a path on this site cannot contain . or .. segments (they lead outside the site)"),
    ("/\\evil.example", "a link cannot contain a backslash (browsers read it as /)"),
    ("https://www.gov.cn@evil.example/", "a web address cannot carry a user name before its host (the link "
     "would go to the host after @)"),
    ("https:evil.example", "https: must be followed by //host"),
    ("https://", "the web address has no valid host name"),
    ("www.yangxi.gov.cn", 'an address starts with https:// or http://: write https://www.yangxi.gov.cn '
     '(got "www.yangxi.gov.cn")'),
    (" https://a.cn", 'the address holds a space or line break: remove it (got " https://a.cn")'),
    ("https://a.cn/\nx", "the link contains a character that is not allowed: U+000A LINE FEED"),
    ("mailto:a@b.cn", "'mailto:' links are not allowed (got 'mailto:a@b.cn'): only an https:// or http:// "
     "address or a path on this site starting with /"),
])
def test_links_refused_in_plain_words(link, expected):
    zh, en = link_problem(link)
    assert en == expected
    assert zh and "(" not in zh[:2]


def test_contact_links():
    assert link_problem("mailto:fgj@yangxi.gov.cn", contact=True) is None
    assert link_problem("tel:0662-5510170", contact=True) is None
    assert link_problem("mailto:a@b.cn?bcc=x@y.cn", contact=True)[1] == "mailto: must be followed by one e-mail address"
    assert link_problem("tel:javascript", contact=True)[1] == "tel: must be followed by a phone number (digits and -)"
    assert link_problem("javascript:alert(1)", contact=True)[1].endswith("or a path on this site starting with /, "
                                                                          "mailto: or tel:")
