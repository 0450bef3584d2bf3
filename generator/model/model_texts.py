"""Model texts (示范文本): filled-in samples of forms. File: content/model-texts/<dept>/<name>.yaml."""

from __future__ import annotations

from generator.model.guides import Review
from generator.model.types import Code, Flag, MarkdownText, Name, Record, Slug, Text, label


class Attachment(Record):
    title: Name = label("附件名称")
    file: Text = label("文件", "content/files/ 下的相对路径，如 scjgj/食品经营许可申请书.docx")


class ModelText(Record):
    id: Slug = label("标识", "英文小写标识，用于网址，如 food-business-application")
    title: Name = label("标题")
    department: Slug = label("发布单位", "单位标识")
    service_item: Code | None = label("所属政务服务事项", "基本编码", default=None)
    list_item: Code | None = label("所属清单事项", "清单事项编码", default=None)
    body: MarkdownText = label("正文", "示范文本正文，可用简单 Markdown（标题、列表、加粗、表格、链接；引用块；不支持任务列表和 HTML）")
    files: list[Attachment] = label("附件", default_factory=list)
    reviewed: Review = label("核对信息")
    sample: Flag = label("示例", "本条含示例（虚构）信息", default=False)
