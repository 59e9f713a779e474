from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    label = "training"
    verbose_name = _("Courses")

    def ready(self) -> None:
        from isms.core.access import Action
        from isms.core.history import register_history

        from .models import Course, Session

        register_history("course", Course, cooperation_level=True, action=Action.MANAGE_COOPERATION)
        register_history("session", Session, cooperation_level=True, action=Action.MANAGE_COOPERATION)
