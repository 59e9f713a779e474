"""URLs of the template library: the cooperation's pages and a municipality's."""

from . import municipal_views, views

app_name = "library"

urlpatterns = [*views.urlpatterns, *municipal_views.urlpatterns]

__all__ = ["app_name", "urlpatterns"]
