"""URLs of the template library."""

from .views import urlpatterns

app_name = "library"

__all__ = ["app_name", "urlpatterns"]
