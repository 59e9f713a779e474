"""Filters of the avvik list: search, status, classification, the 72 hours, the period of discovery."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Incident, IncidentKind, IncidentStatus

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IncidentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=IncidentStatus.choices, empty_label=_("All"))
    kind = django_filters.ChoiceFilter(label=_("Classification"), choices=IncidentKind.choices, empty_label=_("All"))
    clock = django_filters.ChoiceFilter(
        label=_("72 hours"),
        choices=[("running", _("Not notified yet")), ("overdue", _("Deadline passed, not notified"))],
        method="filter_clock",
        empty_label=_("All"),
    )
    start = django_filters.DateFilter(
        label=_("Discovered from"), field_name="discovered_at", lookup_expr="date__gte", widget=DATE_INPUT
    )
    end = django_filters.DateFilter(
        label=_("Discovered to"), field_name="discovered_at", lookup_expr="date__lte", widget=DATE_INPUT
    )

    class Meta:
        model = Incident
        fields = ["q", "status", "kind", "clock", "start", "end"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value) | Q(unit__icontains=value))

    def filter_clock(self, queryset, name, value):
        if value == "overdue":
            return queryset.past_deadline(timezone.now())
        return queryset.awaiting_notification()
