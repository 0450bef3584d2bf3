"""Complaint clues and rectification ledgers (mechanisms 6, 7 and 9).

Files: content/ledgers/complaints.yaml and content/ledgers/rectification.yaml.
The repository is public: a clue has no field for a complainant at all.
"""

from __future__ import annotations

from enum import StrEnum

from generator.model.types import Day, Flag, Name, Record, Slug, Text, label


class ClueStatus(StrEnum):
    RECEIVED = "已受理"
    TRANSFERRED = "已转办"
    REPORTED = "已反馈结果"
    CLOSED = "已回访办结"


class ComplaintClue(Record):
    id: Slug = label("线索编号", "如 2025-001")
    received: Day = label("收到日期")
    channel: Text = label("来源渠道", "如 12345热线、投诉邮箱、来信")
    category: Text = label("问题类别", "如 隐性壁垒、违规审批")
    summary: Text = label("问题摘要", "已脱敏的摘要，不得包含任何个人信息")
    transferred_to: Slug | None = label("转办单位", "单位标识", default=None)
    transferred_on: Day | None = label("转办日期", default=None)
    result_reported_on: Day | None = label("责任单位报送结果日期", default=None)
    result: Text | None = label("处理结果", "已脱敏", default=None)
    feedback_on: Day | None = label("回访反馈日期", default=None)
    status: ClueStatus = label("状态")
    sample: Flag = label("示例", "本条含示例（虚构）信息", default=False)


class ComplaintsFile(Record):
    clues: list[ComplaintClue] = label("问题线索", default_factory=list)


class TaskSource(StrEnum):
    EVALUATION = "效能评估"
    SELF_INSPECTION = "自查整改"
    CASE = "违规案例"
    COMPLAINT = "投诉线索"


class TaskStatus(StrEnum):
    NOT_STARTED = "未开始"
    IN_PROGRESS = "整改中"
    CLOSED = "已销号"


class RectificationTask(Record):
    id: Slug = label("任务编号", "如 2025-zg-01")
    source: TaskSource = label("任务来源")
    title: Name = label("整改任务")
    description: Text | None = label("问题描述", default=None)
    department: Slug = label("责任单位", "单位标识")
    assigned: Day = label("下达日期")
    deadline: Day = label("完成时限")
    status: TaskStatus = label("状态")
    closed_on: Day | None = label("销号日期", default=None)
    evidence: Text | None = label("销号依据", "整改完成的证明材料说明", default=None)
    case: Slug | None = label("相关案例", "案例标识", default=None)
    clue: Slug | None = label("相关线索", "线索编号", default=None)
    sample: Flag = label("示例", "本条含示例（虚构）信息", default=False)


class RectificationFile(Record):
    tasks: list[RectificationTask] = label("整改任务", default_factory=list)
