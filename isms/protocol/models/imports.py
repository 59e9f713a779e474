"""Working state of a protocol import between its steps, and the mapping each municipality keeps.

Neither is a record of processing: a draft lives from upload to commit or cancel (at most a day), and the
mapping is a setting that makes next year's import need no clicks. Neither is tracked in history; the
activities an import writes are, each with the reason "Importert fra <filnavn>".
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from isms.core.models import Municipality


class ImportDraft(models.Model):
    """One user's import in progress in one municipality: the parsed sheets (never the file) and choices."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(max_length=255)
    sheets = models.JSONField(default=list)  # reading.Sheet.as_json() per sheet
    sheet_index = models.PositiveSmallIntegerField(default=0)
    header_row = models.PositiveIntegerField(default=1)  # spreadsheet row number of the headings
    columns = models.JSONField(default=list)  # field name (or "") per column of the header row
    values = models.JSONField(default=dict)  # {field: {normalised text: option or "__review__"}}
    sector_default = models.CharField(max_length=20, blank=True)
    sector_from_unit = models.BooleanField(default=True)
    new_systems = models.JSONField(default=list)  # unknown system names the user adds to the catalogue
    values_confirmed = models.BooleanField(default=False)
    # The last preview that had no problem, as the commit writes it (importing.service._stored_rows);
    # cleared whenever a choice changes, so a commit never writes what the user did not see.
    checked = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["municipality", "created_by"], name="import_draft_one_per_user")]

    def __str__(self) -> str:
        return self.filename


class ImportMapping(models.Model):
    """The column and value choices of a municipality's last import, offered again on the next one."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="protocol_import_mapping", verbose_name=_("municipality")
    )
    columns = models.JSONField(default=dict)  # {normalised heading: field or ""}
    values = models.JSONField(default=dict)  # as ImportDraft.values
    sector_default = models.CharField(max_length=20, blank=True)
    sector_from_unit = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("updated by")
    )

    class Meta:
        verbose_name = _("import mapping")
        verbose_name_plural = _("import mappings")

    def __str__(self) -> str:
        return str(self.municipality)
