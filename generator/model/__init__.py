"""The content model: one schema per content type, and the files they live in."""

from generator.model.bundles import Bundle, BundleStep, Option, Question
from generator.model.cases import Bulletin, ViolationCase, ViolationType
from generator.model.departments import Contact, Department, DepartmentsFile
from generator.model.editions import Category, EditionFile, EditionInfo, ListItem, Measure
from generator.model.guides import Guide, Material, OnlineLevel, Review, TimeLimit
from generator.model.ledgers import (
    ClueStatus,
    ComplaintClue,
    ComplaintsFile,
    RectificationFile,
    RectificationTask,
    TaskStatus,
)
from generator.model.model_texts import Attachment, ModelText
from generator.model.scorecard import ScorecardFile
from generator.model.service_items import ItemType, ServiceItem, ServiceItemsFile
from generator.model.site_config import SiteConfig
from generator.model.vocabulary import Vocabulary, VocabularyFile, VocabularyScope

__all__ = [
    "Attachment", "Bulletin", "Bundle", "BundleStep", "Category", "ClueStatus", "ComplaintClue", "ComplaintsFile",
    "Contact",
    "Department", "DepartmentsFile", "EditionFile", "EditionInfo", "Guide", "ItemType",
    "ListItem", "Material", "Measure", "ModelText", "OnlineLevel", "Option", "Question", "RectificationFile",
    "RectificationTask", "Review", "ScorecardFile", "ServiceItem", "ServiceItemsFile", "SiteConfig",
    "TaskStatus", "TimeLimit", "Vocabulary", "VocabularyFile", "VocabularyScope", "ViolationCase", "ViolationType",
]
