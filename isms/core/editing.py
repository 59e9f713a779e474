"""The one way an edit form of a tracked object is saved: refusal of stale saves, reason required."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .history import stale_changes
from .tracking import ReasonRequiredError, StaleEditError, VersionEntry


@dataclass
class EditOutcome:
    form: forms.Form
    conflict: list[VersionEntry] | None = None  # what others saved since the form was opened
    saved: Any = None
    changed: bool = False

    @property
    def status(self) -> int:
        return 409 if self.conflict else 200


def run_tracked_edit(
    request: HttpRequest,
    form: forms.Form,
    *,
    save: Callable[[dict], tuple[Any, bool]],
    rebuild: Callable[[QueryDict, Any], forms.Form],
    input_errors: tuple[type[Exception], ...] = (),
) -> EditOutcome:
    """Validate and save. A stale save gives the form back with what the user typed, now measured
    against the current version, and the other person's changes; a missing reason is a field error;
    refused input (one of `input_errors`, already in bokmål) is shown above the form."""
    if request.method != "POST" or not form.is_valid():
        return EditOutcome(form)
    try:
        saved, changed = save(form.cleaned_data)
    except StaleEditError as stale:
        data = request.POST.copy()
        data["expected_version"] = stale.current.version
        form = rebuild(data, stale.current)
        form.is_valid()
        return EditOutcome(form, conflict=stale_changes(stale))
    except ReasonRequiredError:
        form.add_error("change_reason", _("Explain why you make this change."))
        return EditOutcome(form)
    except input_errors as error:
        form.add_error(None, str(error))
        return EditOutcome(form)
    return EditOutcome(form, saved=saved, changed=changed)


def report_saved(request: HttpRequest, outcome: EditOutcome, name: str) -> None:
    if outcome.changed:
        messages.success(request, _("%(name)s was saved.") % {"name": name})
    else:
        messages.info(request, _("Nothing was changed."))


def edit_response(
    request: HttpRequest,
    outcome: EditOutcome,
    *,
    success_url: str,
    template_name: str,
    context: dict[str, Any],
    saved_name: Callable[[Any], str] | None = None,
) -> HttpResponse:
    """The answer to an edit form run by `run_tracked_edit` or `run_part_edit`: saved, a message and back to
    `success_url` ("<saved_name> was saved.", or whether anything changed when no name is given); otherwise
    the form again, 409 with what others changed since it was opened, 400 with its errors."""
    if outcome.saved is not None:
        if saved_name is None:
            report_saved(request, outcome, str(outcome.saved))
        else:
            messages.success(request, _("%(name)s was saved.") % {"name": saved_name(outcome.saved)})
        return redirect(success_url)
    status = outcome.status if outcome.conflict else (400 if outcome.form.errors else 200)
    context = {**context, "form": outcome.form, "conflict": outcome.conflict}
    return render(request, template_name, context, status=status)


def run_part_edit(
    request: HttpRequest,
    form: forms.Form,
    *,
    save: Callable[[forms.Form], Any],
    input_errors: tuple[type[Exception], ...] = (),
) -> EditOutcome:
    """Save a part of an aggregate (a ROS scenario, a DPIA risk) against the root's version. A stale root
    gives the form back, now at the current version, with what others changed; refused input (one of
    `input_errors`, already in bokmål) is shown above the form."""
    if request.method != "POST" or not form.is_valid():
        return EditOutcome(form)
    try:
        saved = save(form)
    except StaleEditError as stale:
        form.data = form.data.copy()
        form.data["expected_version"] = stale.current.version
        return EditOutcome(form, conflict=stale_changes(stale))
    except ReasonRequiredError:
        form.add_error("change_reason", _("Explain why you make this change."))
    except input_errors as error:
        form.add_error(None, str(error))
    else:
        return EditOutcome(form, saved=saved, changed=True)
    return EditOutcome(form)


def part_edit_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    save: Callable[[forms.Form], Any],
    input_errors: tuple[type[Exception], ...],
    root_name: str,
    success_url: str,
    template_name: str,
    context: dict[str, Any],
) -> HttpResponse:
    """The page that edits a part of an aggregate (a ROS scenario or measure, a DPIA risk, action or its
    principles): saved, back to the root's page with "<root> was saved."; otherwise the form again, with
    what others changed and 409 when the root moved on since the form was opened."""
    outcome = run_part_edit(request, form, save=save, input_errors=input_errors)
    if outcome.saved is not None:
        messages.success(request, _("%(name)s was saved.") % {"name": root_name})
        return redirect(success_url)
    context = {**context, "form": outcome.form, "conflict": outcome.conflict}
    return render(request, template_name, context, status=outcome.status)
