from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "isms.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .checks import kins_membership, register_check
        from .history import ChildSpec, register_children, register_history
        from .library.selectors import participant_names
        from .models import Template, TemplateParticipant
        from .notifications import for_leaders

        register_check("kins_membership", _("KINS membership missing (monthly)"), kins_membership, for_user=for_leaders)
        register_history("template", Template, cooperation_level=True)
        register_children(
            "template",
            [ChildSpec(TemplateParticipant, "template_id", _("Participant"), participant_names)],
        )
