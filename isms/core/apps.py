from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "isms.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .history import ChildSpec, register_children, register_history
        from .library.models import Template, TemplateParticipant
        from .library.selectors import participant_names

        register_history("template", Template, cooperation_level=True)
        register_children(
            "template",
            [ChildSpec(TemplateParticipant, "template_id", _("Participant"), participant_names)],
        )
