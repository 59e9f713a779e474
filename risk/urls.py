"""URLs of the risk app (under /m/<slug>/risk/)."""

from .views import urlpatterns

app_name = "risk"

__all__ = ["app_name", "urlpatterns"]
