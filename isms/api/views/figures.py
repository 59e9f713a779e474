"""Endpoints that read figures rather than rows: course participation and the status overview."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from isms.core.access import visible_municipalities
from isms.oversight.registry import areas
from isms.oversight.selectors import context_for, status_rows
from isms.oversight.views import require_overview
from training import selectors as training_selectors
from training.models import Course, Round

from ..filtering import reject_unknown
from ..serializers.training import ParticipationSerializer
from .base import ApiView


class ParticipationQuery(serializers.Serializer):
    course = serializers.PrimaryKeyRelatedField(queryset=Course.objects.all(), required=False)
    round = serializers.PrimaryKeyRelatedField(queryset=Round.objects.all(), required=False)


class ParticipationView(ApiView):
    @extend_schema(
        tags=["training"],
        parameters=[ParticipationQuery],
        responses=ParticipationSerializer(many=True),
        description="Registered, waitlisted and attended per municipality you may see (the statistics page's "
        "figures), optionally for one course and/or round. Counts only: no participant's personal data.",
    )
    def get(self, request):
        reject_unknown(request, ParticipationQuery().fields)
        query = ParticipationQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        course, round_ = query.validated_data.get("course"), query.validated_data.get("round")
        by_municipality, _by_course, _by_sector = training_selectors.statistics(
            visible_municipalities(request.user),
            round_id=round_.pk if round_ else None,
            course_id=course.pk if course else None,
        )
        return Response(ParticipationSerializer(by_municipality, many=True).data)


class StatusQuery(serializers.Serializer):
    area = serializers.ChoiceField(choices=[], required=False, help_text="Only this area of the overview.")
    as_of = serializers.DateField(required=False, help_text="The state at the end of this day (ISO date).")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [area.key for area in areas()]


STATUS_ROW = inline_serializer(
    "StatusRow",
    {
        "municipality": serializers.IntegerField(),
        "slug": serializers.CharField(),
        "name": serializers.CharField(),
        "light": serializers.ChoiceField(choices=["green", "yellow", "red"], help_text="The worst area's light."),
        "needs_action": serializers.BooleanField(),
        "areas": inline_serializer(
            "StatusArea",
            {
                "key": serializers.CharField(),
                "label": serializers.CharField(),
                "light": serializers.ChoiceField(choices=["green", "yellow", "red"]),
                "figures": serializers.DictField(help_text="Figure key → value."),
            },
            many=True,
        ),
    },
    many=True,
)


class StatusView(ApiView):
    @extend_schema(
        tags=["overview"],
        parameters=[StatusQuery],
        responses=STATUS_ROW,
        description="The status overview (/oversikt/) of every municipality: each area's figures and light. "
        "For the DPO and the coordinator, as the page.",
    )
    def get(self, request):
        require_overview(request.user)
        reject_unknown(request, StatusQuery().fields)
        query = StatusQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        area = query.validated_data.get("area")
        rows = status_rows(
            municipalities=visible_municipalities(request.user),
            context=context_for(query.validated_data.get("as_of")),
            area_keys=[area] if area else None,
        )
        return Response(
            [
                {
                    "municipality": row.municipality.pk,
                    "slug": row.municipality.slug,
                    "name": row.municipality.name,
                    "light": str(row.worst),
                    "needs_action": row.needs_action,
                    "areas": [
                        {
                            "key": cell.area.key,
                            "label": str(cell.area.label),
                            "light": str(cell.light),
                            "figures": cell.values,
                        }
                        for cell in row.cells
                    ],
                }
                for row in rows
            ]
        )
