"""Countries where data is stored or transferred, and whether GDPR regards them as third countries."""

from django.utils.translation import gettext_lazy as _

# The EEA: GDPR applies, so storing data here is not a third-country transfer.
EEA = {
    "NO": _("Norway"), "SE": _("Sweden"), "DK": _("Denmark"), "FI": _("Finland"), "IS": _("Iceland"),
    "DE": _("Germany"), "NL": _("Netherlands"), "IE": _("Ireland"), "FR": _("France"), "BE": _("Belgium"),
    "LU": _("Luxembourg"), "AT": _("Austria"), "ES": _("Spain"), "PT": _("Portugal"), "IT": _("Italy"),
    "PL": _("Poland"), "CZ": _("Czechia"), "SK": _("Slovakia"), "HU": _("Hungary"), "SI": _("Slovenia"),
    "HR": _("Croatia"), "RO": _("Romania"), "BG": _("Bulgaria"), "GR": _("Greece"), "CY": _("Cyprus"),
    "MT": _("Malta"), "EE": _("Estonia"), "LV": _("Latvia"), "LT": _("Lithuania"), "LI": _("Liechtenstein"),
}  # fmt: skip
THIRD_COUNTRIES = {
    "GB": _("United Kingdom"), "CH": _("Switzerland"), "US": _("United States"), "CA": _("Canada"),
    "JP": _("Japan"), "KR": _("South Korea"), "IL": _("Israel"), "NZ": _("New Zealand"),
    "UY": _("Uruguay"), "AR": _("Argentina"), "IN": _("India"), "AU": _("Australia"),
    "SG": _("Singapore"), "UA": _("Ukraine"), "CN": _("China"),
}  # fmt: skip

# Norway first, then the rest of the EEA and the third countries, each group in the order above.
COUNTRY_CHOICES = [("", _("Not known")), *EEA.items(), *THIRD_COUNTRIES.items()]


def is_third_country(code: str) -> bool:
    return bool(code) and code not in EEA
