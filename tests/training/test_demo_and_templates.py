"""The demo courses of the seeds, the courses in the template files, and the course register as a
processing activity in the template library."""

import pytest
from django.core.management import call_command

from isms.core.models import Template
from training.models import Course, Registration, RegistrationLink, Session


@pytest.mark.django_db
def test_seed_demo_builds_the_two_rounds_of_the_seeds_once():
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
    assert RegistrationLink.objects.filter(active=True).count() == 32  # 16 municipalities × 2 rounds


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
