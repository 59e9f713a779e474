"""Who may use the API at all: the people who work with municipal records (access.py), as on the pages.

Staff (no membership, no global role) get 403, as on the cooperation-wide pages; which rows a user sees
is `access.scoped` in each endpoint.
"""

from rest_framework.permissions import BasePermission

from isms.core.access import has_municipal_access


class WorksWithMunicipalRecords(BasePermission):
    def has_permission(self, request, view) -> bool:
        return has_municipal_access(request.user)
