"""Special steps (特殊环节) and the total time a guide shows, with hand-worked answers."""

from __future__ import annotations

import pytest

from generator.derive.guide_time import guide_time
from generator.model import Guide
from generator.render.guide_brief import total_time

# A guide that states only what each case needs: every other field is 未注明.
BLANK = {field: "未注明" for field in (
    "service_objects", "case_type", "conditions", "materials", "steps", "legal_time_limit", "fees",
    "handling_forms", "online", "visits", "office", "phones", "legal_basis")}


def guide(promised, *steps) -> Guide:
    return Guide.model_validate({**BLANK, "service_item": "441723001000", "department": "scjgj",
                                 "promised_time_limit": promised, "special_steps": list(steps)})


@pytest.mark.parametrize(("promised", "steps", "total"), [
    # 10 working days promised, a 5-day site inspection outside them: at most 15.
    ({"value": 10, "unit": "工作日"}, [{"name": "现场核查", "time_limit": {"value": 5, "unit": "工作日"},
                                       "counted": False}],
     "最长共 15 个工作日（承诺办结时限加上另计的现场核查）"),
    # Counted inside the limit: the promised limit is the whole story, no total line.
    ({"value": 10, "unit": "工作日"}, [{"name": "现场核查", "time_limit": {"value": 5, "unit": "工作日"},
                                       "counted": True}], None),
    # 时限另计 with no length given: no total can be given.
    ({"value": 12, "unit": "工作日"}, [{"name": "市商务局审批决定", "time_limit": "未注明", "counted": False}],
     "无法给出总时长：市商务局审批决定不计入办结时限（另计），市商务局审批决定的时限未注明"),
    # Whether it counts is not stated: neither included nor excluded.
    ({"value": 10, "unit": "工作日"}, [{"name": "专家评审", "time_limit": {"value": 15, "unit": "自然日"},
                                       "counted": "未注明"}],
     "无法给出总时长：专家评审是否计入办结时限未注明"),
    # 20 calendar days of expert review against a limit in working days: not added up.
    ({"value": 10, "unit": "工作日"}, [{"name": "专家评审", "time_limit": {"value": 20, "unit": "自然日"},
                                       "counted": False}],
     "无法给出总时长：专家评审的时限单位与承诺办结时限不同"),
])
def test_total_with_special_steps(promised, steps, total):
    assert guide_time(guide(promised, *steps)).total == total


def test_a_limit_without_a_unit_is_not_read_as_working_days():
    assert guide_time(guide({"value": 20})).promised == "20（单位未注明）"


def test_the_shipped_guide_whose_higher_authority_time_is_separate(shipped):
    found = [g for g in shipped.guides.values()
             if any(s.name == "市商务局审批决定" for s in g.special_steps)]
    assert len(found) == 1
    assert guide_time(found[0]).total == (
        "无法给出总时长：市商务局审批决定不计入办结时限（另计），市商务局审批决定的时限未注明")


# The 简版's 总共多久 (render/guide_brief) carries the same total: a business reads it first.
def test_the_brief_adds_special_steps_outside_the_limit():
    g = Guide.model_validate({**guide({"value": 10, "unit": "工作日"}).model_dump(),
                              "legal_time_limit": {"value": 20, "unit": "工作日"},
                              "special_steps": [{"name": "现场核查", "time_limit": {"value": 5, "unit": "工作日"},
                                                 "counted": False}]})
    assert total_time(g) == "承诺 10 个工作日（法定 20 个工作日）；最长共 15 个工作日（承诺办结时限加上另计的现场核查）"


def test_the_brief_says_so_when_no_total_can_be_given():
    g = guide("未注明", {"name": "专家评审", "time_limit": "未注明", "counted": False})
    assert total_time(g) == ("承诺时限未注明（法定时限未注明）；"
                             "无法给出总时长：专家评审不计入办结时限（另计），专家评审的时限未注明")


def test_the_brief_of_the_shipped_guide_whose_decision_is_timed_apart(shipped):
    [found] = [g for g in shipped.guides.values() if any(s.name == "市商务局审批决定" for s in g.special_steps)]
    assert total_time(found) == (
        "承诺 12 个工作日（法定 20 个工作日）；其中申请（申请人自定）、受理和初审（10 个工作日）、转报（2 个工作日）、"
        "决定（以审批机关为准）；无法给出总时长：市商务局审批决定不计入办结时限（另计），市商务局审批决定的时限未注明")
