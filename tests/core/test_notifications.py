"""Notifications: kinds and each user's delivery (at once, daily digest, in-app only), the outbox that
sends every e-mail once, the in-app list with its unread count, and links that never open what the
user may no longer see."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from isms.core.models import (
    Delivery,
    Membership,
    Notification,
    NotificationPreference,
    NotificationSettings,
    OutboxEmail,
    OutboxStatus,
)
from isms.core.notifications import UnknownNotificationKind, notify, send_digests, unread_count
from isms.core.outbox import sweep

from ..factories import UserFactory


def _notice(user, municipality=None, kind="general", subject="Til signering: ROS for KOBO", **extra):
    link = reverse("core:municipality_detail", args=[municipality.slug]) if municipality else ""
    return notify(user=user, municipality=municipality, subject=subject, body="Les og signer.", link=link,
                  kind=kind, **extra)  # fmt: skip


def test_the_existing_call_e_mails_at_once_through_the_outbox(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(user=cast.leader_vefsn, subject="Til signering", body="Les.", link="/signing/",
                              municipality=cast.vefsn)  # fmt: skip
    assert notification.kind == "general" and notification.emailed_at is not None
    row = OutboxEmail.objects.get()
    assert row.key == f"notification:{notification.pk}" and row.status == OutboxStatus.SENT
    assert [message.to for message in mail.outbox] == [["leder.vefsn@example.no"]]
    assert mail.outbox[0].extra_headers["Message-ID"].startswith("<")


def test_an_unknown_kind_is_refused(cast):
    with pytest.raises(UnknownNotificationKind):
        _notice(cast.editor_vefsn, cast.vefsn, kind="ukjent")
    assert not Notification.objects.exists()


def test_in_app_only_sends_no_e_mail(cast, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=cast.editor_vefsn, kind="general", delivery=Delivery.IN_APP)
    with django_capture_on_commit_callbacks(execute=True):
        _notice(cast.editor_vefsn, cast.vefsn)
    assert Notification.objects.filter(user=cast.editor_vefsn).count() == 1
    assert not OutboxEmail.objects.exists() and not mail.outbox


def test_a_user_without_e_mail_is_told_in_the_app(cast, django_capture_on_commit_callbacks):
    user = UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True):
        _notice(user)
    assert Notification.objects.filter(user=user).count() == 1
    assert not OutboxEmail.objects.exists() and not mail.outbox


def test_the_digest_comes_once_a_day_at_the_chosen_hour(cast, django_capture_on_commit_callbacks):
    user = cast.editor_vefsn
    NotificationSettings.objects.create(user=user, digest_hour=9)
    NotificationPreference.objects.create(user=user, kind="general", delivery=Delivery.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        _notice(user, cast.vefsn, subject="Gjennomgang av Startlån forfaller")
        _notice(user, cast.vefsn, subject="Tiltak forfalt: Tofaktorinnlogging")
    assert not mail.outbox
    day = timezone.localtime().replace(year=2026, month=12, day=3, minute=0, second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests(day.replace(hour=8)) == 0  # before the hour
        assert send_digests(day.replace(hour=9)) == 1
        assert send_digests(day.replace(hour=10)) == 0  # run again (or by a second worker): nothing more
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Gjennomgang av Startlån forfaller" in body and "Tiltak forfalt: Tofaktorinnlogging" in body
    assert "/m/vefsn/" in body
    with django_capture_on_commit_callbacks(execute=True):
        _notice(user, cast.vefsn, subject="Avtale utløper")
        assert send_digests(day.replace(hour=23)) == 0  # one digest a day: the new notice waits for tomorrow
        assert send_digests(day.replace(hour=9) + datetime.timedelta(days=1)) == 1
    assert len(mail.outbox) == 2 and "Avtale utløper" in mail.outbox[1].body


def test_settings_page_saves_choices_and_explains_a_bad_hour(cast, client_for):
    client = client_for(cast.editor_vefsn)
    page = client.get(reverse("core:notification_settings"))
    assert page.status_code == 200 and "kind_review_due" in page.content.decode()
    assert "kind_dpia_waiting_dpo" not in page.content.decode()  # the DPO's kind is not offered to an editor
    data = {"digest_hour": "25", "kind_general": "digest", "kind_review_due": "in_app"}
    response = client.post(reverse("core:notification_settings"), data)
    assert response.status_code == 200
    assert "Velg et klokkeslett mellom 00 og 23." in response.content.decode()
    assert not NotificationPreference.objects.exists()
    data["digest_hour"] = "6"
    response = client.post(reverse("core:notification_settings"), data)
    assert response.status_code == 302
    assert NotificationSettings.objects.get(user=cast.editor_vefsn).digest_hour == 6
    assert NotificationPreference.objects.get(user=cast.editor_vefsn, kind="review_due").delivery == "in_app"


def test_settings_refuse_an_unknown_delivery(cast, client_for):
    client = client_for(cast.editor_vefsn)
    response = client.post(reverse("core:notification_settings"), {"digest_hour": "7", "kind_general": "fax"})
    assert response.status_code == 200 and "Velg hvordan du vil bli varslet." in response.content.decode()


def test_unread_count_in_the_header_and_mark_read(cast, client_for):
    _notice(cast.editor_vefsn, cast.vefsn, delivery=Delivery.IN_APP)
    second = _notice(cast.editor_vefsn, cast.vefsn, subject="Tiltak forfalt", delivery=Delivery.IN_APP)
    client = client_for(cast.editor_vefsn)
    page = client.get(reverse("core:home")).content.decode()
    assert '<span class="nav-count">2<span class="visually-hidden"> uleste</span></span>' in page
    assert client.post(reverse("core:notification_read", args=[second.pk])).status_code == 302
    assert unread_count(cast.editor_vefsn) == 1
    page = client.get(reverse("core:notification_list") + "?unread=1").content.decode()
    assert "Tiltak forfalt" not in page and "Til signering: ROS for KOBO" in page
    client.post(reverse("core:notifications_read"))
    assert 'class="nav-count"' not in client.get(reverse("core:home")).content.decode()


def test_opening_a_notice_marks_it_read_and_goes_to_the_object(cast, client_for):
    notification = _notice(cast.editor_vefsn, cast.vefsn, delivery=Delivery.IN_APP)
    response = client_for(cast.editor_vefsn).get(reverse("core:notification_open", args=[notification.pk]))
    assert response.status_code == 302 and response.url == "/m/vefsn/"
    assert Notification.objects.get(pk=notification.pk).read_at is not None


def test_a_notice_about_a_municipality_no_longer_visible_is_gone(cast, client_for):
    notification = _notice(cast.editor_vefsn, cast.vefsn, subject="Hemmelig for andre", delivery=Delivery.IN_APP)
    Membership.objects.filter(user=cast.editor_vefsn).delete()
    client = client_for(cast.editor_vefsn)
    assert "Hemmelig for andre" not in client.get(reverse("core:notification_list")).content.decode()
    assert client.get(reverse("core:notification_open", args=[notification.pk])).status_code == 404
    assert client.post(reverse("core:notification_read", args=[notification.pk])).status_code == 404


def test_a_notice_whose_object_is_no_longer_allowed_opens_to_403(cast, client_for):
    """The leader was told about the members page; demoted to viewer, the page itself answers 403."""
    notification = notify(user=cast.leader_vefsn, municipality=cast.vefsn, subject="Ny kollega", body="",
                          link=reverse("core:member_list", args=["vefsn"]), delivery=Delivery.IN_APP)  # fmt: skip
    membership = Membership.objects.get(user=cast.leader_vefsn)
    membership.role = "viewer"
    membership.save()
    client = client_for(cast.leader_vefsn)
    response = client.get(reverse("core:notification_open", args=[notification.pk]))
    assert response.status_code == 302
    assert client.get(response.url).status_code == 403


def test_someone_elses_notice_is_404(cast, client_for):
    notification = _notice(cast.editor_vefsn, cast.vefsn, delivery=Delivery.IN_APP)
    client = client_for(cast.editor_rana)
    assert client.get(reverse("core:notification_open", args=[notification.pk])).status_code == 404


@pytest.mark.parametrize("extra", [3, 40])
def test_the_notification_list_runs_a_constant_number_of_queries(
    cast, client_for, extra, django_assert_max_num_queries
):
    for index in range(extra):
        _notice(cast.editor_vefsn, cast.vefsn, subject=f"Varsel {index}", delivery=Delivery.IN_APP)
    client = client_for(cast.editor_vefsn)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("core:notification_list")).status_code == 200


# The outbox against an SMTP server that is down, then back (a fake server on localhost: the outside world).


@pytest.fixture
def smtp(settings):
    from tests.fake_smtp import FakeSmtp

    server = FakeSmtp(accepting=False)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", server.port, False
    settings.EMAIL_TIMEOUT = 5
    settings.OUTBOX_SWEEP_GRACE_SECONDS = 0
    yield server
    server.close()


def test_smtp_down_keeps_the_e_mail_queued_and_sends_it_once_when_back(cast, smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notice(cast.leader_vefsn, cast.vefsn)
    row = OutboxEmail.objects.get()
    assert row.status == OutboxStatus.PENDING and row.attempts == 1 and "421" in row.last_error
    assert row.last_error.startswith(f"{timezone.localtime():%d.%m.%Y} ")  # Oslo time, as the page's columns
    assert row.next_attempt_at > timezone.now()  # backoff
    assert Notification.objects.filter(pk=notification.pk).exists()  # the event itself stands
    assert sweep() == 0  # not due yet

    smtp.accepting = True
    row.next_attempt_at = timezone.now() - datetime.timedelta(seconds=1)
    row.save(update_fields=["next_attempt_at"])
    assert sweep() == 1
    assert sweep() == 0
    row.refresh_from_db()
    assert row.status == OutboxStatus.SENT and row.attempts == 2
    assert len(smtp.sent_to("leder.vefsn@example.no")) == 1


def test_after_the_last_attempt_the_coordinator_sees_it_and_sends_it_again(
    cast, smtp, client_for, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    with django_capture_on_commit_callbacks(execute=True):
        _notice(cast.leader_vefsn, cast.vefsn, subject="Avtale utløpt: Visma")
    row = OutboxEmail.objects.get()
    assert row.status == OutboxStatus.FAILED
    client = client_for(cast.coordinator)
    page = client.get(reverse("core:delivery_problems")).content.decode()
    assert "Avtale utløpt: Visma" in page and "leder.vefsn@example.no" in page
    smtp.accepting = True
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:delivery_retry"), {"outbox": [row.pk]})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == OutboxStatus.SENT and len(smtp.messages) == 1
    assert "Avtale utløpt: Visma" not in client.get(reverse("core:delivery_problems")).content.decode()


def test_a_public_registration_answers_normally_while_smtp_is_down(
    cast, smtp, client, django_capture_on_commit_callbacks
):
    from tests.training.builders import make_course, make_round, make_session, person
    from training.models import Registration, RegistrationLink

    session = make_session(make_course(), make_round(7, "Pulje 7"))
    link = RegistrationLink.objects.get(municipality=cast.vefsn, round=session.round)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("training:public_register", args=[link.token]),
            {**person(1), "session": session.pk, "privacy": "on"},
        )
    assert response.status_code == 302
    registration = Registration.objects.get()
    row = OutboxEmail.objects.get(key=f"course:{registration.pk}:confirmation")
    assert row.status == OutboxStatus.PENDING and row.to_email == registration.email
    smtp.accepting = True
    row.next_attempt_at = timezone.now()
    row.save(update_fields=["next_attempt_at"])
    sweep()
    assert len(smtp.sent_to(registration.email)) == 1
    assert registration.token in smtp.messages[0].data


# The coordinator's message to municipal leaders.


def test_the_nudge_is_previewed_then_sent_to_the_chosen_leaders_and_logged(
    cast, client_for, django_capture_on_commit_callbacks
):
    from isms.core.models import Nudge

    client = client_for(cast.coordinator)
    data = {"municipalities": [cast.vefsn.pk], "subject": "0 påmeldte til grunnkurset",
            "body": "Vi oppfordrer sterkt til å melde på flere deltakere.", "preview": "1"}  # fmt: skip
    page = client.get(reverse("core:nudge") + f"?m={cast.vefsn.pk}")
    assert page.status_code == 200
    preview = client.post(reverse("core:nudge"), data)
    assert preview.status_code == 200 and not Notification.objects.exists()
    text = preview.content.decode()
    assert "Forhåndsvisning" in text and cast.leader_vefsn.display_name in text
    assert cast.leader_rana.display_name not in text
    del data["preview"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:nudge"), {**data, "send": "1"})
    assert response.status_code == 302
    assert list(Notification.objects.values_list("user__email", "kind")) == [("leder.vefsn@example.no", "nudge")]
    assert [message.to for message in mail.outbox] == [["leder.vefsn@example.no"]]
    nudge = Nudge.objects.get()
    assert nudge.sent_by == cast.coordinator and nudge.recipients == 1
    assert list(nudge.municipalities.all()) == [cast.vefsn]
    assert "0 påmeldte til grunnkurset" in client.get(reverse("core:nudge")).content.decode()


def test_the_nudge_form_explains_what_is_missing(cast, client_for):
    response = client_for(cast.coordinator).post(reverse("core:nudge"), {"subject": "", "body": " ", "preview": "1"})
    text = response.content.decode()
    assert "Velg minst én kommune." in text and "Skriv et emne." in text and "Skriv meldingen." in text
