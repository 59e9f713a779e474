"""The municipalities of the cooperation and the roles people have in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..files import UnguessableUploadTo
from ..tracking import TrackedModel
from ..validators import validate_municipality_number, validate_org_number


class Municipality(TrackedModel):
    """A municipality of the cooperation; membership of the cooperation is dated, never deleted."""

    number = models.CharField(
        _("municipality number"),
        max_length=4,
        unique=True,
        validators=[validate_municipality_number],
        help_text=_("Four digits, as in Kartverket's code list (Oslo is 0301)."),
    )
    name = models.CharField(_("name"), max_length=100)
    official_name = models.CharField(
        _("official name"), max_length=150, blank=True, help_text=_("Only when it differs, e.g. bilingual names.")
    )
    slug = models.SlugField(_("address name"), max_length=60, unique=True)
    org_number = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        validators=[validate_org_number],
        help_text=_("Nine digits; leave blank rather than guess."),
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_as_of = models.DateField(_("population as of"), null=True, blank=True)
    kins_member = models.BooleanField(_("KINS member"), default=False)
    kins_member_since = models.DateField(_("KINS member since"), null=True, blank=True)
    joined_on = models.DateField(_("member of the cooperation from"), null=True, blank=True)
    left_on = models.DateField(_("member of the cooperation to"), null=True, blank=True)
    logo = models.FileField(_("letterhead logo"), upload_to=UnguessableUploadTo("logos"), blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(number__regex=r"^[0-9]{4}$"), name="municipality_number_four_digits"),
            models.CheckConstraint(
                condition=Q(org_number="") | Q(org_number__regex=r"^[0-9]{9}$"),
                name="municipality_org_number_nine_digits",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(joined_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="municipality_left_after_joined",
            ),
            models.CheckConstraint(
                condition=Q(kins_member=True) | Q(kins_member_since__isnull=True),
                name="municipality_kins_since_only_for_members",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_member_on(self, day) -> bool:
        return (self.joined_on is None or self.joined_on <= day) and (self.left_on is None or day <= self.left_on)

    @property
    def is_current_member(self) -> bool:
        return self.is_member_on(timezone.localdate())


class MembershipRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


class Membership(TrackedModel):
    """A user's role in one municipality."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="membership_one_role_per_municipality"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality} ({self.get_role_display()})"
