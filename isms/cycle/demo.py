"""Demo data from the seeds: the board's årshjul (seed 001, sak 23-23) adopted in all 16 municipalities,
the SkoleSec pilot's kartlegging in oppvekst (sak 27-23) in three of them (Vefsn twice, showing progress)
and Vefsn's management review for 2023, signed. Written through the services, so all has history."""

from __future__ import annotations

import datetime

from django.utils import timezone

from isms.core.demo_clock import recorded_at
from isms.core.models import Membership, MembershipRole, Municipality, Template, User

from . import services
from .models import (
    ActivityKind,
    ActivityStatus,
    AnnualCycle,
    Assessment,
    DecisionKind,
    DecisionStatus,
    ManagementReview,
)

REASON = "Demodata"
SIGNED_2023 = datetime.datetime(2024, 1, 15, 14, 0, tzinfo=datetime.UTC)  # 15:00 in Oslo
CYCLE_KEY = "arshjul-digitale-helgeland"
SKOLESEC_KEY = "kartlegging-oppvekst-skolesec"
# Levels per question of the SkoleSec questionnaire (in its order), per kartlegging.
KARTLEGGING = [
    ("vefsn", -400, [1, 1, 0, 2, 0, 1, 1]),
    ("vefsn", -30, [2, 3, 2, 3, 2, 2, 2]),
    ("rana", -60, [3, 2, 2, 3, 1, 3, 2]),
    ("bronnoy", -45, [1, 2, 1, 1, 0, 2, 1]),
]
DECISIONS_2023 = [
    (DecisionKind.DECISION, "Alle ROS-analyser for fagsystemer i helse revideres innen juni", "Kommunalsjef helse",
     datetime.date(2024, 6, 30), DecisionStatus.DONE),
    (DecisionKind.IMPROVEMENT, "Databehandleravtaler for alle læringsressurser i skolene", "Kommunalsjef oppvekst",
     datetime.date(2024, 10, 31), DecisionStatus.OPEN),
    (DecisionKind.IMPROVEMENT, "Grunnkurs i informasjonssikkerhet for alle ledere", "HR-sjef",
     datetime.date(2024, 1, 31), DecisionStatus.DONE),
]  # fmt: skip


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _leader(municipality: Municipality) -> User | None:
    membership = (
        Membership.objects.filter(municipality=municipality, role=MembershipRole.LEADER).select_related("user").first()
    )
    return membership.user if membership else None


def _progress(cycle: AnnualCycle, actor, today: datetime.date) -> None:
    """What a municipality has done of its year so far: meetings held, courses given, one activity skipped."""
    for activity in cycle.activities.order_by("pk"):
        if activity.done_by_system or activity.status != ActivityStatus.PLANNED:
            continue
        passed = activity.due_on(cycle.year) < today
        if activity.kind in (ActivityKind.BOARD, ActivityKind.COURSE) and passed:
            status, reason = ActivityStatus.DONE, ""
        elif activity.kind == ActivityKind.AGREEMENT_REVIEW and passed:
            status, reason = (
                (ActivityStatus.DONE, "")
                if cycle.municipality.population > 2000
                else (ActivityStatus.SKIPPED, "Ingen nye databehandlere i år; gjennomgås neste år")
            )
        elif activity.kind == ActivityKind.INTERNAL_CONTROL and passed and cycle.municipality.population > 5000:
            status, reason = ActivityStatus.IN_PROGRESS, ""
        else:
            continue
        services.set_activity_status(
            activity=activity,
            actor=actor,
            status=status,
            reason=reason,
            expected_version=activity.version,
            done_on=min(datetime.date(cycle.year, activity.due_month, 15), today)
            if status == ActivityStatus.DONE
            else None,
        )


def seed_cycle_demo() -> int:
    created = 0
    today = timezone.localdate()
    coordinator = _user("koordinator@demo.no")
    template = Template.objects.filter(kind="cycle", key=CYCLE_KEY, published_version__gt=0).first()
    if template is not None:
        for municipality in Municipality.objects.order_by("name"):
            if AnnualCycle.objects.filter(municipality=municipality, year=today.year).exists():
                continue
            editor = _user(f"redaktor.{municipality.slug}@demo.no") or coordinator
            cycle = services.adopt_cycle(
                template=template, municipality=municipality, year=today.year, actor=editor, reason=REASON
            )
            if municipality.slug == "vefsn":
                services.save_activity(
                    cycle=cycle,
                    actor=editor,
                    values={"title": "Tilgangskontroll i Visma Flyt Skole", "kind": ActivityKind.INTERNAL_CONTROL,
                            "months": ["10"], "responsible_role": "Systemeier oppvekst", "owner": "Rådgiver oppvekst"},
                    reason=REASON,
                    expected_version=cycle.version,
                )  # fmt: skip
                cycle.refresh_from_db()
            _progress(cycle, editor, today)
            created += 1
    questionnaire = Template.objects.filter(kind="maturity", key=SKOLESEC_KEY, published_version__gt=0).first()
    if questionnaire is not None:
        for slug, days, levels in KARTLEGGING:
            municipality = Municipality.objects.filter(slug=slug).first()
            if municipality is None:
                continue
            assessed_on = today + datetime.timedelta(days=days)
            if Assessment.objects.filter(municipality=municipality, assessed_on=assessed_on).exists():
                continue
            editor = _user(f"redaktor.{slug}@demo.no") or coordinator
            assessment = services.start_assessment(
                municipality=municipality,
                template=questionnaire,
                assessed_on=assessed_on,
                actor=editor,
                participants="Kommunalsjef oppvekst\nRektor\nIKT-rådgiver skole\nPersonvernombudet",
            )
            questions = services.questions_of(assessment)
            answers = {
                question["key"]: {"level": level, "comment": "", "evidence_url": ""}
                for question, level in zip(questions, levels, strict=False)
            }
            assessment = services.save_answers(
                assessment=assessment,
                actor=editor,
                answers=answers,
                questionnaire_version=assessment.template_version,
                expected_version=assessment.version,
                reason=REASON,
            )
            services.complete_assessment(assessment=assessment, actor=editor, expected_version=assessment.version)
            created += 1
    vefsn = Municipality.objects.filter(slug="vefsn").first()
    if vefsn is not None and not ManagementReview.objects.filter(municipality=vefsn, year=2023).exists():
        created += _review_2023(vefsn)
    last_year = timezone.localdate().year - 1
    for municipality in Municipality.objects.filter(slug__in=LAST_YEARS_REVIEW).order_by("name"):
        if not ManagementReview.objects.filter(municipality=municipality, year=last_year).exists():
            created += _last_years_review(municipality, last_year)
    return created


# The municipalities whose leaders signed last year's review in December (the others have not: red in /oversikt/).
LAST_YEARS_REVIEW = ("vefsn", "rana", "alstahaug", "bronnoy")


def _last_years_review(municipality: Municipality, year: int) -> int:
    """Last year's review, held and signed in its December (history and sign-off dated so)."""
    return _signed_review(
        municipality,
        year,
        started=(year, 12, 1),
        held=(year, 12, 10),
        signed=(year, 12, 15),
        values={
            "participants": "Kommunedirektør\nKommunalsjefer\nIKT-leder\nPersonvernombudet",
            "assessment_records": "Protokollen er gjennomgått i alle sektorer.",
            "conclusion": f"Styringssystemet fungerer. Prioritet {year + 1}: avviksmelding i alle enheter.",
        },
        decisions=[
            (
                DecisionKind.IMPROVEMENT,
                "Avviksmelding tas opp på personalmøter i alle enheter",
                "Kommunalsjefene",
                datetime.date(year + 1, 6, 30),
                DecisionStatus.OPEN,
            ),
        ],
        comment="Godkjent.",
    )


def _review_2023(vefsn: Municipality) -> int:
    """Vefsn's review of 2023 as it happened: started in December, held on 12 December, signed by the leader
    on 15 January 2024 (history and sign-off dated so, not today)."""
    return _signed_review(
        vefsn,
        2023,
        started=(2023, 12, 1),
        held=(2023, 12, 12),
        signed=SIGNED_2023,
        values={
            "participants": "Kommunedirektør\nKommunalsjefer\nIKT-leder\nPersonvernombudet",
            "assessment_records": "Protokollen er i hovedsak oppdatert. ROS-analysene for helse er eldre "
            "enn to år og må revideres.",
            "assessment_incidents": "Få avvik meldt; trolig underrapportering. Grunnkurset i november hadde "
            "deltakere fra alle sektorer.",
            "assessment_maturity": "Oppvekst mangler oversikt over databehandleravtaler for læringsressurser.",
            "assessment_previous": "Første ledelsens gjennomgang i styringssystemet.",
            "conclusion": "Styringssystemet er etablert. Prioritet 2024: ROS i helse og avtaler i skolene.",
        },
        decisions=DECISIONS_2023,
        comment="Godkjent i ledermøtet.",
    )


def _signed_review(
    municipality: Municipality, year: int, *, started, held, signed, values: dict, decisions: list, comment: str
) -> int:
    """A review written through the services as it happened: started (09:00), held with its decisions (13:00)
    and signed by the leader, each dated so in the history; `signed` is a (y, m, d) at 10:00 or a datetime."""
    leader = _leader(municipality)
    editor = _user(f"redaktor.{municipality.slug}@demo.no") or leader
    if leader is None:
        return 0
    oslo = timezone.get_current_timezone()
    with recorded_at(datetime.datetime(*started, 9, 0, tzinfo=oslo)):
        review = services.start_review(municipality=municipality, year=year, actor=editor)
    with recorded_at(datetime.datetime(*held, 13, 0, tzinfo=oslo)):
        review, _changed = services.save_review(
            review=review,
            actor=editor,
            values={"held_on": datetime.date(*held), **values},
            reason=REASON,
            expected_version=review.version,
        )
        for kind, title, owner, due_on, status in decisions:
            services.save_decision(
                review=review,
                actor=leader,
                values={"kind": kind, "title": title, "owner": owner, "due_on": due_on, "status": status},
                reason=REASON,
                expected_version=review.version,
            )
            review.refresh_from_db()
    signed_at = signed if isinstance(signed, datetime.datetime) else datetime.datetime(*signed, 10, 0, tzinfo=oslo)
    with recorded_at(signed_at):
        services.sign_review(review=review, signer=leader, comment=comment, expected_version=review.version)
    return 1
