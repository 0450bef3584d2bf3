"""Where a record's facts come from (来源): the published document, its address, when it was read.

Used by editions, list items, guides, bulletins and cases. Real data names its source;
invented sample data carries `sample: true` instead.
"""

from __future__ import annotations

from generator.model.types import Day, Record, Stated, Text, Url, label


class Source(Record):
    document: Text = label("来源文件", "发布的文件或网页标题，照原文写，如 湛江市市场监督管理局市场准入负面清单(2022年版)")
    publisher: Text | None = label("发布单位", "如 湛江市市场监督管理局", default=None)
    published: Stated[Day] | None = label("发布日期", "原文所署的发布日期；原文未署时写 未注明", default=None)
    url: Url | None = label("原文链接", default=None)
    read_on: Day = label("查阅日期", "录入人阅读原文的日期")
    verified_by: Text | None = label("核对人", "对照原文核对本条的单位或人员", default=None)
    note: Text | None = label("来源说明", "如 原文此后内容未存档、摘录范围", default=None)
