"""一件事 bundles (高效办成一件事, 国发〔2024〕3号): content/bundles/<id>.yaml, kept by the office.

A bundle is what a business owner wants to get done (开办餐饮店), the plain questions that
decide which permits it needs (是否制售冷食类食品？), and its steps: each one permit, named by
its service item when the county publishes one (its guide then gives the materials, time
limits, office and phones), else by name and the body that handles it, shown as 未注明.
"""

from __future__ import annotations

from generator.model.types import Code, Flag, Record, Slug, Text, label


class Option(Record):
    id: Slug = label("选项标识", "英文小写标识，写进网址，如 yes、no")
    text: Text = label("选项", "如 是、否、有、没有")
    steps: list[Slug] = label("需办事项", "选这一项时需要办理的事项（steps 中的标识）", default_factory=list)
    note: Text | None = label("提示", "选这一项时要告诉申请人的话，如 经营项目勾选“冷食类食品制售”", default=None)


class Question(Record):
    id: Slug = label("问题标识", "英文小写标识，写进网址，如 cold-food")
    text: Text = label("问题", "用群众的话问，如 是否制售冷食类食品（如拍黄瓜）？")
    options: list[Option] = label("选项", min_length=2)


class BundleStep(Record):
    id: Slug = label("事项标识", "英文小写标识，如 food-licence")
    name: Text | None = label("事项名称", "不填时用政务服务事项的名称", default=None)
    service_item: Code | None = label("政务服务事项", "基本编码；本县未发布该事项时不填，并填写 department 或 authority",
                                      default=None)
    department: Slug | None = label("办理单位", "单位标识；填了 service_item 时以事项的实施部门为准", default=None)
    authority: Text | None = label("办理机关", "不在单位名单中的机关，如 县消防救援大队", default=None)
    after: list[Slug] = label("前置事项", "必须先办完的事项（steps 中的标识）", default_factory=list)
    provides: list[Slug] = label("取得的材料", "办完后取得、其他事项要用的材料标识，如 business-licence",
                                 default_factory=list)
    note: Text | None = label("说明", default=None)


class Bundle(Record):
    id: Slug = label("标识", "英文小写标识，用于网址 /bundles/<标识>/，与文件名相同")
    title: Text = label("名称", "如 开办餐饮店一件事")
    summary: Text | None = label("简介", default=None)
    everyday_words: list[Text] = label("俗称", "群众怎么说，如 开饭店、开小吃店", default_factory=list)
    questions: list[Question] = label("问题", default_factory=list)
    steps: list[BundleStep] = label("事项", "按办理先后书写；同时办理的事项写在一起", min_length=1)
    source: Text | None = label("来源", "写明本一件事及其事项的公开文件，如 国发〔2024〕3号", default=None)
    sample: Flag = label("示例", "本条含示例（虚构）信息", default=False)
