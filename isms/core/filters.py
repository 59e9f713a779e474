"""Filters for the municipality list."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Municipality


class MunicipalityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kins_member = django_filters.ChoiceFilter(
        label=_("KINS member"),
        choices=[("true", _("Yes")), ("false", _("No"))],
        method="filter_kins_member",
        empty_label=_("All"),
    )
    membership = django_filters.ChoiceFilter(
        label=_("Member of the cooperation"),
        choices=[("current", _("Current members")), ("former", _("Former members"))],
        method="filter_membership",
        empty_label=_("All"),
    )

    class Meta:
        model = Municipality
        fields = ["q", "kins_member", "membership"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(name__icontains=value) | Q(official_name__icontains=value) | Q(number__startswith=value)
        )

    def filter_kins_member(self, queryset, name, value):
        return queryset.filter(kins_member=value == "true")

    def filter_membership(self, queryset, name, value):
        today = timezone.localdate()
        current = (Q(joined_on__isnull=True) | Q(joined_on__lte=today)) & (
            Q(left_on__isnull=True) | Q(left_on__gte=today)
        )
        return queryset.filter(current) if value == "current" else queryset.exclude(current)
