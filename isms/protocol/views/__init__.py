"""Views of the behandlingsprotokoll, one module per concept; each module has its `urlpatterns`."""
