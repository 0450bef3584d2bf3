"""Personal-data guard: no complainant's identity may reach the public repository or site.

Takes text (and the office contacts that are allowed to appear); gives findings:
mainland mobile numbers, resident ID numbers (GB 11643 checksum), bank card
numbers (Luhn) and e-mail addresses that are not office addresses. `pii_problems`
applies it to every text field of complaint clues, rectification tasks and
violation cases and bulletins, one ERROR per field naming the field path.

Numbers count only when they stand alone: a run of letters and digits (an item
code, a basic or implementation code, a credit code) is never split to find one,
so 100004, 000119024000 or a 31-character implementation code never match, nor
do dates and landlines such as 0662-5510170 (too short for any pattern).
Messages mask what they found, because CI logs are public too.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel

from generator.load.yaml_source import SourceDocument
from generator.model.kinds import Kind as FileKind
from generator.problems import Problem

# Not preceded / followed by a letter or digit: codes are runs of both.
_ALONE_BEFORE = r"(?<![0-9A-Za-z])"
_ALONE_AFTER = r"(?![0-9A-Za-z])"
MOBILE = re.compile(_ALONE_BEFORE + r"(?:\+?86[- ]?)?(1[3-9]\d(?:\d{8}|[- ]\d{4}[- ]\d{4}))" + _ALONE_AFTER)
RESIDENT_ID = re.compile(_ALONE_BEFORE + r"(\d{17}[\dXx]|\d{15})" + _ALONE_AFTER)
# A card number written as one run, or in groups of four separated by spaces or hyphens.
CARD = re.compile(_ALONE_BEFORE + r"(\d{13,19}|\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?)" + _ALONE_AFTER)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


class Kind(StrEnum):
    MOBILE = "手机号码"
    RESIDENT_ID = "居民身份证号码"
    CARD = "银行卡号"
    EMAIL = "个人电子邮箱"

    @property
    def en(self) -> str:
        return {"手机号码": "mobile number", "居民身份证号码": "resident ID number",
                "银行卡号": "bank card number", "个人电子邮箱": "personal e-mail address"}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    kind: Kind
    text: str  # as found (after width normalisation)

    @property
    def masked(self) -> str:
        """Enough to find it in the file, not enough to repeat it: 138****5678, ab***@x.com."""
        if self.kind == Kind.EMAIL:
            local, _, domain = self.text.partition("@")
            return f"{local[:2]}***@{domain}"
        digits = self.text
        return digits[:3] + "*" * max(0, len(digits) - 7) + digits[-4:]


def _digits(text: str) -> str:
    return re.sub(r"[^0-9Xx]", "", text).upper()


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
        return number[0] in "12345678" and _real_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
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


def normalise(text: str) -> str:
    """Full-width digits, letters and @ become ASCII, so １３８… is caught like 138…."""
    return unicodedata.normalize("NFKC", text)


@dataclass(frozen=True, slots=True)
class OfficeContacts:
    """Office phone numbers and e-mail addresses that may appear in public text."""

    phones: frozenset[str] = frozenset()  # digits only
    emails: frozenset[str] = frozenset()  # lower case

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> OfficeContacts:
        phones, emails = set(), set()
        for text in texts:
            text = normalise(text)
            phones.update(_digits(m.group(1))[-11:] for m in MOBILE.finditer(text))
            emails.update(m.group(0).lower() for m in EMAIL.finditer(text))
        return cls(frozenset(phones), frozenset(emails))


def find_personal_data(text: str, office: OfficeContacts = OfficeContacts()) -> list[Finding]:
    """Every piece of personal data in a text, in the order found."""
    text = normalise(text)
    found: list[Finding] = []
    for match in MOBILE.finditer(text):
        number = _digits(match.group(1))
        if number not in office.phones:
            found.append(Finding(Kind.MOBILE, number))
    for match in RESIDENT_ID.finditer(text):
        if is_resident_id(match.group(1)):
            found.append(Finding(Kind.RESIDENT_ID, match.group(1).upper()))
    ids = {f.text for f in found if f.kind == Kind.RESIDENT_ID}
    for match in CARD.finditer(text):
        number = _digits(match.group(1))
        if 13 <= len(number) <= 19 and number not in ids and luhn_valid(number):
            found.append(Finding(Kind.CARD, number))
    for match in EMAIL.finditer(text):
        if match.group(0).lower() not in office.emails:
            found.append(Finding(Kind.EMAIL, match.group(0)))
    return found


# --- applied to content ----------------------------------------------------------------


def _strings(value: object, path: tuple) -> Iterator[tuple[tuple, str]]:
    """Every text inside a model value, with its field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), (*path, name))
    elif isinstance(value, (list, tuple)):
        for i, element in enumerate(value):
            yield from _strings(element, (*path, i))


def office_contacts(loaded) -> OfficeContacts:
    """Contacts published on purpose: the departments file and the site configuration."""
    texts = []
    for file in loaded.files[FileKind.DEPARTMENTS]:
        texts += [text for _, text in _strings(file.value, ())]
    if loaded.site is not None:
        texts += [text for _, text in _strings(loaded.site.value, ())]
    return OfficeContacts.from_texts(texts)


# Which kinds of file hold free text about complaints and cases (the public ledgers).
GUARDED_KINDS = (FileKind.COMPLAINTS, FileKind.RECTIFICATION, FileKind.BULLETINS)


def document_problems(value: BaseModel, doc: SourceDocument, office: OfficeContacts) -> list[Problem]:
    problems = []
    for path, text in _strings(value, ()):
        for finding in find_personal_data(text, office):
            problems.append(doc.problem(
                path,
                f"含有{finding.kind.value}（{finding.masked}）：本仓库和网站公开，不得写入任何个人信息，请删除或脱敏",
                f"contains a {finding.kind.en} ({finding.masked}): the repository and the site are public, "
                "remove or desensitise it",
            ))
    return problems


def pii_problems(loaded) -> list[Problem]:
    """One ERROR per personal-data finding in clues, tasks, bulletins and cases (a `LoadedContent`)."""
    office = office_contacts(loaded)
    problems = []
    for kind in GUARDED_KINDS:
        for file in loaded.files[kind]:
            problems += document_problems(file.value, file.doc, office)
    return problems
