"""The pages of a signed root's flow, as ROS, the DPIA and the avvik share them: a step posted from the
detail page (send, archive, submit) and a page with a decision form (the DPO's advice, the leader's
decision, closing). A stale version and refused input end the same way for every kind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .tracking import StaleEditError


@dataclass(frozen=True)
class FlowPages:
    """What differs between the kinds: the input error they raise, how a stale version is told (with
    `%(v)s` for the version now current) and the url name of the root's detail page."""

    error: type[Exception]
    stale_text: str  # lazy: translated when told
    detail: str

    def told_stale(self, request: HttpRequest, stale: StaleEditError) -> None:
        messages.error(request, str(self.stale_text) % {"v": stale.current.version})

    def back(self, municipality: Any, root: Any) -> HttpResponse:
        return redirect(self.detail, slug=municipality.slug, pk=root.pk)


def flow_step(
    request: HttpRequest,
    pages: FlowPages,
    *,
    municipality: Any,
    root: Any,
    form: forms.Form,
    run: Callable[[dict], Any],
    done: str,
    invalid: str | None = None,
) -> HttpResponse:
    """Run a step posted from the root's page and go back to it with what happened: `done`, the refusal,
    that someone changed the root since, or what is wrong with the form (`invalid`, or its own errors)."""
    if not form.is_valid():
        messages.error(request, invalid or " ".join(error for errors in form.errors.values() for error in errors))
        return pages.back(municipality, root)
    try:
        run(form.cleaned_data)
    except StaleEditError as stale:
        pages.told_stale(request, stale)
    except pages.error as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return pages.back(municipality, root)


def decision_page(
    request: HttpRequest,
    pages: FlowPages,
    *,
    municipality: Any,
    root: Any,
    form: forms.Form,
    run: Callable[[forms.Form], Any],
    done: str,
    template_name: str,
    context: Callable[[], dict[str, Any]],
) -> HttpResponse:
    """A form page of the flow. Saved: back to the root's page with `done`. A stale version: the page again,
    read afresh, with a message. Refused or invalid input: the form again (400) with what the user typed.
    The caller has checked that the user may take this step."""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                run(form)
            except StaleEditError as stale:
                pages.told_stale(request, stale)
                return redirect(request.path)
            except pages.error as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, done)
                return pages.back(municipality, root)
    return render(request, template_name, {"municipality": municipality, **context(), "form": form}, status=status)
