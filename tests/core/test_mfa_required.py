"""Roles named in MFA_REQUIRED_GLOBAL_ROLES must turn on TOTP before they can use the app."""

from allauth.mfa.models import Authenticator
from django.urls import reverse


def test_dpo_without_totp_is_sent_to_set_it_up_when_required(client_for, cast, settings):
    settings.MFA_REQUIRED_GLOBAL_ROLES = ["dpo"]
    response = client_for(cast.dpo).get(reverse("core:municipality_list"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    # The set-up pages themselves stay reachable (allauth first asks a forced login to re-authenticate).
    setup = client_for(cast.dpo).get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200 or setup.url.startswith(reverse("account_reauthenticate"))


def test_dpo_with_totp_passes(client_for, cast, settings):
    settings.MFA_REQUIRED_GLOBAL_ROLES = ["dpo"]
    Authenticator.objects.create(user=cast.dpo, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert client_for(cast.dpo).get(reverse("core:municipality_list")).status_code == 200


def test_other_roles_are_not_forced(client_for, cast, settings):
    settings.MFA_REQUIRED_GLOBAL_ROLES = ["dpo"]
    assert client_for(cast.editor_vefsn).get(reverse("core:municipality_list")).status_code == 200


def test_nobody_is_forced_by_default(client_for, cast):
    assert client_for(cast.dpo).get(reverse("core:municipality_list")).status_code == 200
