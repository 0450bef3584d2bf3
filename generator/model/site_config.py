"""Site configuration: site_config/site.yaml (identity, filings, complaint channel, rules)."""

from __future__ import annotations

from generator.model.types import Count, Day, DayUnit, Record, Slug, Text, Url, label


class Filings(Record):
    site_code: Text = label("网站标识码")
    icp: Text = label("ICP备案号")
    icp_url: Url = label("ICP备案查询链接")
    police: Text | None = label("公安机关备案号", default=None)
    police_url: Url | None = label("公安备案查询链接", default=None)
    organiser: Text = label("主办单位")
    error_report_url: Url | None = label("政府网站找错链接", default=None)


class ComplaintChannel(Record):
    name: Text = label("渠道名称")
    hotline: Text = label("投诉电话")
    hotline_12345: Text = label("12345 热线", default="12345")
    email: Text = label("投诉邮箱")
    address: Text = label("来信地址")
    online_url: Url | None = label("网上投诉平台", default=None)
    process: list[Text] = label("处理流程", "投诉受理后的处理步骤", min_length=1)


class CodePatterns(Record):
    """Shapes of codes, as regular expressions: provinces differ, so they are configured.

    The defaults accept the shapes seen in real systems (GB/T 39046-2020 and provincial
    portals): a 6-digit list item code; a 12-character basic code, or a 10-character
    provincial licensing code (XK + 5 + 3, as in Guizhou's standard); a 31-character
    implementation code (18-character credit code, level digit, basic code); a 33-character
    办理项编码 (the implementation code and a 2-digit 办理项 number)."""

    list_item: Text = label("清单事项编码格式", default=r"^[12]\d{5}$")
    basic_code: Text = label("基本编码格式", "默认接受 12 位基本编码和 10 位省级许可编码（XK+5+3）",
                             default=r"^(?:[0-9A-Z]{12}|XK[0-9A-Z]{8})$")
    implementation_code: Text = label("实施编码格式", "默认接受 31 位实施编码",
                                      default=r"^[0-9A-Z]{18}\d[0-9A-Z]{12}$")
    handling_code: Text = label("办理项编码格式", "默认接受 33 位办理项编码（实施编码加 2 位办理项序号）",
                                default=r"^[0-9A-Z]{18}\d[0-9A-Z]{12}\d{2}$")


class SiteConfig(Record):
    county: Text = label("县（区）名称", "如 阳西县")
    site_name: Text = label("网站名称")
    site_url: Url | None = label("网站地址", "发布后的网址，用于 Atom 订阅和打印页脚", default=None)
    description: Text = label("网站说明")
    office: Slug = label("牵头单位", "县发展改革局的单位标识")
    current_edition: Slug = label("现行清单版本", "如 2025")
    as_of: Day | None = label(
        "数据截至日期",
        "计算期限、逾期和待更新所依据的日期；不填则用构建当天（或 SOURCE_DATE_EPOCH）。示例数据固定此日期，使构建可重现",
        default=None,
    )
    contact: Text = label("网站联系方式")
    update_frequency: Text = label("更新频率", default="清单修订或指南变更时随时更新")
    filings: Filings = label("备案信息")
    complaint: ComplaintChannel = label("投诉渠道")
    complaint_deadline_days: Count = label("线索办理时限（天）", default=10)
    complaint_day_rule: DayUnit = label("时限计算方式", default=DayUnit.CALENDAR)
    holidays: list[Day] = label("法定节假日", "放假日期（按国务院办公厅放假安排），按工作日计算时限时跳过",
                                default_factory=list)
    workdays: list[Day] = label("调休上班日", "放假安排中周六、周日上班的日期，按工作日计算时限时计入",
                                default_factory=list)
    stale_grace_days: Count = label("指南更新宽限期（天）", default=30)
    code_patterns: CodePatterns = label("编码格式", default_factory=CodePatterns)
