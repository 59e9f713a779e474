"""The cooperation's catalogue of vendors and systems, and each municipality's use of a system."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from isms.core.countries import COUNTRY_CHOICES
from isms.core.models import Municipality
from isms.core.tracking import TrackedModel
from isms.core.validators import validate_org_number

from .choices import Classification, Hosting


class Vendor(TrackedModel):
    """A supplier; as processor it signs data processing agreements (cooperation level)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    org_number = models.CharField(_("organisation number"), max_length=9, blank=True, validators=[validate_org_number])
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES, blank=True, default="NO")
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    created_in = models.ForeignKey(
        Municipality,
        verbose_name=_("added by municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Set when an editor added it; such entries may be changed by that municipality alone."),
    )

    class Meta:
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class System(TrackedModel):
    """An IT system or service in the catalogue (cooperation level): Elements, KOBO, Gerica…"""

    name = models.CharField(_("name"), max_length=200, unique=True)
    aliases = models.TextField(
        _("other names"),
        blank=True,
        help_text=_("One per line: what the municipalities also call the system, e.g. in their spreadsheets."),
    )
    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT, null=True, blank=True, related_name="systems"
    )
    description = models.TextField(_("description"), blank=True)
    hosting = models.CharField(_("hosting"), max_length=20, choices=Hosting, default=Hosting.SAAS)
    storage_country = models.CharField(
        _("country of storage"), max_length=2, choices=COUNTRY_CHOICES, blank=True, default="NO"
    )
    confidentiality = models.PositiveSmallIntegerField(
        _("confidentiality"), choices=Classification, default=Classification.MEDIUM
    )
    integrity = models.PositiveSmallIntegerField(_("integrity"), choices=Classification, default=Classification.MEDIUM)
    availability = models.PositiveSmallIntegerField(
        _("availability"), choices=Classification, default=Classification.MEDIUM
    )
    created_in = models.ForeignKey(
        Municipality,
        verbose_name=_("added by municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("system")
        verbose_name_plural = _("systems")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(confidentiality__range=(1, 4)) & Q(integrity__range=(1, 4)) & Q(availability__range=(1, 4)),
                name="system_classification_1_to_4",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    @property
    def names(self) -> list[str]:
        """The name and every alias: what an import's system column is matched against (case-insensitive)."""
        return [self.name, *self.alias_list]


class SystemUse(TrackedModel):
    """One municipality's use of a catalogue system: who owns it there and which units use it."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="system_uses"
    )
    system = models.ForeignKey(System, verbose_name=_("system"), on_delete=models.PROTECT, related_name="uses")
    owner = models.CharField(_("system owner"), max_length=200, blank=True, help_text=_("Role or name."))
    units = models.CharField(_("units using it"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    in_use_since = models.DateField(_("in use since"), null=True, blank=True)
    retired_on = models.DateField(_("retired on"), null=True, blank=True)

    class Meta:
        verbose_name = _("system in use")
        verbose_name_plural = _("systems in use")
        ordering = ["system__name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "system"], name="system_use_once_per_municipality")
        ]

    def __str__(self) -> str:
        return f"{self.system} ({self.municipality})"
