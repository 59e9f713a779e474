"""Pages beside the records: the global search and the accessibility statement."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import accessibility
from .access import require_municipal_access
from .search import MIN_LENGTH, search


@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    """`/sok/?q=`: systems, vendors, records, agreements, analyses, DPIAs, templates and courses the user may see."""
    require_municipal_access(request.user)
    query = request.GET.get("q", "").strip()[:200]
    groups = search(user=request.user, query=query)
    return render(
        request,
        "core/search.html",
        {
            "query": query,
            "groups": groups,
            "too_short": (bool(query) and len(query) < MIN_LENGTH) or (query == "" and "q" in request.GET),
            "hit_count": sum(len(group.hits) for group in groups),
        },
    )


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """Tilgjengelighetserklæring: public, linked from every page's footer."""
    relevant = [criterion for criterion in accessibility.CRITERIA if criterion.status != accessibility.NOT_APPLICABLE]
    return render(
        request,
        "core/accessibility.html",
        {
            "criteria": accessibility.CRITERIA,
            "not_met": accessibility.not_met(),
            "met_count": sum(1 for criterion in relevant if criterion.status == accessibility.MET),
            "partly_count": sum(1 for criterion in relevant if criterion.status == accessibility.PARTLY),
            "relevant_count": len(relevant),
            "statement_date": accessibility.STATEMENT_DATE,
            "contact_name": accessibility.CONTACT_NAME,
            "contact_email": accessibility.CONTACT_EMAIL,
        },
    )
