"""The fast list helpers give exactly what the slow way gives (isms/core/display.py)."""

from django.urls import reverse

from isms.core.display import choice_label, url_filler
from risk.models import MeasureStatus, RiskMeasure


def test_url_filler_gives_what_reverse_gives():
    fill = url_filler("risk:analysis_detail", "slug", "int")
    for slug, pk in (("vefsn", 1), ("alstahaug-kommune", 987), ("a_b-9", 12345678)):
        assert fill(slug, pk) == reverse("risk:analysis_detail", args=[slug, pk])


def test_choice_label_gives_what_get_display_gives():
    for status in MeasureStatus.values:
        measure = RiskMeasure(status=status, strategy="reduce")
        assert choice_label(measure, "status") == measure.get_status_display()
        assert choice_label(measure, "strategy") == measure.get_strategy_display()
