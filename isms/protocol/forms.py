"""Forms of the behandlingsprotokoll; rules that Art. 30 and Art. 6/9/10/46 imply are checked here."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from isms.core.countries import is_third_country
from isms.core.forms import DesignsystemetMixin, TrackedEditForm
from isms.core.models import Municipality
from isms.core.validators import validate_pdf

from .models import (
    AgreementStatus,
    DataProcessingAgreement,
    JointAgreement,
    LegalBasis,
    ProcessingActivity,
    RecordType,
    SubProcessor,
    System,
    SystemUse,
    Vendor,
)
from .selectors import systems_by_name

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LAW_REQUIRED_FOR = {LegalBasis.LEGAL_OBLIGATION, LegalBasis.PUBLIC_TASK}


def check_record_rules(form: forms.Form, cleaned: dict) -> None:
    """The rules of Art. 6(3), 9, 10 and 30(2) that a record and a template of one share."""
    bases = set(cleaned.get("legal_bases") or [])
    is_processor = cleaned.get("record_type") == RecordType.PROCESSOR
    if not is_processor and not bases:
        form.add_error("legal_bases", _("Choose at least one legal basis in Art. 6(1)."))
    if bases & LAW_REQUIRED_FOR and not (cleaned.get("national_law") or "").strip():
        form.add_error("national_law", _("Name the law and section that gives the basis (Art. 6(3)) for c) and e)."))
    if is_processor and not (cleaned.get("controller_name") or "").strip():
        form.add_error("controller_name", _("A record as processor must name the controller (Art. 30(2)(a))."))
    if cleaned.get("special_categories") and not cleaned.get("special_category_bases"):
        form.add_error("special_category_bases", _("Special categories need a basis in Art. 9(2) for each use."))
    if cleaned.get("criminal_offence_data") and not (cleaned.get("criminal_offence_basis") or "").strip():
        form.add_error(
            "criminal_offence_basis", _("Data on criminal offences needs a basis in national law (Art. 10).")
        )


class ProcessingActivityForm(TrackedEditForm):
    system_uses = forms.ModelMultipleChoiceField(
        label=_("Systems used"),
        queryset=SystemUse.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The municipality's systems; add more under Systems."),
    )
    processors = forms.ModelMultipleChoiceField(
        label=_("Processors"),
        queryset=Vendor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vendors that process the data on the municipality's behalf (Art. 28): each needs a signed DPA."),
    )

    class Meta:
        model = ProcessingActivity
        fields = [
            "record_type",
            "name",
            "reference",
            "sector",
            "responsible_unit",
            "contact_person",
            "controller_name",
            "controller_contact",
            "joint_controllers",
            "purposes",
            "legal_bases",
            "national_law",
            "data_subject_categories",
            "personal_data_categories",
            "special_categories",
            "special_category_bases",
            "special_category_note",
            "criminal_offence_data",
            "criminal_offence_basis",
            "data_source",
            "recipients",
            "third_country_transfer",
            "transfer_countries",
            "transfer_mechanism",
            "retention",
            "security_measures",
            "dpia_status",
            "last_reviewed",
            "next_review",
        ]
        error_messages = {
            "retention": {
                "required": _(
                    "Write how long the data is kept and when it is erased (Art. 30(1)(f)), e.g. “erased 5 years "
                    "after the case is closed” or “kept for ever under the Archives Act”."
                )
            },
        }
        widgets = {
            "record_type": forms.RadioSelect,
            "purposes": forms.Textarea(attrs={"rows": 3}),
            "data_subject_categories": forms.Textarea(attrs={"rows": 2}),
            "personal_data_categories": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 2}),
            "retention": forms.Textarea(attrs={"rows": 2}),
            "security_measures": forms.Textarea(attrs={"rows": 3}),
            "last_reviewed": DATE_WIDGET,
            "next_review": DATE_WIDGET,
        }

    SECTIONS = [
        (_("The processing"), ["record_type", "name", "reference", "sector", "responsible_unit", "contact_person"]),
        (_("Controller"), ["controller_name", "controller_contact", "joint_controllers"]),
        (_("Purpose and legal basis"), ["purposes", "legal_bases", "national_law"]),
        (_("Data subjects and personal data"), ["data_subject_categories", "personal_data_categories", "data_source"]),
        (
            _("Special categories and criminal offences"),
            ["special_categories", "special_category_bases", "special_category_note", "criminal_offence_data",
             "criminal_offence_basis"],
        ),
        (_("Recipients and transfers"), ["recipients", "third_country_transfer", "transfer_countries",
                                         "transfer_mechanism"]),
        (_("Retention and security"), ["retention", "security_measures"]),
        (_("Systems and processors"), ["system_uses", "processors"]),
        (_("DPIA and review"), ["dpia_status", "last_reviewed", "next_review"]),
    ]  # fmt: skip

    def sections(self):
        """(title, bound fields) per fieldset, in the order the form is filled in."""
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["system_uses"].queryset = SystemUse.objects.filter(municipality=municipality).select_related(
            "system"
        )
        self.fields["processors"].queryset = Vendor.objects.all()
        if self.instance.pk and not self.is_bound:
            self.initial["system_uses"] = [link.system_use_id for link in self.instance.system_links.all()]
            self.initial["processors"] = [link.vendor_id for link in self.instance.processor_links.all()]
        if self.instance.follow_up:
            self.fields["follow_up_done"] = forms.BooleanField(
                label=_("The follow-up after the import is done"),
                required=False,
                help_text=_("Needs follow-up: %(fields)s. Tick when these fields are checked and corrected.")
                % {"fields": ", ".join(self.instance.follow_up_labels)},
            )

    def clean(self):
        cleaned = super().clean()
        check_record_rules(self, cleaned)
        if cleaned.get("third_country_transfer"):
            if not (cleaned.get("transfer_countries") or "").strip():
                self.add_error("transfer_countries", _("Name the third countries the data goes to."))
            if not cleaned.get("transfer_mechanism"):
                self.add_error("transfer_mechanism", _("A transfer to a third country needs a mechanism (Art. 44–49)."))
        last, following = cleaned.get("last_reviewed"), cleaned.get("next_review")
        if last and following and following < last:
            self.add_error("next_review", _("The next review cannot be before the last one."))
        cleaned["follow_up"] = "" if cleaned.get("follow_up_done") else self.instance.follow_up
        return cleaned


class NameListField(forms.CharField):
    """Names separated by commas in the form, a list in the template content."""

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [str(name).strip() for name in value if str(name).strip()]
        return [name.strip() for name in str(value or "").split(",") if name.strip()]

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value


class ProcessingTemplateContentForm(DesignsystemetMixin, forms.ModelForm):
    """What a processing-activity template holds: the fields that are the same in every municipality.

    Local facts (contact person, reference, review dates, the municipality's own processors) are not
    in a template; each municipality adds them after adopting it.
    """

    systems = NameListField(
        label=_("Usual systems"),
        required=False,
        help_text=_("Names from the catalogue, separated by commas; linked when the municipality uses them."),
    )

    class Meta:
        model = ProcessingActivity
        fields = [
            "sector",
            "responsible_unit",
            "purposes",
            "legal_bases",
            "national_law",
            "data_subject_categories",
            "personal_data_categories",
            "special_categories",
            "special_category_bases",
            "special_category_note",
            "criminal_offence_data",
            "criminal_offence_basis",
            "data_source",
            "recipients",
            "retention",
            "security_measures",
            "systems",
        ]
        widgets = ProcessingActivityForm.Meta.widgets

    def sections(self):
        """The record form's fieldsets, holding only what a template has (usual systems with the systems)."""
        sections = []
        for title, names in ProcessingActivityForm.SECTIONS:
            names = [name if name != "system_uses" else "systems" for name in names]
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                sections.append((title, fields))
        return sections

    def clean(self):
        cleaned = super().clean()
        check_record_rules(self, cleaned)
        return cleaned


class ArchiveForm(DesignsystemetMixin, forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    change_reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Explain why you make this change.")},
    )


class ProtocolDateForm(DesignsystemetMixin, forms.Form):
    """The day a printed protocol is "as of" (ISO from a date input, or dd.mm.yyyy typed in the address)."""

    as_of = forms.DateField(
        label=_("Date"),
        widget=DATE_WIDGET,
        error_messages={
            "required": _("Choose the date the record is to be printed as of."),
            "invalid": _("That is not a date. Write it as dd.mm.yyyy, e.g. 01.03.2024."),
        },
    )


class AgreementForm(TrackedEditForm):
    document_upload = forms.FileField(
        label=_("Signed agreement (PDF)"),
        required=False,
        validators=[validate_pdf],
        help_text=_("PDF, at most 20 MB. Its SHA-256 fingerprint is stored so the copy can be verified later."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    class Meta:
        model = DataProcessingAgreement
        fields = ["vendor", "title", "status", "signed_on", "valid_until", "review_on", "transfer_mechanism", "notes"]
        widgets = {
            "signed_on": DATE_WIDGET,
            "valid_until": DATE_WIDGET,
            "review_on": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.parent_id:
            # A row under a joint agreement belongs to that agreement's vendor and title.
            self.fields["vendor"].disabled = True
            self.fields["title"].disabled = True

    def clean(self):
        cleaned = super().clean()
        signed, valid_until = cleaned.get("signed_on"), cleaned.get("valid_until")
        if signed and valid_until and valid_until < signed:
            self.add_error("valid_until", _("An agreement cannot end before it was signed."))
        if cleaned.get("status") == AgreementStatus.SIGNED and not signed:
            self.add_error("signed_on", _("Give the date the agreement was signed."))
        vendor = cleaned.get("vendor")
        if vendor and is_third_country(vendor.country) and not cleaned.get("transfer_mechanism"):
            self.add_error(
                "transfer_mechanism",
                _("%(vendor)s is in a third country: choose the transfer mechanism.") % {"vendor": vendor},
            )
        return cleaned


class SubProcessorForm(DesignsystemetMixin, forms.ModelForm):
    class Meta:
        model = SubProcessor
        fields = ["name", "country", "service", "transfer_mechanism"]

    def clean(self):
        cleaned = super().clean()
        if is_third_country(cleaned.get("country") or "") and not cleaned.get("transfer_mechanism"):
            self.add_error("transfer_mechanism", _("A sub-processor in a third country needs a transfer mechanism."))
        return cleaned


SubProcessorFormSet = forms.formset_factory(SubProcessorForm, extra=2, can_delete=True)


class JointAgreementForm(TrackedEditForm):
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Participating municipalities"),
        queryset=Municipality.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each gets its own row in its DPA register, to be signed by that municipality."),
    )

    class Meta:
        model = JointAgreement
        fields = ["title", "vendor", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SystemForm(TrackedEditForm):
    class Meta:
        model = System
        fields = [
            "name",
            "aliases",
            "vendor",
            "description",
            "hosting",
            "storage_country",
            "confidentiality",
            "integrity",
            "availability",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "aliases": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        """A name or alias may name one system only, whatever its case: an import could not tell them apart."""
        cleaned = super().clean()
        name = cleaned.get("name", "")
        unique: dict[str, str] = {name.casefold(): name}
        for line in cleaned.get("aliases", "").splitlines():
            unique.setdefault(line.strip().casefold(), line.strip())
        aliases = [alias for alias in list(unique.values())[1:] if alias]
        cleaned["aliases"] = "\n".join(aliases)
        taken = systems_by_name()
        for field, names in (("name", [name] if name else []), ("aliases", aliases)):
            for other_name in names:
                other = taken.get(other_name.casefold())
                if other is not None and other.pk != self.instance.pk:
                    self.add_error(
                        field,
                        _("“%(name)s” already names the system %(system)s in the catalogue.")
                        % {"name": other_name, "system": other.name},
                    )
        return cleaned


class VendorForm(TrackedEditForm):
    class Meta:
        model = Vendor
        fields = ["name", "org_number", "country", "contact_name", "contact_email", "contact_phone"]


class SystemUseForm(TrackedEditForm):
    class Meta:
        model = SystemUse
        fields = ["system", "owner", "units", "in_use_since", "retired_on", "notes"]
        widgets = {
            "in_use_since": DATE_WIDGET,
            "retired_on": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        if self.instance.pk:
            self.fields["system"].disabled = True
        else:
            used = SystemUse.objects.filter(municipality=municipality).values("system_id")
            self.fields["system"].queryset = System.objects.exclude(pk__in=used)
