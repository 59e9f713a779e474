"""URLs of the behandlingsprotokoll app, gathered from its view modules."""

from .views import processing

app_name = "protocol"

urlpatterns = [*processing.urlpatterns]
