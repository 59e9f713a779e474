"""Demo data of the oversight app: KINS membership in some municipalities (DOMAIN.md: not all are members
yet) and the status report the board took note of, so the list of earlier reports is not empty.

Runs after every other app's demo. Written through the services, so it has history. Idempotent.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from isms.core.models import Municipality, User
from isms.core.services import update_municipality

from .models import BoardReport
from .services import request_board_report

REASON = "Demodata"
# Illustrative: the seeds say only that not all are members yet.
KINS_MEMBERS = {"vefsn": datetime.date(2022, 3, 1), "rana": datetime.date(2021, 9, 1),
                "alstahaug": datetime.date(2023, 1, 1), "bronnoy": datetime.date(2023, 6, 1),
                "bindal": datetime.date(2023, 11, 1), "luroy": datetime.date(2023, 11, 1)}  # fmt: skip


def _kins_members(actor: User | None) -> int:
    changed = 0
    for municipality in Municipality.objects.filter(slug__in=KINS_MEMBERS, kins_member=False):
        update_municipality(
            municipality=municipality,
            actor=actor,
            values={"kins_member": True, "kins_member_since": KINS_MEMBERS[municipality.slug]},
            expected_version=municipality.version,
            reason="Innmeldt i KINS",
        )
        changed += 1
    return changed


# Municipalities that have screened every processing of special categories: with KINS, signed ROS and course
# participants they show green in every area, beside the others still to follow up.
SCREENED_ALL = ["vefsn", "rana", "alstahaug", "luroy"]


def _screen_special_categories() -> int:
    from dpia.services import screen_activity
    from isms.protocol.models import ProcessingActivity

    from .rules import needs_screening

    screened = 0
    activities = needs_screening(
        ProcessingActivity.objects.filter(municipality__slug__in=SCREENED_ALL, status="active", screening__isnull=True)
    ).select_related("municipality")
    for activity in activities:
        editor = User.objects.filter(email=f"redaktor.{activity.municipality.slug}@demo.no").first()
        screen_activity(
            activity=activity,
            actor=editor,
            criteria=["sensitive-opplysninger"],
            listed=[],
            result="not_required",
            justification="Vurdert med personvernombudet: ordinær behandling i liten skala, ingen nye teknologier.",
        )
        screened += 1
    return screened


def seed_oversight_demo() -> int:
    """Returns how many municipalities and reports were added."""
    coordinator = User.objects.filter(email="koordinator@demo.no").first()
    if coordinator is None:
        return 0
    added = _kins_members(coordinator) + _screen_special_categories()
    if not BoardReport.objects.exists():
        today = timezone.localdate()
        report, _created = request_board_report(user=coordinator, start=datetime.date(today.year, 1, 1), end=today)
        from isms.core.tasks import run_export

        run_export(report.job_id)  # made here and now, whether or not a worker is running
        added += 1
    return added
