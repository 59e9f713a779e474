"""Authentication policy: invitation-only accounts, known users for single sign-on, the axes key, password rules."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False


class KnownUsersSocialAccountAdapter(DefaultSocialAccountAdapter):
    """Entra ID may log in people who already have an account (matched by e-mail); it creates none."""

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        return False


def axes_username(request, credentials: dict | None) -> str | None:
    """The e-mail django-axes locks on: allauth authenticates with `email=`, the form field is `login`."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username")
    if not value and request is not None and hasattr(request, "POST"):
        value = request.POST.get("login")
    return value.strip().lower() if value else None


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's validator with the message in our catalogue (Django's own nb catalogue lacks it)."""

    def get_error_message(self):
        return (
            ngettext(
                "The password is too short. It must contain at least %d character.",
                "The password is too short. It must contain at least %d characters.",
                self.min_length,
            )
            % self.min_length
        )
