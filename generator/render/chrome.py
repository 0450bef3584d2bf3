"""Values for the site chrome (footer, feed link) that every page shows.

Takes the `Content`; gives a plain dict that the MkDocs hook puts into
`config.extra["qingdan"]` for site_config/overrides/main.html. MkDocs' own Jinja
environment does not autoescape, so main.html escapes every value with `| e`.
"""

from __future__ import annotations

from generator.model.content import Content
from generator.render import urls


def chrome(content: Content) -> dict:
    site = content.site
    filings = site.filings
    return {
        "site_name": site.site_name,
        "site_code": filings.site_code,
        "icp": filings.icp,
        "icp_url": filings.icp_url,
        "police": filings.police,
        "police_url": filings.police_url,
        "organiser": filings.organiser,
        "error_report_url": filings.error_report_url,
        "contact": site.contact,
        "update_frequency": site.update_frequency,
        "complaint_page": "complaint/",
        "about_page": "about/",
        "site_url": site.site_url,
        "feed": urls.FEED,
        "feed_title": f"{site.site_name} 违规案例通报",
        "build_date": content.build_date.isoformat(),
    }
