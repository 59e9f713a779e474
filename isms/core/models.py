"""Who may see what: users, the municipalities of the cooperation, memberships and invitations."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .tracking import TrackedModel
from .validators import validate_municipality_number, validate_org_number


class GlobalRole(models.TextChoices):
    NONE = "", _("None")
    DPO = "dpo", _("Data protection officer")
    COORDINATOR = "coordinator", _("Coordinator")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who logs in with an e-mail address; global roles cover the whole cooperation."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    global_role = models.CharField(_("global role"), max_length=20, choices=GlobalRole, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    @property
    def display_name(self) -> str:
        """The name shown in lists, PDFs and e-mails: the full name, or the e-mail address."""
        return self.get_full_name() or self.email

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_dpo(self) -> bool:
        return self.global_role == GlobalRole.DPO

    @property
    def is_coordinator(self) -> bool:
        return self.global_role == GlobalRole.COORDINATOR

    @property
    def sees_all_municipalities(self) -> bool:
        return self.is_superuser or self.global_role in {GlobalRole.DPO, GlobalRole.COORDINATOR}


def display_name(user: User | None) -> str:
    """A user's name as shown to others, or "—" when there is nobody."""
    return user.display_name if user is not None else "—"


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
    logo = models.FileField(_("letterhead logo"), upload_to="logos/", blank=True)

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


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An e-mailed, single-use link that gives a person a role in a municipality.

    Only the SHA-256 of the token is stored, so a database dump does not leak usable links.
    """

    email = models.EmailField(_("e-mail address"))
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.municipality}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    @classmethod
    def default_expiry(cls):
        return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ExportJob(models.Model):
    """A large export built in the background (Celery); the requester follows its progress and downloads it.

    Operational bookkeeping, not a record of the ISMS, so it is not a TrackedModel.
    """

    kind = models.CharField(_("kind"), max_length=50)
    title = models.CharField(_("title"), max_length=200)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs", verbose_name=_("requested by")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("municipality")
    )
    status = models.CharField(_("status"), max_length=10, choices=ExportStatus, default=ExportStatus.QUEUED)
    done_steps = models.PositiveIntegerField(default=0)
    total_steps = models.PositiveIntegerField(default=0)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True)
    filename = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        return int(100 * self.done_steps / self.total_steps) if self.total_steps else 0

    @property
    def is_finished(self) -> bool:
        return self.status in {ExportStatus.DONE, ExportStatus.FAILED}


# The template library's models live in their own module; importing them here registers them with the app.
from .library.models import AdoptedFromTemplate, Template, TemplateParticipant, TemplateVersion  # noqa: E402, F401
from .signoff_models import Notification, SignOff, SignOffDecision, SignOffRole  # noqa: E402, F401
