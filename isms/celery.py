"""The Celery application; tasks run eagerly unless a real broker is configured."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isms.settings")

app = Celery("isms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
