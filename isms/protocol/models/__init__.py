"""Models of the behandlingsprotokoll app."""

from .agreements import DataProcessingAgreement, JointAgreement, SubProcessor, in_force_q
from .catalogue import System, SystemUse, Vendor
from .choices import (
    AgreementStatus,
    Classification,
    Hosting,
    LegalBasis,
    RecordDpiaStatus,
    RecordStatus,
    RecordType,
    Sector,
    SpecialCategory,
    SpecialCategoryBasis,
    TransferMechanism,
)
from .imports import ImportDraft, ImportMapping
from .processing import (
    ART30_CONTROLLER_FIELDS,
    ART30_PROCESSOR_FIELDS,
    ProcessingActivity,
    ProcessingProcessor,
    ProcessingSystem,
    missing_art30_q,
    review_overdue_q,
)

__all__ = [
    "ART30_CONTROLLER_FIELDS",
    "ART30_PROCESSOR_FIELDS",
    "AgreementStatus",
    "Classification",
    "DataProcessingAgreement",
    "Hosting",
    "ImportDraft",
    "ImportMapping",
    "JointAgreement",
    "LegalBasis",
    "ProcessingActivity",
    "ProcessingProcessor",
    "ProcessingSystem",
    "RecordDpiaStatus",
    "RecordStatus",
    "RecordType",
    "Sector",
    "SpecialCategory",
    "SpecialCategoryBasis",
    "SubProcessor",
    "System",
    "SystemUse",
    "TransferMechanism",
    "Vendor",
    "in_force_q",
    "missing_art30_q",
    "review_overdue_q",
]
