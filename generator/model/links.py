"""The one rule for every link a content file may carry.

Takes the text of a link field; gives why it may not be published, in plain words
(中文, English), or None. A link goes into an `href`, so it must be one of:

- an `https://` or `http://` address with a host (no user name before the host,
  which makes `https://www.gov.cn@evil.example/` go to evil.example);
- a path on this site: starting with one `/`, without `..` or `.` segments (also not
  percent-encoded) and without backslashes, so it resolves inside the site;
- in a contact field only: `mailto:` an address, or `tel:` a number.

Everything else is refused: `javascript:`, `data:`, `vbscript:`, protocol-relative
`//host/…` (another site, whatever it looks like), relative paths, spaces.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from generator.characters import first_bad_character

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_HOST = re.compile(r"^[A-Za-z0-9\u00a0-\uffff]([A-Za-z0-9\u00a0-\uffff.-]*[A-Za-z0-9\u00a0-\uffff])?(:\d{1,5})?$")
_MAILTO = re.compile(r"^mailto:[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_TEL = re.compile(r"^tel:\+?[0-9][0-9-]{2,24}$")
# A web address typed without its scheme (www.example.com/a.pdf): the fix can be named.
_BROKEN_SCHEME = re.compile(r"^(https?)[;；]?/{0,2}(?=[A-Za-z0-9])", re.I)
_HOST_LIKE = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(/|$)")

Reason = tuple[str, str]


def link_problem(value: str, *, contact: bool = False) -> Reason | None:
    """Why `value` may not be a link on the site (None: it may)."""
    shown = value if len(value) <= 60 else value[:57] + "…"
    bad = first_bad_character(value, single_line=True)
    if bad is not None:
        return (f"链接含有不允许的字符 {bad.label}", f"the link contains a character that is not allowed: {bad.label_en}")
    if any(char.isspace() for char in value):
        return (f"网址中间有空格或换行，请删去（现为 “{shown}”）",
                f'the address holds a space or line break: remove it (got "{shown}")')
    if "\\" in value:
        return ("链接不能含反斜杠 \\（浏览器会把它当作 /）", "a link cannot contain a backslash (browsers read it as /)")
    if value.startswith("//"):
        return ("以 // 开头的链接会指向其他网站：外部网站请写完整的 https:// 地址，本站页面以一个“/”开头",
                "a link starting with // leads to another site: write a full https:// address for an outside "
                "site, or one / for a page of this site")
    if value.startswith("/"):
        segments = unquote(urlsplit(value).path).split("/")
        if any(segment in ("..", ".") for segment in segments):
            return ("本站路径不能含 . 或 .. 段（会指向网站以外或别的目录）",
                    "a path on this site cannot contain . or .. segments (they lead outside the site)")
        return None
    scheme = _SCHEME.match(value)
    name = scheme.group(1).lower() if scheme else ""
    if name in ("https", "http"):
        if not value.lower().startswith(f"{name}://"):
            return (f"{name}: 后面须是 //网站地址", f"{name}: must be followed by //host")
        parts = urlsplit(value)
        if "@" in parts.netloc:
            return ("网址的主机名前不能有用户名（@ 前面的部分会让链接指向 @ 后面的网站）",
                    "a web address cannot carry a user name before its host (the link would go to the host after @)")
        if not parts.hostname or not _HOST.match(parts.netloc):
            return ("网址缺少有效的主机名", "the web address has no valid host name")
        return None
    if contact and name == "mailto":
        return None if _MAILTO.match(value) else ("mailto: 后面须是一个电子邮箱地址",
                                                  "mailto: must be followed by one e-mail address")
    if contact and name == "tel":
        return None if _TEL.match(value) else ("tel: 后面须是电话号码（数字和 -）",
                                               "tel: must be followed by a phone number (digits and -)")
    allowed_zh = "https:// 或 http:// 网址、以“/”开头的本站路径" + ("、mailto: 或 tel:" if contact else "")
    allowed_en = "an https:// or http:// address or a path on this site starting with /" + \
        (", mailto: or tel:" if contact else "")
    broken = _BROKEN_SCHEME.match(value)
    if not name and broken:  # http//… or https;//…: the colon or slashes went missing
        scheme, rest = broken.group(1).lower(), value[broken.end():]
        return (f"网址开头应为 “{scheme}://”（半角冒号加两个斜杠）：写成 {scheme}://{rest}（现为 “{shown}”）",
                f"an address starts with '{scheme}://' (a colon and two slashes): write {scheme}://{rest} "
                f'(got "{shown}")')
    if not name and value.startswith("files/"):
        return (f"本站文件的路径须以“/”开头：写成 /{value}（现为 “{shown}”）",  # no " / ": it splits zh from en
                f'a path of this site starts with /: write /{value} (got "{shown}")')
    if not name and _HOST_LIKE.match(value):
        return (f"网址须以 https:// 或 http:// 开头：写成 https://{shown}（现为 “{shown}”）",
                f'an address starts with https:// or http://: write https://{shown} (got "{shown}")')
    if name:
        return (f"不允许 “{name}:” 链接（现为 “{shown}”）：只能写 {allowed_zh}",
                f"'{name}:' links are not allowed (got '{shown}'): only {allowed_en}")
    return (f"链接须为 {allowed_zh}（现为 “{shown}”）", f"a link must be {allowed_en} (got '{shown}')")
