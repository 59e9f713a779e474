from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtocolConfig(AppConfig):
    name = "isms.protocol"
    label = "protocol"
    verbose_name = _("Record of processing activities")

    def ready(self) -> None:
        from isms.core.history import register_history

        from .models import DataProcessingAgreement, ProcessingActivity, SystemUse

        register_history("processing", ProcessingActivity)
        register_history("systemuse", SystemUse)
        register_history("agreement", DataProcessingAgreement)
