"""Error bodies in bokmål: `{"detail": …}`, and for bad query parameters also `{"errors": {name: […]}}`."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def _reworded(exc: exceptions.APIException, text: str) -> exceptions.APIException:
    """The same exception (its status and headers, e.g. WWW-Authenticate) with our own message."""
    exc.detail = exceptions.ErrorDetail(text, code=exc.default_code)
    return exc


def exception_handler(exc, context):
    if isinstance(exc, exceptions.NotAuthenticated):
        exc = _reworded(exc, _("An API token is required: send “Authorization: Bearer <token>”."))
    elif isinstance(exc, PermissionDenied | exceptions.PermissionDenied):
        exc = exceptions.PermissionDenied(_("You do not have access to this."))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, exceptions.Throttled):
        exc = _reworded(exc, _("Too many requests with this token: try again later."))
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
        names = ", ".join(f"«{name}»" for name in exc.detail)
        response.data = {"detail": _("Invalid query parameter: %(names)s.") % {"names": names}, "errors": exc.detail}
    return response
