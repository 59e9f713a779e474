"""Courses and sessions, and participation figures per municipality: counts only, never a participant."""

from __future__ import annotations

from rest_framework import serializers

from training.models import Course, Session

from .fields import ManyRows

TRACKED = ("created_at", "updated_at", "version")


class SessionSerializer(ManyRows, serializers.ModelSerializer):
    round_number = serializers.IntegerField(source="round.number", read_only=True)
    round_name = serializers.CharField(source="round.name", read_only=True)

    class Meta:
        model = Session
        fields = (
            "id", "course", "round", "round_number", "round_name", "starts_on", "ends_on", "place", "online",
            "capacity", "registration_deadline", "status", *TRACKED,
        )  # fmt: skip


class CourseSerializer(ManyRows, serializers.ModelSerializer):
    sessions = SessionSerializer(many=True, read_only=True)

    class Meta:
        model = Course
        fields = ("id", "key", "title", "description", "provider", "target_group", "sessions", *TRACKED)


class ParticipationSerializer(serializers.Serializer):
    """`training.selectors.MunicipalityFigures`: the statistics page's row of one municipality."""

    municipality = serializers.IntegerField(source="municipality.pk")
    municipality_name = serializers.CharField(source="municipality.name")
    registered = serializers.IntegerField(help_text="Confirmed registrations.")
    waitlisted = serializers.IntegerField()
    attended = serializers.IntegerField()
    per_thousand = serializers.FloatField(allow_null=True, help_text="Registered per 1000 inhabitants.")
