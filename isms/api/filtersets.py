"""The list endpoints' filters: the list pages' own FilterSets, with `municipality` and `updated_since`."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from dpia.models import Dpia, DpiaStatus
from isms.core.models import Municipality
from isms.protocol.filters import AgreementFilter, ProcessingActivityFilter
from isms.protocol.models import System, Vendor
from risk.models import AnalysisStatus, RiskAnalysis, SubjectType
from training.models import Course

from .filtering import InMunicipality, UpdatedSince


class MunicipalityFilter(UpdatedSince):
    class Meta:
        model = Municipality
        fields = ["kins_member"]


class ProcessingActivityApiFilter(InMunicipality, ProcessingActivityFilter):
    """The protocol list's filters (active records unless `status` says otherwise)."""

    class Meta(ProcessingActivityFilter.Meta):
        fields = [*ProcessingActivityFilter.Meta.fields, "municipality", "updated_since"]


class AgreementApiFilter(InMunicipality, AgreementFilter):
    class Meta(AgreementFilter.Meta):
        fields = [*AgreementFilter.Meta.fields, "municipality", "updated_since"]


class CatalogueFilter(UpdatedSince):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))


class SystemFilter(CatalogueFilter):
    class Meta:
        model = System
        fields = ["q", "vendor", "updated_since"]


class VendorFilter(CatalogueFilter):
    class Meta:
        model = Vendor
        fields = ["q", "updated_since"]


class RiskAnalysisFilter(InMunicipality):
    status = django_filters.ChoiceFilter(choices=AnalysisStatus.choices, label=_("Status"))
    subject_type = django_filters.ChoiceFilter(choices=SubjectType.choices, label=_("What is analysed"))

    class Meta:
        model = RiskAnalysis
        fields = ["municipality", "status", "subject_type", "updated_since"]


class DpiaFilter(InMunicipality):
    status = django_filters.ChoiceFilter(choices=DpiaStatus.choices, label=_("Status"))

    class Meta:
        model = Dpia
        fields = ["municipality", "status", "updated_since"]


class CourseFilter(UpdatedSince):
    class Meta:
        model = Course
        fields = ["updated_since"]
