from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "isms.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .bench import register_bench
        from .checks import kins_membership, register_check
        from .checks_bench import build_editors, deadline_checks
        from .history import ChildSpec, register_children, register_history
        from .library.selectors import participant_names
        from .models import Template, TemplateParticipant
        from .notifications import for_leaders
        from .search import SearchSource, register_search, visible_templates

        register_bench(build_editors, [], actions=[deadline_checks])
        from .demo import register_demo
        from .notifications_demo import seed_notifications_demo

        register_demo("Varsler og frister", seed_notifications_demo, last=True)
        register_check("kins_membership", _("KINS membership missing (monthly)"), kins_membership, for_user=for_leaders)
        register_history("template", Template, cooperation_level=True)
        register_search(
            SearchSource(
                "template",
                _("Templates"),
                visible_templates,
                ("title",),
                lambda obj: obj.title,
                lambda obj: reverse("library:template_detail", args=[obj.pk]),
                order=70,
            )
        )
        register_children(
            "template",
            [ChildSpec(TemplateParticipant, "template_id", _("Participant"), participant_names)],
        )
