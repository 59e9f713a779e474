from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "isms.oversight"
    label = "oversight"
    verbose_name = _("Oversight")

    def ready(self) -> None:
        from simple_history.signals import post_create_historical_record

        from isms.core.bench import register_bench
        from isms.core.demo import register_demo
        from isms.core.exports import Exporter, register_exporter
        from isms.core.startpage import register_start_page
        from isms.core.tracking import history_written_in_bulk

        from . import areas
        from .bench import ACTIONS, SCENARIOS, build_oversight
        from .demo import seed_oversight_demo
        from .reports import build_board_report, may_report
        from .snapshots import on_bulk_history, on_history_record
        from .start import start_page

        areas.register_builtin_areas()
        register_exporter(
            Exporter(kind="board_report", title=_("Status report"), build=build_board_report, allowed=may_report)
        )
        register_start_page(start_page)
        post_create_historical_record.connect(on_history_record, dispatch_uid="oversight-figures-changed")
        history_written_in_bulk.connect(on_bulk_history, dispatch_uid="oversight-figures-changed-in-bulk")
        register_bench(build_oversight, SCENARIOS, ACTIONS)
        register_demo("Statusrapport til styret", seed_oversight_demo)
