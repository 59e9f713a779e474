"""A management review's whole content as plain data: what its sign-off's SHA-256 is taken of."""

from __future__ import annotations

from .models import ManagementReview, ReviewDecision
from .services import DECISION_FIELDS, REVIEW_FIELDS


def canonical_content(review: ManagementReview) -> dict:
    decisions = ReviewDecision.objects.filter(review=review).order_by("pk")
    return {
        "year": review.year,
        **{name: getattr(review, name) for name in REVIEW_FIELDS},
        "inputs": review.inputs,
        "decisions": [{name: getattr(decision, name) for name in DECISION_FIELDS} for decision in decisions],
    }
