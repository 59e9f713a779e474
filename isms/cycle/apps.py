from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "isms.cycle"
    label = "cycle"
    verbose_name = _("Annual cycle")

    def ready(self) -> None:
        from functools import partial

        from isms.core.bench import register_bench
        from isms.core.checks import register_check
        from isms.core.demo import register_demo
        from isms.core.history import ChildSpec, HistoryPlace, register_children, register_history
        from isms.core.kins_templates import register_loader
        from isms.core.library.kinds import register_kind
        from isms.core.library.loader import load_template_file
        from isms.core.notifications import for_editors
        from isms.core.signoff import register_aggregate, register_signing_queue
        from isms.core.summaries import register_summary

        from . import checks
        from .bench import SCENARIOS, build_cycle_data
        from .demo import seed_cycle_demo
        from .models import AnnualCycle, Assessment, AssessmentAnswer, CycleActivity, ManagementReview, ReviewDecision
        from .presenters import municipality_summary
        from .selectors import awaiting_review_signature
        from .snapshot import canonical_content
        from .template_kind import AnnualCycleKind, QuestionnaireKind

        def titles(rows) -> dict[int, str]:
            return {row.id: str(getattr(row, "title", "") or getattr(row, "question_key", "")) for row in rows}

        register_kind(AnnualCycleKind())
        register_kind(QuestionnaireKind())
        register_loader("annual_cycles.yaml", partial(load_template_file, kind_code="cycle"))
        register_loader("maturity_questionnaires.yaml", partial(load_template_file, kind_code="maturity"))
        register_history("annualcycle", AnnualCycle, place=HistoryPlace(_("Annual cycle"), "cycle:cycle_index"))
        register_children("annualcycle", [ChildSpec(CycleActivity, "cycle_id", _("Activity"), titles)])
        register_history(
            "assessment",
            Assessment,
            place=HistoryPlace(_("Kartlegging"), "cycle:assessment_list", "cycle:assessment_detail"),
        )
        register_children("assessment", [ChildSpec(AssessmentAnswer, "assessment_id", _("Answer"), titles)])
        register_history(
            "managementreview", ManagementReview, place=HistoryPlace(_("Management review"), "cycle:review_list")
        )
        register_children("managementreview", [ChildSpec(ReviewDecision, "review_id", _("Decision"), titles)])
        register_aggregate(ManagementReview, canonical_content)
        register_signing_queue(awaiting_review_signature)
        register_summary(municipality_summary)
        register_check(
            "cycle_overdue", _("Annual cycle activity overdue"), checks.overdue_activity, for_user=for_editors
        )
        from django.apps import apps

        if apps.is_installed("isms.oversight"):
            from isms.oversight.registry import register_area

            from .oversight_area import CYCLE

            register_area(CYCLE)
        register_demo("Årshjul, kartlegging og ledelsens gjennomgang", seed_cycle_demo)
        register_bench(build_cycle_data, SCENARIOS)
