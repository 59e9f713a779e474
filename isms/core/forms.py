"""Forms of the core app; each explains in bokmål what is wrong, next to the field."""

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from .models import Membership, MembershipRole, Municipality
from .validators import validate_logo

REASON_LABEL = _("Reason for the change")


class DesignsystemetMixin:
    """Give every visible widget Designsystemet's `ds-input` class (inputs, selects, checkboxes, radios)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.HiddenInput):
                field.widget.attrs.setdefault("class", "ds-input")


class TrackedEditForm(DesignsystemetMixin, forms.ModelForm):
    """An edit form for a tracked model: carries the version it was opened at and a reason."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    change_reason = forms.CharField(
        label=REASON_LABEL,
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown in the history: why is this being changed?"),
        error_messages={"required": _("Explain why you make this change.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["expected_version"] = self.instance.version
        # A new object needs no reason (its history says "created"); an edit of a signed one does.
        if self.instance.pk and self.instance.change_reason_required:
            self.fields["change_reason"].required = True

    def tracked_values(self) -> dict:
        """The model fields the user may change (disabled fields keep their stored value)."""
        return {
            name: self.cleaned_data[name]
            for name in self._meta.fields
            if name in self.cleaned_data and not self.fields[name].disabled
        }


class MunicipalityForm(TrackedEditForm):
    logo_upload = forms.FileField(
        label=_("Letterhead logo"),
        required=False,
        validators=[validate_logo],
        help_text=_("PNG or JPEG, at most 1 MB. Used at the top of every PDF from this municipality."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )

    class Meta:
        model = Municipality
        fields = [
            "number",
            "name",
            "official_name",
            "org_number",
            "population",
            "population_as_of",
            "kins_member",
            "kins_member_since",
            "joined_on",
            "left_on",
        ]
        widgets = {
            "population_as_of": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "kins_member_since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "joined_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "left_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "population": forms.NumberInput(attrs={"min": 0}),
            "number": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "org_number": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }
        error_messages = {"population": {"min_value": _("The population cannot be negative.")}}

    def clean(self):
        cleaned = super().clean()
        joined, left = cleaned.get("joined_on"), cleaned.get("left_on")
        if joined and left and left < joined:
            self.add_error("left_on", _("The membership cannot end before it started."))
        if cleaned.get("kins_member_since") and not cleaned.get("kins_member"):
            self.add_error("kins_member_since", _("Only a KINS member has a membership start date."))
        return cleaned


class MembershipRoleForm(TrackedEditForm):
    class Meta:
        model = Membership
        fields = ["role"]
        widgets = {"role": forms.RadioSelect}


class InvitationForm(DesignsystemetMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices, widget=forms.RadioSelect)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class AcceptInvitationForm(DesignsystemetMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Repeat the password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.fields["password1"].help_text = password_validation.password_validators_help_text_html()

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif p1:
            from .models import User

            candidate = User(
                email=self.email, first_name=cleaned.get("first_name", ""), last_name=cleaned.get("last_name", "")
            )
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class AggregateChildForm(DesignsystemetMixin, forms.ModelForm):
    """A form for a part of an aggregate (a ROS scenario, a DPIA risk): it carries the root's version, so
    stale saves are refused, and asks why once the root has been signed."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    change_reason = forms.CharField(
        label=REASON_LABEL,
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown in the history."),
    )

    def __init__(self, *args, root, **kwargs):
        super().__init__(*args, **kwargs)
        self.root = root
        if not self.is_bound:
            self.initial["expected_version"] = root.version
        if root.change_reason_required:
            self.fields["change_reason"].required = True
            self.fields["change_reason"].error_messages["required"] = _("Explain why you make this change.")

    def model_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}


class VersionedActionForm(DesignsystemetMixin, forms.Form):
    """A workflow step (send, sign, archive) on the version the user has in front of them."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)
