"""Municipalities, the catalogue, processing activities (every Art. 30 field) and agreements."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from isms.core.models import Municipality
from isms.protocol.models import (
    DataProcessingAgreement,
    LegalBasis,
    ProcessingActivity,
    ProcessingProcessor,
    ProcessingSystem,
    SpecialCategory,
    SpecialCategoryBasis,
    SubProcessor,
    System,
    Vendor,
)

from .fields import ChoiceSet, ManyRows

TRACKED = ("created_at", "updated_at", "version")


class MunicipalitySerializer(ManyRows, serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = (
            "id", "number", "name", "official_name", "slug", "org_number", "population", "population_as_of",
            "kins_member", "kins_member_since", "joined_on", "left_on", *TRACKED,
        )  # fmt: skip


class VendorSerializer(ManyRows, serializers.ModelSerializer):
    class Meta:
        model = Vendor
        fields = (
            "id", "name", "org_number", "country", "contact_name", "contact_email", "contact_phone", "created_in",
            *TRACKED,
        )  # fmt: skip


class SystemSerializer(ManyRows, serializers.ModelSerializer):
    class Meta:
        model = System
        fields = (
            "id", "name", "vendor", "description", "hosting", "storage_country", "confidentiality", "integrity",
            "availability", "created_in", *TRACKED,
        )  # fmt: skip


class ProcessingSystemSerializer(ManyRows, serializers.ModelSerializer):
    system_use = serializers.IntegerField(source="system_use_id", help_text="The municipality's use of the system.")
    system = serializers.IntegerField(source="system_use.system_id", help_text="The catalogue system.")
    name = serializers.CharField(source="system_use.system.name")
    vendor = serializers.IntegerField(source="system_use.system.vendor_id", allow_null=True)

    class Meta:
        model = ProcessingSystem
        fields = ("id", "system_use", "system", "name", "vendor")


class ProcessingProcessorSerializer(ManyRows, serializers.ModelSerializer):
    name = serializers.CharField(source="vendor.name")
    covered = serializers.BooleanField(help_text="An agreement with this processor is in force today.")

    class Meta:
        model = ProcessingProcessor
        fields = ("id", "vendor", "name", "task", "covered")


class ProcessingActivitySerializer(ManyRows, serializers.ModelSerializer):
    legal_bases = ChoiceSet(LegalBasis.choices, help_text="Art. 6(1) a–f.")
    special_categories = ChoiceSet(SpecialCategory.choices, help_text="Art. 9(1).")
    special_category_bases = ChoiceSet(SpecialCategoryBasis.choices, help_text="Art. 9(2).")
    missing_art30_fields = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Fields Art. 30 asks for that are empty."
    )
    lacks_agreement = serializers.BooleanField(
        read_only=True, help_text="Some processor of this activity has no agreement in force today."
    )
    systems = ProcessingSystemSerializer(source="api_systems", many=True, read_only=True)
    processors = ProcessingProcessorSerializer(source="api_processors", many=True, read_only=True)

    class Meta:
        model = ProcessingActivity
        fields = (
            "id", "municipality", "record_type", "name", "reference", "sector", "responsible_unit", "contact_person",
            "joint_controllers", "controller_name", "controller_contact", "purposes", "legal_bases", "national_law",
            "data_subject_categories", "personal_data_categories", "special_categories", "special_category_bases",
            "special_category_note", "criminal_offence_data", "criminal_offence_basis", "data_source", "recipients",
            "third_country_transfer", "transfer_countries", "transfer_mechanism", "retention", "security_measures",
            "dpia_status", "last_reviewed", "next_review", "status", "follow_up", "template", "template_version",
            "missing_art30_fields", "lacks_agreement", "systems", "processors", *TRACKED,
        )  # fmt: skip


class SubProcessorSerializer(ManyRows, serializers.ModelSerializer):
    class Meta:
        model = SubProcessor
        fields = ("id", "name", "country", "service", "transfer_mechanism")


class AgreementSerializer(ManyRows, serializers.ModelSerializer):
    in_force_today = serializers.SerializerMethodField(
        help_text="Signed, signed on or before today and not run out (the register's rule)."
    )
    has_document = serializers.SerializerMethodField()
    sub_processors = SubProcessorSerializer(many=True, read_only=True)

    class Meta:
        model = DataProcessingAgreement
        fields = (
            "id", "municipality", "vendor", "parent", "title", "status", "signed_on", "valid_until", "review_on",
            "in_force_today", "transfer_mechanism", "has_document", "document_sha256", "notes", "sub_processors",
            *TRACKED,
        )  # fmt: skip

    def get_in_force_today(self, agreement: DataProcessingAgreement) -> bool:
        return agreement.in_force_on(timezone.localdate())

    def get_has_document(self, agreement: DataProcessingAgreement) -> bool:
        return bool(agreement.document)
