"""Residents' personal data (AVG): export, erasure and purge.

A test person (Jolanda Verbeek) has a response to a vacancy, two tips, a help
request and a help offer, stored with her address in different cases; a
moderator edits and deletes some of them in the admin, so log entries copy
their titles. Someone else (Karel Oudewater) has the same kinds of records.
Erasure must leave no trace of Jolanda in any table, and nothing of Karel's
may change; the export holds all of hers and none of his.
"""

import csv
import datetime
import io
import json
import zipfile
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision, RevisionMixin
from wagtail.search import index
from wagtail.search.index import class_is_indexed

from core.models import Suggestion, SuggestionStatus
from core.personal_data import (
    ERASE_ACTION,
    EXPORT_ACTION,
    email_fingerprint,
    personal_data_export,
    personal_data_providers,
)
from editorial.report_selectors import help_posts_per_neighbourhood
from editorial.services import (
    beheerder_grant,
    buurtverbinder_grant,
    communicatie_grant,
)
from helpboard.log_actions import REQUEST_CHANGE
from helpboard.models import (
    HelpKind,
    HelpPost,
    HelpReferral,
    HelpReport,
    HelpReportReason,
    HelpResponse,
    HelpStatus,
)
from tests.factories import (
    HelpOfferFactory,
    HelpRequestFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
    VacancyPageFactory,
)
from tests.factories.core import SuggestionFactory
from tests.factories.vacancies import VacancyResponseFactory
from vacancies.models import VacancyResponse

pytestmark = pytest.mark.django_db

EMAIL = "jolanda.verbeek@example.org"
NAME = "Jolanda Verbeek"
PHONE = "06-98765432"
# What must be gone after erasure, looked for case-insensitively everywhere.
TRACES = ("jolanda", "verbeek", "98765432")
OTHER_EMAIL = "karel@example.org"
URL = reverse("core_personal_data")
KINDS = {
    "vacancy_responses",
    "suggestions",
    "help_posts",
    "help_responses",
    "help_reports",
}


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        "admin", "admin@example.org", "geheim"
    )


@pytest.fixture
def vacancy(home_page):
    return VacancyPageFactory(
        parent=OrganisationPageFactory(parent=SocialMapPageFactory(parent=home_page)),
        title="Voorlezen in de bibliotheek",
    )


def plant(*, vacancy, neighbourhood, email, name, first_name, phone, word, answered):
    """One person's records of every kind; ``word`` marks them in titles.
    ``answered`` is someone else's post this person responds to."""
    records = {
        "response": VacancyResponseFactory(
            vacancy=vacancy,
            name=name,
            email=email.upper(),
            phone=phone,
            message=f"Groeten van {name}. =CMD()",
        ),
        "tip": SuggestionFactory(
            neighbourhood=neighbourhood,
            title=f"Koffie bij {name}",
            name=name,
            email=email,
            contact_consent=True,
        ),
        "deleted tip": SuggestionFactory(
            title=f"Tweede tip van {name}",
            name=name,
            email=email.title(),
            contact_consent=True,
        ),
        "request": HelpRequestFactory(
            neighbourhood=neighbourhood,
            title=f"{word}: {first_name} zoekt hulp",
            description=f"Bel {phone}",
            first_name=first_name,
            email=email.capitalize(),
            phone=phone,
            status=HelpStatus.PUBLISHED,
        ),
        "offer": HelpOfferFactory(
            neighbourhood=neighbourhood,
            title=f"{word}: {first_name} helpt",
            description=f"{name} kookt graag",
            first_name=first_name,
            email=email,
            status=HelpStatus.CLOSED,
        ),
        "help response": HelpResponse.objects.create(
            post=answered,
            name=name,
            email=email,
            message=f"Groeten van {name}, bel me op {phone}.",
        ),
    }
    # What others write about this person's request: a visitor's report and
    # a moderator's referral note.
    HelpReport.objects.create(
        post=records["request"],
        reason=HelpReportReason.PRIVACY,
        explanation=f"Hier staat het nummer van {name}",
    )
    HelpReferral.objects.create(
        post=records["request"],
        organisation_name="Buurtteam Oost",
        sent_to="buurtteam@example.org",
        note=f"{name} is 82 en slecht ter been.",
        decline_reason=f"{first_name} staat al bij ons ingeschreven.",
    )
    return records


@pytest.fixture
def people(client, superuser, vacancy, neighbourhood):
    # A third resident's post that both answer: neither one's erasure touches it.
    answered = HelpRequestFactory(
        title="Wie helpt met de computer?",
        first_name="Ans",
        email="ans@example.org",
        status=HelpStatus.PUBLISHED,
    )
    jolanda = plant(
        answered=answered,
        vacancy=vacancy,
        neighbourhood=neighbourhood,
        email=EMAIL,
        name=NAME,
        first_name="Jolanda",
        phone=PHONE,
        word="Boodschappen",
    )
    karel = plant(
        answered=answered,
        vacancy=vacancy,
        neighbourhood=neighbourhood,
        email=OTHER_EMAIL,
        name="Karel Oudewater",
        first_name="Karel",
        phone="06-11112222",
        word="Tuin",
    )
    # A moderator at work: log entries copy titles (str of the record).
    client.force_login(superuser)
    for person in (jolanda, karel):
        tip = person["tip"]
        assert (
            client.post(
                reverse("suggestion:edit", args=[tip.pk]),
                {"status": SuggestionStatus.PROCESSED, "moderator_note": "Gedaan"},
            ).status_code
            == 302
        )
        request = person["request"]
        assert (
            client.post(
                reverse("helpboard:edit", args=[request.pk]),
                {
                    "kind": request.kind,
                    "when": "",
                    "site": request.site_id,
                    "neighbourhood": request.neighbourhood_id,
                    "theme": "",
                    "title": request.title,
                    "description": request.description,
                    "first_name": request.first_name,
                    "email": request.email,
                    "phone": request.phone,
                    "moderation_note": f"{request.first_name} belde ook",
                },
            ).status_code
            == 302
        )
        # A reason in the log entry's data, mailed to the resident.
        reason = f"{request.first_name}, haal je nummer {request.phone} weg."
        assert (
            client.post(
                reverse("helpboard:edit", args=[request.pk]),
                {"action": "request_change", "request_change-reason": reason},
            ).status_code
            == 302
        )
        deleted = person["deleted tip"]
        assert (
            client.post(reverse("suggestion:delete", args=[deleted.pk])).status_code
            == 302
        )
    client.logout()
    assert ModelLogEntry.objects.filter(label__icontains="jolanda").count() == 4
    assert any(
        "98765432" in entry.data.get("reason", "")
        for entry in ModelLogEntry.objects.filter(action=REQUEST_CHANGE)
    )
    return {"jolanda": jolanda, "karel": karel}


def text_columns(model) -> list[str]:
    """Columns that can hold text: also JSON (log data, revision content) and
    PostgreSQL's search vectors (the search index), read as text."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
        or type(field).__name__ == "SearchVectorField"
    ]


def traces_in_database() -> dict[str, int]:
    """Every table, every text column: where does Jolanda still appear?"""
    found = {}
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        for column in text_columns(model):
            queryset = model._base_manager.annotate(
                _as_text=Cast(column, models.TextField())
            )
            for trace in TRACES:
                count = queryset.filter(_as_text__icontains=trace).count()
                if count:
                    found[f"{model._meta.label}.{column} ~ {trace}"] = count
    return found


def karels_records() -> dict:
    return personal_data_export(email=OTHER_EMAIL)


def log_entries_of_karel() -> list:
    return sorted(
        ModelLogEntry.objects.filter(label__icontains="karel").values_list(
            "label", flat=True
        )
    )


def assert_no_trace_of_jolanda(karel_before, karel_logs_before) -> None:
    assert traces_in_database() == {}
    assert karels_records() == karel_before
    # Karel's entries stay, except that of the tip a moderator deleted: a
    # deleted record's log entry keeps no text, whoever it was about.
    assert log_entries_of_karel() == [
        label for label in karel_logs_before if not label.startswith("Tweede tip")
    ]
    assert personal_data_export(email=EMAIL) == {kind: [] for kind in KINDS}


def test_every_kind_is_registered_once_and_none_keeps_revisions_or_an_index():
    providers = personal_data_providers()

    assert {provider.kind for provider in providers} == KINDS
    for provider in providers:
        assert not issubclass(provider.model, RevisionMixin), provider.kind
        assert not class_is_indexed(provider.model), provider.kind


def test_the_scan_finds_what_was_planted(people, vacancy):
    # An indexed page that names her shows the scan reads the search index.
    vacancy.title = "Voorlezen met Jolanda"
    vacancy.save()
    index.insert_or_update_object(vacancy)

    found = traces_in_database()

    assert any(key.startswith("wagtailsearch.") for key in found), found

    for table in (
        "vacancies.VacancyResponse.email",
        "core.Suggestion.name",
        "helpboard.HelpPost.phone",
        "helpboard.HelpPost.description",
        "wagtailcore.ModelLogEntry.label",
    ):
        assert any(key.startswith(table) for key in found), table


def test_erase_command_leaves_no_trace_and_leaves_others_alone(people):
    karel_before, karel_logs = karels_records(), log_entries_of_karel()
    out = io.StringIO()

    call_command("erase_personal_data", f"  {EMAIL.upper()} ", "--yes", stdout=out)

    assert_no_trace_of_jolanda(karel_before, karel_logs)
    assert "vacancy responses: deleted 1, anonymised 0" in out.getvalue()
    assert "help posts: deleted 0, anonymised 2" in out.getvalue()
    assert "help responses: deleted 1, anonymised 0" in out.getvalue()
    assert not Revision.objects.exists()
    entry = ModelLogEntry.objects.get(action=ERASE_ACTION)
    assert entry.data["email_hash"] == email_fingerprint(EMAIL)
    assert entry.data["counts"] == {
        "vacancy_responses": 1,
        "suggestions": 1,
        "help_posts": 2,
        "help_responses": 1,
        "help_reports": 0,
    }
    assert entry.data["via"] == "command"


def test_erase_through_the_admin_with_a_confirmation_step(client, people, superuser):
    karel_before, karel_logs = karels_records(), log_entries_of_karel()
    client.force_login(superuser)

    shown = client.post(URL, {"email": EMAIL.title(), "action": "view"})
    confirm = client.post(URL, {"email": EMAIL, "action": "erase"})

    assert shown.status_code == confirm.status_code == 200
    assert "Alles wissen" in shown.content.decode()
    assert "Ja, alles wissen" in confirm.content.decode()
    assert VacancyResponse.objects.filter(email__iexact=EMAIL).exists()

    done = client.post(URL, {"email": EMAIL, "action": "erase-confirmed"}, follow=True)

    assert done.redirect_chain == [(URL, 302)]
    assert "4 verwijderd" not in done.content.decode()
    # The vacancy response, the tip and her answer to Ans; her two posts.
    assert "3 verwijderd, 2 geanonimiseerd" in done.content.decode()
    assert_no_trace_of_jolanda(karel_before, karel_logs)
    entry = ModelLogEntry.objects.get(action=ERASE_ACTION)
    assert entry.user == superuser
    assert entry.data["via"] == "admin"


def test_erased_help_posts_stay_counted_in_the_report_and_leave_the_board(people, site):
    def totals():
        rows = help_posts_per_neighbourhood(sites=[site])
        return [
            (
                row.neighbourhood,
                row.requests_open
                + row.requests_published
                + row.requests_closed
                + row.requests_rejected,
                row.offers_open
                + row.offers_published
                + row.offers_closed
                + row.offers_rejected,
            )
            for row in rows
        ]

    before = totals()

    call_command("erase_personal_data", EMAIL, "--yes", stdout=io.StringIO())

    assert totals() == before
    request = HelpPost.objects.get(pk=people["jolanda"]["request"].pk)
    assert request.title == request.description == "[verwijderd]"
    assert request.first_name == request.email == request.phone == ""
    assert request.moderation_note == ""
    # It was published: now closed, so the board no longer shows it.
    assert request.status == HelpStatus.CLOSED
    assert request.closed_at is not None
    assert request.neighbourhood == people["jolanda"]["request"].neighbourhood


def test_erase_without_yes_shows_what_and_changes_nothing(people):
    out = io.StringIO()

    with pytest.raises(CommandError, match="--yes"):
        call_command("erase_personal_data", EMAIL, stdout=out)

    assert "suggestions: 1" in out.getvalue()
    assert "help posts: 2" in out.getvalue()
    assert len(traces_in_database()) > 0
    assert not ModelLogEntry.objects.filter(action=ERASE_ACTION).exists()


@pytest.mark.parametrize("command", ["erase_personal_data", "export_personal_data"])
@pytest.mark.parametrize("address", ["niet-een-adres", "", "a@b@c.nl", "x" * 300])
def test_a_bad_address_is_a_clear_error(people, command, address):
    with pytest.raises(CommandError, match="Not an e-mail address"):
        call_command(command, address, "--yes" if "erase" in command else "-v1")
    assert Suggestion.objects.count() == 2


def test_export_command_json_holds_all_and_only_this_persons_records(people):
    out = io.StringIO()

    call_command("export_personal_data", EMAIL.upper(), stdout=out)

    export = json.loads(out.getvalue())
    jolanda = people["jolanda"]
    assert export["email"] == EMAIL
    records = export["records"]
    assert set(records) == KINDS
    assert [r["id"] for r in records["vacancy_responses"]] == [jolanda["response"].pk]
    assert [r["id"] for r in records["suggestions"]] == [jolanda["tip"].pk]
    assert sorted(r["id"] for r in records["help_posts"]) == sorted(
        [jolanda["request"].pk, jolanda["offer"].pk]
    )
    response = records["vacancy_responses"][0]
    assert response["naam"] == NAME
    assert response["telefoon"] == PHONE
    assert response["vacature"] == "Voorlezen in de bibliotheek"
    assert {r["soort"] for r in records["help_posts"]} == {"Hulpvraag", "Hulpaanbod"}
    assert "Jolanda belde ook" in {
        r["notitie_moderator"] for r in records["help_posts"]
    }
    assert "karel" not in out.getvalue().lower()
    entry = ModelLogEntry.objects.get(action=EXPORT_ACTION)
    assert EMAIL not in json.dumps(entry.data) + entry.label
    assert entry.data["counts"]["help_posts"] == 2


def test_export_command_csv_zip_neutralises_formulas(people, tmp_path):
    target = tmp_path / "export.zip"

    call_command(
        "export_personal_data",
        EMAIL,
        "--format",
        "csv",
        "--output",
        str(target),
        stdout=io.StringIO(),
    )

    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == sorted(f"{kind}.csv" for kind in KINDS)
        text = archive.read("vacancy_responses.csv").decode("utf-8-sig")
        requests = archive.read("help_posts.csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1
    assert rows[0]["email"] == EMAIL.upper()
    assert rows[0]["bericht"] == f"Groeten van {NAME}. =CMD()"
    assert "karel" not in (text + requests).lower()


def test_a_formula_at_the_start_of_a_cell_comes_out_neutralised(people, tmp_path):
    VacancyResponse.objects.filter(pk=people["jolanda"]["response"].pk).update(
        message="=CMD()", name="+31 Jolanda", phone="@SUM(1)"
    )
    target = tmp_path / "export.zip"

    call_command(
        "export_personal_data", EMAIL, "--format", "csv", "--output", str(target)
    )

    with zipfile.ZipFile(target) as archive:
        text = archive.read("vacancy_responses.csv").decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["bericht"] == "'=CMD()"
    assert row["naam"] == "'+31 Jolanda"
    assert row["telefoon"] == "'@SUM(1)"


def test_csv_needs_an_output_file(people):
    with pytest.raises(CommandError, match="--output"):
        call_command("export_personal_data", EMAIL, "--format", "csv")


def test_admin_downloads_json_and_csv(client, people, superuser):
    client.force_login(superuser)

    as_json = client.post(URL, {"email": EMAIL, "action": "json"})
    as_csv = client.post(URL, {"email": EMAIL, "action": "csv"})

    assert as_json["Content-Type"].startswith("application/json")
    assert "attachment" in as_json["Content-Disposition"]
    records = json.loads(as_json.content)["records"]
    assert {kind: len(rows) for kind, rows in records.items()} == {
        "vacancy_responses": 1,
        "suggestions": 1,
        "help_posts": 2,
        "help_responses": 1,
        "help_reports": 0,
    }
    assert "karel" not in as_json.content.decode().lower()
    assert as_csv["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(as_csv.content)) as archive:
        tips = archive.read("suggestions.csv").decode("utf-8-sig")
    (tip,) = csv.DictReader(io.StringIO(tips))
    assert tip["id"] == str(people["jolanda"]["tip"].pk)
    assert ModelLogEntry.objects.filter(action=EXPORT_ACTION).count() == 2


def test_admin_form_refuses_a_bad_address_in_dutch(client, superuser):
    client.force_login(superuser)

    response = client.post(URL, {"email": "geen adres", "action": "erase-confirmed"})

    assert response.status_code == 200
    assert "Dit is geen e-mailadres" in response.content.decode()
    assert 'value="geen adres"' in response.content.decode()


def test_the_address_never_goes_in_a_url(client, superuser):
    client.force_login(superuser)

    page = client.get(URL).content.decode()

    assert 'method="post"' in page
    assert 'method="get"' not in page


def test_an_unknown_address_has_nothing(client, superuser, people):
    client.force_login(superuser)

    response = client.post(URL, {"email": "niemand@example.org", "action": "view"})

    assert "Er zijn geen gegevens over dit e-mailadres." in response.content.decode()


# Who reaches the page


@pytest.fixture
def role_users(site, neighbourhood, superuser):
    wijken = NeighbourhoodIndexPageFactory(parent=site.root_page)
    centrum = NeighbourhoodPageFactory(parent=wijken, neighbourhood=neighbourhood)
    make = get_user_model().objects.create_user
    users = {
        "superuser": superuser,
        "beheerder": make("bea", "bea@example.org", "geheim"),
        "communicatie": make("cor", "cor@example.org", "geheim"),
        "buurtverbinder": make("anouk", "anouk@example.org", "geheim"),
    }
    beheerder_grant(user=users["beheerder"])
    communicatie_grant(user=users["communicatie"], site=site)
    buurtverbinder_grant(user=users["buurtverbinder"], neighbourhood_page=centrum)
    return users


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("superuser", True),
        ("beheerder", True),
        ("communicatie", False),
        ("buurtverbinder", False),
    ],
)
def test_only_beheerders_and_superusers_reach_the_page(
    client, role_users, people, role, allowed
):
    client.force_login(role_users[role])

    page = client.get(URL)
    erase = client.post(URL, {"email": EMAIL, "action": "erase-confirmed"})
    download = client.post(URL, {"email": EMAIL, "action": "json"})
    menu = client.get(reverse("wagtailadmin_home")).content.decode()

    if allowed:
        assert page.status_code == 200
        assert download.status_code == 200
        assert erase.status_code == 302
        assert URL in menu
        assert not VacancyResponse.objects.filter(email__iexact=EMAIL).exists()
    else:
        assert page.status_code in (302, 403)
        assert download.status_code in (302, 403)
        assert not download.get("Content-Disposition")
        assert erase.status_code in (302, 403)
        assert URL not in menu
        assert VacancyResponse.objects.filter(email__iexact=EMAIL).exists()
        assert not ModelLogEntry.objects.filter(
            action__in=[ERASE_ACTION, EXPORT_ACTION]
        ).exists()


def test_an_anonymous_visitor_goes_to_the_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_the_post_needs_a_csrf_token(people, superuser):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)

    response = client.post(URL, {"email": EMAIL, "action": "erase-confirmed"})

    assert response.status_code == 403
    assert VacancyResponse.objects.filter(email__iexact=EMAIL).exists()


# Purge: exactly what is past retention

NOW = timezone.make_aware(datetime.datetime(2030, 6, 15, 3, 30))
DAY = datetime.timedelta(days=1)
SECOND = datetime.timedelta(seconds=1)
AGES = {
    "gisteren": DAY,
    "net binnen": 90 * DAY - SECOND,
    "precies 90 dagen": 90 * DAY,
    "net te oud": 90 * DAY + SECOND,
    "een jaar": 365 * DAY,
}
KEPT = {"gisteren", "net binnen", "precies 90 dagen"}


def purge(*args: str) -> str:
    out = io.StringIO()
    with mock.patch.object(timezone, "now", return_value=NOW):
        call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def aged(vacancy):
    """Records of every kind, their retention moment AGES before NOW."""
    records = {}
    for label, age in AGES.items():
        moment = NOW - age
        records[label] = {
            "response": VacancyResponseFactory(
                vacancy=vacancy, name=label, created_at=moment
            ),
            # Handled: counted from handled_at, even if it came in long ago.
            "handled tip": SuggestionFactory(
                name=label,
                status=SuggestionStatus.PROCESSED,
                created_at=moment - 400 * DAY,
                handled_at=moment,
            ),
            # Never handled: counted from when it came in.
            "new tip": SuggestionFactory(name=f"nieuw {label}", created_at=moment),
            "closed request": HelpRequestFactory(
                first_name=label,
                status=HelpStatus.CLOSED,
                created_at=moment - 400 * DAY,
                closed_at=moment,
            ),
            # Rejected without closed_at: counted from when it was published
            # or came in, the best moment there is without a log entry.
            "rejected offer": HelpOfferFactory(
                first_name=label,
                status=HelpStatus.REJECTED,
                created_at=moment,
                closed_at=None,
            ),
            # Still open: never purged, however old.
            "open request": HelpRequestFactory(
                first_name=f"open {label}",
                status=HelpStatus.PUBLISHED,
                created_at=moment - 400 * DAY,
            ),
        }
        open_request = records[label]["open request"]
        records[label]["help response"] = HelpResponse.objects.create(
            post=open_request, name=label, email="buur@example.org", created_at=moment
        )
        records[label]["report"] = HelpReport.objects.create(
            post=open_request,
            reason=HelpReportReason.OTHER,
            explanation=label,
            created_at=moment,
        )
    return records


def remaining_names():
    return {
        "responses": set(VacancyResponse.objects.values_list("name", flat=True)),
        "tips": set(Suggestion.objects.values_list("name", flat=True)),
        "requests": set(
            HelpPost.objects.filter(kind=HelpKind.REQUEST)
            .exclude(title="[verwijderd]")
            .values_list("first_name", flat=True)
        ),
        "offers": set(
            HelpPost.objects.filter(kind=HelpKind.OFFER)
            .exclude(title="[verwijderd]")
            .values_list("first_name", flat=True)
        ),
        "help responses": set(HelpResponse.objects.values_list("name", flat=True)),
        "reports": set(HelpReport.objects.values_list("explanation", flat=True)),
    }


def test_purge_removes_exactly_what_is_past_retention(aged):
    output = purge()

    assert remaining_names() == {
        "responses": KEPT,
        "tips": KEPT | {f"nieuw {label}" for label in KEPT},
        "requests": KEPT | {f"open {label}" for label in AGES},
        "offers": KEPT,
        "help responses": KEPT,
        "reports": KEPT,
    }
    # Help posts stay for the reports, anonymised.
    requests = HelpPost.objects.filter(kind=HelpKind.REQUEST)
    offers = HelpPost.objects.filter(kind=HelpKind.OFFER)
    assert requests.filter(title="[verwijderd]").count() == 2
    assert offers.filter(title="[verwijderd]", first_name="").count() == 2
    assert requests.count() == 10
    assert output.splitlines() == [
        "suggestions: deleted 4 past the retention of 90 days; 0 log entries scrubbed.",
        "vacancy responses: deleted 2 past the retention of 90 days; "
        "0 log entries scrubbed.",
        "help posts: anonymised 4 past the retention of 90 days; "
        "0 log entries scrubbed.",
        "help responses: deleted 2 past the retention of 90 days; "
        "0 log entries scrubbed.",
        "help reports: deleted 2 past the retention of 90 days; "
        "0 log entries scrubbed.",
    ]


def test_purge_is_idempotent(aged):
    purge()
    after_first = remaining_names()

    output = purge()

    assert remaining_names() == after_first
    assert "help posts: deleted 0 past" in output
    assert "suggestions: deleted 0 past" in output


def test_a_dry_run_changes_nothing(aged):
    before = remaining_names()

    output = purge("--dry-run")

    assert remaining_names() == before
    assert "vacancy responses: would delete 2 past" in output
    assert "help posts: would anonymise 4 past" in output


def test_the_retention_comes_from_the_settings(aged, settings):
    settings.BUURTPLEIN_SUGGESTION_RETENTION_DAYS = 1
    settings.BUURTPLEIN_HELP_POST_RETENTION_DAYS = 400

    purge()

    assert remaining_names()["tips"] == {"gisteren", "nieuw gisteren"}
    assert remaining_names()["offers"] == set(AGES)


def test_a_retention_below_one_day_is_refused(aged, settings):
    settings.BUURTPLEIN_HELP_POST_RETENTION_DAYS = 0
    before = remaining_names()

    with pytest.raises(CommandError, match="at least 1"):
        purge()

    assert remaining_names() == before


def test_a_rejection_in_the_admin_counts_from_its_log_entry(client, superuser):
    """A post rejected in the admin has no closed_at: the moderator's last
    change (its log entry) is when it was rejected."""
    offer = HelpOfferFactory(
        first_name="Riet", status=HelpStatus.REJECTED, created_at=NOW - 365 * DAY
    )
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(HelpPost),
        object_id=str(offer.pk),
        label=offer.title,
        action="wagtail.edit",
        timestamp=NOW - 10 * DAY,
        data={},
    )

    purge()

    offer.refresh_from_db()
    assert offer.first_name == "Riet"


def test_purge_scrubs_the_log_entries_of_what_it_removes(people):
    jolanda = people["jolanda"]
    Suggestion.objects.filter(pk=jolanda["tip"].pk).update(handled_at=NOW - 100 * DAY)
    tip_entries = ModelLogEntry.objects.filter(
        content_type__model="suggestion", object_id=str(jolanda["tip"].pk)
    )
    assert tip_entries.filter(label__icontains="jolanda").exists()

    purge()

    assert not Suggestion.objects.filter(pk=jolanda["tip"].pk).exists()
    assert not tip_entries.filter(label__icontains="jolanda").exists()
    assert tip_entries.exists()  # who did what, when: still in the audit trail
    # The tip a moderator deleted earlier lost its title in the log too.
    assert not ModelLogEntry.objects.filter(label__icontains="tweede tip").exists()


def test_erasing_a_post_takes_the_answers_to_it_and_its_private_links(people):
    request = people["jolanda"]["request"]
    answer = HelpResponse.objects.create(
        post=request, name="Karel Oudewater", email=OTHER_EMAIL, message="Ik help!"
    )
    version = request.link_version

    call_command("erase_personal_data", EMAIL, "--yes", stdout=io.StringIO())

    request.refresh_from_db()
    assert request.title == "[verwijderd]"
    assert request.link_version == version + 1
    assert not HelpResponse.objects.filter(pk=answer.pk).exists()
    assert set(
        HelpReferral.objects.filter(post=request).values_list("note", "decline_reason")
    ) == {("", "")}
    assert set(
        HelpReport.objects.filter(post=request).values_list("explanation", flat=True)
    ) == {""}


# A Beheerder of one platform sees only that platform's residents


@pytest.fixture
def two_platforms(site, other_site, superuser):
    """Jolanda left a tip and a help request on both platforms; Sam is the
    Beheerder of Samen Teststad only, Bea of every platform."""
    from editorial.services import site_beheerder_grant

    records = {
        "tip here": SuggestionFactory(site=site, email=EMAIL, name=NAME),
        "tip there": SuggestionFactory(site=other_site, email=EMAIL, name=NAME),
        "request here": HelpRequestFactory(
            site=site, email=EMAIL, first_name="Jolanda", status=HelpStatus.PUBLISHED
        ),
        "request there": HelpRequestFactory(
            site=other_site, email=EMAIL, first_name="Jolanda", title="Elders"
        ),
    }
    records["answer there"] = HelpResponse.objects.create(
        post=records["request there"], name=NAME, email=EMAIL, message="Ik help."
    )
    make = get_user_model().objects.create_user
    sam = make("sam", "sam@example.org", "Lange-zin-met-koffie")
    bea = make("bea", "bea@example.org", "Lange-zin-met-koffie")
    site_beheerder_grant(user=sam, site=site)
    beheerder_grant(user=bea)
    return {"sam": sam, "bea": bea, "superuser": superuser, **records}


def test_a_beheerder_of_one_platform_finds_only_its_records(client, two_platforms):
    client.force_login(two_platforms["sam"])

    page = client.post(URL, {"email": EMAIL, "action": "view"}).content.decode()
    export = json.loads(
        b"".join([client.post(URL, {"email": EMAIL, "action": "json"}).content])
    )

    assert "Samen Teststad" in page and "Samen Anderdorp" not in page
    assert [r["id"] for r in export["records"]["suggestions"]] == [
        two_platforms["tip here"].pk
    ]
    assert [r["id"] for r in export["records"]["help_posts"]] == [
        two_platforms["request here"].pk
    ]
    assert export["records"]["help_responses"] == []
    entry = ModelLogEntry.objects.get(action=EXPORT_ACTION)
    assert entry.data["site_ids"] == [two_platforms["tip here"].site_id]


def test_a_beheerder_of_one_platform_erases_only_its_records(client, two_platforms):
    client.force_login(two_platforms["sam"])

    client.post(URL, {"email": EMAIL, "action": "erase-confirmed"})

    assert not Suggestion.objects.filter(pk=two_platforms["tip here"].pk).exists()
    assert Suggestion.objects.filter(pk=two_platforms["tip there"].pk).exists()
    here = HelpPost.objects.get(pk=two_platforms["request here"].pk)
    there = HelpPost.objects.get(pk=two_platforms["request there"].pk)
    assert here.email == "" and there.email == EMAIL
    assert HelpResponse.objects.filter(pk=two_platforms["answer there"].pk).exists()


@pytest.mark.parametrize("who", ["bea", "superuser"])
def test_beheerders_of_every_platform_and_superusers_see_all(
    client, two_platforms, who
):
    client.force_login(two_platforms[who])

    export = json.loads(client.post(URL, {"email": EMAIL, "action": "json"}).content)

    assert len(export["records"]["suggestions"]) == 2
    assert len(export["records"]["help_posts"]) == 2
    assert len(export["records"]["help_responses"]) == 1
    assert "site_ids" not in ModelLogEntry.objects.get(action=EXPORT_ACTION).data
