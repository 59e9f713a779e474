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

# The old name, kept only for isms/protocol/importing.py until its split (another branch) moves to the new
# one; remove it then. Everything else says RecordDpiaStatus, so "DpiaStatus" means the DPIA's own workflow.
DpiaStatus = RecordDpiaStatus

__all__ = [
    "ART30_CONTROLLER_FIELDS",
    "ART30_PROCESSOR_FIELDS",
    "AgreementStatus",
    "Classification",
    "DataProcessingAgreement",
    "DpiaStatus",
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
