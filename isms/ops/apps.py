from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "isms.ops"
    label = "ops"
    verbose_name = "Drift"
