"""The fixed vocabularies of GDPR Art. 6, 9, 28, 30 and 46 and of municipal organisation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    HEALTH_AND_CARE = "health", _("Health and care")
    EDUCATION = "education", _("Education and childhood")
    WELFARE = "welfare", _("NAV and social services")
    TECHNICAL = "technical", _("Technical services and building")
    CULTURE = "culture", _("Culture")
    ADMINISTRATION = "administration", _("Administration and HR")
    FINANCE = "finance", _("Finance")
    POLITICAL = "political", _("Political bodies")
    ARCHIVE = "archive", _("Archives")
    IT = "it", _("IT")


class LegalBasis(models.TextChoices):
    """GDPR Art. 6(1)."""

    CONSENT = "a", _("a) Consent")
    CONTRACT = "b", _("b) Contract")
    LEGAL_OBLIGATION = "c", _("c) Legal obligation")
    VITAL_INTERESTS = "d", _("d) Vital interests")
    PUBLIC_TASK = "e", _("e) Public task or official authority")
    LEGITIMATE_INTERESTS = "f", _("f) Legitimate interests")


class SpecialCategory(models.TextChoices):
    """GDPR Art. 9(1)."""

    ETHNIC_ORIGIN = "ethnic", _("Racial or ethnic origin")
    POLITICAL_OPINIONS = "political", _("Political opinions")
    BELIEFS = "beliefs", _("Religious or philosophical beliefs")
    TRADE_UNION = "union", _("Trade-union membership")
    GENETIC = "genetic", _("Genetic data")
    BIOMETRIC = "biometric", _("Biometric data for identification")
    HEALTH = "health", _("Health")
    SEX_LIFE = "sexlife", _("Sex life or sexual orientation")


class SpecialCategoryBasis(models.TextChoices):
    """GDPR Art. 9(2)."""

    EXPLICIT_CONSENT = "a", _("a) Explicit consent")
    EMPLOYMENT = "b", _("b) Employment, social security and social protection law")
    VITAL_INTERESTS = "c", _("c) Vital interests")
    NOT_FOR_PROFIT = "d", _("d) Foundation, association or other not-for-profit body")
    MADE_PUBLIC = "e", _("e) Made public by the data subject")
    LEGAL_CLAIMS = "f", _("f) Legal claims")
    PUBLIC_INTEREST = "g", _("g) Substantial public interest")
    HEALTH_AND_CARE = "h", _("h) Health or social care")
    PUBLIC_HEALTH = "i", _("i) Public health")
    ARCHIVING_RESEARCH = "j", _("j) Archiving, research or statistics")


class TransferMechanism(models.TextChoices):
    """GDPR Chapter V."""

    ADEQUACY = "adequacy", _("Adequacy decision (Art. 45)")
    SCC = "scc", _("Standard contractual clauses 2021/914 (Art. 46)")
    BCR = "bcr", _("Binding corporate rules (Art. 47)")
    DEROGATION = "derogation", _("Derogation for specific situations (Art. 49)")


class RecordType(models.TextChoices):
    CONTROLLER = "controller", _("Controller (Art. 30(1))")
    PROCESSOR = "processor", _("Processor (Art. 30(2))")


class RecordDpiaStatus(models.TextChoices):
    """What a processing record says about its DPIA (need and progress); a DPIA's own workflow is
    `dpia.models.DpiaStatus`."""

    NOT_ASSESSED = "not_assessed", _("Not assessed")
    NOT_REQUIRED = "not_required", _("Not required")
    RECOMMENDED = "recommended", _("Recommended, not done")
    REQUIRED = "required", _("Required, not done")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class Hosting(models.TextChoices):
    ON_PREMISES = "on_premises", _("On premises")
    CLOUD = "cloud", _("Cloud (IaaS/PaaS)")
    SAAS = "saas", _("Software as a service")


class Classification(models.IntegerChoices):
    """Confidentiality, integrity and availability need of a system."""

    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")
    VERY_HIGH = 4, _("Very high")


class AgreementStatus(models.TextChoices):
    MISSING = "missing", _("Missing")
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    SIGNED = "signed", _("Signed")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


class RecordStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ARCHIVED = "archived", _("Archived")
