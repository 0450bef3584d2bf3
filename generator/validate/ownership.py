"""Departments publish in their own name only.

Takes `Located` (and the files that failed, to stay quiet about follow-ons); gives one ERROR
per service item, guide or model text whose `department:` is not the department whose folder
holds the file (service-items/<id>.yaml, guides/<id>/, model-texts/<id>/), or that lies outside
such a folder. CODEOWNERS lets a department change only its own folders, so without this rule
it could publish in another department's name from them. Shared files — editions, bulletins,
ledgers, the scorecard and the departments file — are the office's and may name any department.
"""

from __future__ import annotations

from generator.load.yaml_source import SourceDocument
from generator.model.kinds import Kind
from generator.problems import Problem
from generator.validate.located import At, Located
from generator.validate.references import TARGETS, failed_ids

FOLDERS = {Kind.SERVICE_ITEMS: "service-items/<单位标识>.yaml", Kind.GUIDES: "guides/<单位标识>/",
           Kind.MODEL_TEXTS: "model-texts/<单位标识>/"}


def _owned(entry: At, kind: Kind, departments, failed_departments: set[str] | None) -> list[Problem]:
    department = entry.value.department
    if entry.owner is None:
        return [entry.problem((), f"这类文件须放在以单位标识命名的目录中（{FOLDERS[kind]}）",
                              f"this kind of file belongs in a folder named by the department id ({FOLDERS[kind]})")]
    if entry.owner not in departments:
        if failed_departments is None or entry.owner in failed_departments:
            return []
        return [entry.problem((), f"文件所在目录（{entry.owner}）不是单位标识：请放到 {FOLDERS[kind]} 中",
                              f"the file's folder ({entry.owner}) is not a department id: move it to {FOLDERS[kind]}")]
    if department != entry.owner and department in departments:  # an unknown one: `references` says so
        return [entry.problem(
            "department",
            f"单位 “{department}” 与文件所在目录的单位（{entry.owner}）不一致：各单位只能以本单位名义发布，"
            "其他单位的内容须由该单位在自己的目录中提交",
            f"department '{department}' is not the department whose folder holds the file ({entry.owner}): "
            "a department publishes in its own name only")]
    return []


def problems(located: Located, failed: dict[Kind, list[SourceDocument | None]]) -> list[Problem]:
    failed_departments = failed_ids(failed, *TARGETS["department"])
    out = []
    for kind, group in ((Kind.SERVICE_ITEMS, located.service_items), (Kind.GUIDES, located.guides),
                        (Kind.MODEL_TEXTS, located.model_texts)):
        for entry in group:
            out += _owned(entry, kind, located.department_ids, failed_departments)
    return out
