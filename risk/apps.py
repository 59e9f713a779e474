from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RiskConfig(AppConfig):
    name = "risk"
    label = "risk"
    verbose_name = _("Risk assessments")

    def ready(self) -> None:
        from isms.core.bench import register_bench
        from isms.core.checks import register_check
        from isms.core.demo import register_demo
        from isms.core.history import ChildSpec, register_children, register_history
        from isms.core.kins_templates import register_loader
        from isms.core.library.kinds import register_kind
        from isms.core.notifications import for_editors, for_leaders
        from isms.core.signoff import register_aggregate, register_signing_queue

        from . import checks
        from .bench import SCENARIOS as BENCH_SCENARIOS
        from .bench import build_analyses
        from .demo import seed_kobo_ros, seed_risk_demo
        from .loaders import load_risk_matrix, load_threats
        from .models import RiskAnalysis, RiskMatrix, RiskMeasure, RiskScenario, Threat
        from .selectors import awaiting_signature, measure_titles, scenario_titles
        from .snapshot import canonical_content
        from .template_kind import JointRiskAnalysisKind

        register_check("measure_due", _("ROS measure due or overdue"), checks.measure_due, for_user=for_editors)
        register_check("revision_due", _("ROS analysis due for a new revision"), checks.revision_due,
                       for_user=for_editors)  # fmt: skip
        register_check("signoff_stale", _("Changed after your approval"), checks.signoff_stale, default="immediately",
                       for_user=for_leaders)  # fmt: skip
        register_check("ros_joint_update", _("Joint ROS analysis updated"), checks.joint_update, for_user=for_editors)
        register_history("riskanalysis", RiskAnalysis)
        register_children(
            "riskanalysis",
            [
                ChildSpec(RiskScenario, "analysis_id", _("Scenario"), scenario_titles),
                ChildSpec(RiskMeasure, "analysis_id", _("Measure"), measure_titles),
            ],
        )
        register_kind(JointRiskAnalysisKind())
        register_aggregate(RiskAnalysis, canonical_content)
        register_signing_queue(awaiting_signature)
        register_history("riskmatrix", RiskMatrix, cooperation_level=True)
        register_history("threat", Threat, cooperation_level=True)
        register_loader("risk_matrix.yaml", load_risk_matrix)
        register_loader("threats.yaml", load_threats)
        register_bench(build_analyses, BENCH_SCENARIOS)
        register_demo("ROS-analyser", seed_risk_demo)
        register_demo("Felles ROS for KOBO", seed_kobo_ros)
