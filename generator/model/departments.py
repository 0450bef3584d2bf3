"""Departments (县直有关单位) and the working group (工作专班). File: content/departments.yaml."""

from __future__ import annotations

from generator.model.types import Flag, Name, Record, Slug, Text, Url, label


class Contact(Record):
    unit: Name = label("科室", "承办科室或岗位，如 审批股")
    phone: Text | None = label("办公电话", "办公电话（不得填写个人手机号）", default=None)
    email: Text | None = label("办公邮箱", "单位公务邮箱", default=None)
    address: Text | None = label("地址", default=None)


class Department(Record):
    id: Slug = label("单位标识", "英文小写标识，用于网址和文件目录，如 scjgj")
    name: Name = label("单位简称", "如 县市场监管局")
    full_name: Name = label("单位全称", "如 阳西县市场监督管理局")
    short_name: Name = label("简称", "如 市场监管局")
    credit_code: Text | None = label("统一社会信用代码", default=None)
    working_group: Flag = label("专班成员", "是否为部门协调工作专班成员", default=False)
    role: Text | None = label("专班职责", "在工作专班中的角色或职责", default=None)
    lead: Flag = label("牵头单位", "是否为专班牵头单位", default=False)
    team: Name = label("代码仓库团队", "负责本单位文件的 git 团队，如 @yangxi-gov/scjgj")
    website: Url | None = label("门户网站", default=None)
    contacts: list[Contact] = label("联系方式", default_factory=list)
    sample: Flag = label("示例", "本条含示例（虚构）信息，页面上会标注“示例”", default=False)


class DepartmentsFile(Record):
    departments: list[Department] = label("单位列表")
