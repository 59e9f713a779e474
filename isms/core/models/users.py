"""People who log in: users and their global roles."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


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
