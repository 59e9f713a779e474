"""Page-number pagination with a page size the client may choose up to `API_MAX_PAGE_SIZE`."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination


class CappedPagination(PageNumberPagination):
    page_size_query_param = "page_size"
    invalid_page_message = _("Invalid page.")

    @property
    def page_size(self) -> int:
        return settings.API_PAGE_SIZE

    @property
    def max_page_size(self) -> int:
        return settings.API_MAX_PAGE_SIZE
