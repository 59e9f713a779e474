"""Each area's figures as of an earlier instant read every table as it stood then, not today's rows, also where
a figure joins another table (processing ↔ processors ↔ agreements, scenarios ↔ analyses ↔ matrices, DPIAs ↔
processing, registrations ↔ rounds, the population a rate is counted against, the municipality itself)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from dpia.models import DpiaStatus
from isms.core.models import Municipality
from isms.oversight.registry import Context
from isms.oversight.selectors import status_rows
from isms.protocol.models import AgreementStatus, DataProcessingAgreement, ProcessingProcessor, RecordStatus, Vendor
from risk.models import RiskMatrix
from tests.dpia.builders import complete_dpia, make_activity
from tests.risk.builders import default_matrix, make_analysis, make_scenario
from tests.training.builders import make_course, make_round, make_session, register

pytestmark = pytest.mark.django_db


def _then_and_now(instant: datetime.datetime):
    then = status_rows(
        municipalities=Municipality.objects.all(), context=Context(day=timezone.localdate(), as_of=instant)
    )
    now = status_rows(municipalities=Municipality.objects.all())
    return then, now


def _values(rows, municipality, area) -> dict:
    return next(row for row in rows if row.municipality.pk == municipality.pk).cell(area).values


def test_processors_without_an_agreement_follow_the_processing_as_it_stood(cast):
    """The processor link is counted for active processing: archived after the instant, it still counted then."""
    activity = make_activity(cast.vefsn, "Startlån")
    ProcessingProcessor.objects.create(
        municipality=cast.vefsn, processing_activity=activity, vendor=Vendor.objects.create(name="Husbanken")
    )
    instant = timezone.now()
    activity.status = RecordStatus.ARCHIVED
    activity.save()

    then, now = _then_and_now(instant)

    assert _values(then, cast.vefsn, "protocol")["activities"] == 1
    assert _values(now, cast.vefsn, "protocol")["activities"] == 0
    assert _values(then, cast.vefsn, "protocol")["without_agreement"] == 1
    assert _values(now, cast.vefsn, "protocol")["without_agreement"] == 0
    assert _values(then, cast.vefsn, "agreements")["processors_without"] == 1
    assert _values(now, cast.vefsn, "agreements")["processors_without"] == 0


def test_an_agreement_signed_after_the_instant_does_not_cover_the_processor_then(cast):
    today = timezone.localdate()
    activity = make_activity(cast.vefsn, "Startlån")
    husbanken = Vendor.objects.create(name="Husbanken")
    ProcessingProcessor.objects.create(municipality=cast.vefsn, processing_activity=activity, vendor=husbanken)
    agreement = DataProcessingAgreement.objects.create(
        municipality=cast.vefsn, vendor=husbanken, title="DBA Husbanken", status=AgreementStatus.DRAFT
    )
    instant = timezone.now()
    agreement.status, agreement.signed_on = AgreementStatus.SIGNED, today
    agreement.save()

    then, now = _then_and_now(instant)

    assert _values(then, cast.vefsn, "agreements")["processors_without"] == 1
    assert _values(now, cast.vefsn, "agreements")["processors_without"] == 0
    assert _values(then, cast.vefsn, "protocol")["without_agreement"] == 1
    assert _values(now, cast.vefsn, "protocol")["without_agreement"] == 0


def test_red_residual_risks_use_the_analysis_matrix_as_it_stood(cast):
    """A scenario of 10 is red in the 5 × 5 matrix (up to 9 with measures); moved to a more tolerant matrix
    after the instant it is not red today, and was red then."""
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    make_scenario(analysis, title="Ti", likelihood=2, consequence=5)
    old = default_matrix()
    tolerant = RiskMatrix.objects.create(
        number=old.number + 1, name="Romslig", likelihood_levels=old.likelihood_levels,
        consequence_levels=old.consequence_levels, acceptable_max=6, tolerable_max=12,
    )  # fmt: skip
    instant = timezone.now()
    analysis.matrix = tolerant
    analysis.save()

    then, now = _then_and_now(instant)

    assert _values(then, cast.vefsn, "ros")["red"] == 1
    assert _values(now, cast.vefsn, "ros")["red"] == 0


def test_a_matrix_band_changed_after_the_instant_is_read_as_it_stood(cast):
    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    make_scenario(analysis, title="Ti", likelihood=2, consequence=5)
    matrix = default_matrix()
    instant = timezone.now()
    matrix.tolerable_max = 12
    matrix.save()

    then, now = _then_and_now(instant)

    assert _values(then, cast.vefsn, "ros")["red"] == 1
    assert _values(now, cast.vefsn, "ros")["red"] == 0


def test_a_dpia_must_be_reassessed_only_once_its_processing_moved_on(cast):
    dpia = complete_dpia(cast.vefsn, cast.editor_vefsn, cast.leader_vefsn)
    activity = dpia.processing_activity
    dpia.status, dpia.based_on_activity_version = DpiaStatus.APPROVED, activity.version
    dpia.save()
    instant = timezone.now()
    activity.purposes, activity.version = "Behandle søknader og klager", activity.version + 1
    activity.save()

    then, now = _then_and_now(instant)

    assert (_values(then, cast.vefsn, "dpia")["reassess"], _values(then, cast.vefsn, "dpia")["decided"]) == (0, 1)
    assert _values(now, cast.vefsn, "dpia")["reassess"] == 1


def test_course_participation_counts_the_round_and_population_as_they_stood(cast):
    first = make_round()
    session = make_session(make_course(), first)
    for n in range(3):
        register(session, cast.vefsn, n)
    instant = timezone.now()
    cast.vefsn.population = 30000  # new figures from SSB after the instant
    cast.vefsn.save()
    later = make_round(number=first.number + 1)
    register(make_session(make_course(title="Personvern for ledere"), later), cast.vefsn, 9)

    then, now = _then_and_now(instant)

    assert _values(then, cast.vefsn, "courses") == {"registered": 3, "per_thousand": round(3000 / 13408, 1)}
    assert _values(now, cast.vefsn, "courses") == {"registered": 1, "per_thousand": round(1000 / 30000, 1)}


def test_kins_membership_and_the_municipality_are_as_they_stood(cast):
    instant = timezone.now()
    cast.vefsn.kins_member, cast.vefsn.name = True, "Vefsn kommune"
    cast.vefsn.save()

    then, now = _then_and_now(instant)

    assert _values(then, cast.vefsn, "kins")["kins_member"] == 0
    assert _values(now, cast.vefsn, "kins")["kins_member"] == 1
    assert "Vefsn" in [row.municipality.name for row in then]
    assert "Vefsn kommune" in [row.municipality.name for row in now]
