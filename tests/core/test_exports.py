"""Spreadsheet cells that cannot run what someone typed (core.exports), and
the sociale kaart's report export that uses it."""

import csv
import datetime
import decimal
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils.exceptions import IllegalCharacterError

from core.exports import FORMULA_PREFIXES, spreadsheet_safe, wagtail_exports_protect
from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)


@pytest.mark.parametrize(
    ("typed", "cell"),
    [
        ("=CMD()", "'=CMD()"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\tgewoon", "'\tgewoon"),
        ("  =1+1", "'  =1+1"),
        ("\n=1+1", "'\n=1+1"),
        ("\u00a0=1", "'\u00a0=1"),
        # A control character is left out, also one that hid a formula.
        ("\x00=CMD()", "'=CMD()"),
        ("Buurt\x07huis\x1f", "Buurthuis"),
        # Everything else stays as typed.
        ("Repair café", "Repair café"),
        ("1+1=2", "1+1=2"),
        ("e-mail: a@example.org", "e-mail: a@example.org"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("regel 1\nregel 2\tmet tab", "regel 1\nregel 2\tmet tab"),
        ("'=al tekst", "'=al tekst"),
        ("", ""),
    ],
)
def test_text_that_a_spreadsheet_would_run_gets_an_apostrophe(typed, cell):
    assert spreadsheet_safe(typed) == cell


@pytest.mark.parametrize(
    "value",
    [
        None,
        -5,
        2.5,
        -0.1,
        decimal.Decimal("-1.50"),
        True,
        datetime.date(2025, 3, 1),
        datetime.datetime(2025, 3, 1, 9, 30),
        datetime.time(9, 30),
        datetime.timedelta(hours=-2),
    ],
)
def test_numbers_and_dates_stay_typed_values(value):
    assert spreadsheet_safe(value) is value


def test_other_values_become_safe_text():
    class Title:
        def __str__(self):
            return '=HYPERLINK("https://example.org")'

    assert spreadsheet_safe(Title()) == '\'=HYPERLINK("https://example.org")'
    assert spreadsheet_safe(gettext_lazy("-min")) == "'-min"
    assert spreadsheet_safe(["=a"]) == "['=a']"


def test_openpyxl_refuses_control_characters_that_spreadsheet_safe_leaves_out():
    worksheet = openpyxl.Workbook(write_only=True).create_sheet()
    with pytest.raises(IllegalCharacterError):
        WriteOnlyCell(worksheet, "Buurt\x00huis")

    assert WriteOnlyCell(worksheet, spreadsheet_safe("Buurt\x00huis")).value == (
        "Buurthuis"
    )


def test_safe_cells_come_back_as_text_from_an_xlsx_file():
    planted = ["=CMD()", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "a\x00b", -2, 3.5]
    workbook = openpyxl.Workbook(write_only=True)
    worksheet = workbook.create_sheet()
    worksheet.append([spreadsheet_safe(value) for value in planted])
    output = io.BytesIO()
    workbook.save(output)

    cells = next(openpyxl.load_workbook(output).active.iter_rows())

    assert [cell.value for cell in cells] == [
        "'=CMD()",
        "'+1+1",
        "'-2+3",
        "'@SUM(A1)",
        "'\t=1",
        "ab",
        -2,
        3.5,
    ]
    assert {cell.data_type for cell in cells} == {"s", "n"}


# The sociale kaart's report of organisations nobody checked


@pytest.mark.django_db
def test_the_sociale_kaart_report_exports_no_formula(client, site):
    kaart = SocialMapPageFactory(parent=site.root_page)
    OrganisationPageFactory(
        parent=kaart,
        title='=HYPERLINK("https://example.org","Klik")',
        phone="+31 6 12345678",
        email="=cmd@example.org",
    )
    OrganisationPageFactory(parent=kaart, title="<b>Buurthuis</b>\x07")
    client.force_login(
        get_user_model().objects.create_superuser("root", "root@example.org", "x")
    )
    url = reverse("socialmap_reports:not_checked")

    response = client.get(url, {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    csv_rows = list(csv.reader(io.StringIO(body)))
    response = client.get(url, {"export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    xlsx_cells = [cell for row in workbook.active.iter_rows() for cell in row]

    csv_cells = {cell for row in csv_rows for cell in row}
    assert {
        '\'=HYPERLINK("https://example.org","Klik")',
        "'+31 6 12345678",
        "'=cmd@example.org",
        "<b>Buurthuis</b>",
    } <= csv_cells
    assert not any(cell.lstrip().startswith(FORMULA_PREFIXES) for cell in csv_cells)
    assert '\'=HYPERLINK("https://example.org","Klik")' in {
        cell.value for cell in xlsx_cells
    }
    assert "<b>Buurthuis</b>" in {cell.value for cell in xlsx_cells}
    assert all(cell.data_type != "f" for cell in xlsx_cells)


# Wagtail's own reports


@pytest.mark.django_db
def test_wagtails_own_reports_export_no_formula_once_protected(client, site):
    wagtail_exports_protect()
    wagtail_exports_protect()  # a second call changes nothing
    NewsPageFactory(
        parent=NewsIndexPageFactory(parent=site.root_page),
        title="=CMD()\x07",
        slug="cmd",
        last_published_at=timezone.now(),
    )
    client.force_login(
        get_user_model().objects.create_superuser("root", "root@example.org", "x")
    )
    url = reverse("wagtailadmin_reports:aging_pages")

    response = client.get(url, {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    csv_cells = {cell for row in csv.reader(io.StringIO(body)) for cell in row}
    response = client.get(url, {"export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    xlsx_cells = [cell for row in workbook.active.iter_rows() for cell in row]

    assert "'=CMD()" in csv_cells
    assert not any(cell.lstrip().startswith(FORMULA_PREFIXES) for cell in csv_cells)
    assert "'=CMD()" in {cell.value for cell in xlsx_cells}
    assert all(cell.data_type != "f" for cell in xlsx_cells)
