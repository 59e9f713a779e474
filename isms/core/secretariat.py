"""The coordinator's pages for telling people: the nudge to municipal leaders (preview, then send; logged)
and the e-mails the outbox could not deliver."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .access import Action, can
from .models import Nudge, OutboxStatus
from .notification_forms import NudgeForm
from .nudges import preview_nudge, send_nudge
from .outbox import problem_rows, retry_failed


def _require_secretariat(user) -> None:
    if not can(user, Action.MANAGE_MUNICIPALITY):
        raise PermissionDenied


@login_required
def nudge(request: HttpRequest) -> HttpResponse:
    """Choose municipalities and write; "Preview" shows who gets what; "Send" sends the previewed text."""
    _require_secretariat(request.user)
    initial = {}
    if request.GET.getlist("m"):  # from the start page: the municipalities without course participants
        initial["municipalities"] = [value for value in request.GET.getlist("m") if value.isdigit()]
    if request.GET.get("subject"):
        initial["subject"] = request.GET["subject"][:200]
    form = NudgeForm(request.POST or None, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        municipalities = list(form.cleaned_data["municipalities"])
        values = {"municipalities": municipalities, "subject": form.cleaned_data["subject"],
                  "body": form.cleaned_data["body"]}  # fmt: skip
        if "send" in request.POST:
            sent = send_nudge(sender=request.user, **values)
            messages.success(
                request,
                ngettext("The message was sent to %(n)s leader.", "The message was sent to %(n)s leaders.",
                         sent.recipients) % {"n": sent.recipients},
            )  # fmt: skip
            return redirect("core:nudge")
        preview = preview_nudge(**values)
    log = Nudge.objects.select_related("sent_by").prefetch_related("municipalities")[:20]
    return render(request, "core/nudge.html", {"form": form, "preview": preview, "log": log})


@login_required
def delivery_problems(request: HttpRequest) -> HttpResponse:
    _require_secretariat(request.user)
    rows = list(problem_rows().order_by("-created_at")[:200])
    return render(
        request,
        "core/delivery_problems.html",
        {"rows": rows, "failed": OutboxStatus.FAILED, "retention_days": settings.OUTBOX_RETENTION_DAYS},
    )


@login_required
@require_POST
def delivery_retry(request: HttpRequest) -> HttpResponse:
    _require_secretariat(request.user)
    ids = [int(value) for value in request.POST.getlist("outbox") if value.isdigit()]
    if not ids:
        messages.error(request, _("Choose the e-mails to send again."))
        return redirect("core:delivery_problems")
    count = retry_failed(outbox_ids=ids)
    text = ngettext("%(n)s e-mail queued again.", "%(n)s e-mails queued again.", count)
    messages.success(request, text % {"n": count})
    return redirect("core:delivery_problems")
