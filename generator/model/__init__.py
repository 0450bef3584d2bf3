"""The content model: one schema per content type, and the files they live in."""

from .cases import Bulletin, ViolationCase, ViolationType
from .departments import Contact, Department, DepartmentsFile
from .editions import Category, EditionFile, EditionInfo, ListItem, Measure
from .guides import Guide, Material, OnlineLevel, Review, TimeLimit
from .ledgers import ComplaintClue, ComplaintsFile, RectificationFile, RectificationTask
from .model_texts import Attachment, ModelText
from .scorecard import ScorecardFile
from .service_items import ItemType, ServiceItem, ServiceItemsFile
from .site import SiteConfig

__all__ = [
    "Attachment", "Bulletin", "Category", "ComplaintClue", "ComplaintsFile", "Contact",
    "Department", "DepartmentsFile", "EditionFile", "EditionInfo", "Guide", "ItemType",
    "ListItem", "Material", "Measure", "ModelText", "OnlineLevel", "RectificationFile",
    "RectificationTask", "Review", "ScorecardFile", "ServiceItem", "ServiceItemsFile", "SiteConfig",
    "TimeLimit", "ViolationCase", "ViolationType",
]
