"""Authentication policy: invitation-only accounts, known users for single sign-on, the axes key, password rules."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False


class KnownUsersSocialAccountAdapter(DefaultSocialAccountAdapter):
    """Entra ID may log in people who already have an account (matched by e-mail); it creates none.

    The match is made here rather than by allauth's e-mail authentication, which would wipe the password of
    an account whose address has no verified EmailAddress row (ours come by invitation, without one). The
    provider is the municipality's own tenant (OIDC_SERVER_URL), so its e-mail claim is trusted.
    """

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        return False

    def pre_social_login(self, request, sociallogin) -> None:
        if sociallogin.is_existing:
            return
        from allauth.core.exceptions import ImmediateHttpResponse
        from django.contrib import messages
        from django.contrib.auth import get_user_model
        from django.shortcuts import redirect
        from django.utils.translation import gettext as _

        emails = [address.email.strip() for address in sociallogin.email_addresses if address.email]
        user = get_user_model().objects.filter(email__iexact=emails[0], is_active=True).first() if emails else None
        if user is None:
            messages.error(
                request,
                _(
                    "No account in Secure municipality has the e-mail address %(email)s. Accounts come by "
                    "invitation: ask your municipality's coordinator to invite you."
                )
                % {"email": emails[0] if emails else _("(none given)")},
            )
            raise ImmediateHttpResponse(redirect("account_login"))
        sociallogin.connect(request, user)


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
