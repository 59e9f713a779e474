"""Forms of the courses app: registration (public and inside), attendance, and the coordinator's forms."""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from isms.core.forms import DesignsystemetMixin, TrackedEditForm
from isms.core.models import Municipality
from isms.protocol.models import Sector

from .models import Attendance, Course, Registration, Round, Session, SessionStatus

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SessionChoice:
    """A session as the registration form offers it."""

    def __init__(self, session: Session, *, waitlist_only: bool = False):
        self.session = session
        self.waitlist_only = waitlist_only

    @property
    def label(self) -> str:
        session = self.session
        where = f", {session.place_display}" if session.place_display else ""
        if self.waitlist_only:
            note = _("next round, waitlist")
        elif session.free_seats > 0:
            note = ngettext("%(n)s free seat", "%(n)s free seats", session.free_seats) % {"n": session.free_seats}
        else:
            note = _("full – waitlist")
        return f"{session.course.title}: {session.dates_display}{where} ({note})"


class RegistrationForm(DesignsystemetMixin, forms.Form):
    session = forms.TypedChoiceField(
        label=_("Session"), coerce=int, widget=forms.RadioSelect, error_messages={"required": _("Choose a session.")}
    )
    name = forms.CharField(label=_("Name"), max_length=150, error_messages={"required": _("Write your name.")})
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("Your work address. The confirmation is sent here."),
        error_messages={"required": _("Write your e-mail address.")},
    )
    unit = forms.CharField(label=_("Unit"), max_length=150, required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=[("", "—"), *Sector.choices], required=False)
    job_title = forms.CharField(label=_("Job title"), max_length=150, required=False)
    privacy = forms.BooleanField(
        label=_("I have read how my personal data is processed (below)."),
        error_messages={"required": _("Read the privacy notice and tick the box.")},
    )

    def __init__(self, *args, choices: list[SessionChoice], **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = {choice.session.pk: choice for choice in choices}
        self.fields["session"].choices = [(pk, choice.label) for pk, choice in self.choices.items()]
        self.fields["session"].error_messages["invalid_choice"] = _("This session cannot be chosen any more.")
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["job_title"].widget.attrs["autocomplete"] = "organization-title"

    @property
    def chosen(self) -> SessionChoice:
        return self.choices[self.cleaned_data["session"]]

    def person(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("name", "email", "unit", "sector", "job_title")}


class CourseForm(TrackedEditForm):
    class Meta:
        model = Course
        fields = ["key", "title", "description", "provider", "target_group"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class RoundForm(DesignsystemetMixin, forms.ModelForm):
    class Meta:
        model = Round
        fields = ["number", "name"]


class SessionForm(TrackedEditForm):
    class Meta:
        model = Session
        fields = [
            "course",
            "round",
            "starts_on",
            "ends_on",
            "place",
            "online",
            "capacity",
            "registration_deadline",
            "status",
        ]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT, "registration_deadline": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Cancelling tells every registrant, so it has its own button on the session page.
        self.fields["status"].choices = [
            choice for choice in SessionStatus.choices if choice[0] != SessionStatus.CANCELLED
        ]

    def clean(self):
        cleaned = super().clean()
        starts, ends, deadline = cleaned.get("starts_on"), cleaned.get("ends_on"), cleaned.get("registration_deadline")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        if starts and deadline and deadline > starts:
            self.add_error("registration_deadline", _("The deadline must be on or before the first day."))
        return cleaned


class ManyOptionsSelect(forms.Select):
    """A flat `<select>` of many options (the 357 municipalities) whose options are joined in Python: the
    template renderer costs a template per option, most of the course session page (issue 13). Same HTML
    as Django's `select.html` but for whitespace; no option groups."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = [option for _group, group_options, _index in widget["optgroups"] for option in group_options]
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            format_html_join(
                "", '<option value="{}"{}>{}</option>', ((o["value"], flatatt(o["attrs"]), o["label"]) for o in options)
            ),
        )


class QuotaForm(DesignsystemetMixin, forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name"), widget=ManyOptionsSelect
    )
    seats = forms.IntegerField(
        label=_("Seats"), min_value=0, required=False, help_text=_("Leave empty to remove the quota.")
    )


class CancelSessionForm(DesignsystemetMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is the session cancelled?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Explain why the session is cancelled.")},
    )


def parse_attendance(data, registrations: list[Registration]) -> dict[int, str]:
    """`attendance-<pk>` fields of the attendance form for the given registrations; unknown values dropped."""
    allowed = set(Attendance.values)
    result = {}
    for registration in registrations:
        value = data.get(f"attendance-{registration.pk}")
        if value is not None and value in allowed:
            result[registration.pk] = value
    return result
