"""The finder (实时查询): content graph -> find/index.md, its index files and lunr.js.

Outputs:
  find/index.md               the finder page: a plain GET form (q + facet checkboxes)
                              that finder.js enhances into search-as-you-type
  find/index/records.json     the record table (generator.search.bundle)
  find/index/text-<k>.json    the full-text term shards
  find/lunr.js                lunr.js copied byte for byte from the installed mkdocs
                              package (package data, not content: no vendored copy)
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources

from generator.model.content import Content
from generator.render import Output, urls
from generator.render.entities import tel_href
from generator.render.search import bundle
from generator.render.search.records import FACETS, facet_labels
from generator.render.templating import render_page

PAGE = urls.FIND
LUNR_JS = "find/lunr.js"


def lunr_js() -> bytes:
    return (resources.files("mkdocs") / "contrib" / "search" / "templates" / "search" / "lunr.js").read_bytes()


def office_contact(content: Content) -> dict:
    """Who answers questions about the list (the 清单之外 answer names them): the office
    site_config names, its first contact with a phone."""
    office = content.office
    contact = next((c for c in office.contacts if c.phone), None)
    return {"name": office.full_name, "unit": contact.unit if contact else None,
            "phone": contact.phone if contact else None,
            "tel": tel_href(contact.phone) if contact and contact.phone else None,
            "page": urls.department(office.id), "sample": office.sample}


def finder(content: Content) -> Iterable[Output]:
    files, records = bundle.build(content)
    labels = facet_labels(content, records)
    facets = [(key, label, [(value, names[0]) for value, names in labels[key]]) for key, label in FACETS]
    yield Output(PAGE, render_page("finder/index.md.j2", PAGE, facets=facets,
                                   records=f"{bundle.INDEX_DIR}/records.json", lunr=LUNR_JS,
                                   office=office_contact(content)))
    for path, data in files.items():
        yield Output(path, data)
    yield Output(LUNR_JS, lunr_js())


RENDERERS = [finder]
