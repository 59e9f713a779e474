"""Reads of the management review: its inputs gathered from the records, the reviews, their signatures."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from isms.core.models import Municipality, SignOff, SignOffDecision
from isms.core.signoff import signoffs_of

from ..models import (
    AnnualCycle,
    Assessment,
    AssessmentStatus,
    DecisionStatus,
    ManagementReview,
    ReviewDecision,
    ReviewStatus,
)
from .annual import year_view
from .maturity import area_averages


def review_inputs(municipality: Municipality, year: int) -> dict:
    """What the management reviews, gathered from the records as plain data (stored with the review, so the
    signed version shows what the leader read)."""
    from dpia.models import Dpia, DpiaStatus
    from isms.incidents.selectors import year_figures
    from isms.protocol.models import AgreementStatus, DataProcessingAgreement, ProcessingActivity, RecordStatus
    from risk.models import AnalysisStatus, MeasureStatus, RiskAnalysis, RiskMeasure
    from training.models import Attendance, Registration

    today = timezone.localdate()
    year_end = datetime.date(year, 12, 31)
    activities = ProcessingActivity.objects.filter(municipality=municipality, status=RecordStatus.ACTIVE).aggregate(
        active=Count("pk"),
        reviewed=Count("pk", filter=Q(last_reviewed__year=year)),
        review_overdue=Count("pk", filter=Q(next_review__lt=today)),
    )
    analyses = RiskAnalysis.objects.filter(municipality=municipality).exclude(status=AnalysisStatus.ARCHIVED)
    ros = analyses.aggregate(
        total=Count("pk"),
        approved=Count("pk", filter=Q(status=AnalysisStatus.APPROVED)),
        awaiting=Count("pk", filter=Q(status=AnalysisStatus.AWAITING_SIGNOFF)),
    )
    open_statuses = [MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS]
    ros.update(
        RiskMeasure.objects.filter(
            municipality=municipality, status__in=open_statuses, analysis__in=analyses
        ).aggregate(open_measures=Count("pk"), overdue_measures=Count("pk", filter=Q(due_on__lt=today)))
    )
    dpia = (
        Dpia.objects.filter(municipality=municipality)
        .exclude(status=DpiaStatus.ARCHIVED)
        .aggregate(
            total=Count("pk"),
            approved=Count("pk", filter=Q(status=DpiaStatus.APPROVED)),
            in_progress=Count("pk", filter=~Q(status__in=[DpiaStatus.APPROVED, DpiaStatus.REJECTED])),
        )
    )
    agreements = DataProcessingAgreement.objects.filter(municipality=municipality).aggregate(
        signed=Count("pk", filter=Q(status=AgreementStatus.SIGNED)),
        missing=Count(
            "pk", filter=Q(status__in=[AgreementStatus.MISSING, AgreementStatus.DRAFT, AgreementStatus.SENT])
        ),
        expiring=Count("pk", filter=Q(status=AgreementStatus.SIGNED, valid_until__lte=year_end)),
    )
    training = Registration.objects.filter(municipality=municipality, session__starts_on__year=year).aggregate(
        registered=Count("pk", filter=Q(status="confirmed")),
        attended=Count("pk", filter=Q(attendance=Attendance.ATTENDED)),
    )
    assessment = (
        Assessment.objects.filter(municipality=municipality, status=AssessmentStatus.COMPLETED, assessed_on__lte=today)
        .order_by("-assessed_on", "-pk")
        .first()
    )
    maturity = None
    if assessment is not None:
        averages = area_averages([assessment.pk]).get(assessment.pk, {})
        maturity = {
            "title": assessment.title,
            "date": assessment.assessed_on.isoformat(),
            "areas": [[area, value] for area, value in averages.items()],
        }
    previous = ManagementReview.objects.filter(municipality=municipality, year__lt=year).order_by("-year").first()
    previous_data = None
    if previous is not None:
        previous_data = {
            "year": previous.year,
            "signed": previous.last_decision == SignOffDecision.APPROVED,
            "decisions": [
                [decision.title, decision.status, decision.owner]
                for decision in ReviewDecision.objects.filter(review=previous).order_by("due_on", "pk")
            ],
        }
    cycle = AnnualCycle.objects.filter(municipality=municipality, year=year).first()
    cycle_data = None
    if cycle is not None:
        view = year_view(cycle)
        cycle_data = dict(view.counts.items())
    return {
        "protocol": activities,
        "ros": ros,
        "dpia": dpia,
        "agreements": agreements,
        "training": training,
        "incidents": year_figures(municipality=municipality, year=year),
        "maturity": maturity,
        "previous": previous_data,
        "cycle": cycle_data,
    }


def reviews(municipality: Municipality) -> QuerySet[ManagementReview]:
    return ManagementReview.objects.filter(municipality=municipality).annotate(decision_count=Count("decisions"))


def review_signoffs(review: ManagementReview) -> list[SignOff]:
    return signoffs_of(ManagementReview, [review.pk]).get(review.pk, [])


def awaiting_review_signature(user) -> list:
    """The "Til signering" items of a leader: management reviews of their municipalities not signed at
    their current version and with decisions recorded."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from isms.core.models import MembershipRole
    from isms.core.signoff import SigningItem

    rows = (
        ManagementReview.objects.filter(
            status=ReviewStatus.DRAFT,
            municipality__memberships__user=user,
            municipality__memberships__role=MembershipRole.LEADER,
        )
        .annotate(decision_count=Count("decisions"))
        .filter(decision_count__gt=0)
        .select_related("municipality")
    )
    return [
        SigningItem(
            kind=str(_("Management review")),
            title=str(review),
            municipality=review.municipality.name,
            url=reverse("cycle:review_sign", args=[review.municipality.slug, review.year]),
            version=review.version,
            sent_at=review.updated_at,
        )
        for review in rows
    ]


def decisions_open(review: ManagementReview) -> int:
    return review.decisions.filter(status=DecisionStatus.OPEN).count()
