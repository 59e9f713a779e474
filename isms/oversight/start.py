"""The start page of each role: what waits for this person, each item linking to the place to act.

The DPO sees the advice waiting (oldest first) and the municipalities that need action; the coordinator
the municipalities that need action, courses without participants and the reports; a leader what waits
for his signature and his municipality's status row; an editor his drafts, reviews due and overdue
measures; staff their course places. A person with several roles sees each part once.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dpia.models import Dpia, DpiaStatus
from dpia.selectors import dpo_queue
from isms.core.access import Action, can, scoped, visible_municipalities
from isms.core.models import Membership, MembershipRole
from isms.core.signoff import waiting_for
from isms.protocol.models import ProcessingActivity, RecordStatus
from risk.models import AnalysisStatus, MeasureStatus, RiskAnalysis, RiskMeasure
from training.selectors import my_registrations

from .reports import earlier_reports
from .selectors import only_needing_action, status_rows

REVIEW_SOON_DAYS = 30
LIST_LENGTH = 10


def _editor_items(user, municipality_ids: list[int]) -> dict:
    today = timezone.localdate()
    drafts_ros = list(
        RiskAnalysis.objects.filter(municipality_id__in=municipality_ids, status=AnalysisStatus.DRAFT)
        .select_related("municipality")
        .order_by("-updated_at")[:LIST_LENGTH]
    )
    drafts_dpia = list(
        Dpia.objects.filter(municipality_id__in=municipality_ids, status=DpiaStatus.DRAFT)
        .select_related("municipality")
        .order_by("-updated_at")[:LIST_LENGTH]
    )
    reviews = list(
        ProcessingActivity.objects.filter(
            municipality_id__in=municipality_ids,
            status=RecordStatus.ACTIVE,
            next_review__lte=today + datetime.timedelta(days=REVIEW_SOON_DAYS),
        )
        .select_related("municipality")
        .order_by("next_review", "name")[:LIST_LENGTH]
    )
    overdue = list(
        RiskMeasure.objects.filter(
            municipality_id__in=municipality_ids,
            analysis__revisions__isnull=True,
            status__in=[MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS],
            due_on__lt=today,
        )
        .exclude(analysis__status=AnalysisStatus.ARCHIVED)
        .select_related("analysis", "municipality")
        .order_by("due_on", "pk")[:LIST_LENGTH]
    )
    return {"drafts_ros": drafts_ros, "drafts_dpia": drafts_dpia, "reviews": reviews, "overdue": overdue}


def start_context(user) -> dict:
    """What the start page shows for `user` (a constant number of queries per part)."""
    context: dict = {"today": timezone.localdate()}
    if can(user, Action.MANAGE_COOPERATION):
        rows = only_needing_action(status_rows(municipalities=visible_municipalities(user)))
        context["needing_action"] = sorted(rows, key=lambda row: (-row.worst.rank, row.municipality.name))
        context["red_count"] = sum(1 for row in rows if row.worst.rank == 2)
        if user.is_dpo or user.is_superuser:
            context["advice_queue"] = dpo_queue(scoped(Dpia.objects.all(), user))
        if user.is_coordinator or user.is_superuser:
            context["without_participants"] = [
                row for row in rows if (cell := row.cell("courses")) is not None and not cell.values["registered"]
            ]
        context["reports"] = list(earlier_reports()[:3])
        context["role"] = "cooperation"
        return context
    memberships = list(
        Membership.objects.filter(user=user).select_related("municipality").order_by("municipality__name")
    )
    if not memberships:
        context["role"] = "staff"
        context["registrations"] = list(my_registrations(user)[:LIST_LENGTH])
        return context
    context["role"] = "municipal"
    context["memberships"] = memberships
    roles = {m.role for m in memberships}
    if MembershipRole.LEADER in roles:
        context["to_sign"] = waiting_for(user)
    editing = [m.municipality_id for m in memberships if m.role in (MembershipRole.EDITOR, MembershipRole.LEADER)]
    if editing:
        context.update(_editor_items(user, editing))
        context["edits"] = True
    context["status"] = status_rows(municipalities=visible_municipalities(user))
    return context


def start_page(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return None
    return render(request, "oversight/start.html", start_context(request.user))
