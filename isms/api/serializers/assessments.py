"""ROS analyses with scenarios, measures and sign-off state; DPIAs with status, advice and decision."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dpia.models import AdviceSection, Dpia
from isms.core.models import SignOff, SignOffRole, display_name
from risk.models import RiskAnalysis, RiskMeasure, RiskScenario, Security

from .fields import ChoiceSet, ManyRows, SignOffStateSerializer

TRACKED = ("created_at", "updated_at", "version")


class ScenarioSerializer(ManyRows, serializers.ModelSerializer):
    security = ChoiceSet(Security.choices, help_text="C, I and/or A.")
    score = serializers.IntegerField(read_only=True, allow_null=True)
    level = serializers.CharField(read_only=True, help_text="low / medium / high by the analysis's matrix.")
    residual_score = serializers.IntegerField(read_only=True, allow_null=True)
    residual_level = serializers.CharField(read_only=True)

    class Meta:
        model = RiskScenario
        fields = (
            "id", "title", "asset", "threat", "security", "cause", "consequence_description", "existing_measures",
            "justification", "likelihood", "consequence", "score", "level", "residual_likelihood",
            "residual_consequence", "residual_score", "residual_level", *TRACKED,
        )  # fmt: skip


class MeasureSerializer(ManyRows, serializers.ModelSerializer):
    scenarios = serializers.SerializerMethodField(help_text="Ids of the scenarios the measure treats.")

    class Meta:
        model = RiskMeasure
        fields = ("id", "title", "description", "strategy", "owner", "due_on", "status", "scenarios", *TRACKED)

    def get_scenarios(self, measure: RiskMeasure) -> list[int]:
        return [link.scenario_id for link in measure.scenario_links.all()]


class RiskAnalysisSerializer(ManyRows, serializers.ModelSerializer):
    risk_owner_name = serializers.SerializerMethodField()
    signoff = SignOffStateSerializer(source="signoff_state", read_only=True)
    status_label = serializers.CharField(source="state_label", read_only=True)
    scenarios = ScenarioSerializer(many=True, read_only=True)
    measures = MeasureSerializer(many=True, read_only=True)

    class Meta:
        model = RiskAnalysis
        fields = (
            "id", "municipality", "title", "subject_type", "system_use", "processing_activity", "service", "scope",
            "context", "participants", "analysed_on", "risk_owner", "risk_owner_name", "matrix", "status",
            "status_label", "signoff", "signoff_requested_at", "previous", "template", "template_version",
            "scenarios", "measures", *TRACKED,
        )  # fmt: skip

    def get_risk_owner_name(self, analysis: RiskAnalysis) -> str:
        return display_name(analysis.risk_owner)


class AdviceNoteSerializer(serializers.Serializer):
    section = serializers.ChoiceField(choices=AdviceSection.choices)
    text = serializers.CharField()


class DecisionSerializer(serializers.Serializer):
    """One sign-off row: the DPO's advice or the leader's decision (append-only)."""

    decision = serializers.CharField()
    comment = serializers.CharField()
    on_version = serializers.IntegerField(source="root_version")
    at = serializers.DateTimeField(source="signed_at")
    by = serializers.SerializerMethodField()

    def get_by(self, signoff: SignOff) -> str:
        return display_name(signoff.signer)


class AdviceSerializer(DecisionSerializer):
    notes = AdviceNoteSerializer(many=True)


class DpiaSerializer(ManyRows, serializers.ModelSerializer):
    status_label = serializers.CharField(source="state_label", read_only=True)
    must_be_reassessed = serializers.BooleanField(read_only=True)
    signoff = SignOffStateSerializer(source="signoff_state", read_only=True)
    advice = serializers.SerializerMethodField(help_text="The DPO's latest advice (Art. 35(2)), if any.")
    decision = serializers.SerializerMethodField(help_text="The leader's latest decision, if any.")

    class Meta:
        model = Dpia
        fields = (
            "id", "municipality", "processing_activity", "based_on_activity_version", "title", "description",
            "purposes", "data_subjects", "data_categories", "recipients", "systems", "retention",
            "data_subject_views", "response_to_advice", "decision_maker", "status", "status_label",
            "must_be_reassessed", "signoff", "sent_to_dpo_at", "sent_for_decision_at", "prior_consultation_sent_on",
            "advice", "decision", "template", "template_version", *TRACKED,
        )  # fmt: skip

    @staticmethod
    def _latest(dpia: Dpia, role: str) -> SignOff | None:
        rows = [row for row in dpia.api_signoffs if row.role == role]
        return rows[-1] if rows else None

    @extend_schema_field(AdviceSerializer(allow_null=True))
    def get_advice(self, dpia: Dpia) -> dict | None:
        row = self._latest(dpia, SignOffRole.DPO)
        return AdviceSerializer(row).data if row is not None else None

    @extend_schema_field(DecisionSerializer(allow_null=True))
    def get_decision(self, dpia: Dpia) -> dict | None:
        row = self._latest(dpia, SignOffRole.LEADER)
        return DecisionSerializer(row).data if row is not None else None
