from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "isms.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from isms.core.bench import register_bench

        from .bench import SCENARIOS, build_nothing

        register_bench(build_nothing, SCENARIOS)
