"""Finding personal data in one text: the patterns of the guard, nothing about content kinds.

Takes a text; gives `Finding`s. The text is normalised first: NFKC (full-width digits,
letters, ＠ and the ideographic space become ASCII), zero-width characters and soft hyphens
removed, so １３８…, 138\u200b1234… and 138–1234–5678 read as the same number.

Numbers are read as runs of digit groups joined by short separators (space - . / – — · _ •),
and a number is a whole number of groups: a run of letters and digits (an item code, a
12- or 31-character service code, a credit code) is never split to find one, so codes, dates
(2025-11-12) and office landlines (0662-5510170) never match.

- mobile: 11 digits 1[3-9]…, in any grouping, with +86 / 0086 / 86 before it;
- resident ID: 18 digits (GB 11643-1999 check character and a real birth date) in any
  grouping, or the old 15-digit form; glued to a label such as ID or SFZ too;
- bank card: 16–19 digits passing Luhn, as one run or in groups of four;
- e-mail outside gov.cn, also written x[at]qq.com, x(at)qq(dot)com, x#qq.com, x 艾特 qq.com;
- WeChat id after 微信 / 微信号 / wx / vx / v信 / WeChat; QQ number after QQ / 扣扣 / 企鹅号;
- passport / travel permit number after its label;
- a name: surname + 先生 / 女士 / 小姐, or surname + given name after 投诉人 / 举报人 /
  反映人 / 来电人 / 来信人 / 联系人 / 当事人 / 申请人 / 受害人 (unless anonymised with 某);
- a home address: …路/街/巷/村 N 号 + room, …小区/花园/新村… N 栋/座, N 栋 N 单元 N 室, …村 N 号;
- a car plate: province + letter + 5 (or 6, new energy) characters, with · or a space.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    MOBILE = "手机号码"
    RESIDENT_ID = "居民身份证号码"
    CARD = "银行卡号"
    EMAIL = "个人电子邮箱"
    WECHAT = "微信号"
    QQ = "QQ号"
    PASSPORT = "护照或通行证号码"
    NAME = "个人姓名"
    ADDRESS = "住址"
    PLATE = "车牌号码"

    @property
    def en(self) -> str:
        return _ENGLISH[self]


_ENGLISH = {
    Kind.MOBILE: "mobile number", Kind.RESIDENT_ID: "resident ID number", Kind.CARD: "bank card number",
    Kind.EMAIL: "personal e-mail address", Kind.WECHAT: "WeChat id", Kind.QQ: "QQ number",
    Kind.PASSPORT: "passport or permit number", Kind.NAME: "person's name", Kind.ADDRESS: "home address",
    Kind.PLATE: "car plate number",
}


@dataclass(frozen=True, slots=True)
class Finding:
    kind: Kind
    text: str  # as found, after normalisation (digits only for numbers)

    @property
    def masked(self) -> str:
        """Enough to find it in the file, not enough to repeat it (CI logs are public too)."""
        if self.kind == Kind.EMAIL:
            local, _, domain = self.text.partition("@")
            return f"{local[:2]}***@{domain}"
        if self.kind in (Kind.NAME, Kind.ADDRESS):
            return self.text[:1] + "*" * max(1, len(self.text) - 1)
        if len(self.text) <= 6:
            return self.text[:1] + "*" * (len(self.text) - 1)
        return self.text[:3] + "*" * max(0, len(self.text) - 7) + self.text[-4:]


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)


def normalise(text: str) -> str:
    """NFKC, without zero-width characters: the form every pattern reads."""
    return unicodedata.normalize("NFKC", text).translate(_INVISIBLE)


# --- numbers -----------------------------------------------------------------------------

_SEP = r"[ \-./–—·•_]{1,3}"
# A run of digit groups; labels such as ID / SFZ / No. / QQ may be glued in front.
_RUN = re.compile(r"(?:(?<![0-9A-Za-z])|(?<=ID)|(?<=id)|(?<=SFZ)|(?<=sfz)|(?<=No\.)|(?<=NO))"
                  r"\d+[Xx]?(?:" + _SEP + r"\d+[Xx]?)*(?![0-9A-Za-z])")
_GROUP = re.compile(r"\d+[Xx]?")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def is_resident_id(number: str) -> bool:
    """GB 11643-1999: 6-digit region, birth date, sequence, check character (18 digits);
    the old 15-digit form has a 2-digit year and no check character."""
    number = number.upper()
    if len(number) == 18:
        if not number[:17].isdigit():
            return False
        year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
        if not (1900 <= year <= 2100 and _real_date(year, month, day)):
            return False
        total = sum(int(c) * w for c, w in zip(number[:17], _ID_WEIGHTS, strict=True))
        return _ID_CHECK[total % 11] == number[17]
    if len(number) == 15 and number.isdigit():
        return number[0] in "12345678" and _real_date(1900 + int(number[6:8]), int(number[8:10]),
                                                      int(number[10:12]))
    return False


def luhn_valid(number: str) -> bool:
    """The Luhn mod-10 check every bank card number carries."""
    if not number.isdigit():
        return False
    total = 0
    for i, char in enumerate(reversed(number)):
        d = int(char)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


# The old 15-digit ID has no check character and looks like a 15-digit business registration
# number (注册号): it counts only after an ID label.
_ID_LABEL = re.compile(r"(?:身份|证件|旧证|(?<!许可)证号|ID|SFZ)[^0-9]{0,6}$", re.I)


def _numbers(text: str) -> list[Finding]:
    found = []
    for run in _RUN.finditer(text):
        groups = [g.upper() for g in _GROUP.findall(run.group())]
        labelled = bool(_ID_LABEL.search(text[max(0, run.start() - 12):run.start()]))
        # Every whole-group slice of at most 19 digits: linear in the run's length.
        for start in range(len(groups)):
            digits = ""
            for end in range(start, len(groups)):
                if "X" in digits:
                    break  # an X ends an ID number
                digits += groups[end]
                if len(digits) > 19:
                    break
                finding = _number(digits, groups[start:end + 1], labelled)
                if finding is not None:
                    found.append(finding)
    # Four-digit groups of an ID number can pass Luhn too: the ID is what it is.
    ids = [f.text for f in found if f.kind == Kind.RESIDENT_ID]
    found = [f for f in found if not (f.kind == Kind.CARD and any(f.text in number for number in ids))]
    for match in _DIGITWISE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if _MOBILE.fullmatch(digits):
            found.append(Finding(Kind.MOBILE, digits))
    return list(dict.fromkeys(found))


# How people split a mobile number: 138 1234 5678, 138 12345678, 1381234 5678 (and digit by
# digit with spaces, _DIGITWISE). Other splits are rarer than numbers that only look like one
# (SVG path data: "1.61-.59 3.09").
_MOBILE_SHAPES = {(11,), (3, 4, 4), (3, 8), (7, 4)}
_DIGITWISE = re.compile(r"(?<![0-9A-Za-z.])1(?:[ \-]{1,3}\d){10}(?![0-9A-Za-z.])")


def _number(digits: str, groups: list[str], labelled: bool) -> Finding | None:
    if len(groups) == 1 or tuple(len(g) for g in groups) in _MOBILE_SHAPES:
        plain = digits.removeprefix("0086") if digits.startswith("0086") and len(digits) == 15 else \
            digits.removeprefix("86") if digits.startswith("86") and len(digits) == 13 else digits
        if len(plain) == 11 and _MOBILE.fullmatch(plain):
            return Finding(Kind.MOBILE, plain)
    if len(digits) == 18 and is_resident_id(digits):
        return Finding(Kind.RESIDENT_ID, digits)
    if len(digits) == 15 and labelled and is_resident_id(digits):
        return Finding(Kind.RESIDENT_ID, digits)
    if 16 <= len(digits) <= 19 and digits.isdigit() and luhn_valid(digits) and not is_resident_id(digits) \
            and (len(groups) == 1 or all(len(g) == 4 for g in groups[:-1])):
        return Finding(Kind.CARD, digits)
    return None


# --- words -------------------------------------------------------------------------------

_AT = r"(?:\s*@\s*|\s*[\[({【]\s*(?:at|@)\s*[\])}】]\s*|\s+at\s+|\s*艾特\s*|#)"
_DOT = r"(?:\.|。|\s*[\[({【]\s*dot\s*[\])}】]\s*|\s+dot\s+|点)"
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9][A-Za-z0-9._%+-]*)" + _AT
                   + r"((?:[A-Za-z0-9-]+" + _DOT + r")+[A-Za-z]{2,})(?![A-Za-z0-9-])", re.I)
_OFFICIAL_DOMAIN = re.compile(r"(^|\.)gov\.cn$")
# The Latin keywords only as a word of their own: "lvxingshe" (旅行社 in pinyin) holds no "vx".
_WECHAT = re.compile(r"(?:微\s*信\s*(?:号|id)?|(?<![A-Za-z])(?:wx(?:号|id)?|vx|v信|wechat|weixin))(?!\s*(?:公众|小程序|群|支付|扫))"
                     r"[\s:：为是]*([A-Za-z][-_A-Za-z0-9]{5,19})(?![-_A-Za-z0-9])", re.I)
_QQ = re.compile(r"(?:q\s?q|扣扣|企鹅号?)(?!\s*群)(?:号码|号)?[\s:：为是]*(\d{5,11})(?!\d)", re.I)
_PASSPORT = re.compile(r"(?:护照|通行证)(?:号码|号)?[\s:：为是]*([A-Z]\d{7,8})(?![0-9A-Za-z])")

# The most common surnames (about 90 % of people), and the compound ones.
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "欧关柯麦邝岑冼"
)
_COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
                      "司徒", "夏侯", "端木", "西门", "南宫")
# After a who-they-are label these surnames are more often a word (向窗口, 于2025年, 方可, 任何).
_WORDLIKE_SURNAMES = set("向于方文万金石江龙史严武关任")
_HONORIFIC = re.compile(r"(先生|女士|小姐)(?!们)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LABELLED_NAME = re.compile(r"(?:投诉人|举报人|反映人|来电人|来信人|联系人|当事人|申请人|受害人)[\s:：]*"
                            r"([\u4e00-\u9fff]{2,4})")
_NOT_A_NAME_AFTER_LABEL = set("某县市镇区局所股科站公司店厂部中心办委队信姓及的等")


def _names(text: str) -> list[Finding]:
    found = []
    for match in _HONORIFIC.finditer(text):
        before = text[max(0, match.start() - 3):match.start()]
        name = _name_before(before)
        if name:
            found.append(Finding(Kind.NAME, name + match.group(1)))
    for match in _LABELLED_NAME.finditer(text):
        chars = match.group(1)
        surname = chars[:2] if chars[:2] in _COMPOUND_SURNAMES else chars[:1]
        given = chars[len(surname):len(surname) + 2]
        if (surname in _COMPOUND_SURNAMES or (surname in _SURNAMES and surname not in _WORDLIKE_SURNAMES)) \
                and given and given[0] not in _NOT_A_NAME_AFTER_LABEL and "某" not in given:
            found.append(Finding(Kind.NAME, surname + given))
    return found


def _name_before(before: str) -> str | None:
    """The surname (and given name) right before an honorific, or None (该女士, 某先生, 各位先生)."""
    if before[-2:] in _COMPOUND_SURNAMES:
        return before[-2:]
    if before[-1:] in _SURNAMES:
        return before[-1:]
    if len(before) >= 2 and before[-2] in _SURNAMES and _HAN.fullmatch(before[-1]) and before[-1] not in "某们位":
        return before[-2:]
    if len(before) >= 3 and (before[-3:-1] in _COMPOUND_SURNAMES or before[-3] in _SURNAMES) \
            and all(_HAN.fullmatch(c) and c not in "某们位" for c in before[-2:]):
        return before[-3:]
    return None


_NUM = r"[0-9一二三四五六七八九十]+"
_ROOM = r"\d{2,4}\s*(?:室|房)?(?![0-9年月日号元万])"
_ADDRESSES = [
    # …路 12 号 (3 栋) (2 单元) (二楼) 501 室
    re.compile(r"(?:路|街|道|巷|弄|村|里)[东南西北中一二三四五六七八九十段]{0,2}\s*\d+\s*号(?:之[一二三四五\d])?\s*"
               r"(?:" + _NUM + r"\s*(?:栋|幢|座|号楼)\s*)?(?:" + _NUM + r"\s*单元\s*)?(?:" + _NUM
               + r"\s*(?:楼|层)\s*)?" + _ROOM),
    # 碧桂园小区 5 栋, 阳光花园 B 座, 新村二街 18 号
    re.compile(r"(?:小区|花园|公寓|新村|家园|山庄|名都|名苑|大院|新城)\s*(?:[A-Z]|" + _NUM + r")\s*"
               r"(?:栋|幢|座|号楼|(?:街|巷)\s*\d+\s*号)"),
    # 5 栋 2 单元 301 室, 12 栋 1806 室, 3 栋 2 楼
    re.compile(r"(?:[A-Z]|\d+)\s*(?:栋|幢|座)\s*(?:\d+\s*单元\s*)?(?:\d{2,4}\s*(?:室|房)?(?![0-9年月日号元万])|\d+\s*(?:楼|层))"),
    # …村 28 号, …巷 8 号, 幸福里 6 号
    re.compile(r"(?:村|巷|里)\s*\d+\s*号(?!楼|窗口|文|令|公告)"),
]
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(r"([" + _PROVINCES + r"])([A-HJ-NP-Z])[·•.\s-]?"
                    r"([A-HJ-NP-Z0-9]{5}(?:[A-HJ-NP-Z0-9])?|[A-HJ-NP-Z0-9]{4}[挂学警港澳])(?![0-9A-Za-z])")


def find_personal_data(text: str) -> list[Finding]:
    """Every piece of personal data in `text`, by kind, in the order of the kinds."""
    text = normalise(text)
    found = _numbers(text)
    for match in EMAIL.finditer(text):
        domain = re.sub(_DOT, ".", match.group(2), flags=re.I).lower()
        if not _OFFICIAL_DOMAIN.search(domain):
            found.append(Finding(Kind.EMAIL, f"{match.group(1)}@{domain}"))
    found += [Finding(Kind.WECHAT, m.group(1)) for m in _WECHAT.finditer(text)
              if not (m.group(1).isdigit())]
    found += [Finding(Kind.QQ, m.group(1)) for m in _QQ.finditer(text)]
    found += [Finding(Kind.PASSPORT, m.group(1)) for m in _PASSPORT.finditer(text)]
    found += _names(text)
    for pattern in _ADDRESSES:
        # 某某村 3 号 is an example written anonymised.
        found += [Finding(Kind.ADDRESS, m.group().strip()) for m in pattern.finditer(text)
                  if "某" not in text[max(0, m.start() - 3):m.end()]]
    found += [Finding(Kind.PLATE, "".join(m.groups())) for m in _PLATE.finditer(text)]
    return list(dict.fromkeys(found))
