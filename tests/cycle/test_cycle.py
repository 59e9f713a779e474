"""The management system's year: bad input refused in bokmål with nothing lost, done from the records,
the answered questionnaire version kept, the review signed only with decisions, constant queries."""

import pytest
from django.urls import reverse

from isms.core.library.kinds import get_kind
from isms.core.library.services import publish_template, save_template
from isms.core.models import Template
from isms.cycle import selectors, services
from isms.cycle.models import ActivityKind, ActivityStatus, CycleActivity

from ..downloads import body
from .builders import QUESTIONS, make_assessment, make_cycle, make_review, own_activity


def test_an_activity_month_outside_1_to_12_is_refused_and_nothing_is_saved(cast):
    cycle = make_cycle(cast.vefsn, cast.coordinator)
    with pytest.raises(services.CycleInputError, match="1 til 12"):
        own_activity(cycle, cast.editor_vefsn, months=("13",))
    assert not CycleActivity.objects.filter(cycle=cycle, title="Egen aktivitet").exists()


def test_a_year_already_adopted_is_refused(cast):
    make_cycle(cast.vefsn, cast.coordinator, 2026)
    with pytest.raises(services.CycleInputError, match="allerede et årshjul for 2026"):
        make_cycle(cast.vefsn, cast.coordinator, 2026)


def test_a_ros_activity_is_done_from_the_records_not_by_hand(cast):
    cycle = make_cycle(cast.vefsn, cast.coordinator)
    ros = cycle.activities.get(kind=ActivityKind.ROS_REVISION)
    with pytest.raises(services.CycleInputError, match="ut fra registrene"):
        services.set_activity_status(
            activity=ros, actor=cast.editor_vefsn, status=ActivityStatus.DONE, reason="", expected_version=ros.version
        )


def test_skipping_needs_a_reason(cast):
    activity = own_activity(make_cycle(cast.vefsn, cast.coordinator), cast.editor_vefsn)
    with pytest.raises(services.CycleInputError, match="hoppes over"):
        services.set_activity_status(
            activity=activity, actor=cast.editor_vefsn, status="skipped", reason="", expected_version=activity.version
        )


def test_answers_keep_the_version_answered_when_the_questionnaire_changes_meanwhile(cast):
    assessment = make_assessment(cast.vefsn, cast.editor_vefsn, levels=(1,), complete=False)
    template = Template.objects.get(pk=assessment.template_id)
    kind = get_kind("maturity")
    content, _errors = kind.clean_content({**template.content, "questions": QUESTIONS[:2]})
    save_template(kind=kind, actor=cast.coordinator, values={"title": template.title}, content=content,
                  reason="Kortere", template=template, expected_version=template.version)  # fmt: skip
    template.refresh_from_db()
    publish_template(
        template=template, actor=cast.coordinator, change_note="Kortere", expected_version=template.version
    )
    keys = [question["key"] for question in services.questions_of(assessment)]
    assessment.refresh_from_db()
    services.save_answers(
        assessment=assessment, actor=cast.editor_vefsn, answers={key: {"level": 2} for key in keys},
        questionnaire_version=1, expected_version=assessment.version,
    )  # fmt: skip
    assessment.refresh_from_db()
    assert assessment.template_version == 1
    assert len(selectors.assessment_result(assessment).questions) == 3
    assert selectors.assessment_result(assessment).newer_version == 2


def test_a_review_without_decisions_cannot_be_signed(cast):
    review = make_review(cast.vefsn, cast.editor_vefsn, decision=False)
    with pytest.raises(services.CycleInputError, match="uten vedtak"):
        services.sign_review(review=review, signer=cast.leader_vefsn, comment="", expected_version=review.version)


def test_a_signed_review_changed_afterwards_shows_changed_after_approval(cast):
    review = make_review(cast.vefsn, cast.editor_vefsn)
    services.sign_review(review=review, signer=cast.leader_vefsn, comment="OK", expected_version=review.version)
    review.refresh_from_db()
    services.save_review(review=review, actor=cast.editor_vefsn, values={"conclusion": "Ny"}, reason="Rettet",
                         expected_version=review.version)  # fmt: skip
    review.refresh_from_db()
    assert review.changed_after_approval
    assert selectors.cycle_figures([cast.vefsn.pk])[cast.vefsn.pk].last_review_year == 2025


def test_next_years_review_starts_from_the_open_actions(cast):
    make_review(cast.vefsn, cast.editor_vefsn, year=2025)
    review = services.start_review(municipality=cast.vefsn, year=2026, actor=cast.editor_vefsn)
    assert review.decisions.get().carried_from is not None


@pytest.mark.parametrize("count", [1, 4])
def test_the_heat_map_runs_a_constant_number_of_queries(cast, client_for, django_assert_max_num_queries, count):
    from tests.factories import MunicipalityFactory

    for index in range(count):
        make_assessment(MunicipalityFactory(), cast.coordinator, levels=(index % 5, 2, 3))
    client = client_for(cast.dpo)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("cycle:heat_map"))
    assert response.status_code == 200


def test_rana_cannot_see_vefsns_annual_cycle(cast, client_for):
    cycle = make_cycle(cast.vefsn, cast.coordinator)
    response = client_for(cast.leader_rana).get(reverse("cycle:cycle_detail", args=["vefsn", cycle.year]))
    assert response.status_code == 404


def test_a_weak_area_becomes_a_ros_measure_in_one_click(cast, client_for):
    from risk.models import RiskMeasure
    from tests.risk.builders import make_analysis

    analysis = make_analysis(cast.vefsn, cast.leader_vefsn)
    assessment = make_assessment(cast.vefsn, cast.editor_vefsn, levels=(1, 1, 1))
    response = client_for(cast.editor_vefsn).post(
        reverse("cycle:assessment_action", args=["vefsn", assessment.pk]),
        {"area": "Opplæring", "target": f"ros-{analysis.pk}"},
    )
    assert response.status_code == 302
    measure = RiskMeasure.objects.get(analysis=analysis)
    assert measure.title == "Forbedre: Opplæring"


def test_rana_cannot_turn_vefsns_area_into_a_measure_of_its_own_analysis(cast, client_for):
    from risk.models import RiskMeasure
    from tests.risk.builders import make_analysis

    analysis = make_analysis(cast.rana, cast.leader_rana)
    assessment = make_assessment(cast.vefsn, cast.editor_vefsn, levels=(1, 1, 1))
    response = client_for(cast.editor_vefsn).post(
        reverse("cycle:assessment_action", args=["vefsn", assessment.pk]),
        {"area": "Opplæring", "target": f"ros-{analysis.pk}"},
    )
    assert response.status_code == 404
    assert not RiskMeasure.objects.filter(analysis=analysis).exists()


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_year_view_the_review_and_their_pdfs_run_the_same_queries_at_two_sizes(cast, client_for):
    cycle = make_cycle(cast.vefsn, cast.coordinator)
    review = make_review(cast.vefsn, cast.editor_vefsn)
    assessment = make_assessment(cast.vefsn, cast.editor_vefsn)
    client = client_for(cast.leader_vefsn)
    urls = [
        reverse("cycle:cycle_detail", args=["vefsn", cycle.year]),
        reverse("cycle:cycle_detail", args=["vefsn", cycle.year]) + "?view=list",
        reverse("cycle:cycle_pdf", args=["vefsn", cycle.year]),
        reverse("cycle:review_detail", args=["vefsn", review.year]),
        reverse("cycle:review_pdf", args=["vefsn", review.year]),
        reverse("cycle:assessment_detail", args=["vefsn", assessment.pk]),
        reverse("cycle:assessment_pdf", args=["vefsn", assessment.pk]),
    ]
    for url in urls:
        client.get(url)  # warm the per-process caches (content types, the session)
    small = [_queries(client, url) for url in urls]
    for index in range(8):
        own_activity(cycle, cast.editor_vefsn, title=f"Aktivitet {index}", months=(str(index % 12 + 1),))
        services.save_decision(
            review=review, actor=cast.editor_vefsn, values={"title": f"Vedtak {index}"}, reason="",
            expected_version=type(review).objects.get(pk=review.pk).version,
        )  # fmt: skip
    make_assessment(cast.vefsn, cast.editor_vefsn, assessed_on=assessment.assessed_on.replace(day=1))
    large = [_queries(client, url) for url in urls]
    assert small == large, list(zip(urls, small, large, strict=True))


def test_the_activity_list_exports_csv_and_xlsx(cast, client_for):
    cycle = make_cycle(cast.vefsn, cast.coordinator)
    response = client_for(cast.viewer_vefsn).get(
        reverse("cycle:cycle_detail", args=["vefsn", cycle.year]) + "?_export=csv"
    )
    text = body(response).decode("utf-8-sig")
    assert "Styremøte: årsrapport;Styre- og representantskapsmøte;mars" in text
    xlsx = client_for(cast.viewer_vefsn).get(
        reverse("cycle:cycle_detail", args=["vefsn", cycle.year]) + "?_export=xlsx"
    )
    assert body(xlsx)[:2] == b"PK"


def test_overdue_activities_feed_the_figures_and_skip_what_the_records_completed(cast):
    import datetime

    cycle = make_cycle(cast.vefsn, cast.coordinator, 2025)
    rows = selectors.overdue_activities(today=datetime.date(2026, 1, 5), municipality_ids=[cast.vefsn.pk])
    assert {row.activity.title for row in rows} == {a.title for a in cycle.activities.all()}


def test_the_daily_check_tells_the_editors_of_an_overdue_activity_once(cast):
    import datetime

    from django.core import mail

    from isms.core.checks import run_checks

    make_cycle(cast.vefsn, cast.coordinator, 2025)
    first = run_checks(today=datetime.date(2026, 1, 5), kinds=["cycle_overdue"])
    second = run_checks(today=datetime.date(2026, 1, 5), kinds=["cycle_overdue"])
    assert first["cycle_overdue"] == 3  # the board meeting, the ROS revision (no analysis signed), internal control
    assert second["cycle_overdue"] == 0
    assert all(m.to == ["redaktor.vefsn@example.no"] for m in mail.outbox)


def test_the_status_overview_shows_the_annual_cycle_area(cast, client_for):
    make_review(cast.vefsn, cast.editor_vefsn)
    response = client_for(cast.dpo).get(reverse("oversight:status"))
    assert response.status_code == 200
    assert "Forfalte aktiviteter" in response.content.decode()
