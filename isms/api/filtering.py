"""Query parameters of the list endpoints: the pages' own FilterSets plus `municipality` and
`updated_since`, read strictly: an unknown parameter or a value that is not one of the choices is a 400
that names the parameter (never silently ignored, so an integration sees its typo)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from isms.core.access import visible_municipalities
from isms.core.models import Municipality

PAGINATION_PARAMETERS = frozenset({"page", "page_size"})


def _visible(request):
    """The choices of `municipality`; the schema generator asks without a request."""
    return visible_municipalities(request.user) if request is not None else Municipality.objects.none()


class UpdatedSince(django_filters.FilterSet):
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label=gettext_lazy("Changed at or after this time (ISO 8601, e.g. 2026-01-31T12:00:00+01:00)"),
    )


class InMunicipality(UpdatedSince):
    municipality = django_filters.ModelChoiceFilter(
        field_name="municipality",
        to_field_name="slug",
        queryset=_visible,
        label=gettext_lazy("A municipality you may see, by its address name (e.g. vefsn)"),
    )


def reject_unknown(request, allowed) -> None:
    unknown = sorted(set(request.query_params) - set(allowed))
    if unknown:
        raise ValidationError({name: [_("Unknown parameter.")] for name in unknown})


class StrictFilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        allowed = set(PAGINATION_PARAMETERS) | set(getattr(view, "extra_parameters", ()))
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            allowed |= set(filterset_class.base_filters)
        reject_unknown(request, allowed)
        return super().filter_queryset(request, queryset, view)
