"""一件事 bundles: the plan of the shipped bundles, bad bundle files, `qingdan new bundle`,
ownership and the content diff.

Expected values are written by hand from the shipped guide files (their time limits, visits
and materials, quoted in the comments) and from the bundle files, never computed by the
code under test. Bad-input cases start from the small valid fixture tests/fixtures/loader_base
with one bundle added and assert every problem of the run: file, line, column, field,
Chinese and English message; then `qingdan build` must fail and write nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.derive.bundle_plan import plan
from generator.pipeline import check
from generator.problems import errors
from generator.tools import codeowners, content_diff
from tests.conftest import ROOT, TEST_DATE, qingdan
from tests.test_bad_input import BASE, G, assert_nothing_written, materialise, patch, quote
from tests.test_diff import commit, edit, git

# --- the shipped bundles, planned ---------------------------------------------------------


def plan_of(shipped, bundle_id):
    return plan(shipped.bundles[bundle_id], shipped.guides, shipped.service_items, shipped.departments)


def applying(selection) -> list[str]:
    return [step for step, status in selection.status.items() if status == "applies"]


def test_seven_bundles_ship_and_each_is_marked_sample(shipped):
    assert sorted(shipped.bundles) == ["beauty-salon", "convenience-store", "homestay", "internet-cafe",
                                       "pharmacy", "private-school", "restaurant"]
    assert all(b.sample for b in shipped.bundles.values())


def test_restaurant_with_a_signboard_and_no_karaoke(shipped):
    p = plan_of(shipped, "restaurant")
    s = p.selection({"signboard": "yes", "karaoke": "no", "cold-food": "yes"})
    assert applying(s) == ["business-licence", "food-licence", "health-certificates", "signboard", "fire-check"]
    assert s.status["entertainment"] == "not"
    # The licence first (and the health certificates, which wait for nothing); then the rest at once.
    assert s.stages == (("business-licence", "health-certificates"), ("food-licence", "signboard", "fire-check"))
    # 食品经营许可: legal 10, promised 5 working days, 0 visits; the other four have no guide.
    t = s.totals
    assert (t.legal_parallel, t.legal_sequence) == ({"工作日": 10}, {"工作日": 10})
    assert (t.promised_parallel, t.promised_sequence) == ({"工作日": 5}, {"工作日": 5})
    assert (t.visits, t.not_stated, t.steps, t.maybe) == (0, 4, 5, 0)
    assert (t.materials, t.materials_before) == (6, 6)


def test_restaurant_with_karaoke_runs_two_permits_at_once(shipped):
    s = plan_of(shipped, "restaurant").selection({"signboard": "no", "karaoke": "yes"})
    assert applying(s) == ["business-licence", "food-licence", "health-certificates", "fire-check",
                           "entertainment"]
    # 娱乐场所经营许可: legal 20, promised 10 working days, 1 visit, beside the food licence (10 / 5, 0).
    t = s.totals
    assert (t.legal_parallel, t.legal_sequence) == ({"工作日": 20}, {"工作日": 30})
    assert (t.promised_parallel, t.promised_sequence) == ({"工作日": 10}, {"工作日": 15})
    assert t.visits == 1
    # Six materials of the food licence and six of the entertainment licence; the business
    # licence is one document (key business-licence), got from step ① of the bundle.
    assert (t.materials, t.materials_before) == (11, 12)
    licence = next(row for row in plan_of(shipped, "restaurant").materials if row.key == "business-licence")
    assert [use.step for use in licence.uses] == ["food-licence", "entertainment"]
    assert licence.providers == ("business-licence",)


def test_unanswered_questions_count_every_step_that_may_apply(shipped):
    s = plan_of(shipped, "restaurant").unanswered
    assert [k for k, v in s.status.items() if v == "maybe"] == ["signboard", "entertainment"]
    assert (s.totals.steps, s.totals.maybe) == (4, 2)
    assert s.totals.legal_parallel == {"工作日": 20}


def test_convenience_store_merges_the_licence_and_the_premises_proof(shipped):
    p = plan_of(shipped, "convenience-store")
    s = p.selection({"food": "no", "tobacco": "yes", "books": "yes", "company": "no"})
    assert applying(s) == ["business-licence", "prepackaged-filing", "tobacco", "publications", "signboard"]
    # 烟草专卖零售许可 lists 4 materials, 出版物零售 3; two are the same documents.
    assert (s.totals.materials, s.totals.materials_before) == (5, 7)
    merged = {row.key: [u.step for u in row.uses] for row in p.materials if row.key}
    assert merged["business-licence"] == ["food-licence", "tobacco", "publications"]
    assert merged["premises-use-proof"] == ["tobacco", "publications"]
    # Both permits take 20 working days by law (promised 10 and 2), side by side.
    assert (s.totals.legal_parallel, s.totals.legal_sequence) == ({"工作日": 20}, {"工作日": 40})
    assert (s.totals.promised_parallel, s.totals.promised_sequence) == ({"工作日": 10}, {"工作日": 12})


def test_private_school_in_three_stages_with_calendar_and_working_days(shipped):
    s = plan_of(shipped, "private-school").selection({"school-type": "general", "canteen": "yes"})
    assert s.status["training-approval"] == "not"
    assert s.stages == (("school-approval",), ("registration",), ("food-licence",))
    # 民办学校设立 90 自然日 (promised 35 工作日), 民办非企业单位登记 60 自然日 (15), 食品经营许可 10 工作日 (5).
    assert s.totals.legal_parallel == {"自然日": 150, "工作日": 10}
    assert s.totals.promised_parallel == {"工作日": 55}
    assert s.totals.visits == 2 + 0 + 0


def test_a_stage_lasts_as_long_as_its_longest_step_across_units(shipped):
    # Unanswered, both school approvals may apply and stand in stage 1: 90 自然日 each by
    # law; promised 35 and 20 工作日. Then registration (60 自然日 / 15) and the canteen (10 / 5).
    s = plan_of(shipped, "private-school").unanswered
    assert s.stages[0] == ("school-approval", "training-approval")
    assert s.totals.legal_parallel == {"自然日": 150, "工作日": 10}
    assert s.totals.promised_parallel == {"工作日": 55}
    assert s.totals.legal_sequence == {"自然日": 240, "工作日": 10}


def test_homestay_needs_both_the_lodging_and_the_hygiene_permit(shipped):
    s = plan_of(shipped, "homestay").selection({"meals": "no", "signboard": "no"})
    assert applying(s) == ["business-licence", "lodging", "hygiene", "health-certificates"]
    hygiene = next(r for r in plan_of(shipped, "homestay").materials if r.key == "staff-health-certificates")
    assert hygiene.providers == ("health-certificates",)


def test_every_bundle_permit_with_a_service_item_has_its_shipped_guide(shipped):
    """Where a permit has a shipped guide the bundle names its service item; the rest are the
    permits the site does not publish (营业执照, 招牌, 消防…), shown as 未注明."""
    without = set()
    for bundle in shipped.bundles.values():
        for step in bundle.steps:
            if step.service_item:
                assert step.service_item in shipped.guides, (bundle.id, step.id)
            else:
                without.add(step.name)
    assert without == {
        "营业执照（个体工商户或企业设立登记）", "营业执照（企业设立登记）", "食品行业从业人员健康证明", "从业人员健康证明",
        "户外招牌设施设置", "公众聚集场所投入使用、营业前消防安全检查", "刻制公章备案", "仅销售预包装食品备案",
        "设置牌匾备案", "第二类医疗器械经营备案"}


# --- bad bundle files ----------------------------------------------------------------------

BUNDLE = "content/bundles/food-shop.yaml"
BUNDLE_LINES = [
    "id: food-shop",                              # 1
    "title: 开食品店一件事",                       # 2
    "questions:",                                 # 3
    "  - id: cooked",                             # 4
    "    text: 是否现场制作食品？",                 # 5
    "    options:",                               # 6
    '      - id: "yes"',                          # 7
    "        text: 是",                            # 8
    "        steps: [food-licence]",              # 9
    '      - id: "no"',                           # 10
    "        text: 否",                            # 11
    "steps:",                                     # 12
    "  - id: business-licence",                   # 13
    "    name: 营业执照",                           # 14
    "    department: scjgj",                      # 15
    "    provides: [business-licence]",           # 16
    "  - id: food-licence",                       # 17
    '    service_item: "441723001000"',           # 18
    "    after: [business-licence]",              # 19
]
# The fixture's guide gets a second material, the business licence, with its key (after line 13).
KEYED_GUIDE = patch(G, {13: "    model_text: food-application\n  - name: 营业执照\n    key: business-licence\n"
                            "    form: 电子\n    copies: 1\n    required: true\n    source: 政府部门核发"})


def bundle(lines: dict[int, str | None] | None = None) -> str:
    lines = lines or {}
    out = []
    for n, line in enumerate(BUNDLE_LINES, 1):
        if n not in lines:
            out.append(line)
        elif lines[n] is not None:
            out.append(lines[n])
    return "\n".join(out) + "\n"


def problems_for(tmp_path, monkeypatch, files: dict[str, str]):
    root = materialise(tmp_path, {G: KEYED_GUIDE, **files})
    monkeypatch.chdir(root)
    content, problems = check(Path("content"), Path("site_config"), TEST_DATE)
    return root, content, sorted((p.path, p.line, p.column, p.field, p.message_zh, p.message_en) for p in problems)


def test_the_fixture_bundle_is_valid_and_planned(tmp_path, monkeypatch):
    _, content, problems = problems_for(tmp_path, monkeypatch, {BUNDLE: bundle()})
    assert problems == []
    p = plan(content.bundles["food-shop"], content.guides, content.service_items, content.departments)
    s = p.selection({"cooked": "yes"})
    assert s.stages == (("business-licence",), ("food-licence",))
    # The fixture guide: the application form and the business licence, the latter from step 1.
    assert [(r.name, r.providers) for r in p.materials] == [("食品经营许可申请书", ()),
                                                           ("营业执照", ("business-licence",))]
    assert p.selection({"cooked": "no"}).status["food-licence"] == "not"


BAD_BUNDLES = [
    ("unknown-step-in-option", {9: "        steps: [food-licenc]"}, [
        (9, 17, "questions[0].options[0].steps[0]", "找不到事项 “food-licenc”（steps 中没有这个标识）",
         "no step 'food-licenc' in steps")]),
    ("after-itself", {19: "    after: [food-licence]"}, [
        (19, 13, "steps[1].after[0]", "事项不能排在自己之后", "a step cannot come after itself")]),
    ("after-unknown", {19: "    after: [licence]"}, [
        (19, 13, "steps[1].after[0]", "找不到事项 “licence”（steps 中没有这个标识）", "no step 'licence' in steps")]),
    ("cycle", {16: "    provides: [business-licence]\n    after: [food-licence]"}, [
        (17, 12, "steps[0].after", "事项的先后顺序成环：business-licence → food-licence → business-licence",
         "the steps' order is a cycle: business-licence → food-licence → business-licence")]),
    ("unknown-service-item", {18: '    service_item: "441723009000"'}, [
        (18, 19, "steps[1].service_item", "找不到政务服务事项 “441723009000”", "no service item '441723009000' exists")]),
    ("unknown-department", {15: "    department: shichang"}, [
        (15, 17, "steps[0].department", "找不到单位 “shichang”", "no department 'shichang' exists")]),
    ("nobody-handles-it", {15: None}, [
        (13, 5, "steps[0].department",
         "未填写政务服务事项的事项须填写办理单位（department）或办理机关（authority）",
         "a step without a service item needs its department or authority")]),
    ("no-name-no-service-item", {14: None}, [
        (13, 5, "steps[0].name", "未填写政务服务事项（service_item）的事项须填写名称",
         "a step without a service item needs its name")]),
    ("unknown-material-key", {16: "    provides: [licence]"}, [
        (16, 16, "steps[0].provides[0]", "没有办事指南的申请材料使用标识 “licence”",
         "no guide's material has the key 'licence'")]),
    ("id-is-not-the-file-name", {1: "id: food-store"}, [
        (1, 5, "id", "标识 “food-store” 须与文件名相同（food-shop.yaml）",
         "the id 'food-store' must be the file name (food-shop.yaml)")]),
    ("duplicate-step", {17: "  - id: business-licence"}, [
        (17, 9, "steps[1].id", "事项标识 “business-licence” 重复", "duplicate step id 'business-licence'"),
        (9, 17, "questions[0].options[0].steps[0]", "找不到事项 “food-licence”（steps 中没有这个标识）",
         "no step 'food-licence' in steps"),
        (19, 13, "steps[1].after[0]", "事项不能排在自己之后", "a step cannot come after itself")]),
    ("unquoted-yes", {7: "      - id: yes"}, [
        (7, 13, "questions[0].options[0].id", "选项标识：" + quote("yes", "是/否", "a boolean")[0],
         quote("yes", "是/否", "a boolean")[1])]),
    ("misspelt-field", {18: '    servce_item: "441723001000"'}, [
        (18, 5, "steps[1].servce_item", "未知字段 “servce_item”：是否应为 “service_item”（政务服务事项）？",
         "unknown field 'servce_item': did you mean 'service_item'?")]),
    ("one-option", {10: None, 11: None}, [
        (7, 7, "questions[0].options", "选项：至少需要 2 项", "needs at least 2 item(s)")]),
]


@pytest.mark.parametrize("lines, expected", [c[1:] for c in BAD_BUNDLES], ids=[c[0] for c in BAD_BUNDLES])
def test_bad_bundle(lines, expected, tmp_path, monkeypatch, capsys):
    root, content, problems = problems_for(tmp_path, monkeypatch, {BUNDLE: bundle(lines)})
    assert content is None
    assert problems == sorted((BUNDLE, *e) for e in expected)
    assert_nothing_written(root, [p for p in check(Path("content"), Path("site_config"), TEST_DATE)[1]], capsys)


def test_every_problem_of_several_bundle_files_in_one_run(tmp_path, monkeypatch):
    other = "content/bundles/bakery.yaml"
    _, content, problems = problems_for(tmp_path, monkeypatch, {
        BUNDLE: bundle({9: "        steps: [food-licenc]", 15: "    department: shichang"}),
        other: bundle({1: "id: bakery", 18: '    service_item: "441723009000"'}),
    })
    assert content is None
    assert problems == sorted([
        (BUNDLE, 9, 17, "questions[0].options[0].steps[0]", "找不到事项 “food-licenc”（steps 中没有这个标识）",
         "no step 'food-licenc' in steps"),
        (BUNDLE, 15, 17, "steps[0].department", "找不到单位 “shichang”", "no department 'shichang' exists"),
        (other, 18, 19, "steps[1].service_item", "找不到政务服务事项 “441723009000”",
         "no service item '441723009000' exists"),
    ])


def test_a_material_key_twice_in_one_guide(tmp_path, monkeypatch):
    guide = patch(G, {13: "    model_text: food-application\n    key: business-licence\n  - name: 营业执照\n"
                          "    key: business-licence\n    form: 电子\n    copies: 1\n    required: true\n"
                          "    source: 政府部门核发"})
    root = materialise(tmp_path, {G: guide})
    monkeypatch.chdir(root)
    content, problems = check(Path("content"), Path("site_config"), TEST_DATE)
    assert content is None
    assert [(p.path, p.line, p.column, p.field, p.message_zh, p.message_en) for p in problems] == [
        (G, 16, 10, "materials[1].key", "材料标识 “business-licence” 在本指南中重复（已用于第 1 项材料）",
         "material key 'business-licence' is used twice in this guide (already by material 1)")]


def test_a_step_whose_service_item_has_no_guide_is_a_warning(tmp_path, monkeypatch):
    service_items = (BASE / "content/service-items/scjgj.yaml").read_text(encoding="utf-8") + (
        '  - basic_code: "000112044000"\n    implementation_code: "11441721MB2C58302X4000112044000"\n'
        "    name: 药品零售企业经营许可\n    type: \"01\"\n    department: scjgj\n    list_items: [\"206001\"]\n"
        '    power_list_code: "XK-SCJG-004"\n    license_item_code: "XK2022-0652"\n')
    _, content, problems = problems_for(tmp_path, monkeypatch, {
        "content/service-items/scjgj.yaml": service_items,
        BUNDLE: bundle({18: '    service_item: "000112044000"'}),
    })
    assert content is not None
    assert (BUNDLE, 18, 19, "steps[1].service_item",
            "政务服务事项 “000112044000” 没有办事指南：页面将把材料和时限标为未注明",
            "service item '000112044000' has no guide: the page shows its materials and time limit as not stated"
            ) in problems


# --- the scaffold, ownership, the diff ------------------------------------------------------


def test_new_bundle_writes_a_skeleton_that_check_explains(tmp_path):
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    made = qingdan(tmp_path, "new", "bundle", "--id", "bakery")
    assert made.returncode == 0, made.stderr
    path = tmp_path / "content" / "bundles" / "bakery.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/bundle.schema.json\n")
    assert 'id: "bakery"' in text
    content, problems = check(tmp_path / "content", tmp_path / "site_config", TEST_DATE)
    assert content is None
    assert sorted((p.field, p.message_zh) for p in errors(problems)) == [
        ("steps[0].id", "事项标识：标识只能用小写英文字母、数字和连字符 -，并以字母或数字开头（如 scjgj）"),
        ("title", "名称：不能为空"),
    ]
    # Filled in, with a step the site has no guide for, it passes.
    path.write_text(text.replace('title: ""', "title: 开面包店一件事").replace(
        '  - id: ""', "  - id: business-licence").replace('    # name: ""', "    name: 营业执照").replace(
        '    # department: ""', "    department: scjgj"), encoding="utf-8")
    content, problems = check(tmp_path / "content", tmp_path / "site_config", TEST_DATE)
    assert content is not None, [p.text() for p in problems]
    assert content.bundles["bakery"].steps[0].name == "营业执照"
    # A second time, or with an id that cannot be a web address, it refuses.
    again = qingdan(tmp_path, "new", "bundle", "--id", "bakery")
    assert again.returncode == 1 and "文件已存在" in again.stderr
    bad = qingdan(tmp_path, "new", "bundle", "--id", "开面包店")
    assert bad.returncode == 1 and "只能用小写英文字母、数字和连字符" in bad.stderr


def owner_of(rules: list[tuple[str, str]], path: str) -> str:
    """GitHub's rule: the last matching line wins; a pattern ending in / matches a folder."""
    owner = ""
    for pattern, team in rules:
        if pattern == "*" or (pattern.endswith("/") and path.startswith(pattern)) or path == pattern:
            owner = team
    return owner


def test_bundles_are_owned_by_the_office(shipped):
    text = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert text == codeowners.render(shipped.departments.values(), shipped.site.office)
    rules = [tuple(line.split()) for line in text.splitlines() if line and not line.startswith("#")]
    office = shipped.departments[shipped.site.office].team
    for bundle_id in shipped.bundles:
        assert owner_of(rules, f"/content/bundles/{bundle_id}.yaml") == office
    # Control: the rule does tell owners apart.
    assert owner_of(rules, "/content/guides/scjgj/食品经营许可.yaml") == shipped.departments["scjgj"].team != office


def test_content_diff_reports_a_bundle_added_changed_and_removed(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo)
    git(repo, "init", "-q", "-b", "main")
    (repo / G).write_text(KEYED_GUIDE, encoding="utf-8")
    start = commit(repo, "start")
    (repo / BUNDLE).parent.mkdir(parents=True)
    (repo / BUNDLE).write_text(bundle(), encoding="utf-8")
    added = commit(repo, "add a bundle")
    edit(repo / BUNDLE, "title: 开食品店一件事", "title: 开食品小店一件事")
    changed = commit(repo, "rename it")
    (repo / BUNDLE).unlink()
    removed = commit(repo, "remove it")

    def changes(base, head):
        return [(c.action, c.kind, c.key, c.title, c.fields)
                for c in content_diff.diff_revisions(repo, base, head).changes]

    assert changes(start, added) == [("added", "bundle", "food-shop", "开食品店一件事", ())]
    assert changes(added, changed) == [("changed", "bundle", "food-shop", "开食品小店一件事", ("title（名称）",))]
    assert changes(changed, removed) == [("removed", "bundle", "food-shop", "开食品小店一件事", ())]
