"""Personal-data guard: no one's identity may reach the public repository, site or search index.

Takes the loaded files; gives one ERROR per field that holds personal data (the patterns are
in `personal_data`), naming the field path and masking what was found (CI logs are public).
Every kind of file is guarded, because every one reaches a public page or the search index:
departments, editions, service items, guides, model texts, bulletins and cases, the ledgers,
the scorecard and the site configuration. Nothing flagged is built, so nothing flagged
reaches the full-text shards either.

Office contacts are exempt only in their own fields (`CONTACT_FIELDS`): a department's
contacts and the site's complaint channel publish them, and a guide's office and phone
fields may repeat a number or address published there. The same office mobile inside a
complaint summary or a case's facts is an error like any other: it may be the one clerk
who handled a complainant, and a text is not a contact field. Addresses in a guide's
office address are office addresses by definition. gov.cn e-mail addresses belong to
government bodies and are never personal.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from pydantic import BaseModel

from generator.load.yaml_source import SourceDocument
from generator.model.kinds import Kind as FileKind
from generator.problems import Problem
from generator.validate.personal_data import (  # noqa: F401  (re-exported for callers and tests)
    EMAIL,
    Finding,
    Kind,
    is_resident_id,
    luhn_valid,
    normalise,
)
from generator.validate.personal_data import find_personal_data as _find

# (kind of file (FileKind value, or "site"), field path with "*" for any list index) -> the kinds of finding allowed there
# because the field is where an office publishes that contact.
_DECLARING = {Kind.MOBILE, Kind.EMAIL, Kind.ADDRESS}
CONTACT_FIELDS: dict[tuple[str, tuple], set[Kind]] = {
    (FileKind.DEPARTMENTS.value, ("departments", "*", "contacts", "*", "phone")): _DECLARING,
    (FileKind.DEPARTMENTS.value, ("departments", "*", "contacts", "*", "email")): _DECLARING,
    (FileKind.DEPARTMENTS.value, ("departments", "*", "contacts", "*", "address")): _DECLARING,
    ("site", ("complaint", "hotline")): _DECLARING,
    ("site", ("complaint", "email")): _DECLARING,
    ("site", ("complaint", "address")): _DECLARING,
    ("site", ("contact",)): _DECLARING,
}
# Fields that may repeat a declared office contact (checked against the declared list).
REPEATING_FIELDS = {
    (FileKind.GUIDES.value, ("office", "address")), (FileKind.GUIDES.value, ("office", "name")),
    (FileKind.GUIDES.value, ("office", "transport")),
    (FileKind.GUIDES.value, ("phones", "enquiry", "*")), (FileKind.GUIDES.value, ("phones", "complaint", "*")),
}


@dataclass(frozen=True, slots=True)
class OfficeContacts:
    """Office phone numbers and e-mail addresses that the departments file and site.yaml publish."""

    phones: frozenset[str] = frozenset()  # digits only
    emails: frozenset[str] = frozenset()  # lower case

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> OfficeContacts:
        phones, emails = set(), set()
        for text in texts:
            phones.update(finding.text for finding in _find(text) if finding.kind == Kind.MOBILE)
            emails.update(f"{m.group(1)}@{m.group(2)}".lower() for m in EMAIL.finditer(normalise(text)))
        return cls(frozenset(phones), frozenset(emails))

    def declares(self, finding: Finding) -> bool:
        return (finding.kind == Kind.MOBILE and finding.text in self.phones) or \
            (finding.kind == Kind.EMAIL and finding.text.lower() in self.emails)


def find_personal_data(text: str, office: OfficeContacts = OfficeContacts()) -> list[Finding]:
    """Every piece of personal data in a text, less the contacts `office` declares
    (pass `office` only for a field that may repeat an office contact)."""
    return [finding for finding in _find(text) if not office.declares(finding)]


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


def _pattern(path: tuple) -> tuple:
    return tuple("*" if isinstance(part, int) else part for part in path)


def office_contacts(loaded) -> OfficeContacts:
    """Contacts published on purpose: the contact fields of the departments file and site.yaml."""
    texts = []
    for kind, value in _documents(loaded):
        if kind in ("departments", "site"):
            texts += [text for path, text in _strings(value[0], ()) if (kind, _pattern(path)) in CONTACT_FIELDS]
    return OfficeContacts.from_texts(texts)


def _documents(loaded) -> Iterator[tuple[str, tuple[BaseModel, SourceDocument]]]:
    if loaded.site is not None:
        yield "site", (loaded.site.value, loaded.site.doc)
    for kind, files in loaded.files.items():
        for file in files:
            yield str(kind), (file.value, file.doc)  # the plain name: FileKind hashes by member name


def document_problems(kind: str, value: BaseModel, doc: SourceDocument, office: OfficeContacts) -> list[Problem]:
    problems = []
    for path, text in _strings(value, ()):
        where = (kind, _pattern(path))
        allowed = CONTACT_FIELDS.get(where, set())
        repeats = office if where in REPEATING_FIELDS else OfficeContacts()
        for finding in find_personal_data(text, repeats):
            if finding.kind in allowed or (finding.kind == Kind.ADDRESS and where in REPEATING_FIELDS):
                continue
            problems.append(doc.problem(
                path,
                f"含有{finding.kind.value}（{finding.masked}）：本仓库和网站公开，不得写入任何个人信息，请删除或脱敏",
                f"contains a {finding.kind.en} ({finding.masked}): the repository and the site are public, "
                "remove or desensitise it",
            ))
    return problems


def pii_problems(loaded) -> list[Problem]:
    """One ERROR per personal-data finding in any text field of any file (a `LoadedContent`)."""
    office = office_contacts(loaded)
    problems = []
    for kind, (value, doc) in _documents(loaded):
        # A file's findings depend on it and the declared contacts only (kept per document).
        problems += doc.once(("pii", kind, office), partial(document_problems, kind, value, doc, office))
    return problems
