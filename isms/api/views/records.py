"""List and detail endpoints of the municipalities' records and the cooperation's catalogue and courses."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from .. import filtersets, selectors
from ..serializers.assessments import DpiaSerializer, RiskAnalysisSerializer
from ..serializers.protocol import (
    AgreementSerializer,
    MunicipalitySerializer,
    ProcessingActivitySerializer,
    SystemSerializer,
    VendorSerializer,
)
from ..serializers.training import CourseSerializer
from .base import ReadOnlyViewSet


def described(tag: str, listed: str, one: str):
    return extend_schema_view(
        list=extend_schema(tags=[tag], description=listed), retrieve=extend_schema(tags=[tag], description=one)
    )


@described(
    "municipalities",
    "The municipalities you may see: all of them for the DPO and the coordinator, else your own.",
    "One municipality; 404 outside the ones you may see.",
)
class MunicipalityViewSet(ReadOnlyViewSet):
    serializer_class = MunicipalitySerializer
    filterset_class = filtersets.MunicipalityFilter

    def base_queryset(self):
        return selectors.municipalities()


@described(
    "protocol",
    "Processing activities (the record of Art. 30) with every Art. 30 field, their systems and processors. "
    "As on the protocol page, only active records unless `status` is given.",
    "One processing activity; another municipality's answers 404.",
)
class ProcessingActivityViewSet(ReadOnlyViewSet):
    serializer_class = ProcessingActivitySerializer
    filterset_class = filtersets.ProcessingActivityApiFilter

    def base_queryset(self):
        return selectors.processing_activities()

    def decorate(self, rows: list) -> None:
        selectors.attach_processing_links(rows)


@described("protocol", "Data processing agreements (Art. 28) with status, dates and sub-processors.", "One agreement.")
class AgreementViewSet(ReadOnlyViewSet):
    serializer_class = AgreementSerializer
    filterset_class = filtersets.AgreementApiFilter

    def base_queryset(self):
        return selectors.agreements()


@described("catalogue", "The cooperation's catalogue of systems.", "One system of the catalogue.")
class SystemViewSet(ReadOnlyViewSet):
    municipal = False
    serializer_class = SystemSerializer
    filterset_class = filtersets.SystemFilter

    def base_queryset(self):
        return selectors.systems()


@described("catalogue", "The cooperation's catalogue of vendors.", "One vendor of the catalogue.")
class VendorViewSet(ReadOnlyViewSet):
    municipal = False
    serializer_class = VendorSerializer
    filterset_class = filtersets.VendorFilter

    def base_queryset(self):
        return selectors.vendors()


@described(
    "assessments",
    "ROS analyses with their scenarios, measures and the sign-off state of the current version.",
    "One ROS analysis.",
)
class RiskAnalysisViewSet(ReadOnlyViewSet):
    serializer_class = RiskAnalysisSerializer
    filterset_class = filtersets.RiskAnalysisFilter

    def base_queryset(self):
        return selectors.risk_analyses()


@described(
    "assessments",
    "DPIAs with their status, the DPO's latest advice and the leader's latest decision.",
    "One DPIA.",
)
class DpiaViewSet(ReadOnlyViewSet):
    serializer_class = DpiaSerializer
    filterset_class = filtersets.DpiaFilter

    def base_queryset(self):
        return selectors.dpias()

    def decorate(self, rows: list) -> None:
        selectors.attach_dpia_signoffs(rows)


@described("training", "The courses of the cooperation with their sessions.", "One course.")
class CourseViewSet(ReadOnlyViewSet):
    municipal = False
    serializer_class = CourseSerializer
    filterset_class = filtersets.CourseFilter

    def base_queryset(self):
        return selectors.courses()
