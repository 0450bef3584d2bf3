"""The personal-data guard: each pattern caught, no false alarm on codes, office phones or dates,
and `qingdan check` names the field to fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.load.loader import load_content
from generator.pipeline import check
from generator.validate.pii import (
    Kind,
    OfficeContacts,
    find_personal_data,
    is_resident_id,
    luhn_valid,
    office_contacts,
    pii_problems,
)

from .conftest import ROOT, TEST_DATE

BASE = ROOT / "tests" / "fixtures" / "loader_base"


def kinds(text: str, office: OfficeContacts | None = None) -> list[tuple[Kind, str]]:
    return [(f.kind, f.text) for f in find_personal_data(text, office or OfficeContacts())]


@pytest.mark.parametrize("text, number", [
    ("投诉人电话13812345678，请回电", "13812345678"),
    ("手机：199 0000 1111", "19900001111"),
    ("手机：150-1234-5678", "15012345678"),
    ("+8617712345678", "17712345678"),
    ("联系１３８１２３４５６７８", "13812345678"),  # full-width digits
])
def test_mobile_numbers_are_caught(text, number):
    assert kinds(text) == [(Kind.MOBILE, number)]


@pytest.mark.parametrize("text", [
    "清单事项 100004、206001 和 207001",
    "基本编码 441723001000，实施编码 11441721MB2C58302X4441723001000",
    "办公电话 0662-5510170，传真 0662-5510171",
    "2025-11-12 收到，20251112 登记，2025年11月12日办结",
    "12345热线、12345678 号文件",
    "213812345678",  # twelve digits: not a mobile number
    "1381234567890",  # a mobile number at the start of a longer run of digits
    "统一社会信用代码 11441721007040375N",
    "国办发明电〔2024〕12号；粤ICP备00000000号-1；粤公网安备 44172102000000号",
])
def test_no_false_alarm(text):
    assert kinds(text) == []


def test_resident_id_checksum():
    assert is_resident_id("11010519491231002X")  # the GB 11643-1999 example
    assert is_resident_id("11010519491231002x")
    assert is_resident_id("441721199003071239")
    assert not is_resident_id("110105194912310021")  # wrong check character
    assert not is_resident_id("441721199013071239")  # month 13
    assert kinds("身份证号 11010519491231002X。") == [(Kind.RESIDENT_ID, "11010519491231002X")]
    assert Kind.RESIDENT_ID not in [k for k, _ in kinds("号码 110105194912310021")]
    assert kinds("旧证 110105491231002") == [(Kind.RESIDENT_ID, "110105491231002")]  # 15-digit form


def test_bank_card_luhn():
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")
    assert kinds("卡号 6222021234567890128") == [(Kind.CARD, "6222021234567890128")]
    assert kinds("卡号 4111 1111 1111 1111") == [(Kind.CARD, "4111111111111111")]
    assert kinds("卡号 6222021234567890127") == []  # fails Luhn
    assert kinds("编号 46222021234567890128") == []  # twenty digits: not a card


def test_personal_email_but_not_office_email():
    office = OfficeContacts.from_texts(["fgj@yangxi.gov.cn", "投诉邮箱 yxfgj_tsqd@yangxi.gov.cn（示例）"])
    assert kinds("请回复 zhang.san@163.com", office) == [(Kind.EMAIL, "zhang.san@163.com")]
    assert kinds("已抄送 FGJ@Yangxi.gov.cn 和 yxfgj_tsqd@yangxi.gov.cn", office) == []
    # gov.cn addresses are issued to government bodies only: never personal, listed or not.
    assert kinds("已抄送 fgj@yangxi.gov.cn") == []


def test_office_mobile_listed_in_departments_is_allowed_where_offices_repeat_it():
    office = OfficeContacts.from_texts(["值班电话 139 0000 1111"])
    assert kinds("请拨打值班电话 13900001111", office) == []
    assert kinds("投诉人 13900001112", office) == [(Kind.MOBILE, "13900001112")]


def test_office_mobile_is_exempt_only_in_its_own_field(tmp_path):
    """A department's contact mobile is allowed in the departments file and a guide's phone
    list, but not inside complaint text, where it may be the clerk who served the complainant."""
    root = copy_base(tmp_path)
    departments = root / "content" / "departments.yaml"
    text = departments.read_text(encoding="utf-8")
    assert "contacts:" not in text
    departments.write_text(text.replace("    team: \"@test/scjgj\"", "    team: \"@test/scjgj\"\n    contacts:\n"
                                        "      - unit: 值班室\n        phone: \"139 0000 1111\""), encoding="utf-8")
    complaints = root / "content" / "ledgers" / "complaints.yaml"
    text = complaints.read_text(encoding="utf-8")
    complaints.write_text(text.replace("summary: 反映某窗口要求额外材料。", "summary: 反映某窗口要求额外材料，已由 13900001111 回电。"),
                          encoding="utf-8")
    problems = pii_problems(load_content(root / "content", root / "site_config"))
    assert [(p.path.endswith("complaints.yaml"), p.field, p.message_en) for p in problems] == [
        (True, "clues[0].summary", "contains a mobile number (139****1111): the repository and the site are "
         "public, remove or desensitise it")]


def test_messages_mask_what_they_found():
    [finding] = find_personal_data("13812345678")
    assert finding.masked == "138****5678"
    [finding] = find_personal_data("zhangsan@163.com")
    assert finding.masked == "zh***@163.com"


def copy_base(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    return root


def test_check_reports_the_field(tmp_path, monkeypatch):
    root = copy_base(tmp_path)
    complaints = root / "content" / "ledgers" / "complaints.yaml"
    text = complaints.read_text(encoding="utf-8")
    text = text.replace("summary: 反映某窗口要求额外材料。", "summary: 反映某窗口要求额外材料，投诉人电话 13812345678。")
    text = text.replace("result: 已纠正。", "result: 已纠正，回复至 someone@qq.com。")
    complaints.write_text(text, encoding="utf-8")
    line_of = {key: n for n, line in enumerate(text.splitlines(), 1) for key in ("summary", "result")
               if line.strip().startswith(f"{key}:")}
    monkeypatch.chdir(root)
    content, problems = check(Path("content"), Path("site_config"), TEST_DATE)
    assert content is None  # personal data is an error: nothing is built
    found = sorted((p.path, p.line, p.field, p.message_zh) for p in problems if p.is_error)
    assert found == [
        ("content/ledgers/complaints.yaml", line_of["summary"], "clues[0].summary",
         "含有手机号码（138****5678）：本仓库和网站公开，不得写入任何个人信息，请删除或脱敏"),
        ("content/ledgers/complaints.yaml", line_of["result"], "clues[0].result",
         "含有个人电子邮箱（so***@qq.com）：本仓库和网站公开，不得写入任何个人信息，请删除或脱敏"),
    ]


def test_cases_and_tasks_are_guarded_too(tmp_path):
    root = copy_base(tmp_path)
    bulletin = next((root / "content" / "bulletins").glob("*.yaml"))
    text = bulletin.read_text(encoding="utf-8")
    bulletin.write_text(text.replace("facts: ", "facts: 当事人身份证 11010519491231002X，", 1), encoding="utf-8")
    tasks = root / "content" / "ledgers" / "rectification.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text.replace("title: 清理违规准入条件", "title: 清理违规准入条件，退款至卡 4111111111111111"),
                     encoding="utf-8")
    problems = pii_problems(load_content(root / "content", root / "site_config"))
    assert sorted(p.field for p in problems) == ["cases[0].facts", "tasks[0].title"]
    assert all(p.is_error for p in problems)


def test_the_shipped_content_has_no_personal_data():
    loaded = load_content(ROOT / "content", ROOT / "site_config")
    assert pii_problems(loaded) == []
    # and the office contacts it allows are the ones the departments file and site.yaml publish
    office = office_contacts(loaded)
    assert "fgj@yangxi.gov.cn" in office.emails


def test_contact_fields_name_real_fields():
    """Every exempt field path is a field of its schema (a misspelt one would exempt nothing)."""
    from generator import model as m
    from generator.validate.pii import CONTACT_FIELDS, REPEATING_FIELDS

    schemas = {"site": m.SiteConfig, "departments": m.DepartmentsFile, "guides": m.Guide}
    for kind, path in [*CONTACT_FIELDS, *REPEATING_FIELDS]:
        model = schemas[kind]
        for part in path:
            if part == "*":
                continue
            info = model.model_fields[part]
            inner = [a for a in getattr(info.annotation, "__args__", ()) if isinstance(a, type)] or [info.annotation]
            model = next((a for a in inner if isinstance(a, type) and issubclass(a, m.types.Record)), None) \
                or model
    assert len(CONTACT_FIELDS) == 7 and len(REPEATING_FIELDS) == 5


def test_the_site_complaint_channel_may_publish_its_own_address(tmp_path):
    root = copy_base(tmp_path)
    site = root / "site_config" / "site.yaml"
    text = site.read_text(encoding="utf-8")
    assert "email:" in text
    import re
    site.write_text(re.sub(r"(\n\s+email:) .*", r"\1 tousu@example.cn", text, count=1), encoding="utf-8")
    assert pii_problems(load_content(root / "content", root / "site_config")) == []
