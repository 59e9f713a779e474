from functools import partial

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtocolConfig(AppConfig):
    name = "isms.protocol"
    label = "protocol"
    verbose_name = _("Record of processing activities")

    def ready(self) -> None:
        from isms.core.access import Action
        from isms.core.bench import register_bench
        from isms.core.demo import register_demo
        from isms.core.exports import Exporter, register_exporter
        from isms.core.history import ChildSpec, HistoryPlace, register_children, register_history
        from isms.core.kins_templates import register_loader
        from isms.core.library.kinds import register_kind
        from isms.core.library.loader import load_template_file
        from isms.core.summaries import register_summary

        from .bench import SCENARIOS as BENCH_SCENARIOS
        from .bench import build_protocols
        from .demo import seed_protocol_demo
        from .demo_templates import seed_template_demo
        from .models import (
            DataProcessingAgreement,
            JointAgreement,
            ProcessingActivity,
            ProcessingProcessor,
            ProcessingSystem,
            System,
            SystemUse,
            Vendor,
        )
        from .pdf import build_all_protocols
        from .selectors import protocol_figures, system_names, vendor_names
        from .template_kind import ProcessingActivityKind
        from .views.pdfs import may_export_all

        register_history(
            "processing",
            ProcessingActivity,
            place=HistoryPlace(_("Record of processing"), "protocol:processing_list", "protocol:processing_detail"),
        )
        register_children(
            "processing",
            [
                ChildSpec(ProcessingSystem, "processing_activity_id", _("System"), system_names),
                ChildSpec(ProcessingProcessor, "processing_activity_id", _("Processor"), vendor_names),
            ],
        )
        register_history("systemuse", SystemUse, place=HistoryPlace(_("Systems"), "protocol:system_use_list"))
        register_history(
            "agreement",
            DataProcessingAgreement,
            place=HistoryPlace(_("Data processing agreements"), "protocol:agreement_list", "protocol:agreement_detail"),
        )
        register_history(
            "system",
            System,
            cooperation_level=True,
            place=HistoryPlace(_("Catalogue"), "protocol:catalogue", "protocol:system_detail"),
        )
        register_history(
            "vendor", Vendor, cooperation_level=True, place=HistoryPlace(_("Catalogue"), "protocol:catalogue")
        )
        register_history(
            "jointagreement",
            JointAgreement,
            cooperation_level=True,
            action=Action.MANAGE_COOPERATION,
            place=HistoryPlace(
                _("Joint data processing agreements"),
                "protocol:joint_agreement_list",
                "protocol:joint_agreement_detail",
            ),
        )
        register_kind(ProcessingActivityKind())
        from isms.core.checks import register_check
        from isms.core.notifications import for_editors

        from .checks import agreement_expiry, review_due

        register_check("review_due", _("Processing activity due for review"), review_due, for_user=for_editors)
        register_check(
            "agreement_expiry", _("Data processing agreement expiring or expired"), agreement_expiry,
            for_user=for_editors,
        )  # fmt: skip
        register_loader("processing_activities.yaml", partial(load_template_file, kind_code="processing"))
        register_demo("Behandlingsprotokoll", seed_protocol_demo)
        register_demo("Malbibliotek", seed_template_demo)
        register_summary(protocol_figures)
        register_bench(build_protocols, BENCH_SCENARIOS)
        register_exporter(
            Exporter(
                kind="protocol_all",
                title=_("Records of processing, all municipalities"),
                build=build_all_protocols,
                allowed=may_export_all,
            )
        )
