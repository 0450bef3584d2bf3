"""The kinds of content file, declared once: key, place, schema, editors' schema, owner.

The loader finds files by `pattern`, the editors' schemas and VS Code mapping are
written from `schema_file` and `title`, CODEOWNERS gives `owned_by` to each
department, and everything else names a kind by its `Kind` member, so a misspelt
kind is an AttributeError, not a silently empty list.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel

from generator import model as m


class Kind(StrEnum):
    DEPARTMENTS = "departments"
    EDITIONS = "editions"
    SERVICE_ITEMS = "service_items"
    GUIDES = "guides"
    MODEL_TEXTS = "model_texts"
    BULLETINS = "bulletins"
    BUNDLES = "bundles"
    COMPLAINTS = "complaints"
    RECTIFICATION = "rectification"
    SCORECARD = "scorecard"
    VOCABULARY = "vocabulary"


@dataclass(frozen=True, slots=True)
class ContentKind:
    key: Kind
    pattern: str  # relative to the content directory (fnmatch: ** crosses folders)
    schema: type[BaseModel]
    schema_file: str  # under content/schemas/, as the shipped `$schema=` lines name it
    title: str  # the editors' schema title
    owned_by: str | None = None  # what a department owns in CODEOWNERS ({department}); None: the office

    @property
    def folder(self) -> str | None:
        """The folder its files live in (None for a single file at the top: departments.yaml)."""
        return self.pattern.split("/", 1)[0] if "/" in self.pattern else None

    def owned_path(self, department: str) -> str | None:
        return self.owned_by.format(department=department) if self.owned_by else None


# In loading order (the patterns do not overlap).
KINDS: tuple[ContentKind, ...] = (
    ContentKind(Kind.DEPARTMENTS, "departments.yaml", m.DepartmentsFile, "departments.schema.json",
                "县直有关单位（content/departments.yaml）"),
    ContentKind(Kind.EDITIONS, "editions/*.yaml", m.EditionFile, "edition.schema.json",
                "市场准入负面清单版本及其事项（content/editions/<版本>.yaml）"),
    ContentKind(Kind.SERVICE_ITEMS, "service-items/*.yaml", m.ServiceItemsFile, "service-items.schema.json",
                "政务服务事项及其与清单事项的对应关系（content/service-items/<单位>.yaml）",
                owned_by="service-items/{department}.yaml"),
    ContentKind(Kind.GUIDES, "guides/**.yaml", m.Guide, "guide.schema.json",
                "办事指南（content/guides/<单位>/<事项>.yaml）", owned_by="guides/{department}/"),
    ContentKind(Kind.MODEL_TEXTS, "model-texts/**.yaml", m.ModelText, "model-text.schema.json",
                "示范文本（content/model-texts/<单位>/<名称>.yaml）", owned_by="model-texts/{department}/"),
    ContentKind(Kind.BULLETINS, "bulletins/*.yaml", m.Bulletin, "bulletin.schema.json",
                "违规案例通报（content/bulletins/<通报>.yaml）"),
    ContentKind(Kind.BUNDLES, "bundles/*.yaml", m.Bundle, "bundle.schema.json",
                "一件事（content/bundles/<标识>.yaml）"),
    ContentKind(Kind.COMPLAINTS, "ledgers/complaints.yaml", m.ComplaintsFile, "complaints.schema.json",
                "投诉问题线索台账（content/ledgers/complaints.yaml）"),
    ContentKind(Kind.RECTIFICATION, "ledgers/rectification.yaml", m.RectificationFile, "rectification.schema.json",
                "整改台账（content/ledgers/rectification.yaml）"),
    ContentKind(Kind.SCORECARD, "ledgers/scorecard.yaml", m.ScorecardFile, "scorecard.schema.json",
                "单位评分与通报表扬（content/ledgers/scorecard.yaml）"),
    ContentKind(Kind.VOCABULARY, "vocabulary/*.yaml", m.VocabularyFile, "vocabulary.schema.json",
                "俗称词表：老百姓对清单事项、政务服务事项和单位的说法（content/vocabulary/<名称>.yaml）"),
)
BY_KEY: dict[Kind, ContentKind] = {k.key: k for k in KINDS}

# Not content documents, but places under content/ too.
ATTACHMENTS_FOLDER = "files/"  # attachments, by department: files/<department>/...
ATTACHMENTS_OWNED_BY = "files/{department}/"
SCHEMAS_FOLDER = "schemas/"  # the editors' schemas, generated
SITE_CONFIG_FILE = "site.yaml"  # in the site_config directory
SITE_SCHEMA_FILE = "site.schema.json"
SITE_TITLE = "网站配置（site_config/site.yaml）"
