"""Content graph -> search records: one record a result the finder can show.

A record holds what the finder matches and shows: its type, the page it links to,
a title, codes (matched by prefix), short texts (matched as substrings), facet
values, and the longer texts that go to the full-text index instead. Facet values
are ids (a department id, a category name); `facet_labels` gives what users read.
Records come in a fixed order (type, then content order) so the index files are
byte-for-byte reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator import model as m
from generator.model.content import Content
from generator.model.types import is_stated, listed
from generator.render import urls

# (key, label): the URL parameter and the heading of each facet, in display order.
FACETS: tuple[tuple[str, str], ...] = (
    ("type", "内容类型"),
    ("cat", "类别"),
    ("sector", "行业"),
    ("dept", "责任单位"),
    ("auth", "管理权限"),
    ("online", "网办深度"),
)

# (key, label): record types in the order results of equal score are listed.
TYPES: tuple[tuple[str, str], ...] = (
    ("bundle", "一件事"),
    ("item", "清单事项"),
    ("dept", "责任单位"),
    ("guide", "办事指南"),
    ("service", "政务服务事项"),
    ("former", "往年版本事项"),
    ("text", "示范文本"),
    ("case", "违规案例"),
)
# Rank of each type: at equal score a lower rank comes first (README "## Search": permit
# items and their guides before the rest, items of older editions after the current
# ones, model texts and cases last). Another record type (a 一件事 bundle, say) takes
# its place here with its own rank (0 puts it before the items) and a producer in
# build_records; the browser sorts by the rank it finds in records.json.
TYPE_RANKS: dict[str, int] = {
    "bundle": 0, "item": 1, "guide": 1, "dept": 2, "service": 2, "former": 3, "text": 4, "case": 4,
}
TYPE_LABELS = dict(TYPES)


@dataclass(slots=True)
class Record:
    type: str
    path: str  # site-relative page URL, e.g. "items/100004/"
    title: str
    codes: list[str] = field(default_factory=list)  # first one is shown
    texts: list[str] = field(default_factory=list)  # short fields, substring-matched
    facets: dict[str, list[str]] = field(default_factory=dict)
    full_text: list[str] = field(default_factory=list)  # longer texts, for lunr
    sample: bool = False
    words: list[str] = field(default_factory=list)  # everyday words (content/vocabulary)
    note: str | None = None  # shown with the result: 已调整为 … / 已于 2025 年版移出清单
    link: str | None = None  # where the note points (the successor's page)


def _add(facets: dict[str, list[str]], key: str, *values: object) -> None:
    for value in values:
        text = str(value) if value else None  # a field recorded as 未注明 is the facet value 未注明
        if text and text not in facets.setdefault(key, []):
            facets[key].append(text)


def _item_facets(item: m.ListItem) -> dict[str, list[str]]:
    facets: dict[str, list[str]] = {}
    _add(facets, "cat", item.category.value)
    _add(facets, "sector", item.sector)
    _add(facets, "dept", *item.responsible_units)
    _add(facets, "auth", item.management_authority)
    return facets


def _inherit(facets: dict[str, list[str]], content: Content, codes: list[str]) -> None:
    """A guide, model text or case also carries the category, sector and management
    authority of the list items it serves, so filtering by sector keeps them."""
    for code in codes:
        item = content.current.items.get(code)
        if item is not None:
            _add(facets, "cat", item.category.value)
            _add(facets, "sector", item.sector)
            _add(facets, "auth", item.management_authority)


def _items(content: Content) -> list[Record]:
    out = []
    for item in content.current.items.values():
        out.append(Record(
            type="item",
            path=urls.directory(urls.item(item.key)),
            title=item.name,
            codes=list(dict.fromkeys([*([item.code] if is_stated(item.code) else []),
                                     *(ms.code for ms in item.measures if ms.code)])),
            texts=[ms.text for ms in item.measures] + list(item.authorities)
            + [ms.authority for ms in item.measures if ms.authority],
            facets={"type": ["item"], **_item_facets(item)},
            full_text=[*item.conditions, *item.approval_process, *item.local_measures,
                       *item.legal_basis, *([item.task_division] if item.task_division else [])],
            sample=item.sample,
            words=list(content.words_of_item.get(item.code, [])),
        ))
    return out


def _successors(content: Content) -> dict[str, list[str]]:
    """Old item code -> the current items whose `replaces:` name it."""
    out: dict[str, list[str]] = {}
    for item in content.current.items.values():
        for old in item.replaces:
            out.setdefault(old, []).append(item.key)
    return out


def _former_items(content: Content) -> list[Record]:
    """Items only older editions hold (newest edition first): found by their code, name and
    words, labelled with what became of them."""
    out = []
    seen = set(content.current.items)
    successors = _successors(content)
    for edition in reversed(content.editions.values()):
        for item in edition.items.values():
            if item.key in seen:  # the code, or the id of an item its source gave no code
                continue
            seen.add(item.key)
            after = [content.current.items[c] for c in successors.get(item.key, []) if c in content.current.items]
            if after:
                note = "已调整为 " + "、".join(f"{a.code if is_stated(a.code) else ''} {a.name}".strip() for a in after)
                link = urls.directory(urls.item(after[0].key))
            else:
                note, link = f"已于 {content.current.id} 年版移出清单", None
            out.append(Record(
                type="former", path=urls.directory(urls.item(item.key)), title=item.name,
                codes=list(dict.fromkeys([*([item.code] if is_stated(item.code) else []),
                                          *(ms.code for ms in item.measures if ms.code)])),
                texts=[ms.text for ms in item.measures], facets={"type": ["former"], **_item_facets(item)},
                sample=item.sample, words=list(content.words_of_item.get(item.key, [])), note=note, link=link,
            ))
    return out


def _departments(content: Content) -> list[Record]:
    return [
        Record(type="dept", path=urls.directory(urls.department(d.id)), title=d.name,
               texts=[d.full_name, d.short_name], facets={"type": ["dept"], "dept": [d.id]},
               full_text=[d.role] if d.role else [], sample=d.sample,
               words=list(content.words_of_department.get(d.id, [])))
        for d in content.departments.values()
    ]


def _guide_text(guide: m.Guide) -> list[str]:
    texts = [*(x for x in [guide.summary, guide.result, guide.intermediary] if x),
             *listed(guide.service_objects), *listed(guide.conditions), *(mat.name for mat in listed(guide.materials)),
             *(step.name for step in listed(guide.steps)),
             *(s.description for s in listed(guide.steps) if s.description),
             *listed(guide.legal_basis)]
    for faq in guide.faq:
        texts += [faq.question, faq.answer]
    return texts


def _service_items(content: Content) -> list[Record]:
    out = []
    for service in content.service_items.values():
        guide = (content.guides_of_service_item.get(service.key) or [None])[0]
        facets: dict[str, list[str]] = {"type": ["guide" if guide else "service"]}
        _inherit(facets, content, service.list_items)
        _add(facets, "dept", service.department)
        codes = [*(c for c in (service.basic_code, service.implementation_code) if is_stated(c)),
                 *(c for c in (service.power_list_code, service.license_item_code) if c)]
        if guide is not None:
            if is_stated(guide.online):  # a guide whose 网办深度 is 未注明 is in no online facet
                _add(facets, "online", guide.online.level.value)
            path = urls.directory(urls.guide(service.key))
        elif service.list_items and service.list_items[0] in content.current.items:
            path = urls.directory(urls.item(service.list_items[0]))  # no guide yet: its list item
        else:
            path = "mapping/"
        out.append(Record(
            type=facets["type"][0], path=path, title=service.name,
            codes=list(dict.fromkeys(codes)), texts=[guide.result] if guide and guide.result else [],
            facets=facets, full_text=_guide_text(guide) if guide else [],
            sample=service.sample or bool(guide and guide.sample),
            # its own words, then its list items' (饭店 finds the 食品经营许可 guide too)
            words=list(dict.fromkeys([*content.words_of_service_item.get(service.basic_code, []),
                                      *(w for c in service.list_items for w in content.words_of_item.get(c, []))])),
        ))
    return out


def _model_texts(content: Content) -> list[Record]:
    out = []
    for text in content.model_texts.values():
        facets: dict[str, list[str]] = {"type": ["text"]}
        content_codes = [text.list_item] if text.list_item else []
        if text.service_item in content.service_items:
            content_codes = [*content_codes, *content.service_items[text.service_item].list_items]
        _inherit(facets, content, content_codes)
        _add(facets, "dept", text.department)
        out.append(Record(
            type="text", path=urls.directory(urls.model_text(text.id)), title=text.title,
            codes=[], texts=[a.title for a in text.files], facets=facets,
            full_text=[text.body], sample=text.sample,
        ))
    return out


def _cases(content: Content) -> list[Record]:
    out = []
    for case in content.cases.values():
        facets: dict[str, list[str]] = {"type": ["case"]}
        _inherit(facets, content, [case.list_item] if case.list_item else [])
        _add(facets, "dept", case.department)
        out.append(Record(
            type="case", path=urls.directory(urls.case(case.id)), title=case.title,
            texts=[case.unit, case.locality, str(case.violation_type)], facets=facets,
            full_text=[case.facts, case.handling], sample=case.sample,
        ))
    return out


def _bundles(content: Content) -> list[Record]:
    """A 一件事 answers to its title and everyday words (开饭店), listed before everything else
    (finder.js); its permits' names are full text only, so 食品经营许可 still finds the permit first."""
    return [
        Record(type="bundle", path=urls.directory(urls.bundle(b.id)), title=b.title,
               texts=list(b.everyday_words), facets={"type": ["bundle"]},
               full_text=[*([b.summary] if b.summary else []), *(q.text for q in b.questions),
                          *(s.name for s in content.facts.bundles[b.id].steps)],
               sample=b.sample)
        for b in content.bundles.values()
    ]


def build_records(content: Content) -> list[Record]:
    """Every record, in type order then content order."""
    return [*_bundles(content), *_items(content), *_departments(content), *_service_items(content),
            *_former_items(content), *_model_texts(content), *_cases(content)]


def facet_labels(content: Content, records: list[Record]) -> dict[str, list[tuple[str, list[str]]]]:
    """For each facet, its values in display order, each with the labels a user may
    type for it (a department answers to its name, full name and short name)."""
    seen: dict[str, dict[str, None]] = {key: {} for key, _ in FACETS}
    for record in records:
        for key, values in record.facets.items():
            for value in values:
                seen[key][value] = None
    out: dict[str, list[tuple[str, list[str]]]] = {}
    for key, _ in FACETS:
        values = list(seen[key])
        if key == "type":
            values = [t for t, _ in TYPES if t in seen[key]]
            out[key] = [(t, [TYPE_LABELS[t]]) for t in values]
        elif key == "dept":
            # Departments in the order of departments.yaml, unknown ids last.
            order = {d: i for i, d in enumerate(content.departments)}
            values.sort(key=lambda d: (order.get(d, len(order)), d))
            out[key] = [
                (d, [content.departments[d].name, content.departments[d].full_name,
                     content.departments[d].short_name] if d in content.departments else [d])
                for d in values
            ]
        elif key == "cat":
            out[key] = [(c.value, [c.value]) for c in m.Category if c.value in seen[key]]
        elif key == "online":
            out[key] = [(o.value, [o.value]) for o in m.OnlineLevel if o.value in seen[key]]
        else:
            out[key] = [(v, [v]) for v in values]  # first-seen (content) order
    return out
