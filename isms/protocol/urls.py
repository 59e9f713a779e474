"""URLs of the behandlingsprotokoll app, gathered from its view modules."""

from .views import agreements, catalogue, imports, joint_agreements, pdfs, processing, system_uses

app_name = "protocol"

urlpatterns = [
    *imports.urlpatterns,
    *pdfs.urlpatterns,
    *processing.urlpatterns,
    *system_uses.urlpatterns,
    *agreements.urlpatterns,
    *catalogue.urlpatterns,
    *joint_agreements.urlpatterns,
]
