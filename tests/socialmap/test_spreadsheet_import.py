"""Importing the sociale kaart from a spreadsheet (CSV or XLSX).

The big spreadsheet is generated here: 1,000 rows, 100 organisations with
five services and five locations each, and errors planted at known rows and
columns.
"""

import csv
import datetime
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook
from wagtail.models import PageLogEntry, Revision, WorkflowState

from core.models import TargetGroup, Theme
from editorial.services import buurtverbinder_grant, communicatie_grant
from socialmap.models import (
    Location,
    OpeningHours,
    OrganisationPage,
    Service,
    SupportLevel,
)
from socialmap.services import (
    ImportProblem,
    LocationData,
    OpeningHoursData,
    OrganisationData,
    OrganisationUpsertError,
    ServiceData,
    UpsertAction,
    organisation_upsert,
    sociale_kaart_import,
)
from socialmap.spreadsheet import (
    COLUMNS,
    CellError,
    parse_opening_hours,
    read_spreadsheet,
)
from socialmap.views import SESSION_KEY
from tests.factories import (
    NeighbourhoodFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[2] / "docs"
EXAMPLE = DOCS / "voorbeeld-sociale-kaart.csv"
HEADER = [column.name for column in COLUMNS]
WIJKEN = ("Binnenstad", "Havenkwartier", "Molenwijk")
THEMES = ("Eenzaamheid", "Geldzaken", "Mantelzorg", "Werk en vrijwilligerswerk")
TARGET_GROUPS = ("Ouderen", "Mantelzorgers")
ORGANISATIONS = 100
ROWS_PER_ORGANISATION = 10


def row_number(organisation: int, row: int) -> int:
    """The spreadsheet row of an organisation's n-th row (the header is row 1)."""
    return 2 + organisation * ROWS_PER_ORGANISATION + row


def generated_rows(organisations: int = ORGANISATIONS) -> list[dict[str, str]]:
    """Ten rows per organisation: five services and five locations, some rows
    repeating a service or location as municipalities do."""
    rows = []
    for i in range(organisations):
        kenmerk = f"ORG-{i:04d}"
        place = {"postcode": f"42{i % 90 + 10:02d} AB", "plaats": "Merwestad"}
        kerkstraat = {"adres": f"Kerkstraat {i + 1}", **place}
        rows += [
            {
                "kenmerk": kenmerk,
                "naam": f"Stichting Samen {i}",
                "samenvatting": "Hulp en ontmoeting in de buurt.",
                "beschrijving": f"Organisatie nummer {i}.\n\nLoop gerust binnen.",
                "telefoon": f"0183 {i:06d}",
                "email": f"info{i}@samen.example",
                "website": f"www.samen{i}.example",
                "wijken": WIJKEN[i % 3],
                "themas": "Eenzaamheid; geldzaken" if i % 2 else "Mantelzorg",
                "doelgroepen": "Ouderen" if i % 2 else "",
                "laatst_gecontroleerd": "15-01-2025",
                "dienst": f"Spreekuur {i}",
                "dienst_omschrijving": "Met al je vragen.",
                "voor_wie": "Iedereen",
                "kosten": "Gratis",
                "gratis": "ja",
                "hoe_aanvragen": "Gewoon binnenlopen.",
                "leefring": "algemeen",
                "locatie_naam": "Buurthuis",
                "openingstijden": "ma-vr 09:00-17:00",
                "breedtegraad": "51.8321",
                "lengtegraad": "4,9712",
                **kerkstraat,
            },
            {
                "kenmerk": kenmerk,
                "dienst": "Koffieochtend",
                "gratis": "ja",
                "leefring": "netwerk",
                **kerkstraat,
            },
            {
                "kenmerk": kenmerk,
                "dienst": "Formulierenhulp",
                "kosten": "€ 2,50",
                "gratis": "nee",
                "leefring": "maatwerk",
                "locatie_naam": "Steunpunt",
                "adres": f"Havendijk {i + 1}",
                "openingstijden": "di 13:00-16:00; do 19:00-21:00",
                **place,
            },
            {"kenmerk": kenmerk, "dienst": f"Spreekuur {i}", "kosten": "Gratis"},
            {
                "kenmerk": kenmerk,
                "adres": f"Molenweg {i + 1}",
                "openingstijden": "za 10:00-12:00",
                **place,
            },
            {
                "kenmerk": kenmerk,
                "dienst": "Maatjesproject",
                "leefring": "2",
                "locatie_naam": "Jongerenhuis",
                "adres": f"Walstraat {i + 1}",
                "openingstijden": "wo 18:00-21:00",
                **place,
            },
            {"kenmerk": kenmerk, "dienst": "Huiswerkklas", "leefring": "zelf"},
            {
                "kenmerk": kenmerk,
                "locatie_naam": "Bibliotheek",
                "adres": f"Vismarkt {i + 1}",
                "openingstijden": "dagelijks 10:00-22:00",
                **place,
            },
            {"kenmerk": kenmerk, "dienst": f"Spreekuur {i}", "gratis": "ja"},
            {"kenmerk": kenmerk, "openingstijden": "ma-vr 09:00-17:00", **kerkstraat},
        ]
    return rows


# (row, column, value): each gives exactly one problem at that row and column.
PLANTED = [
    (row_number(3, 0), "postcode", "12345"),
    (row_number(5, 0), "email", "geen-email"),
    (row_number(7, 0), "website", "javascript:alert(1)"),
    (row_number(9, 0), "telefoon", "183123456"),
    (row_number(11, 0), "wijken", "Noordpool"),
    (row_number(13, 0), "themas", "Mantelzorg; Ruimtevaart"),
    (row_number(15, 0), "doelgroepen", "Marsmannetjes"),
    (row_number(17, 1), "leefring", "heel veel"),
    (row_number(19, 1), "gratis", "misschien"),
    (row_number(21, 0), "openingstijden", "maandag tot vrijdag"),
    (row_number(23, 2), "openingstijden", "di 25:00-26:00"),
    (row_number(25, 3), "kenmerk", ""),
    (row_number(27, 1), "naam", "Andere naam"),
    (row_number(29, 2), "telefoon", "0183 999999"),
    (row_number(31, 3), "dienst", ""),
    (row_number(33, 4), "adres", ""),
    (row_number(35, 0), "lengtegraad", ""),
    (row_number(37, 0), "breedtegraad", "noord"),
    (row_number(39, 0), "naam", "=CMD()"),
    (row_number(41, 0), "laatst_gecontroleerd", "31-02-2024"),
    (row_number(43, 0), "laatst_gecontroleerd", "01-01-2999"),
    (row_number(45, 0), "toegankelijkheid", "x" * 10_001),
    (row_number(47, 1), "openingstijden", "ma-vr 08:00-17:00"),
    (row_number(49, 3), "kosten", "€ 5"),
    (row_number(51, 2), "openingstijden", "ma 09:00-12:00; ma 11:00-13:00"),
    (row_number(53, 0), "samenvatting", "x" * 501),
    (row_number(55, 2), "dienst", "Formulierenhulp\nmet een enter"),
    (row_number(57, 5), "leefring", "leefring 7"),
]
# openpyxl refuses to write control characters, so only the CSV has a NUL.
PLANTED_CSV_ONLY = [(row_number(59, 1), "dienst", "Koffie\x00ochtend")]
UNKNOWN_COLUMN = "kleur"


def planted_rows(planted) -> list[dict[str, str]]:
    rows = generated_rows()
    for number, column, value in planted:
        rows[number - 2][column] = value
    return rows


def as_csv(rows, *, header=HEADER, delimiter=";", bom=True) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode()


def as_xlsx(rows, *, header=HEADER) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(name, "") for name in header])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def make_user(username, **extra):
    return get_user_model().objects.create_user(
        username, f"{username}@example.org", password="x", **extra
    )


def organisations(index_page):
    return OrganisationPage.objects.child_of(index_page)


def revision_count() -> int:
    return Revision.page_revisions.count()


@pytest.fixture
def taxonomies(site):
    for name in WIJKEN:
        NeighbourhoodFactory(site=site, name=name, slug=name.lower())
    for name in THEMES:
        Theme.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    for name in TARGET_GROUPS:
        TargetGroup.objects.create(name=name, slug=name.lower())


@pytest.fixture
def index_page(site, taxonomies):
    return SocialMapPageFactory(parent=site.root_page)


@pytest.fixture
def communicatie(site):
    user = make_user("communicatie")
    communicatie_grant(user=user, site=site)
    return user


def import_bytes(data, *, site, user, filename="kaart.csv", dry_run=False):
    parsed = read_spreadsheet(data, filename=filename)
    return sociale_kaart_import(site=site, rows=parsed, user=user, dry_run=dry_run)


# The dry run on a spreadsheet of 1,000 rows ----------------------------------


@pytest.mark.parametrize(
    ("filename", "planted"),
    [("kaart.csv", PLANTED + PLANTED_CSV_ONLY), ("kaart.xlsx", PLANTED)],
)
def test_the_dry_run_reports_every_planted_error_by_row_and_column(
    site, index_page, communicatie, filename, planted
):
    rows = planted_rows(planted)
    header = [*HEADER, UNKNOWN_COLUMN]
    data = (
        as_xlsx(rows, header=header)
        if filename.endswith("xlsx")
        else as_csv(rows, header=header)
    )
    assert len(rows) == 1_000

    report = import_bytes(
        data, site=site, user=communicatie, filename=filename, dry_run=True
    )

    expected = {(number, column) for number, column, _value in planted}
    expected.add((1, UNKNOWN_COLUMN))
    assert {(p.row, p.column) for p in report.problems} == expected
    assert len(report.problems) == len(expected)
    assert report.created == report.updated == report.unchanged == 0
    assert organisations(index_page).count() == 0
    assert revision_count() == 0


def test_an_import_with_problems_writes_nothing(site, index_page, communicatie):
    data = as_csv(planted_rows(PLANTED))

    report = import_bytes(data, site=site, user=communicatie, dry_run=False)

    assert len(report.problems) == len(PLANTED)
    assert report.summary() == (
        f"{len(PLANTED)} problemen gevonden; er is niets ingelezen."
    )
    assert organisations(index_page).count() == 0
    assert revision_count() == 0
    assert WorkflowState.objects.count() == 0


def test_problems_read_as_plain_dutch_sentences(site, index_page, communicatie):
    rows = generated_rows(2)
    rows[12]["postcode"] = "12345"
    rows[13]["leefring"] = "heel veel"
    rows[14]["openingstijden"] = "maandag tot vrijdag"

    report = import_bytes(as_csv(rows), site=site, user=communicatie, dry_run=True)

    assert [str(problem) for problem in report.problems] == [
        "Rij 14, kolom 'postcode': '12345' is geen Nederlandse postcode "
        "(bijvoorbeeld 4201 AB).",
        "Rij 15, kolom 'leefring': 'heel veel' is geen leefring. Kies uit: "
        "zelf, netwerk, algemeen of maatwerk.",
        "Rij 16, kolom 'openingstijden': 'maandag tot vrijdag' begrijpen we niet. "
        "Schrijf bijvoorbeeld 'ma-vr 09:00-17:00; za 10:00-12:00'.",
    ]


def test_unknown_wijk_thema_and_doelgroep_name_the_choices(
    site, index_page, communicatie
):
    rows = generated_rows(1)
    rows[0].update(
        wijken="Binenstad", themas="Ruimtevaart", doelgroepen="Statushouders"
    )

    report = import_bytes(as_csv(rows), site=site, user=communicatie, dry_run=True)

    assert [problem.message for problem in report.problems] == [
        "'Binenstad' is geen wijk van Samen Teststad. Bedoel je 'Binnenstad'?",
        "'Ruimtevaart' is geen thema dat we kennen. Kies uit: Eenzaamheid, "
        "Geldzaken, Mantelzorg, Werk en vrijwilligerswerk.",
        "'Statushouders' is geen doelgroep die we kennen. Kies uit: "
        "Mantelzorgers, Ouderen.",
    ]


def test_a_wijk_of_another_site_is_unknown(site, other_site, index_page, communicatie):
    NeighbourhoodFactory(site=other_site, name="Dorpskern", slug="dorpskern")
    rows = generated_rows(1)
    rows[0]["wijken"] = "Dorpskern"

    report = import_bytes(as_csv(rows), site=site, user=communicatie, dry_run=True)

    assert [(p.row, p.column) for p in report.problems] == [(2, "wijken")]


def test_too_many_rows_is_a_problem(site, index_page, communicatie):
    parsed = read_spreadsheet(
        as_csv(generated_rows(2)), filename="kaart.csv", max_rows=15
    )

    report = sociale_kaart_import(
        site=site, rows=parsed, user=communicatie, dry_run=True, max_rows=15
    )

    assert [str(p) for p in report.problems] == [
        "Rij 17: Het bestand heeft meer dan 15 rijen met gegevens. Splits het in "
        "kleinere bestanden."
    ]


def test_missing_required_columns_are_reported_once(site, index_page, communicatie):
    header = ["kenmerk", "telefoon", "kosten", "postcode"]
    rows = [{k: v for k, v in row.items() if k in header} for row in generated_rows(3)]

    report = import_bytes(
        as_csv(rows, header=header), site=site, user=communicatie, dry_run=True
    )

    assert {(p.row, p.column) for p in report.problems} == {(1, None)}
    assert [p.message for p in report.problems] == [
        "De kolom 'naam' ontbreekt; die is verplicht.",
        "De kolom 'dienst' ontbreekt; die is nodig voor diensten (je gebruikt wel "
        "'kosten').",
        "De kolom 'adres' ontbreekt; die is nodig voor locaties (je gebruikt wel "
        "'postcode').",
        "De kolom 'plaats' ontbreekt; die is nodig voor locaties (je gebruikt wel "
        "'postcode').",
    ]


# The import ------------------------------------------------------------------


def test_a_clean_1000_row_file_creates_exactly_the_expected_drafts_and_again_nothing(
    site, index_page, communicatie, django_assert_max_num_queries
):
    data = as_xlsx(generated_rows())

    report = import_bytes(data, site=site, user=communicatie, filename="kaart.xlsx")

    assert report.problems == []
    assert (report.created, report.updated, report.unchanged) == (100, 0, 0)
    pages = organisations(index_page)
    assert pages.count() == 100
    assert set(pages.values_list("live", flat=True)) == {False}
    assert sorted(pages.values_list("external_id", flat=True)) == [
        f"ORG-{i:04d}" for i in range(100)
    ]
    assert Service.objects.filter(page__in=pages).count() == 500
    assert Location.objects.filter(page__in=pages).count() == 500
    assert OpeningHours.objects.count() == 100 * (5 + 2 + 1 + 1 + 7)
    assert revision_count() == 100
    states = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    assert states.count() == 100
    assert {state.current_task_state.task.name for state in states} == {
        "Goedkeuring door Communicatie (Samen Teststad)"
    }
    assert {state.requested_by for state in states} == {communicatie}

    page = pages.get(external_id="ORG-0001")
    assert page.title == "Stichting Samen 1"
    assert page.owner == communicatie
    # Stored as the editor stores it (core/rich_text.py), with block keys.
    assert re.sub(r' data-block-key="\w+"', "", page.description) == (
        "<p>Organisatie nummer 1.</p><p>Loop gerust binnen.</p>"
    )
    assert page.website == "https://www.samen1.example"
    assert page.last_checked == datetime.date(2025, 1, 15)
    assert [n.name for n in page.neighbourhoods.all()] == ["Havenkwartier"]
    assert {t.name for t in page.themes.all()} == {"Eenzaamheid", "Geldzaken"}
    assert [g.name for g in page.target_groups.all()] == ["Ouderen"]
    assert [
        (s.name, s.cost, s.is_free, s.support_level) for s in page.services.all()
    ] == [
        ("Spreekuur 1", "Gratis", True, SupportLevel.GENERAL),
        ("Koffieochtend", "", True, SupportLevel.NETWORK),
        ("Formulierenhulp", "€ 2,50", False, SupportLevel.INDIVIDUAL),
        ("Maatjesproject", "", False, SupportLevel.NETWORK),
        ("Huiswerkklas", "", False, SupportLevel.SELF),
    ]
    kerkstraat, havendijk, *_others = page.locations.all()
    assert (kerkstraat.street_address, kerkstraat.postcode, kerkstraat.city) == (
        "Kerkstraat 2",
        "4211 AB",
        "Merwestad",
    )
    assert (kerkstraat.latitude, kerkstraat.longitude) == (
        Decimal("51.8321"),
        Decimal("4.9712"),
    )
    assert [
        (h.weekday, f"{h.opens:%H:%M}", f"{h.closes:%H:%M}")
        for h in havendijk.opening_hours.all()
    ] == [(1, "13:00", "16:00"), (3, "19:00", "21:00")]
    assert page.get_parent().specific == index_page
    other = pages.get(external_id="ORG-0000")
    assert [n.name for n in other.neighbourhoods.all()] == ["Binnenstad"]
    assert [g.name for g in other.target_groups.all()] == []

    revisions, log_entries = revision_count(), PageLogEntry.objects.count()
    workflow_states = WorkflowState.objects.count()

    with django_assert_max_num_queries(12):
        again = import_bytes(data, site=site, user=communicatie, filename="kaart.xlsx")

    assert (again.created, again.updated, again.unchanged) == (0, 0, 100)
    assert again.problems == []
    assert revision_count() == revisions
    assert PageLogEntry.objects.count() == log_entries
    assert WorkflowState.objects.count() == workflow_states


def test_changing_one_cell_updates_exactly_one_organisation(
    site, index_page, communicatie
):
    rows = generated_rows(3)
    import_bytes(as_csv(rows), site=site, user=communicatie)
    first_state = WorkflowState.objects.get(
        object_id=str(organisations(index_page).get(external_id="ORG-0001").pk)
    )
    rows[row_number(1, 2) - 2]["kosten"] = "€ 3,00"

    report = import_bytes(as_csv(rows), site=site, user=communicatie)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    changed = organisations(index_page).get(external_id="ORG-0001")
    assert {
        page.external_id: page.revisions.count() for page in organisations(index_page)
    } == {"ORG-0000": 1, "ORG-0001": 2, "ORG-0002": 1}
    assert changed.services.get(name="Formulierenhulp").cost == "€ 3,00"
    latest = changed.get_latest_revision().content
    assert [s["cost"] for s in latest["services"]][2] == "€ 3,00"
    first_state.refresh_from_db()
    assert first_state.status == WorkflowState.STATUS_CANCELLED
    assert changed.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_published_organisation_stays_live_until_the_new_draft_is_approved(
    site, index_page, communicatie
):
    rows = generated_rows(1)
    import_bytes(as_csv(rows), site=site, user=communicatie)
    page = organisations(index_page).get()
    page.current_workflow_state.cancel(user=communicatie)
    page.get_latest_revision().publish(user=communicatie)
    rows[0]["naam"] = "Stichting Samen Sterker"
    rows[0]["telefoon"] = "0183 111 222"

    report = import_bytes(as_csv(rows), site=site, user=communicatie)

    assert report.updated == 1
    page.refresh_from_db()
    assert page.live is True
    assert page.title == "Stichting Samen 0"
    assert page.phone == "0183 000000"
    assert page.has_unpublished_changes is True
    draft = page.get_latest_revision_as_object()
    assert (draft.title, draft.phone) == ("Stichting Samen Sterker", "0183 111 222")
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_left_out_columns_and_empty_coordinates_keep_what_the_page_has(
    site, index_page, communicatie
):
    rows = generated_rows(2)
    import_bytes(as_csv(rows), site=site, user=communicatie)
    # Coordinates left empty: the pin stays (a geocoder or editor placed it).
    for row in rows:
        row["breedtegraad"] = row["lengtegraad"] = ""
    assert import_bytes(as_csv(rows), site=site, user=communicatie).unchanged == 2

    header = ["kenmerk", "naam", "telefoon"]
    only_phone = [
        {
            "kenmerk": "ORG-0000",
            "naam": "Stichting Samen 0",
            "telefoon": "0183 777 777",
        },
        {"kenmerk": "ORG-0001", "naam": "Stichting Samen 1", "telefoon": "0183 000001"},
    ]

    report = import_bytes(
        as_csv(only_phone, header=header), site=site, user=communicatie
    )

    assert (report.updated, report.unchanged) == (1, 1)
    page = organisations(index_page).get(external_id="ORG-0000")
    draft = page.get_latest_revision_as_object()
    assert draft.phone == "0183 777 777"
    assert draft.email == "info0@samen.example"
    assert len(draft.services.all()) == 5
    assert len(draft.locations.all()) == 5
    assert [t.name for t in draft.themes.all()] == ["Mantelzorg"]
    assert draft.locations.all()[0].latitude == Decimal("51.832100")


def test_a_service_left_out_of_the_file_is_removed(site, index_page, communicatie):
    rows = generated_rows(1)
    import_bytes(as_csv(rows), site=site, user=communicatie)
    rows[6]["dienst"] = ""  # Huiswerkklas
    rows[6]["leefring"] = ""

    report = import_bytes(as_csv(rows), site=site, user=communicatie)

    assert report.updated == 1
    page = organisations(index_page).get()
    assert "Huiswerkklas" not in [s.name for s in page.services.all()]
    assert page.services.count() == 4


def test_a_locked_organisation_is_a_problem_when_it_would_change(
    site, index_page, communicatie
):
    rows = generated_rows(1)
    import_bytes(as_csv(rows), site=site, user=communicatie)
    OrganisationPage.objects.update(locked=True, locked_by=make_user("redacteur"))
    assert import_bytes(as_csv(rows), site=site, user=communicatie).unchanged == 1
    rows[0]["telefoon"] = "0183 222 333"

    report = import_bytes(as_csv(rows), site=site, user=communicatie, dry_run=True)

    assert [(p.row, p.column) for p in report.problems] == [(2, "kenmerk")]
    assert "vergrendeld" in report.problems[0].message


def test_an_external_id_on_two_pages_is_a_problem(site, index_page, communicatie):
    rows = generated_rows(1)
    import_bytes(as_csv(rows), site=site, user=communicatie)
    page = organisations(index_page).get()
    page.copy(update_attrs={"slug": "kopie", "title": "Kopie"})

    report = import_bytes(as_csv(rows), site=site, user=communicatie, dry_run=True)

    assert [(p.row, p.column) for p in report.problems] == [(2, "kenmerk")]
    assert "meer dan één organisatie" in report.problems[0].message


def test_a_site_without_a_sociale_kaart_page_is_a_problem(
    site, taxonomies, communicatie
):
    report = import_bytes(
        as_csv(generated_rows(1)), site=site, user=communicatie, dry_run=True
    )

    assert [p.message for p in report.problems] == [
        "Samen Teststad heeft nog geen pagina 'Sociale kaart'. Maak die eerst "
        "aan; de organisaties komen eronder."
    ]


def test_the_example_file_imports_cleanly(site, index_page, communicatie):
    report = import_bytes(EXAMPLE.read_bytes(), site=site, user=communicatie)

    assert report.problems == []
    assert report.created == 3
    pages = {page.external_id: page for page in organisations(index_page)}
    schakel = pages["ORG-001"]
    assert [s.name for s in schakel.services.all()] == [
        "Koffieochtend",
        "Formulierenhulp",
    ]
    assert [loc.name for loc in schakel.locations.all()] == [
        "Buurthuis De Schakel",
        "Steunpunt Havenkwartier",
    ]
    assert {n.name for n in schakel.neighbourhoods.all()} == {
        "Binnenstad",
        "Havenkwartier",
    }
    assert pages["ORG-002"].services.get(name="Respijtzorg").support_level == (
        SupportLevel.INDIVIDUAL
    )
    assert pages["ORG-003"].locations.get().opening_hours.get().weekday == 5


def test_the_documentation_describes_every_column():
    text = (DOCS / "sociale-kaart-import.md").read_text()

    assert [c.name for c in COLUMNS if f"`{c.name}`" not in text] == []
    with EXAMPLE.open(newline="", encoding="utf-8") as example:
        assert next(csv.reader(example, delimiter=";")) == HEADER


# organisation_upsert, for other sources (HSDS) -------------------------------


def test_organisation_upsert_creates_then_leaves_unchanged_data_alone(
    site, index_page, communicatie
):
    data = OrganisationData(
        external_id="hsds-1",
        title="Voedselbank",
        phone="0183 444 555",
        themes=list(Theme.objects.filter(slug="geldzaken")),
        services=[ServiceData(name="Voedselpakket", is_free=True)],
        locations=[
            LocationData(
                street_address="Havendijk 1",
                city="Merwestad",
                opening_hours=[
                    OpeningHoursData(0, datetime.time(9), datetime.time(12))
                ],
            )
        ],
    )

    created = organisation_upsert(index_page=index_page, data=data, user=communicatie)
    again = organisation_upsert(index_page=index_page, data=data, user=communicatie)

    assert created.action == UpsertAction.CREATED
    assert created.page.live is False
    assert created.revision is not None
    assert again.action == UpsertAction.UNCHANGED
    assert again.revision is None
    assert created.page.revisions.count() == 1
    service = created.page.services.get()
    assert (service.name, service.is_free, service.description) == (
        "Voedselpakket",
        True,
        "",
    )

    # A field left at None keeps its value; a service matched by name keeps
    # the fields the source does not give.
    Service.objects.filter(pk=service.pk).update(description="Elke vrijdag.")
    page = OrganisationPage.objects.get(pk=created.page.pk)
    page.save_revision(user=communicatie)
    less = OrganisationData(
        external_id="hsds-1",
        title="Voedselbank",
        services=[ServiceData(name="voedselpakket", is_free=True)],
    )
    assert (
        organisation_upsert(index_page=index_page, data=less, user=communicatie).action
        == UpsertAction.UPDATED
    )
    draft = page.get_latest_revision_as_object()
    assert draft.phone == "0183 444 555"
    assert draft.services.all()[0].description == "Elke vrijdag."


def test_organisation_upsert_refuses_a_wijk_of_another_site(
    site, other_site, index_page, communicatie
):
    elsewhere = NeighbourhoodFactory(site=other_site, name="Dorp", slug="dorp")
    data = OrganisationData(external_id="x", title="Ergens", neighbourhoods=[elsewhere])

    with pytest.raises(OrganisationUpsertError, match="horen niet bij dit platform"):
        organisation_upsert(index_page=index_page, data=data, user=communicatie)
    assert organisations(index_page).count() == 0


# Reading files -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("delimiter", "bom"), [(";", True), (",", False), ("\t", True), (",", True)]
)
def test_csv_with_or_without_bom_and_any_common_delimiter(
    site, index_page, communicatie, delimiter, bom
):
    data = as_csv(generated_rows(2), delimiter=delimiter, bom=bom)

    report = import_bytes(data, site=site, user=communicatie, dry_run=True)

    assert report.problems == []
    assert report.created == 2


def test_column_names_may_be_written_like_people_write_them(
    site, index_page, communicatie
):
    data = (
        "Kenmerk;Naam;E-mail;Thema's;Locatie naam;Adres;Plaats\n"
        "A1;De Brug;info@debrug.example;Wonen;Het Anker;Markt 2;Merwestad\n"
    )
    Theme.objects.create(name="Wonen", slug="wonen")

    report = import_bytes(data.encode(), site=site, user=communicatie)

    assert report.problems == []
    page = organisations(index_page).get()
    assert (page.email, page.locations.get().name) == (
        "info@debrug.example",
        "Het Anker",
    )


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("ma-vr 09:00-17:00", [(d, "09:00", "17:00") for d in range(5)]),
        (
            "ma, wo en vr 9.00-12.00; za 10-12",
            [
                (0, "09:00", "12:00"),
                (2, "09:00", "12:00"),
                (4, "09:00", "12:00"),
                (5, "10:00", "12:00"),
            ],
        ),
        ("di 09:00-12:00, 13:00-17:00", [(1, "09:00", "12:00"), (1, "13:00", "17:00")]),
        (
            "maandag t/m woensdag 08:30-10:00 uur",
            [(d, "08:30", "10:00") for d in range(3)],
        ),
        ("vr 20:00-01:00; zo gesloten", [(4, "20:00", "01:00")]),
        (
            "za-ma 10:00-24:00",
            [(0, "10:00", "00:00"), (5, "10:00", "00:00"), (6, "10:00", "00:00")],
        ),
        ("dagelijks 07:00-08:00", [(d, "07:00", "08:00") for d in range(7)]),
        ("maandag tot vrijdag 9-17", [(d, "09:00", "17:00") for d in range(5)]),
        ("", []),
    ],
)
def test_opening_hours_in_plain_words(text, slots):
    assert [
        (s.weekday, f"{s.opens:%H:%M}", f"{s.closes:%H:%M}")
        for s in parse_opening_hours(text)
    ] == slots


@pytest.mark.parametrize(
    "text",
    ["09:00-17:00", "ma", "ma 9 tot", "ma 09:00-09:00", "xx 09:00-10:00", "ma 9:61-10"],
)
def test_opening_hours_that_we_do_not_understand(text):
    with pytest.raises(CellError):
        parse_opening_hours(text)


def test_a_problem_names_row_and_column():
    problem = ImportProblem(
        "'12345' is geen Nederlandse postcode (bijvoorbeeld 4201 AB).",
        row=14,
        column="postcode",
    )

    assert str(problem) == (
        "Rij 14, kolom 'postcode': '12345' is geen Nederlandse postcode "
        "(bijvoorbeeld 4201 AB)."
    )


# The management command --------------------------------------------------------


def test_the_command_dry_run_counts_and_writes_nothing(site, index_page, communicatie):
    out = io.StringIO()

    call_command(
        "import_sociale_kaart",
        str(EXAMPLE),
        "--site",
        "localhost",
        "--user",
        "communicatie",
        "--dry-run",
        stdout=out,
        stderr=io.StringIO(),
    )

    assert out.getvalue().strip() == (
        "Proef geslaagd, er is nog niets opgeslagen: 3 nieuw, 0 bijgewerkt, "
        "0 ongewijzigd."
    )
    assert organisations(index_page).count() == 0


def test_the_command_imports_and_a_second_run_changes_nothing(
    site, index_page, communicatie
):
    def run() -> str:
        out = io.StringIO()
        call_command(
            "import_sociale_kaart",
            str(EXAMPLE),
            "--site=localhost:80",
            "--user=communicatie",
            "--no-progress",
            stdout=out,
            stderr=io.StringIO(),
        )
        return out.getvalue().strip()

    assert run() == "Ingelezen: 3 nieuw, 0 bijgewerkt, 0 ongewijzigd."
    assert run() == "Ingelezen: 0 nieuw, 0 bijgewerkt, 3 ongewijzigd."
    assert organisations(index_page).count() == 3


def test_the_command_lists_the_problems_and_exits_with_1(
    site, index_page, communicatie, tmp_path
):
    rows = generated_rows(1)
    rows[0]["postcode"] = "12345"
    path = tmp_path / "kaart.xlsx"
    path.write_bytes(as_xlsx(rows))
    out = io.StringIO()

    with pytest.raises(CommandError) as error:
        call_command(
            "import_sociale_kaart",
            str(path),
            "--site=localhost",
            "--user=communicatie",
            stdout=out,
            stderr=io.StringIO(),
        )

    assert error.value.returncode == 1
    assert str(error.value) == "1 probleem gevonden; er is niets ingelezen."
    assert out.getvalue().splitlines() == [
        "Rij 2, kolom 'postcode': '12345' is geen Nederlandse postcode "
        "(bijvoorbeeld 4201 AB)."
    ]
    assert organisations(index_page).count() == 0


def test_the_command_needs_a_user_who_may_publish_on_the_site(
    site, other_site, index_page
):
    communicatie_grant(user=make_user("elders"), site=other_site)

    with pytest.raises(CommandError, match="mag op Samen Teststad niet publiceren"):
        call_command(
            "import_sociale_kaart",
            str(EXAMPLE),
            "--site=localhost",
            "--user=elders",
            stdout=io.StringIO(),
        )
    with pytest.raises(CommandError, match="Geen platform"):
        call_command(
            "import_sociale_kaart",
            str(EXAMPLE),
            "--site=nergens.localhost",
            "--user=elders",
            stdout=io.StringIO(),
        )


# The admin upload form -------------------------------------------------------


def upload(client, data, *, site, filename="kaart.csv"):
    return client.post(
        reverse("socialmap_import"),
        {"file": SimpleUploadedFile(filename, data), "site": site.pk},
    )


def test_communicatie_checks_a_file_then_imports_it(
    client, site, index_page, communicatie
):
    client.force_login(communicatie)
    page = client.get(reverse("socialmap_import"))
    assert page.status_code == 200
    assert "Sociale kaart importeren" in page.content.decode()
    assert "openingstijden" in page.content.decode()

    checked = upload(client, EXAMPLE.read_bytes(), site=site)

    html = checked.content.decode()
    assert checked.status_code == 200
    assert "Klaar om in te lezen" in html
    assert "3 nieuwe organisaties" in html
    assert organisations(index_page).count() == 0
    token = client.session[SESSION_KEY]["token"]
    assert f'value="{token}"' in html

    imported = client.post(reverse("socialmap_import"), {"token": token})

    assert imported.status_code == 302
    assert imported.url == reverse("wagtailadmin_explore", args=[index_page.pk])
    assert organisations(index_page).count() == 3
    assert (
        WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count()
        == 3
    )
    assert SESSION_KEY not in client.session
    listing = client.get(imported.url).content.decode()
    assert "Ingelezen: 3 nieuw, 0 bijgewerkt, 0 ongewijzigd." in listing

    twice = client.post(reverse("socialmap_import"), {"token": token})
    assert twice.status_code == 302
    assert twice.url == reverse("socialmap_import")
    assert organisations(index_page).count() == 3


def test_the_admin_shows_every_problem_by_row_and_column(
    client, site, index_page, communicatie
):
    rows = generated_rows(2)
    rows[1]["postcode"] = "12345"
    rows[12]["email"] = "geen-email"
    client.force_login(communicatie)

    response = upload(client, as_xlsx(rows), site=site, filename="kaart.xlsx")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Wat er niet klopt" in html
    cells = re.findall(r"<td>(.*?)</td>", html)
    assert ["3", "postcode"] == cells[cells.index("3") : cells.index("3") + 2]
    assert "&#x27;12345&#x27; is geen Nederlandse postcode" in html
    assert "&#x27;geen-email&#x27; is geen e-mailadres" in html
    assert SESSION_KEY not in client.session
    assert organisations(index_page).count() == 0


def test_communicatie_of_another_site_cannot_import_into_this_one(
    client, site, other_site, index_page
):
    elsewhere = make_user("elders")
    communicatie_grant(user=elsewhere, site=other_site)
    client.force_login(elsewhere)

    response = upload(client, EXAMPLE.read_bytes(), site=site)

    assert response.status_code == 200
    assert "Klaar om in te lezen" not in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_buurtverbinder_may_not_import(client, site, index_page, neighbourhood):
    wijk = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=site.root_page),
        neighbourhood=neighbourhood,
    )
    anouk = make_user("anouk")
    buurtverbinder_grant(user=anouk, neighbourhood_page=wijk)
    client.force_login(anouk)

    assert client.get(reverse("socialmap_import")).url == reverse("wagtailadmin_home")
    response = upload(client, EXAMPLE.read_bytes(), site=site)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert client.get(reverse("socialmap_import_example")).status_code == 302
    assert organisations(index_page).count() == 0
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("socialmap_import") not in home


def test_the_menu_and_the_example_file_are_there_for_communicatie(
    client, site, index_page, communicatie
):
    client.force_login(communicatie)

    home = client.get(reverse("wagtailadmin_home")).content.decode()
    example = client.get(reverse("socialmap_import_example"))

    assert reverse("socialmap_import") in home
    assert example.status_code == 200
    assert b"".join(example.streaming_content) == EXAMPLE.read_bytes()


def _zip_without_a_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notities.txt", "geen werkmap")
    return out.getvalue()


def _with_cell(column: str, value: str, *, xlsx: bool = False) -> bytes:
    rows = generated_rows(1)
    rows[0][column] = value
    return as_xlsx(rows) if xlsx else as_csv(rows)


HOSTILE = [
    ("kaart.csv", _with_cell("naam", "=CMD()"), "bevat een formule (=CMD())"),
    ("kaart.xlsx", _with_cell("naam", "=CMD()", xlsx=True), "bevat een formule"),
    ("kaart.csv", _with_cell("naam", "De\x00Brug"), "onzichtbare stuurtekens"),
    ("kaart.csv", b"kenmerk;naam\n\x00\x00\x00;\x00\n", "onzichtbare stuurtekens"),
    (
        "kaart.csv",
        _with_cell("beschrijving", "x" * 5_000_000),
        "een cel is langer dan 131.072 tekens",
    ),
    (
        "kaart.xlsx",
        _with_cell("beschrijving", "x" * 5_000_000, xlsx=True),
        # Excel (and openpyxl) keep 32,767 characters of a cell.
        "De tekst is 32.767 tekens lang; er passen er 10.000 in.",
    ),
    ("kaart.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "geen geldig Excel"),
    ("kaart.xlsx", _zip_without_a_workbook(), "geen geldig Excel-bestand"),
    ("kaart.xlsx", b"PK\x03\x04" + b"\x00" * 200, "geen geldig Excel-bestand"),
    ("kaart.csv", "kenmerk;naam\nA1;Café\n".encode("latin-1"), "niet als UTF-8"),
    ("kaart.csv", "kenmerk;naam\nA1;X\n".encode("utf-16"), "UTF-16"),
    ("kaart.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "oud Excel-bestand (.xls)"),
    ("kaart.pdf", b"%PDF-1.4 ...", "extensie .pdf"),
    ("kaart.csv", b"\n\n", "Het bestand is leeg."),
    ("kaart.csv", b";;\nA1;B;C\n", "Rij 1 moet de kolomnamen bevatten"),
]


@pytest.mark.parametrize(
    ("filename", "data", "message"), HOSTILE, ids=[h[2][:30] for h in HOSTILE]
)
def test_hostile_input_gets_a_clean_dutch_message_and_writes_nothing(
    client, site, index_page, communicatie, filename, data, message
):
    client.force_login(communicatie)

    response = upload(client, data, site=site, filename=filename)

    assert response.status_code == 200
    assert message.replace("'", "&#x27;") in response.content.decode()
    assert "Wat er niet klopt" in response.content.decode()
    assert SESSION_KEY not in client.session
    assert organisations(index_page).count() == 0


def test_an_empty_upload_is_refused_by_the_form(client, site, index_page, communicatie):
    client.force_login(communicatie)

    response = upload(client, b"", site=site)

    assert response.status_code == 200
    assert "Wat er niet klopt" not in response.content.decode()
    assert organisations(index_page).count() == 0


def test_organisation_upsert_checks_the_fields_before_writing(
    site, index_page, communicatie
):
    data = OrganisationData(
        external_id=" hsds-2 ",
        title="Buurtzorg",
        email="geen e-mail",
        services=[ServiceData(name="x" * 151, support_level="heel veel")],
    )

    with pytest.raises(OrganisationUpsertError) as error:
        organisation_upsert(index_page=index_page, data=data, user=communicatie)

    assert str(error.value).startswith(
        "De organisatie 'Buurtzorg' kan zo niet worden opgeslagen: e-mail: "
    )
    assert "naam: " in str(error.value)
    assert "soort hulp: " in str(error.value)
    assert organisations(index_page).count() == 0

    data.email, data.services = "info@buurtzorg.example", []
    result = organisation_upsert(index_page=index_page, data=data, user=communicatie)
    assert result.page.external_id == "hsds-2"
