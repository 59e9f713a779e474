"""Models of the behandlingsprotokoll app."""

from .agreements import DataProcessingAgreement, JointAgreement, SubProcessor, in_force_q
from .catalogue import System, SystemUse, Vendor
from .choices import (
    AgreementStatus,
    Classification,
    DpiaStatus,
    Hosting,
    LegalBasis,
    RecordStatus,
    RecordType,
    Sector,
    SpecialCategory,
    SpecialCategoryBasis,
    TransferMechanism,
)
from .processing import (
    ART30_CONTROLLER_FIELDS,
    ART30_PROCESSOR_FIELDS,
    ProcessingActivity,
    ProcessingProcessor,
    ProcessingSystem,
)

__all__ = [
    "ART30_CONTROLLER_FIELDS",
    "ART30_PROCESSOR_FIELDS",
    "AgreementStatus",
    "Classification",
    "DataProcessingAgreement",
    "DpiaStatus",
    "Hosting",
    "JointAgreement",
    "LegalBasis",
    "ProcessingActivity",
    "ProcessingProcessor",
    "ProcessingSystem",
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
]
