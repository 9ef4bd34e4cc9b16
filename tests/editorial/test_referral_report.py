"""The "Doorverwijzingen" report: help requests referred to organisations and
their outcome, per site and organisation, hand-counted, in the selector, the
admin view and its CSV and XLSX exports; each user sees only their sites."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.exports import FORMULA_PREFIXES
from editorial.report_selectors import ReferralCounts, referral_counts
from editorial.services import (
    beheerder_grant,
    buurtverbinder_grant,
    communicatie_grant,
)
from helpboard.models import HelpReferral, HelpReferralStatus, HelpStatus
from tests.factories import (
    HelpRequestFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = ZoneInfo("UTC")
TESTSTAD = "Samen Teststad"
ANDERDORP = "Samen Anderdorp"
BRUG = "Buurthuis De Brug"
HEADINGS = [
    "Platform",
    "Organisatie",
    "Wacht op antwoord",
    "Aangenomen",
    "Afgewezen",
    "Totaal",
]
PENDING = HelpReferralStatus.PENDING
ACCEPTED = HelpReferralStatus.ACCEPTED
DECLINED = HelpReferralStatus.DECLINED


def local(month, day, hour=9):
    return datetime(2025, month, day, hour, tzinfo=AMSTERDAM)


def make_user(username, **extra):
    return get_user_model().objects.create_user(
        username, f"{username}@example.org", "x", **extra
    )


@pytest.fixture
def users(site, other_site, neighbourhood):
    communicatie = make_user("carla")
    communicatie_grant(user=communicatie, site=site)
    elsewhere = make_user("otto")
    communicatie_grant(user=elsewhere, site=other_site)
    beheerder = make_user("bea")
    beheerder_grant(user=beheerder)
    buurtverbinder = make_user("anouk")
    buurtverbinder_grant(
        user=buurtverbinder,
        neighbourhood_page=NeighbourhoodPageFactory(
            parent=NeighbourhoodIndexPageFactory(parent=site.root_page),
            neighbourhood=neighbourhood,
        ),
    )
    return {
        "communicatie": communicatie,
        "elsewhere": elsewhere,
        "beheerder": beheerder,
        "buurtverbinder": buurtverbinder,
    }


def refer(post, organisation_name, status=PENDING, *, at=None):
    return HelpReferral.objects.create(
        post=post,
        organisation_name=organisation_name,
        sent_to="info@example.org",
        status=status,
        created_at=at or local(2, 1),
        decided_at=None if status == PENDING else (at or local(2, 1)),
    )


@pytest.fixture
def referrals(site, other_site, neighbourhood):
    """Referred in 2025 unless said otherwise:

    Samen Teststad: Buurthuis De Brug 1 waiting, 2 accepted (one referred on
    31 December 2024 at 23:30 UTC, which is 1 January 2025 in Dutch time),
    1 declined; Voedselbank 1 accepted, referred in 2024; and two names that
    a spreadsheet would run or a browser would read as HTML, 1 waiting and 1
    declined.
    Samen Anderdorp: Buurthuis De Brug 1 waiting.
    """
    request = HelpRequestFactory(
        site=site, neighbourhood=neighbourhood, status=HelpStatus.PUBLISHED
    )
    other = HelpRequestFactory(site=site, status=HelpStatus.CLOSED)
    refer(request, BRUG)
    refer(request, BRUG, ACCEPTED)
    refer(other, BRUG, ACCEPTED, at=datetime(2024, 12, 31, 23, 30, tzinfo=UTC))
    refer(other, BRUG, DECLINED, at=local(3, 1))
    refer(request, "Voedselbank", ACCEPTED, at=datetime(2024, 11, 5, tzinfo=AMSTERDAM))
    refer(request, "=CMD()\x07")
    refer(other, "<script>alert(1)</script>", DECLINED)
    refer(HelpRequestFactory(site=other_site), BRUG)


EXPECTED = [
    ReferralCounts(TESTSTAD, "<script>alert(1)</script>", declined=1),
    ReferralCounts(TESTSTAD, "=CMD()\x07", pending=1),
    ReferralCounts(TESTSTAD, BRUG, pending=1, accepted=2, declined=1),
    ReferralCounts(TESTSTAD, "Voedselbank", accepted=1),
]


def export(client, export_format, **params):
    response = client.get(
        reverse("editorial_reports:referrals"), {**params, "export": export_format}
    )
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if export_format == "csv":
        assert response["Content-Type"] == "text/csv"
        return list(csv.reader(io.StringIO(content.decode("utf-8"))))
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook.active.iter_rows()]


# The selector


def test_referrals_per_organisation_match_the_hand_count(site, referrals):
    rows = referral_counts(sites=[site])

    assert rows == EXPECTED
    assert [row.total for row in rows] == [1, 1, 4, 1]


def test_referrals_in_a_period_use_the_dutch_day_of_referral(site, referrals):
    rows = referral_counts(
        sites=[site], referred_from=date(2025, 1, 1), referred_until=date(2025, 2, 28)
    )

    assert rows == [
        ReferralCounts(TESTSTAD, "<script>alert(1)</script>", declined=1),
        ReferralCounts(TESTSTAD, "=CMD()\x07", pending=1),
        ReferralCounts(TESTSTAD, BRUG, pending=1, accepted=2),
    ]
    assert referral_counts(sites=[site], referred_until=date(2024, 12, 31)) == [
        ReferralCounts(TESTSTAD, "Voedselbank", accepted=1)
    ]


def test_the_same_organisation_counts_per_site(site, other_site, referrals):
    rows = referral_counts(sites=[site, other_site])

    assert rows[0] == ReferralCounts(ANDERDORP, BRUG, pending=1)
    assert rows[1:] == EXPECTED
    assert referral_counts(sites=[]) == []


def test_the_selector_takes_one_query_however_many_referrals(
    site, neighbourhood, django_assert_num_queries
):
    post = HelpRequestFactory(site=site, neighbourhood=neighbourhood)
    for status in (PENDING, ACCEPTED):
        refer(post, BRUG, status)
    with django_assert_num_queries(1):
        assert len(referral_counts(sites=[site])) == 1

    for index in range(18):
        refer(
            post, f"Organisatie {index % 6}", [PENDING, ACCEPTED, DECLINED][index % 3]
        )
    with django_assert_num_queries(1):
        assert len(referral_counts(sites=[site])) == 7


def test_the_report_takes_as_many_queries_for_2_as_for_20_referrals(
    client, site, users, neighbourhood, django_assert_num_queries
):
    client.force_login(users["communicatie"])
    post = HelpRequestFactory(site=site, neighbourhood=neighbourhood)
    url = reverse("editorial_reports:referrals")
    refer(post, BRUG)
    refer(post, "Voedselbank", ACCEPTED)
    client.get(url)  # fills the caches Wagtail keeps between requests
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).status_code == 200

    for index in range(18):
        refer(post, f"Organisatie {index}", [PENDING, ACCEPTED, DECLINED][index % 3])
    with django_assert_num_queries(len(two)):
        response = client.get(url)
    assert len(response.context["object_list"]) == 20


# The admin view and its exports


def test_the_report_and_its_exports(client, users, referrals):
    client.force_login(users["communicatie"])

    page = client.get(reverse("editorial_reports:referrals")).content.decode()
    assert "Doorverwijzingen" in page
    assert BRUG in page
    assert "Voedselbank" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page

    assert export(client, "csv") == [
        HEADINGS,
        [TESTSTAD, "<script>alert(1)</script>", "0", "0", "1", "1"],
        [TESTSTAD, "'=CMD()", "1", "0", "0", "1"],
        [TESTSTAD, BRUG, "1", "2", "1", "4"],
        [TESTSTAD, "Voedselbank", "0", "1", "0", "1"],
    ]
    cells = export(client, "xlsx")
    assert [[cell.value for cell in row] for row in cells] == [
        HEADINGS,
        [TESTSTAD, "<script>alert(1)</script>", 0, 0, 1, 1],
        [TESTSTAD, "'=CMD()", 1, 0, 0, 1],
        [TESTSTAD, BRUG, 1, 2, 1, 4],
        [TESTSTAD, "Voedselbank", 0, 1, 0, 1],
    ]
    for row in cells:
        for cell in row:
            assert cell.data_type != "f"
            assert not str(cell.value).lstrip().startswith(FORMULA_PREFIXES)


def test_the_report_filters_by_period(client, users, referrals):
    client.force_login(users["communicatie"])

    rows = export(client, "csv", period_from="2025-03-01", period_to="2025-03-31")

    assert rows == [HEADINGS, [TESTSTAD, BRUG, "0", "0", "1", "1"]]


def test_communicatie_of_the_other_site_sees_only_its_own(
    client, users, referrals, site
):
    client.force_login(users["elsewhere"])

    assert export(client, "csv")[1:] == [[ANDERDORP, BRUG, "1", "0", "0", "1"]]
    # Asking for the other site's figures does not help.
    assert export(client, "csv", site=site.pk)[1:] == [
        [ANDERDORP, BRUG, "1", "0", "0", "1"]
    ]
    assert "Voedselbank" not in (
        client.get(reverse("editorial_reports:referrals")).content.decode()
    )


def test_a_beheerder_sees_every_site_and_can_choose_one(
    client, users, referrals, other_site
):
    client.force_login(users["beheerder"])

    assert len(export(client, "csv")) == 1 + len(EXPECTED) + 1
    assert export(client, "csv", site=other_site.pk)[1:] == [
        [ANDERDORP, BRUG, "1", "0", "0", "1"]
    ]


def test_who_may_not_see_reports_does_not_see_this_one(client, users, referrals):
    url = reverse("editorial_reports:referrals")

    assert client.get(url).url.startswith(reverse("wagtailadmin_login"))

    client.force_login(users["buurtverbinder"])
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(users["communicatie"])
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()
