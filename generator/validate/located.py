"""Every entity of the loaded files with where it stands, and the indexes the rules share.

Takes a `LoadedContent` with a site configuration; gives `Located`: the entities of
each kind as `At` (value, document, field path) in file order, and the first entity of
each key (later ones are duplicates, reported by `uniqueness`). The cross-file rules
(`uniqueness`, `references`, `code_shapes`, `time_limits`, `consistency`,
`attachments`) each read it and give problems; none of them changes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from generator import model as m
from generator.load.loader import Loaded, LoadedContent
from generator.load.yaml_source import Path, SourceDocument
from generator.model.kinds import Kind
from generator.problems import Problem, Severity


@dataclass(slots=True)
class At:
    """An entity and where it stands: the document and the field path inside it."""

    value: object
    doc: SourceDocument
    path: Path

    def problem(self, field: str | tuple, zh: str, en: str, severity=Severity.ERROR) -> Problem:
        parts = field if isinstance(field, tuple) else ((field,) if field else ())
        return self.doc.problem((*self.path, *parts), zh, en, severity=severity)


def entries(loaded: Iterable[Loaded], attribute: str | None) -> list[At]:
    """Flatten file objects into located entities (`attribute` is the list field, if any)."""
    out = []
    for file in loaded:
        if attribute is None:
            out.append(At(file.value, file.doc, ()))
        else:
            for i, value in enumerate(getattr(file.value, attribute)):
                out.append(At(value, file.doc, (attribute, i)))
    return out


def first_by(located: Iterable[At], key: str) -> dict[str, At]:
    """The first entity of each value of `key`, in order."""
    out: dict[str, At] = {}
    for entry in located:
        out.setdefault(getattr(entry.value, key), entry)
    return out


@dataclass(frozen=True, slots=True)
class Located:
    site: m.SiteConfig
    site_at: At
    build_date: dt.date
    attachments: frozenset[str]  # paths under content/files/
    departments: list[At]
    editions: list[At]  # every edition file, oldest first (by published date, then id)
    items: dict[str, list[At]]  # edition id -> its list items; the first file of an id only
    service_items: list[At]
    guides: list[At]
    model_texts: list[At]
    bulletins: list[At]
    cases: list[At]
    clues: list[At]
    tasks: list[At]
    # The first of each key; later ones are duplicates.
    department_ids: dict[str, At]
    service_item_codes: dict[str, At]
    guide_items: dict[str, At]  # by service item
    model_text_ids: dict[str, At]
    clue_ids: dict[str, At]
    task_ids: dict[str, At]

    @property
    def current_items(self) -> dict[str, At] | None:
        """The current edition's items by code, None when that edition does not exist."""
        items = self.items.get(self.site.current_edition)
        return None if items is None else first_by(items, "key")

    @property
    def all_item_codes(self) -> set[str]:
        return {entry.value.key for items in self.items.values() for entry in items}

    @property
    def case_ids(self) -> set[str]:
        return {entry.value.id for entry in self.cases}


def locate(loaded: LoadedContent, build_date: dt.date) -> Located:
    files = loaded.files
    site = loaded.site.value
    editions = sorted((At(f.value, f.doc, ()) for f in files[Kind.EDITIONS]),
                      key=lambda e: (e.value.edition.published, e.value.edition.id))
    items: dict[str, list[At]] = {}
    for edition in editions:
        items.setdefault(edition.value.edition.id, [
            At(item, edition.doc, ("items", i)) for i, item in enumerate(edition.value.items)])
    departments = entries(files[Kind.DEPARTMENTS], "departments")
    service_items = entries(files[Kind.SERVICE_ITEMS], "service_items")
    guides = entries(files[Kind.GUIDES], None)
    model_texts = entries(files[Kind.MODEL_TEXTS], None)
    bulletins = entries(files[Kind.BULLETINS], None)
    clues = entries(files[Kind.COMPLAINTS], "clues")
    tasks = entries(files[Kind.RECTIFICATION], "tasks")
    return Located(
        site=site,
        site_at=At(site, loaded.site.doc, ()),
        build_date=build_date,
        attachments=frozenset(loaded.attachments),
        departments=departments,
        editions=editions,
        items=items,
        service_items=service_items,
        guides=guides,
        model_texts=model_texts,
        bulletins=bulletins,
        cases=[At(c, b.doc, ("cases", i)) for b in bulletins for i, c in enumerate(b.value.cases)],
        clues=clues,
        tasks=tasks,
        department_ids=first_by(departments, "id"),
        service_item_codes=first_by(service_items, "key"),
        guide_items=first_by(guides, "key"),
        model_text_ids=first_by(model_texts, "id"),
        clue_ids=first_by(clues, "id"),
        task_ids=first_by(tasks, "id"),
    )
