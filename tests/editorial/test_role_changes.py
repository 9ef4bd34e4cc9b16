"""Role changes are logged (who, whom, what, when) and reported.

Through Instellingen → Rollen, Wagtail's user form and its bulk action, and in
the report Rapporten → Rolwijzigingen with its CSV and XLSX exports, which
only Beheerders and superusers see, each for the platforms they administer.
"""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from editorial.models import Team, TeamRole
from editorial.report_selectors import role_changes
from editorial.role_access import account_manageable, beheerder_scope
from editorial.selectors import people_with_roles
from editorial.services import (
    BEHEERDER_KEY,
    ROLE_GRANT_ACTION,
    ROLE_REVOKE_ACTION,
    beheerder_grant,
    communicatie_grant,
    role_grant,
    role_revoke,
    site_beheerder_grant,
    site_beheerder_key,
)
from tests.factories import NeighbourhoodIndexPageFactory, NeighbourhoodPageFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
REPORT = reverse("editorial_reports:role_changes")


def make_user(username, **extra):
    return User.objects.create_user(
        username,
        f"{username}@example.org",
        password="Lange-zin-met-koffie-2026",
        first_name=username.title(),
        **extra,
    )


@pytest.fixture
def wijk(site):
    return NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=site.root_page), title="Centrum"
    )


@pytest.fixture
def other_wijk(other_site):
    return NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=other_site.root_page),
        title="Dorpskern",
    )


@pytest.fixture
def people(site, other_site):
    people = {
        "beheerder": make_user("bea"),
        "site_beheerder": make_user("sam"),
        "communicatie": make_user("cor"),
        "superuser": make_user("root", is_superuser=True),
        "anouk": make_user("anouk"),
    }
    beheerder_grant(user=people["beheerder"])
    site_beheerder_grant(user=people["site_beheerder"], site=site)
    communicatie_grant(user=people["communicatie"], site=site)
    return people


def team_key(page) -> str:
    return f"team:{Team.objects.get(page=page, role=TeamRole.BUURTVERBINDERS).pk}"


def export(client, export_format, **params):
    response = client.get(REPORT, {**params, "export": export_format})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if export_format == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8"))))
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_grant_and_revoke_on_rollen_are_logged_and_reported(client, people, wijk):
    client.force_login(people["beheerder"])
    anouk = people["anouk"]

    client.post(
        reverse("editorial_roles"), {"person": anouk.pk, "role": team_key(wijk)}
    )
    client.post(
        reverse("editorial_role_revoke", args=[anouk.pk]), {"role": team_key(wijk)}
    )

    entries = ModelLogEntry.objects.filter(object_id=str(anouk.pk)).order_by("pk")
    assert [entry.action for entry in entries] == [
        ROLE_GRANT_ACTION,
        ROLE_REVOKE_ACTION,
    ]
    assert {entry.user_id for entry in entries} == {people["beheerder"].pk}
    page = client.get(REPORT).content.decode()
    assert "Rol gegeven" in page and "Rol ingetrokken" in page
    assert "Buurtverbinder van Centrum" in page
    rows = export(client, "csv")
    assert rows[0] == ["Wanneer", "Wijziging", "Wie", "Rol", "Platform", "Door", "Via"]
    assert [row[1:] for row in rows[1:]] == [
        [
            "Rol ingetrokken",
            "anouk",
            "Buurtverbinder van Centrum",
            "Samen Teststad",
            "Bea",
            "Rollen",
        ],
        [
            "Rol gegeven",
            "anouk",
            "Buurtverbinder van Centrum",
            "Samen Teststad",
            "Bea",
            "Rollen",
        ],
    ]
    xlsx = export(client, "xlsx")
    assert xlsx[1][1:] == rows[1][1:]
    assert isinstance(xlsx[1][0], datetime.datetime)  # a date Excel can sort


def test_a_grant_that_changes_nothing_is_not_logged(people, wijk):
    role_grant(user=people["anouk"], key=team_key(wijk), by=people["beheerder"])
    role_grant(user=people["anouk"], key=team_key(wijk), by=people["beheerder"])

    assert ModelLogEntry.objects.filter(action=ROLE_GRANT_ACTION).count() == 1


def test_a_superuser_changing_groups_in_the_user_form_is_logged(client, people, site):
    anouk = people["anouk"]
    communicatie = Team.objects.get(
        page=site.root_page, role=TeamRole.COMMUNICATIE
    ).group
    client.force_login(people["superuser"])

    response = client.post(
        reverse("wagtailusers_users:edit", args=[anouk.pk]),
        {
            "username": "anouk",
            "email": "anouk@example.org",
            "first_name": "Anouk",
            "last_name": "Test",
            "is_active": "on",
            "is_superuser": "on",
            "groups": [communicatie.pk],
            "password1": "",
            "password2": "",
        },
    )

    assert response.status_code == 302
    rows = role_changes(sites=None)
    assert sorted((row.change, row.role, row.via) for row in rows) == [
        ("Rol gegeven", "Communicatie", "Gebruikersformulier"),
        ("Rol gegeven", "Superuser (alle rechten)", "Gebruikersformulier"),
    ]
    assert {row.person for row in rows} == {"anouk"}
    assert {row.changed_by for row in rows} == {"Root"}


def test_only_beheerders_and_superusers_see_the_report(client, people):
    client.force_login(people["communicatie"])
    assert client.get(REPORT).status_code == 302
    assert REPORT not in client.get(reverse("wagtailadmin_home")).content.decode()

    for name in ("beheerder", "site_beheerder", "superuser"):
        client.force_login(people[name])
        assert client.get(REPORT).status_code == 200
        assert REPORT in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_beheerder_of_one_platform_sees_the_role_changes_of_that_platform(
    client, people, wijk, other_wijk
):
    beheerder = people["beheerder"]
    role_grant(user=people["anouk"], key=team_key(wijk), by=beheerder)
    role_grant(user=people["anouk"], key=team_key(other_wijk), by=beheerder)
    role_grant(user=people["anouk"], key=BEHEERDER_KEY, by=beheerder)

    client.force_login(people["site_beheerder"])
    scoped = [row[3] for row in export(client, "csv")[1:]]
    client.force_login(beheerder)
    everything = [row[3] for row in export(client, "csv")[1:]]

    assert scoped == ["Buurtverbinder van Centrum"]
    assert everything == [
        "Beheerder van alle platforms",
        "Buurtverbinder van Dorpskern",
        "Buurtverbinder van Centrum",
    ]


def test_the_report_filters_on_period(client, people, wijk):
    role_grant(user=people["anouk"], key=team_key(wijk), by=people["beheerder"])
    ModelLogEntry.objects.update(timestamp=timezone.now() - datetime.timedelta(days=40))
    role_revoke(user=people["anouk"], key=team_key(wijk), by=people["beheerder"])
    client.force_login(people["superuser"])
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()

    rows = export(client, "csv", period_from=since)

    assert [row[1] for row in rows[1:]] == ["Rol ingetrokken"]


def test_the_report_asks_the_database_the_same_number_of_times_for_more_rows(
    client, people, wijk
):
    client.force_login(people["superuser"])
    role_grant(user=people["anouk"], key=team_key(wijk), by=people["beheerder"])
    with CaptureQueriesContext(connection) as few:
        client.get(REPORT)
    for index in range(5):
        person = make_user(f"extra{index}")
        role_grant(user=person, key=team_key(wijk), by=people["beheerder"])
    with CaptureQueriesContext(connection) as more:
        client.get(REPORT)

    assert len(more) == len(few)


# Per-platform Beheerders


def test_the_scope_of_each_kind_of_beheerder(people, site):
    assert beheerder_scope(user=people["beheerder"]).all_sites
    scoped = beheerder_scope(user=people["site_beheerder"])
    assert scoped.is_beheerder and not scoped.all_sites
    assert scoped.site_ids == {site.pk}
    assert not beheerder_scope(user=people["communicatie"]).is_beheerder


def test_rollen_offers_a_beheerder_of_one_platform_only_its_roles(
    client, people, wijk, other_wijk, site
):
    client.force_login(people["site_beheerder"])

    html = client.get(reverse("editorial_roles")).content.decode()

    assert "Buurtverbinder van Centrum" in html
    assert "Dorpskern" not in html
    assert "Beheerder van alle platforms" not in html
    assert site_beheerder_key(site.pk) in html
    assert "Je beheert: Samen Teststad" in html


def test_a_beheerder_makes_someone_beheerder_of_one_platform(client, people, site):
    client.force_login(people["beheerder"])
    anouk = people["anouk"]

    client.post(
        reverse("editorial_roles"),
        {"person": anouk.pk, "role": site_beheerder_key(site.pk)},
    )

    anouk = User.objects.get(pk=anouk.pk)
    scope = beheerder_scope(user=anouk)
    assert scope.is_beheerder and scope.site_ids == {site.pk}
    assert anouk.has_perm("auth.change_user")
    roles = {p.user.username: [r.label for r in p.roles] for p in people_with_roles()}
    assert roles["anouk"] == ["Beheerder"]
    assert roles["bea"] == ["Beheerder van alle platforms"]


def test_making_a_beheerder_of_one_platform_beheerder_of_all_drops_the_site_team(
    people, site
):
    sam = people["site_beheerder"]

    role_grant(user=sam, key=BEHEERDER_KEY, by=people["beheerder"])

    sam = User.objects.get(pk=sam.pk)
    assert beheerder_scope(user=sam).all_sites


def test_taking_the_last_platform_from_a_beheerder_leaves_no_beheerder(people, site):
    sam = people["site_beheerder"]

    role_revoke(user=sam, key=site_beheerder_key(site.pk), by=people["beheerder"])

    sam = User.objects.get(pk=sam.pk)
    assert not beheerder_scope(user=sam).is_beheerder
    assert not sam.has_perm("auth.change_user")


def test_whose_account_a_beheerder_may_manage(people, wijk, other_wijk):
    anouk, olga = people["anouk"], make_user("olga")
    role_grant(user=anouk, key=team_key(wijk), by=people["beheerder"])
    role_grant(user=olga, key=team_key(other_wijk), by=people["beheerder"])
    sam, bea = people["site_beheerder"], people["beheerder"]

    def manageable(actor, account):
        return account_manageable(
            actor=User.objects.get(pk=actor.pk), account=User.objects.get(pk=account.pk)
        )

    assert manageable(sam, anouk) and manageable(bea, anouk)
    assert not manageable(sam, olga) and manageable(bea, olga)
    assert not manageable(sam, bea) and manageable(bea, sam)
    assert not manageable(bea, people["superuser"])
    assert not manageable(people["communicatie"], anouk)
    assert manageable(people["superuser"], bea)
