"""Detail pages, one per entity, and the index pages of the entity kinds.

Takes the `Content` graph; gives `Output`s for
  items/<code>/index.md          every item of every edition (old ones marked 不在现行清单中)
  departments/[<id>/]index.md    each department, and the table of all departments
  guides/[<basic code>/]index.md each service guide (一次性告知), and the table of all guides
  model-texts/[<id>/]index.md    each model text, and the table of all model texts
  files/<path>                   every attachment under content/files/, byte for byte
  cases/<id>/index.md            each violation case (the case list and feed are elsewhere)

Python prepares the values (links, numbering, counts, phone links); the templates in
templates/entities/ only lay them out. Every value from a content file reaches the
page through Jinja autoescaping inside HTML blocks, so a field is always text.

Golden files of a few representative pages live in tests/golden/; after an intended
change to a template or to the shipped content, regenerate them with

    QINGDAN_REGEN_GOLDEN=1 python -m pytest tests/test_entity_pages.py

and review the diff before committing.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from generator import model as m
from generator.derive.guide_time import guide_time, limit_text
from generator.derive.staleness import StaleDocument
from generator.model.content import Content
from generator.model.editions import comparable
from generator.model.types import is_stated, listed
from generator.render import Output, urls
from generator.render.coverage import excerpt_scope
from generator.render.guide_brief import brief, checklist_line
from generator.render.links import Link
from generator.render.templating import render_page

# --- labels: the Chinese field titles are declared once, on the model ------------------


def _titles(model: type) -> dict[str, str]:
    return {name: info.title or name for name, info in model.model_fields.items()}


LABELS = {
    "item": _titles(m.ListItem),
    "edition": _titles(m.EditionInfo),
    "department": _titles(m.Department),
    "contact": _titles(m.Contact),
    "service_item": _titles(m.ServiceItem),
    "guide": _titles(m.Guide),
    "material": _titles(m.Material),
    "model_text": _titles(m.ModelText),
    "case": _titles(m.ViolationCase),
    "bulletin": _titles(m.Bulletin),
    "task": _titles(m.RectificationTask),
}

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def circled(number: int) -> str:
    """Measures are numbered ①②… in the published list; past ⑳ fall back to (21)."""
    return _CIRCLED[number - 1] if 1 <= number <= len(_CIRCLED) else f"({number})"


_PHONE = re.compile(r"^\+?[\d][\d\- ]*\d")


def tel_href(phone: str) -> str | None:
    """"0662-5510100（示例）" -> "tel:0662-5510100"; None when the text has no number to dial."""
    found = _PHONE.match(phone.strip())
    return "tel:" + found.group(0).replace(" ", "") if found else None


time_limit = limit_text  # the wording of a limit has one owner: derive.guide_time


def file_size(data: bytes) -> str:
    size = len(data)
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


_NOT_YAML_PRINTABLE = re.compile("[^\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def yaml_string(value: str) -> Markup:
    """A front-matter value as a YAML double-quoted scalar that stays readable Chinese.
    JSON strings are YAML; characters YAML forbids raw (C1 controls, U+2028/9) become \\u escapes."""
    text = json.dumps(value, ensure_ascii=False)
    return Markup(_NOT_YAML_PRINTABLE.sub(lambda found: f"\\u{ord(found.group()):04x}", text))


def _site_link(target: str) -> tuple[str, bool]:
    """A content URL field -> (target, is_site_path). "/files/a.pdf" is a file of this
    site and must become a relative link; http(s) links stay as they are."""
    if target.startswith("/"):
        return target.lstrip("/"), True
    return target, False


# --- lookups shared by the pages of one build, computed once ----------------------------


@dataclass(slots=True)
class Lookups:
    """Reverse indexes that only these pages need; built once per render in linear time."""

    successors: dict[str, list[str]]  # old item code -> current items that replace it
    edition_of_item: dict[str, str]  # item code -> id of the newest edition holding it
    guides_using_text: dict[str, list[str]]  # model text id -> guide basic codes
    stale: dict[int, StaleDocument]  # id(guide or model text) -> why it awaits an update

    @classmethod
    def of(cls, content: Content) -> Lookups:
        successors: dict[str, list[str]] = defaultdict(list)
        for item in content.current.items.values():
            for old in item.replaces:
                successors[old].append(item.key)
        edition_of_item: dict[str, str] = {}
        for edition in content.editions.values():  # oldest first: newer editions overwrite
            for code in edition.items:
                edition_of_item[code] = edition.id
        guides_using_text: dict[str, list[str]] = defaultdict(list)
        for code, guide in content.guides.items():
            for material in listed(guide.materials):
                if material.model_text and code not in guides_using_text[material.model_text]:
                    guides_using_text[material.model_text].append(code)
        stale = {id(found.document): found for found in content.facts.stale}
        return cls(dict(successors), edition_of_item, dict(guides_using_text), stale)


def _department_link(content: Content, dept_id: str) -> Link:
    # No badge on department links: the department's own page carries it, and nearly
    # every page links a department, so a badge there would be noise.
    return Link(urls.department(dept_id), content.departments[dept_id].name)


def _item_link(content: Content, code: str) -> Link:
    item = content.item_in_any_edition(code)
    text = item.title if item else code
    return Link(urls.item(code), text, bool(item and item.sample))


def guide_title(content: Content, guide: m.Guide) -> str:
    """"食品经营许可 办事指南", or "食品经营许可（变更）办事指南" for one 办理项 of several."""
    service_item = content.service_items.get(guide.service_item)
    name = service_item.name if service_item else guide.service_item
    if guide.handling is None:
        return f"{name} 办事指南"
    return f"{guide.handling.name or f'{name}（{guide.handling.kind.value}）'} 办事指南"


def _guide_link(content: Content, service_key: str) -> Link | None:
    """The link to a service item's guide page (its only guide, or the list of its 办理项)."""
    guides = content.guides_of_service_item.get(service_key, [])
    if not guides:
        return None
    if len(guides) == 1:
        return _link_to_guide(content, guides[0])
    service_item = content.service_items.get(service_key)
    name = service_item.name if service_item else service_key
    return Link(urls.guide(service_key), f"{name} 办事指南（{len(guides)} 个办理项）", all(g.sample for g in guides))


def _link_to_guide(content: Content, guide: m.Guide) -> Link:
    return Link(urls.guide(guide.key), guide_title(content, guide), guide.sample)


def _model_text_link(content: Content, text_id: str) -> Link:
    text = content.model_texts[text_id]
    return Link(urls.model_text(text_id), text.title, text.sample)


def _case_link(case: m.ViolationCase) -> Link:
    return Link(urls.case(case.id), case.title, case.sample)


def _service_item_row(content: Content, service_item: m.ServiceItem) -> dict:
    return {
        "service_item": service_item,
        "type": service_item.type_name,
        "department": _department_link(content, service_item.department),
        "guide": _guide_link(content, service_item.key),
    }


def _page(template: str, path: str, **values: object) -> str:
    """Render an entity template with the helpers every one of them uses."""
    return render_page(f"entities/{template}", path, L=LABELS, yaml_string=yaml_string, **values)


# --- list items -------------------------------------------------------------------------


def item_codes(content: Content) -> list[str]:
    """Current items in list order, then items only older editions hold (newest first),
    so a link to an item removed from the list keeps working."""
    codes = list(content.current.items)
    seen = set(codes)
    for edition in reversed(content.editions.values()):
        for code in edition.items:
            if code not in seen:
                seen.add(code)
                codes.append(code)
    return codes


def render_item(content: Content, code: str, lookups: Lookups | None = None) -> str:
    lookups = lookups or Lookups.of(content)
    item = content.item_in_any_edition(code)
    if item is None:
        raise KeyError(code)
    edition = content.editions[lookups.edition_of_item[code]]
    path = urls.item(code)
    return _page("item.md.j2", path, circled=circled,
        item=item,
        is_current=code in content.current.items,
        current_complete=comparable(edition.info, content.current.info),
        edition=edition.info,
        edition_scope=excerpt_scope(edition),
        county=content.site.county,
        measure_authorities=any(ms.authority for ms in item.measures),
        current_edition=content.current.info,
        successors=[_item_link(content, c) for c in lookups.successors.get(code, [])],
        units=[_department_link(content, d) for d in item.responsible_units],
        service_items=[_service_item_row(content, s) for s in content.service_items_of_item.get(code, [])],
        guides=[_link_to_guide(content, g) for g in content.guides_of_item(code)],
        model_texts=[_model_text_link(content, t.id) for t in content.model_texts_of_item.get(code, [])],
        cases=[(_case_link(c), c) for c in content.cases_of_item.get(code, [])],
    )


def item_pages(content: Content) -> Iterable[Output]:
    lookups = Lookups.of(content)
    for code in item_codes(content):
        yield Output(urls.item(code), render_item(content, code, lookups))


# --- departments ------------------------------------------------------------------------


def _department_counts(content: Content, dept_id: str) -> dict[str, int]:
    return {
        "items": len(content.items_of_department.get(dept_id, [])),
        "service_items": len(content.service_items_of_department.get(dept_id, [])),
        "guides": len(content.guides_of_department.get(dept_id, [])),
        "model_texts": len(content.model_texts_of_department.get(dept_id, [])),
        "cases": len(content.cases_of_department.get(dept_id, [])),
        "tasks": len(content.tasks_of_department.get(dept_id, [])),
    }


def render_department(content: Content, dept_id: str) -> str:
    dept = content.departments[dept_id]
    return _page("department.md.j2", urls.department(dept_id),
        dept=dept,
        contacts=[(c, tel_href(c.phone) if c.phone else None) for c in dept.contacts],
        items=[(Link(urls.item(i.key), i.name, i.sample), i) for i in content.items_of_department.get(dept_id, [])],
        service_items=[_service_item_row(content, s) for s in content.service_items_of_department.get(dept_id, [])],
        guides=[_link_to_guide(content, g) for g in content.guides_of_department.get(dept_id, [])],
        model_texts=[_model_text_link(content, t.id) for t in content.model_texts_of_department.get(dept_id, [])],
        cases=[(_case_link(c), c) for c in content.cases_of_department.get(dept_id, [])],
        tasks=content.tasks_of_department.get(dept_id, []),
        ledger=urls.RECTIFICATION_LEDGER,
        counts=_department_counts(content, dept_id),
    )


def render_departments_index(content: Content) -> str:
    rows = [
        (Link(urls.department(d.id), d.name, d.sample), d, _department_counts(content, d.id))
        for d in content.departments.values()
    ]
    return _page("departments.md.j2", urls.DEPARTMENTS, rows=rows)


def department_pages(content: Content) -> Iterable[Output]:
    yield Output(urls.DEPARTMENTS, render_departments_index(content))
    for dept_id in content.departments:
        yield Output(urls.department(dept_id), render_department(content, dept_id))


# --- guides -----------------------------------------------------------------------------


def _material_row(content: Content, material: m.Material) -> dict:
    blank = _site_link(material.blank_form) if material.blank_form else None
    return {
        "material": material,
        "checklist": checklist_line(material),
        "blank_form": blank,
        "sample": _model_text_link(content, material.model_text) if material.model_text else None,
    }


def _stale_notice(content: Content, lookups: Lookups, document: m.Guide | m.ModelText) -> dict | None:
    """Why a guide or model text awaits an update after a list change (staleness.py decides)."""
    stale = lookups.stale.get(id(document))
    if stale is None:
        return None
    return {
        "changed_items": [_item_link(content, code) for code in stale.items],
        "what": "、".join(stale.what_changed),
        "since": stale.since.isoformat(),
        "due": stale.due.isoformat(),
        "overdue": stale.overdue(content.build_date),
    }


def _phones(value) -> list[tuple[str, str | None]] | None:
    """Phone entries with their tel: links; None when the source gives none (未注明)."""
    return [(p, tel_href(p)) for p in value] if is_stated(value) else None


def render_guide(content: Content, key: str, lookups: Lookups | None = None) -> str:
    lookups = lookups or Lookups.of(content)
    guide = content.guides[key]
    service_item = content.service_items[guide.service_item]
    phones = guide.phones
    online = guide.online
    return _page("guide.md.j2", urls.guide(key),
        guide=guide,
        title=guide_title(content, guide),
        brief=brief(guide),
        service_item=service_item,
        type=service_item.type_name,
        department=_department_link(content, guide.department),
        items=[_item_link(content, code) for code in service_item.list_items],
        materials=[_material_row(content, x) for x in listed(guide.materials)],
        time=guide_time(guide),
        online_url=_site_link(online.url) if is_stated(online) and online.url else None,
        enquiry=_phones(phones.enquiry) if is_stated(phones) else None,
        complaint=_phones(phones.complaint) if is_stated(phones) else None,
        reviewed_edition=content.editions[guide.reviewed.edition].info if guide.reviewed else None,
        current_edition=content.current.info,
        stale=_stale_notice(content, lookups, guide),
        siblings=[_link_to_guide(content, g) for g in content.guides_of_service_item.get(guide.service_item, [])
                  if g is not guide],
        model_texts=[_model_text_link(content, t.id)
                     for t in content.model_texts_of_service_item.get(guide.service_item, [])],
    )


def render_handlings_index(content: Content, service_key: str) -> str:
    """/guides/<基本编码>/ of a service item that has one guide per 办理项: the list of them."""
    service_item = content.service_items[service_key]
    guides = content.guides_of_service_item[service_key]
    return _page("handlings.md.j2", urls.guide(service_key), service_item=service_item,
                 guides=[(_link_to_guide(content, g), g) for g in guides],
                 sample=all(g.sample for g in guides))


def render_guides_index(content: Content) -> str:
    rows = []
    for guide in content.guides.values():
        rows.append({
            "link": Link(urls.guide(guide.key), guide_title(content, guide).removesuffix(" 办事指南"), guide.sample),
            "department": _department_link(content, guide.department),
            "guide": guide,
            "promised_limit": time_limit(guide.promised_time_limit),
        })
    return _page("guides.md.j2", urls.GUIDES, rows=rows)


def guide_pages(content: Content) -> Iterable[Output]:
    yield Output(urls.GUIDES, render_guides_index(content))
    lookups = Lookups.of(content)
    for key in content.guides:
        yield Output(urls.guide(key), render_guide(content, key, lookups))
    for service_key in content.guides_of_service_item:
        if service_key not in content.guides:  # every guide is for one 办理项: list them here
            yield Output(urls.guide(service_key), render_handlings_index(content, service_key))


# --- model texts and their attachments --------------------------------------------------


def _serves(content: Content, text: m.ModelText) -> dict:
    service_item = content.service_items.get(text.service_item) if text.service_item else None
    return {
        "service_item": service_item,
        "guide": _guide_link(content, text.service_item) if text.service_item else None,
        "item": _item_link(content, text.list_item) if text.list_item else None,
    }


def render_model_text(content: Content, text_id: str, lookups: Lookups | None = None) -> str:
    lookups = lookups or Lookups.of(content)
    text = content.model_texts[text_id]
    return _page("model_text.md.j2", urls.model_text(text_id),
        text=text,
        department=_department_link(content, text.department),
        serves=_serves(content, text),
        used_by=[_guide_link(content, code) for code in lookups.guides_using_text.get(text_id, [])],
        files=[(a, urls.attachment(a.file), file_size(content.attachments[a.file])) for a in text.files],
        reviewed_edition=content.editions[text.reviewed.edition].info,
        stale=_stale_notice(content, lookups, text),
        current_edition=content.current.info,
    )


def render_model_texts_index(content: Content) -> str:
    rows = [
        (Link(urls.model_text(t.id), t.title, t.sample), _department_link(content, t.department), _serves(content, t))
        for t in content.model_texts.values()
    ]
    return _page("model_texts.md.j2", urls.MODEL_TEXTS, rows=rows)


def model_text_pages(content: Content) -> Iterable[Output]:
    lookups = Lookups.of(content)
    yield Output(urls.MODEL_TEXTS, render_model_texts_index(content))
    for text_id in content.model_texts:
        yield Output(urls.model_text(text_id), render_model_text(content, text_id, lookups))


def attachments(content: Content) -> Iterable[Output]:
    """Every file under content/files/, so downloads and blank-form links work."""
    for relative, data in content.attachments.items():
        yield Output(urls.attachment(relative), data)


# --- violation cases --------------------------------------------------------------------


def render_case(content: Content, case_id: str) -> str:
    case = content.cases[case_id]
    task = content.tasks_by_id.get(case.rectification) if case.rectification else None
    return _page("case.md.j2", urls.case(case_id),
        case=case,
        bulletin=content.bulletin_of_case[case_id],
        item=_item_link(content, case.list_item) if case.list_item else None,
        department=_department_link(content, case.department) if case.department else None,
        task=task,
        task_department=_department_link(content, task.department) if task else None,
        ledger=urls.RECTIFICATION_LEDGER,
        sample=case.sample or content.bulletin_of_case[case_id].sample,
    )


def case_pages(content: Content) -> Iterable[Output]:
    for case_id in content.cases:
        yield Output(urls.case(case_id), render_case(content, case_id))


RENDERERS = [item_pages, department_pages, guide_pages, model_text_pages, attachments, case_pages]


# --- serve's early pages ----------------------------------------------------------------


def pages_of_changed_records(previous: Content, content: Content, limit: int = 40) -> dict[str, str]:
    """The detail pages of the records an edit changed or added, as `render_all` renders them
    (docs path -> Markdown): what `qingdan serve` shows first (site.warm_engine). A record has
    changed when it is another object than in `previous` (an unchanged file keeps its objects,
    loader.FileMemo) and its values differ. None are shown first when more than `limit` pages
    changed (a list edition replaced: no one looks at 1,000 pages at once); the build has them all."""
    def changed(old: dict, new: dict) -> list[str]:
        return [key for key, record in new.items() if old.get(key) is not record and old.get(key) != record]

    items_before = {code: previous.item_in_any_edition(code) for code in item_codes(previous)}
    items_now = {code: content.item_in_any_edition(code) for code in item_codes(content)}
    found = {"items": changed(items_before, items_now), "guides": changed(previous.guides, content.guides),
             "departments": changed(previous.departments, content.departments),
             "model_texts": changed(previous.model_texts, content.model_texts),
             "cases": changed(previous.cases, content.cases)}
    if sum(map(len, found.values())) > limit:
        return {}
    lookups = Lookups.of(content)
    pages = {urls.item(code): render_item(content, code, lookups) for code in found["items"]}
    pages |= {urls.guide(key): render_guide(content, key, lookups) for key in found["guides"]}
    pages |= {urls.department(key): render_department(content, key) for key in found["departments"]}
    pages |= {urls.model_text(key): render_model_text(content, key, lookups) for key in found["model_texts"]}
    pages |= {urls.case(key): render_case(content, key) for key in found["cases"]}
    return pages
