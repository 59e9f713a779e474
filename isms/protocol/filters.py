"""Filters for the behandlingsprotokoll list."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from isms.core.fields import ChoiceSetField

from .attention import AGREEMENT, ART30, FOLLOW_UP, REVIEW
from .models import (
    AgreementStatus,
    DataProcessingAgreement,
    LegalBasis,
    ProcessingActivity,
    RecordDpiaStatus,
    RecordStatus,
    RecordType,
    Sector,
    in_force_q,
    missing_art30_q,
    review_overdue_q,
)

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ProcessingActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    sector = django_filters.ChoiceFilter(label=_("Sector"), choices=Sector.choices, empty_label=_("All"))
    legal_basis = django_filters.ChoiceFilter(
        label=_("Legal basis"), choices=LegalBasis.choices, method="filter_legal_basis", empty_label=_("All")
    )
    record_type = django_filters.ChoiceFilter(label=_("Record"), choices=RecordType.choices, empty_label=_("All"))
    dpia_status = django_filters.ChoiceFilter(label=_("DPIA"), choices=RecordDpiaStatus.choices, empty_label=_("All"))
    attention = django_filters.ChoiceFilter(
        label=_("Needs attention"),
        choices=[
            (ART30, _("Art. 30 fields empty")),
            (AGREEMENT, _("DPA missing")),
            (REVIEW, _("Review overdue")),
            (FOLLOW_UP, _("Needs follow-up")),
        ],
        method="filter_attention",
        empty_label=_("All"),
    )
    # No empty choice: "Aktiv" is both the default and an option, so it must not be listed twice.
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=RecordStatus.choices, method="filter_status", empty_label=None
    )

    class Meta:
        model = ProcessingActivity
        fields = ["q", "sector", "legal_basis", "record_type", "dpia_status", "attention", "status"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(name__icontains=value)
            | Q(reference__icontains=value)
            | Q(purposes__icontains=value)
            | Q(responsible_unit__icontains=value)
        )

    def filter_legal_basis(self, queryset, name, value):
        return queryset.filter(legal_bases__contains=ChoiceSetField.lookup(value))

    def filter_attention(self, queryset, name, value):
        if value == ART30:
            return queryset.filter(missing_art30_q())
        if value == AGREEMENT:
            return queryset.filter(lacks_agreement=True)
        if value == FOLLOW_UP:
            return queryset.exclude(follow_up="")
        return queryset.filter(review_overdue_q(timezone.localdate()))

    def filter_status(self, queryset, name, value):
        # The base queryset holds every status; without a choice only active records are listed.
        return queryset.filter(status=value)

    @property
    def qs(self):
        queryset = super().qs
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.filter(status=RecordStatus.ACTIVE)
        return queryset


class AgreementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AgreementStatus.choices, empty_label=_("All"))
    attention = django_filters.ChoiceFilter(
        label=_("Needs attention"),
        choices=[("not_in_force", _("Not in force")), ("review", _("Review overdue"))],
        method="filter_attention",
        empty_label=_("All"),
    )

    class Meta:
        model = DataProcessingAgreement
        fields = ["q", "status", "attention"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(vendor__name__icontains=value))

    def filter_attention(self, queryset, name, value):
        today = timezone.localdate()
        if value == "review":
            return queryset.filter(review_on__lt=today)
        return queryset.exclude(in_force_q(today))
