"""The Atom 1.0 feed of violation-case bulletins: Content -> cases/feed.xml.

One entry a bulletin, newest first. Ids are derived from the site name and the
bulletin id (stable across rebuilds); `updated` is the bulletin date, never the
build time, so the feed only changes when a bulletin does. Links are absolute when
`site_url` is configured, else relative to the feed (which lives in cases/).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from urllib.parse import urljoin

from generator.model.content import Content
from generator.render import Output, urls

ATOM = "http://www.w3.org/2005/Atom"
CHINA = dt.timezone(dt.timedelta(hours=8))


def _stamp(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(), CHINA).isoformat()


def _stable_id(content: Content, *parts: str) -> str:
    # A name-based UUID: the same site and bulletin always give the same id.
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(("qingdan", content.site.site_name, *parts))))


def _link(content: Content, relative: str) -> str:
    """A link relative to the feed's folder (the case list's), absolute when the site's address is known."""
    if content.site.site_url:
        return urljoin(urljoin(content.site.site_url, urls.directory(urls.CASES)), relative)
    return relative or "./"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _entry_text(bulletin) -> str:
    lines = [bulletin.summary] if bulletin.summary else []
    for n, case in enumerate(bulletin.cases, start=1):
        lines.append(f"{n}. {case.title}（{case.date.isoformat()}，{case.locality}，{case.violation_type}）："
                     f"{case.facts} 处理情况：{case.handling}")
    return "\n".join(lines)


def atom_feed(content: Content) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})
    _sub(feed, "id", _stable_id(content, "cases"))
    _sub(feed, "title", f"{content.site.site_name} 违规案例通报")
    _sub(feed, "subtitle", f"{content.site.county}违反市场准入负面清单制度典型案例通报")
    newest = content.bulletins[0].date if content.bulletins else content.current.info.published.earliest
    _sub(feed, "updated", _stamp(newest))
    _sub(feed, "link", rel="self", href=_link(content, posixpath.basename(urls.FEED)), type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=_link(content, ""), type="text/html")
    author = _sub(feed, "author")
    _sub(author, "name", content.site.filings.organiser)
    for bulletin in content.bulletins:
        entry = _sub(feed, "entry")
        _sub(entry, "id", _stable_id(content, "bulletins", bulletin.id))
        title = bulletin.title + (f"（{bulletin.document}）" if bulletin.document else "")
        _sub(entry, "title", title)
        _sub(entry, "updated", _stamp(bulletin.date))
        _sub(entry, "published", _stamp(bulletin.date))
        _sub(entry, "link", rel="alternate", type="text/html", href=_link(content, f"#bulletin-{bulletin.id}"))
        entry_author = _sub(entry, "author")
        _sub(entry_author, "name", bulletin.issuer)
        _sub(entry, "summary", _entry_text(bulletin), type="text")
    ET.indent(feed)
    # A browser shows the feed through the stylesheet (a readable page); readers ignore it.
    style = posixpath.relpath(urls.FEED_STYLE, posixpath.dirname(urls.FEED))
    declaration = b"<?xml version='1.0' encoding='utf-8'?>\n"
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True).removeprefix(declaration)
    return declaration + f'<?xml-stylesheet type="text/xsl" href="{style}"?>\n'.encode() + body + b"\n"


def feed(content: Content) -> Iterable[Output]:
    yield Output(urls.FEED, atom_feed(content))
