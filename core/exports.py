"""Spreadsheet exports (CSV and XLSX) that cannot run what someone typed.

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return before one) as a formula: a resident who names
a help post ``=HYPERLINK(...)`` could make the municipality's spreadsheet
fetch a web address or worse ("CSV injection", OWASP). Every CSV and XLSX the
platform writes passes its cells through ``spreadsheet_safe``, which puts an
apostrophe before such text, the way a spreadsheet itself marks text that
looks like a formula. Numbers and dates stay typed values.

``SpreadsheetSafeExportMixin`` does this for our own Wagtail report and
listing views (``list_export``, ``?export=csv`` or ``?export=xlsx``);
``wagtail_exports_protect`` does it for Wagtail's own reports (locked and
aging pages, site history, workflows), which export editors' page titles.
"""

import datetime
import decimal
import re
from typing import Any

from django.utils.encoding import force_str
from django.utils.functional import Promise

# Cells a spreadsheet would run as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# Control characters an XLSX file cannot hold (openpyxl raises
# IllegalCharacterError on them; the same set as its ILLEGAL_CHARACTERS_RE).
# Tab, line feed and carriage return are allowed and kept.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# Values written as they are: a spreadsheet shows them as numbers or dates.
TYPED_VALUES = (
    bool,
    int,
    float,
    decimal.Decimal,
    datetime.date,
    datetime.time,
    datetime.timedelta,
)


def spreadsheet_safe(value: Any) -> Any:
    """``value`` as a spreadsheet cell that cannot become a formula.

    ``None`` and numbers, dates and times come back unchanged. Anything else
    becomes text without the control characters a spreadsheet cannot hold;
    text that starts with a formula character, also after leading spaces or
    line breaks, gets an apostrophe in front. Otherwise the text is kept.
    """
    if value is None or isinstance(value, TYPED_VALUES):
        return value
    text = force_str(value) if isinstance(value, Promise) else str(value)
    text = CONTROL_CHARACTERS.sub("", text)
    if text.lstrip().startswith(FORMULA_PREFIXES) or text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class SpreadsheetSafeExportMixin:
    """For a view with Wagtail's ``SpreadsheetExportMixin`` (``ReportView``,
    ``IndexView``): every exported cell and heading goes through
    ``spreadsheet_safe``, and an XLSX cell holding text is always text.

    Put it before the Wagtail view in the bases.
    """

    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_safe(
            super().preprocess_field_value(field, value, export_format)
        )

    def get_heading(self, queryset, field):
        return spreadsheet_safe(super().get_heading(queryset, field))

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            if isinstance(cell.value, str):
                # openpyxl reads text that starts with "=" as a formula.
                cell.data_type = "s"
            yield cell


def wagtail_exports_protect() -> None:
    """Make every export of Wagtail's ``SpreadsheetExportMixin`` safe, also
    those of Wagtail's own reports. Call once at start-up (an app's
    ``ready``); calling again changes nothing.

    Wagtail's mixin writes cells as they are; this wraps its cell and heading
    preprocessing with ``spreadsheet_safe``. Views that also use
    ``SpreadsheetSafeExportMixin`` are unaffected: a safe cell stays the same.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_buurtplein_spreadsheet_safe", False):
        return
    preprocess = SpreadsheetExportMixin.preprocess_field_value
    heading = SpreadsheetExportMixin.get_heading

    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_safe(preprocess(self, field, value, export_format))

    def get_heading(self, queryset, field):
        return spreadsheet_safe(heading(self, queryset, field))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = get_heading
    SpreadsheetExportMixin._buurtplein_spreadsheet_safe = True
