"""The demo courses of the seeds, the courses in the template files, and the course register as a
processing activity in the template library."""

import pytest
from django.core.management import call_command

from isms.core.models import Template
from training.models import Course, Registration, RegistrationLink, Session


@pytest.mark.django_db
def test_seed_demo_builds_the_two_rounds_of_the_seeds_once_as_history():
    call_command("load_kins_templates")
    call_command("seed_demo")
    call_command("seed_demo")
    assert Course.objects.count() == 3
    first = {s.course.key: s for s in Session.objects.filter(round__number=1).select_related("course")}
    assert str(first["grunnkurs"].starts_on) == "2023-11-16" and str(first["grunnkurs"].ends_on) == "2023-11-17"
    assert Registration.objects.filter(session=first["grunnkurs"], status="confirmed").count() == 7
    assert Registration.objects.filter(session=first["isms"], status="confirmed").count() == 6
    assert first["sikkerhetstesting"].status == "cancelled"
    second = sorted(str(s.starts_on) for s in Session.objects.filter(round__number=2))
    assert second == ["2024-01-09", "2024-01-19"]
    assert RegistrationLink.objects.filter(active=True).count() == 48  # 16 municipalities × 3 rounds


@pytest.mark.django_db
def test_loading_the_courses_twice_changes_nothing():
    call_command("load_kins_templates")
    history = Course.history.count()
    call_command("load_kins_templates")
    assert Course.history.count() == history == 3


@pytest.mark.django_db
def test_the_course_register_is_a_processing_activity_template():
    call_command("load_kins_templates")
    template = Template.objects.get(key="kurspamelding-sikker-kommune")
    assert "COURSE_RETENTION_MONTHS" in template.content["retention"]


@pytest.mark.django_db
def test_the_demo_has_a_current_round_open_for_registration_relative_to_today(client):
    import datetime

    from training.demo import seed_training_demo
    from training.selectors import public_offer, sessions_with_counts

    call_command("load_kins_templates")
    today = datetime.date(2026, 12, 3)
    seed_training_demo(today=today)
    seed_training_demo(today=today + datetime.timedelta(days=5))  # the same season: nothing new
    current = Session.objects.filter(round__number=3)
    assert current.count() == 3
    assert all(session.registration_deadline >= today + datetime.timedelta(days=5) for session in current)
    assert Session.objects.filter(round__number=1).count() == 3  # the seeds' rounds stay as history
    isms = sessions_with_counts(current.filter(course__key="isms")).get()
    assert 0 < isms.free_seats <= 2  # nearly full
    link = RegistrationLink.objects.get(round__number=3, municipality__slug="vefsn", active=True)
    offer = public_offer(link, today=today)
    assert {choice.session.course.key for choice in offer.choices} == {"grunnkurs", "isms", "sikkerhetstesting"}

    # Seeded again after the current round's deadlines: the next round, relative to that day, no error.
    later = today + datetime.timedelta(days=120)
    seed_training_demo(today=later)
    seed_training_demo(today=later)
    assert Session.objects.filter(round__number=4, registration_deadline__gte=later).count() == 3
    assert not Session.objects.filter(round__number=5).exists()


@pytest.mark.django_db
def test_make_run_shows_a_working_public_registration(client):
    from django.urls import reverse

    call_command("load_kins_templates")
    call_command("seed_demo")
    link = RegistrationLink.objects.filter(active=True, municipality__slug="vefsn").order_by("-round__number")[0]
    page = client.get(reverse("training:public_register", args=[link.token])).content.decode()
    assert "Påmeldingen er stengt for alle" not in page
    assert 'name="session"' in page
