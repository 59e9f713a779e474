from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DpiaConfig(AppConfig):
    name = "dpia"
    label = "dpia"
    verbose_name = _("DPIA")

    def ready(self) -> None:
        from isms.core.bench import register_bench
        from isms.core.checks import register_check
        from isms.core.demo import register_demo
        from isms.core.history import ChildSpec, register_children, register_history
        from isms.core.kins_templates import register_loader
        from isms.core.library.kinds import register_kind
        from isms.core.notifications import for_dpo, for_editors, for_leaders
        from isms.core.signoff import register_aggregate, register_signing_queue
        from isms.protocol.extensions import register_activity_links

        from . import checks
        from .bench import SCENARIOS as BENCH_SCENARIOS
        from .bench import build_dpias
        from .demo import seed_dpia_demo
        from .loaders import load_screening
        from .models import Dpia, DpiaAction, DpiaPrinciple, DpiaRisk, Screening, ScreeningItem
        from .selectors import awaiting_decision, screening_link
        from .snapshot import canonical_content
        from .template_kind import JointDpiaKind

        register_check("dpia_waiting_dpo", _("DPIA waiting for the DPO's advice"), checks.waiting_for_dpo,
                       default="immediately", for_user=for_dpo)  # fmt: skip
        register_check("dpia_reassess", _("DPIA must be reassessed"), checks.must_be_reassessed, for_user=for_editors)
        register_check("dpia_stale", _("DPIA changed after your approval"), checks.decision_stale,
                       default="immediately", for_user=for_leaders)  # fmt: skip
        register_check("dpia_joint_update", _("Joint DPIA updated"), checks.joint_update, for_user=for_editors)

        def titles(rows) -> dict[int, str]:
            return {row.id: str(getattr(row, "title", "") or row.get_principle_display()) for row in rows}

        register_history("dpia", Dpia)
        register_children(
            "dpia",
            [
                ChildSpec(DpiaPrinciple, "dpia_id", _("Principle"), titles),
                ChildSpec(DpiaRisk, "dpia_id", _("Risk"), titles),
                ChildSpec(DpiaAction, "dpia_id", _("Action"), titles),
            ],
        )
        register_history("screening", Screening)
        register_history("screeningitem", ScreeningItem, cooperation_level=True)
        register_kind(JointDpiaKind())
        register_aggregate(Dpia, canonical_content)
        register_signing_queue(awaiting_decision)
        register_loader("dpia_screening.yaml", load_screening)
        register_activity_links(screening_link)
        register_demo("DPIA", seed_dpia_demo)
        register_bench(build_dpias, BENCH_SCENARIOS)
