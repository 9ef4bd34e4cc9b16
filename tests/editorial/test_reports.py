"""Reports for the municipality: figures on a known set of pages, workflows and
help posts match hand-counted values, in the selectors, in the admin report
views and in their CSV and XLSX exports; each user sees only their sites."""

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from core.exports import FORMULA_PREFIXES
from editorial.report_selectors import (
    AgeGroupCount,
    ApprovalTime,
    HelpPostCounts,
    PublishedCount,
    approval_time_summary,
    approval_times,
    help_posts_per_neighbourhood,
    open_task_age_summary,
    open_tasks,
    page_neighbourhood_ids,
    published_counts,
    rejections,
    report_sites_for_user,
    user_may_view_reports,
)
from editorial.services import (
    beheerder_grant,
    buurtverbinder_grant,
    communicatie_grant,
)
from helpboard.models import HelpResponse, HelpStatus
from tests.factories import (
    EventPageFactory,
    HelpOfferFactory,
    HelpRequestFactory,
    NeighbourhoodFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = ZoneInfo("UTC")
TESTSTAD = "Samen Teststad"
ANDERDORP = "Samen Anderdorp"
NO_WIJK = "Geen wijk (hele gemeente)"
REPORT_NAMES = [
    "published",
    "approval_times",
    "rejections",
    "open_tasks",
    "help_posts",
    "referrals",
]


def local(month, day, hour=9, minute=0):
    return datetime(2025, month, day, hour, minute, tzinfo=AMSTERDAM)


def make_user(username, first_name="", last_name="", **extra):
    return get_user_model().objects.create_user(
        username,
        f"{username}@example.org",
        "x",
        first_name=first_name,
        last_name=last_name,
        **extra,
    )


# The known set: wijken, users, pages, workflows, help posts


@pytest.fixture
def wijk_pages(site, neighbourhood, other_neighbourhood):
    wijken = NeighbourhoodIndexPageFactory(parent=site.root_page)
    centrum = NeighbourhoodPageFactory(
        parent=wijken, neighbourhood=neighbourhood, first_published_at=local(1, 10)
    )
    west = NeighbourhoodPageFactory(
        parent=wijken,
        neighbourhood=other_neighbourhood,
        first_published_at=local(1, 20),
    )
    return centrum, west


@pytest.fixture
def oost(other_site):
    return NeighbourhoodFactory(site=other_site, name="Oost", slug="oost")


@pytest.fixture
def elsewhere_news(other_site):
    return NewsIndexPageFactory(parent=other_site.root_page)


@pytest.fixture
def users(site, other_site, wijk_pages):
    centrum, _west = wijk_pages
    communicatie = make_user("carla", "Carla", "de Vries")
    communicatie_grant(user=communicatie, site=site)
    elsewhere = make_user("otto", "Otto", "Anders")
    communicatie_grant(user=elsewhere, site=other_site)
    buurtverbinder = make_user("anouk", "Anouk", "Jansen")
    buurtverbinder_grant(user=buurtverbinder, neighbourhood_page=centrum)
    beheerder = make_user("bea")
    beheerder_grant(user=beheerder)
    superuser = make_user("root", is_superuser=True, is_staff=True)
    return {
        "communicatie": communicatie,
        "elsewhere": elsewhere,
        "buurtverbinder": buurtverbinder,
        "beheerder": beheerder,
        "superuser": superuser,
    }


@pytest.fixture
def published_pages(
    site, wijk_pages, neighbourhood, other_neighbourhood, oost, elsewhere_news
):
    """Live items of Samen Teststad, hand-counted per month, wijk and type:

    januari: wijkpagina Centrum, wijkpagina West
    februari: Centrum 2 nieuws (under the wijk page, no wijk named) and 1
      activiteit; West 1 nieuws (under Centrum's page but naming West);
      no wijk 1 nieuws
    maart: 1 nieuws naming Centrum and West, published 28 February 23:30 UTC,
      which is 1 March in Dutch time: it counts in both wijken
    not counted: a draft, an unpublished item, index pages, the home page,
      and everything of Samen Anderdorp.
    """
    centrum, _west = wijk_pages
    news = NewsIndexPageFactory(parent=site.root_page, first_published_at=local(1, 2))
    NewsPageFactory(parent=centrum, first_published_at=local(2, 3))
    NewsPageFactory(parent=centrum, first_published_at=local(2, 4, 23, 59))
    EventPageFactory(parent=centrum, first_published_at=local(2, 20))
    NewsPageFactory(
        parent=centrum,
        neighbourhoods=[other_neighbourhood],
        first_published_at=local(2, 10),
    )
    NewsPageFactory(parent=news, first_published_at=local(2, 15))
    NewsPageFactory(
        parent=news,
        neighbourhoods=[neighbourhood, other_neighbourhood],
        first_published_at=datetime(2025, 2, 28, 23, 30, tzinfo=UTC),
    )
    NewsPageFactory(parent=centrum, live=False, first_published_at=None)
    NewsPageFactory(parent=centrum, live=False, first_published_at=local(2, 5))

    NewsPageFactory(
        parent=elsewhere_news, neighbourhoods=[oost], first_published_at=local(2, 5)
    )
    return news


EXPECTED_PUBLISHED = [
    ("2025-01", TESTSTAD, "Centrum", "Wijkpagina", 1),
    ("2025-01", TESTSTAD, "West", "Wijkpagina", 1),
    ("2025-02", TESTSTAD, "Centrum", "Activiteit", 1),
    ("2025-02", TESTSTAD, "Centrum", "Nieuwsbericht", 2),
    ("2025-02", TESTSTAD, "West", "Nieuwsbericht", 1),
    ("2025-02", TESTSTAD, NO_WIJK, "Nieuwsbericht", 1),
    ("2025-03", TESTSTAD, "Centrum", "Nieuwsbericht", 1),
    ("2025-03", TESTSTAD, "West", "Nieuwsbericht", 1),
]


def as_tuples(rows):
    return [
        (row.month_label, row.site_name, row.neighbourhood, row.page_type, row.count)
        for row in rows
    ]


def submit(page, user, *, at):
    page.save_revision(user=user)
    state = page.get_workflow().start(page, user)
    WorkflowState.objects.filter(pk=state.pk).update(created_at=at)
    TaskState.objects.filter(workflow_state=state).update(started_at=at)
    state.refresh_from_db()
    return state


def approve(state, user, *, at):
    """Approve every remaining task of the workflow, as if at ``at``."""
    state.refresh_from_db()
    while state.status == WorkflowState.STATUS_IN_PROGRESS:
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, user, "approve")
        state.refresh_from_db()
    TaskState.objects.filter(
        workflow_state=state, status=TaskState.STATUS_APPROVED
    ).update(finished_at=at)


def reject(state, user, *, at, comment):
    state.refresh_from_db()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, user, "reject", comment=comment)
    TaskState.objects.filter(pk=task_state.pk).update(finished_at=at)


def resubmit(state, user, *, at):
    state.refresh_from_db()
    state.resume(user=user)
    state.refresh_from_db()
    TaskState.objects.filter(pk=state.current_task_state_id).update(started_at=at)


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def workflows(wijk_pages, users, now, elsewhere_news):
    """Approvals of Samen Teststad, hand-timed (submission to approval):

    Straatfeest 72 h (rejected on day 2 with "Datum ontbreekt.", resubmitted),
    Repair café 36 h, Buurtmoestuin 12 h, Koffieochtend 2.4 h:
    median (12 + 36) / 2 = 24 h = 1 day, slowest Straatfeest.
    Rejections: Straatfeest (4 March), Te lang verhaal (14 March).
    Open tasks, waiting 40 d, 12 d, 10 d, 3 d and 1 d: one below 2 days,
    one of 2 to 7, two of 7 to 30, one of 30 or more.
    Samen Anderdorp has an approval, a rejection and an open task of its own.
    """
    centrum, _west = wijk_pages
    author = users["buurtverbinder"]
    approver = users["communicatie"]

    def draft(title, parent=centrum):
        return NewsPageFactory(
            parent=parent, title=title, live=False, first_published_at=None
        )

    state = submit(draft("Straatfeest"), author, at=local(3, 3))
    reject(state, approver, at=local(3, 4), comment="Datum ontbreekt.")
    resubmit(state, author, at=local(3, 5))
    approve(state, approver, at=local(3, 6))

    state = submit(draft("Repair café"), author, at=local(3, 10))
    approve(state, approver, at=local(3, 11, 21))
    state = submit(draft("Buurtmoestuin"), author, at=local(3, 12, 8))
    approve(state, approver, at=local(3, 12, 20))
    state = submit(draft("Koffieochtend"), author, at=local(3, 13, 9))
    approve(state, approver, at=local(3, 13, 11, 24))

    state = submit(draft("Te lang verhaal"), author, at=local(3, 14))
    reject(state, approver, at=local(3, 14, 11), comment="Graag in gewone woorden.")

    for title, age in [
        ("Rommelmarkt", timedelta(days=40, hours=1)),
        ("Speeltuin", timedelta(days=12)),
        ("Wijkschouw", timedelta(days=10, hours=3)),
        ("Bingo", timedelta(days=3, hours=5)),
        ("Voorleesuur", timedelta(days=1, hours=2)),
    ]:
        submit(draft(title), author, at=now - age)

    elsewhere = users["elsewhere"]
    index = elsewhere_news
    state = submit(draft("Dorpsfeest", index), elsewhere, at=local(3, 3))
    # Nobody approves their own submission (four-eyes): a superuser does.
    approve(state, users["superuser"], at=local(3, 20))
    state = submit(draft("Kermis", index), elsewhere, at=local(3, 3))
    reject(state, elsewhere, at=local(3, 4), comment="Foto ontbreekt.")
    submit(draft("Dorpsquiz", index), elsewhere, at=now - timedelta(days=5))


@pytest.fixture
def help_posts(site, other_site, neighbourhood, other_neighbourhood, oost):
    """Per wijk of Samen Teststad (submitted in 2025 unless said otherwise):

    Centrum: requests 1 open, 2 published, 2 closed (one submitted in 2024),
      1 rejected; offers 1 open, 1 published; 3 neighbours' responses, one of
      them to the request of 2024.
    West: requests 1 rejected; offers 1 closed, 1 open (a change was asked).
    No wijk: requests 1 published.
    Samen Anderdorp, Oost: requests 1 published, with 1 response.
    """
    in_2025 = local(2, 1)
    for status, count in [
        (HelpStatus.SUBMITTED, 1),
        (HelpStatus.PUBLISHED, 2),
        (HelpStatus.CLOSED, 1),
        (HelpStatus.REJECTED, 1),
    ]:
        for _ in range(count):
            HelpRequestFactory(
                site=site,
                neighbourhood=neighbourhood,
                status=status,
                created_at=in_2025,
            )
    old_request = HelpRequestFactory(
        site=site,
        neighbourhood=neighbourhood,
        status=HelpStatus.CLOSED,
        created_at=datetime(2024, 6, 1, 12, tzinfo=AMSTERDAM),
    )
    HelpOfferFactory(
        site=site,
        neighbourhood=neighbourhood,
        status=HelpStatus.SUBMITTED,
        created_at=in_2025,
    )
    HelpOfferFactory(
        site=site,
        neighbourhood=neighbourhood,
        status=HelpStatus.PUBLISHED,
        created_at=in_2025,
    )
    HelpRequestFactory(
        site=site,
        neighbourhood=other_neighbourhood,
        status=HelpStatus.REJECTED,
        created_at=in_2025,
    )
    HelpOfferFactory(
        site=site,
        neighbourhood=other_neighbourhood,
        status=HelpStatus.CLOSED,
        created_at=in_2025,
    )
    HelpOfferFactory(
        site=site,
        neighbourhood=other_neighbourhood,
        status=HelpStatus.CHANGES_REQUESTED,
        created_at=in_2025,
    )
    HelpRequestFactory(
        site=site, neighbourhood=None, status=HelpStatus.PUBLISHED, created_at=in_2025
    )
    dorp_request = HelpRequestFactory(
        site=other_site,
        neighbourhood=oost,
        status=HelpStatus.PUBLISHED,
        created_at=in_2025,
    )
    published = HelpRequestFactory(
        site=site,
        neighbourhood=neighbourhood,
        status=HelpStatus.PUBLISHED,
        created_at=in_2025,
    )
    for post in (published, published, old_request, dorp_request):
        HelpResponse.objects.create(
            post=post, name="Buur", email="buur@example.org", message="Ik help."
        )


def export(client, name, export_format, **params):
    response = client.get(
        reverse(f"editorial_reports:{name}"), {**params, "export": export_format}
    )
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if export_format == "csv":
        assert response["Content-Type"] == "text/csv"
        return list(csv.reader(io.StringIO(content.decode("utf-8"))))
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


# Who may see the reports


def test_report_sites_follow_the_roles(site, other_site, users):
    def names(user):
        return [s.site_name for s in report_sites_for_user(user=user)]

    assert names(users["communicatie"]) == [TESTSTAD]
    assert names(users["elsewhere"]) == [ANDERDORP]
    assert names(users["beheerder"]) == [ANDERDORP, TESTSTAD]
    assert names(users["superuser"]) == [ANDERDORP, TESTSTAD]
    assert names(users["buurtverbinder"]) == []
    assert user_may_view_reports(user=users["buurtverbinder"]) is False
    assert user_may_view_reports(user=users["communicatie"]) is True


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_a_buurtverbinder_is_sent_back_to_the_dashboard(client, users, name):
    client.force_login(users["buurtverbinder"])

    response = client.get(reverse(f"editorial_reports:{name}"))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")

    response = client.get(reverse(f"editorial_reports:{name}"), {"export": "csv"})
    assert response.status_code == 302

    response = client.get(
        reverse(f"editorial_reports:{name}_results"),
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 403


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_anonymous_visitors_are_sent_to_the_login(client, site, name):
    response = client.get(reverse(f"editorial_reports:{name}"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_the_reports_menu_lists_the_reports_for_communicatie_only(client, users):
    report_urls = [reverse(f"editorial_reports:{name}") for name in REPORT_NAMES]

    client.force_login(users["communicatie"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert all(url in dashboard for url in report_urls)

    client.force_login(users["buurtverbinder"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert not any(url in dashboard for url in report_urls)


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_every_report_renders_and_exports_for_a_beheerder(client, users, name):
    client.force_login(users["beheerder"])

    assert client.get(reverse(f"editorial_reports:{name}")).status_code == 200
    assert client.get(reverse(f"editorial_reports:{name}_results")).status_code == 200
    assert export(client, name, "csv")[0]
    assert export(client, name, "xlsx")[0]


def test_invalid_filter_values_are_ignored(client, users, published_pages):
    client.force_login(users["beheerder"])

    response = client.get(
        reverse("editorial_reports:published"),
        {"site": "elders", "period_from": "gisteren", "period_to": "2025-13-45"},
    )

    assert response.status_code == 200
    assert len(response.context["object_list"]) == len(EXPECTED_PUBLISHED) + 1


# 1. Published per wijk and type


def test_a_pages_wijk_is_the_one_it_names_else_its_wijk_page(
    published_pages, wijk_pages, neighbourhood, other_neighbourhood
):
    centrum, _west = wijk_pages
    children = list(centrum.get_children().live().order_by("first_published_at"))

    wijken = page_neighbourhood_ids(pages=[centrum, *children])

    assert wijken[centrum.pk] == {neighbourhood.pk}
    assert [wijken[page.pk] for page in children] == [
        {neighbourhood.pk},
        {neighbourhood.pk},
        {other_neighbourhood.pk},  # names West, lives under Centrum
        {neighbourhood.pk},
    ]


def test_published_counts_match_the_hand_count(site, published_pages):
    assert as_tuples(published_counts(sites=[site])) == EXPECTED_PUBLISHED


def test_published_counts_in_a_period_use_dutch_time(site, published_pages):
    rows = published_counts(
        sites=[site], published_from=date(2025, 2, 4), published_until=date(2025, 3, 1)
    )

    assert rows == [
        PublishedCount(date(2025, 2, 1), TESTSTAD, "Centrum", "Activiteit", 1),
        PublishedCount(date(2025, 2, 1), TESTSTAD, "Centrum", "Nieuwsbericht", 1),
        PublishedCount(date(2025, 2, 1), TESTSTAD, "West", "Nieuwsbericht", 1),
        PublishedCount(date(2025, 2, 1), TESTSTAD, NO_WIJK, "Nieuwsbericht", 1),
        PublishedCount(date(2025, 3, 1), TESTSTAD, "Centrum", "Nieuwsbericht", 1),
        PublishedCount(date(2025, 3, 1), TESTSTAD, "West", "Nieuwsbericht", 1),
    ]


def test_published_counts_take_a_fixed_number_of_queries(site, published_pages):
    published_counts(sites=[site])  # fills Django's content type cache
    with CaptureQueriesContext(connection) as before:
        published_counts(sites=[site])
    for day in range(1, 6):
        NewsPageFactory(parent=published_pages, first_published_at=local(4, day))
    with CaptureQueriesContext(connection) as after:
        published_counts(sites=[site])

    assert len(after) == len(before)


def test_the_published_report_and_its_exports(client, users, published_pages):
    client.force_login(users["communicatie"])
    url = reverse("editorial_reports:published")

    page = client.get(url).content.decode()
    assert "Gepubliceerd per wijk en type" in page
    assert "Nieuwsbericht" in page
    assert NO_WIJK in page

    headings = ["Maand", "Platform", "Wijk", "Type", "Aantal"]
    assert export(client, "published", "csv") == [
        headings,
        *[[*map(str, row)] for row in EXPECTED_PUBLISHED],
    ]
    assert export(client, "published", "xlsx") == [
        headings,
        *[list(row) for row in EXPECTED_PUBLISHED],
    ]


def test_the_published_report_filters_by_period(client, users, published_pages):
    client.force_login(users["communicatie"])

    rows = export(
        client, "published", "csv", period_from="2025-03-01", period_to="2025-03-31"
    )

    assert rows[1:] == [
        ["2025-03", TESTSTAD, "Centrum", "Nieuwsbericht", "1"],
        ["2025-03", TESTSTAD, "West", "Nieuwsbericht", "1"],
    ]


def test_communicatie_of_the_other_site_sees_only_its_own_items(
    client, users, published_pages, site
):
    client.force_login(users["elsewhere"])

    assert export(client, "published", "csv")[1:] == [
        ["2025-02", ANDERDORP, "Oost", "Nieuwsbericht", "1"]
    ]
    # Asking for the other site's figures does not help.
    assert export(client, "published", "csv", site=site.pk)[1:] == [
        ["2025-02", ANDERDORP, "Oost", "Nieuwsbericht", "1"]
    ]


def test_a_beheerder_sees_every_site_and_can_choose_one(
    client, users, published_pages, other_site
):
    client.force_login(users["beheerder"])

    everything = export(client, "published", "csv")[1:]
    assert {row[1] for row in everything} == {TESTSTAD, ANDERDORP}
    assert len(everything) == len(EXPECTED_PUBLISHED) + 1

    assert export(client, "published", "csv", site=other_site.pk)[1:] == [
        ["2025-02", ANDERDORP, "Oost", "Nieuwsbericht", "1"]
    ]
    assert (
        'name="site"'
        in client.get(reverse("editorial_reports:published")).content.decode()
    )


# 2. Time from submission to approval


def test_approval_times_match_the_hand_timing(site, workflows):
    rows = approval_times(sites=[site])

    assert [
        (row.page_title, row.duration_hours, row.duration_days) for row in rows
    ] == [
        ("Straatfeest", 72.0, 3.0),
        ("Repair café", 36.0, 1.5),
        ("Buurtmoestuin", 12.0, 0.5),
        ("Koffieochtend", 2.4, 0.1),
    ]
    assert rows[0] == ApprovalTime(
        page_id=rows[0].page_id,
        page_title="Straatfeest",
        site_name=TESTSTAD,
        submitted_by="Anouk Jansen",
        submitted_at=local(3, 3),
        approved_at=local(3, 6),
    )

    summary = approval_time_summary(rows=rows)
    assert summary.count == 4
    assert summary.median == timedelta(hours=24)
    assert (summary.median_hours, summary.median_days) == (24.0, 1.0)
    assert summary.slowest.page_title == "Straatfeest"


def test_approval_times_in_a_period(site, workflows):
    rows = approval_times(
        sites=[site], approved_from=date(2025, 3, 11), approved_until=date(2025, 3, 12)
    )

    assert [row.page_title for row in rows] == ["Repair café", "Buurtmoestuin"]
    assert approval_time_summary(rows=[]).count == 0


def test_the_approval_times_report_and_its_exports(client, users, workflows):
    client.force_login(users["communicatie"])

    page = client.get(reverse("editorial_reports:approval_times")).content.decode()
    assert "Mediaan" in page
    assert "24,0 uur (1,0 dagen)" in page
    assert "72,0 uur (3,0 dagen): Straatfeest" in page
    assert "Dorpsfeest" not in page

    headings = [
        "Pagina",
        "Platform",
        "Ingediend door",
        "Ingediend op",
        "Goedgekeurd op",
        "Duur (uren)",
        "Duur (dagen)",
    ]
    rows = export(client, "approval_times", "csv")
    assert rows[0] == headings
    assert rows[1] == [
        "Straatfeest",
        TESTSTAD,
        "Anouk Jansen",
        "2025-03-03 09:00",
        "2025-03-06 09:00",
        "72.0",
        "3.0",
    ]
    assert [row[0] for row in rows[1:]] == [
        "Straatfeest",
        "Repair café",
        "Buurtmoestuin",
        "Koffieochtend",
    ]

    rows = export(client, "approval_times", "xlsx")
    assert rows[0] == headings
    assert rows[4] == [
        "Koffieochtend",
        TESTSTAD,
        "Anouk Jansen",
        datetime(2025, 3, 13, 9, 0),
        datetime(2025, 3, 13, 11, 24),
        2.4,
        0.1,
    ]


def test_communicatie_of_the_other_site_sees_its_own_approvals(
    client, users, workflows
):
    client.force_login(users["elsewhere"])

    rows = export(client, "approval_times", "csv")

    assert [row[:3] for row in rows[1:]] == [["Dorpsfeest", ANDERDORP, "Otto Anders"]]


# 3. Rejections


def test_rejections_match_the_hand_count(site, workflows):
    rows = rejections(sites=[site])

    assert [
        (row.page_title, row.author, row.rejected_by, row.rejected_at, row.comment)
        for row in rows
    ] == [
        (
            "Te lang verhaal",
            "Anouk Jansen",
            "Carla de Vries",
            local(3, 14, 11),
            "Graag in gewone woorden.",
        ),
        (
            "Straatfeest",
            "Anouk Jansen",
            "Carla de Vries",
            local(3, 4),
            "Datum ontbreekt.",
        ),
    ]
    assert rejections(sites=[site], rejected_until=date(2025, 3, 13))[0].page_title == (
        "Straatfeest"
    )


def test_the_rejections_report_and_its_exports(client, users, workflows):
    client.force_login(users["communicatie"])

    page = client.get(reverse("editorial_reports:rejections")).content.decode()
    assert "Graag in gewone woorden." in page
    assert "Foto ontbreekt." not in page

    headings = [
        "Pagina",
        "Platform",
        "Taak",
        "Auteur",
        "Afgewezen door",
        "Datum",
        "Opmerking",
    ]
    csv_rows = export(client, "rejections", "csv")
    assert csv_rows[0] == headings
    assert [row[0] for row in csv_rows[1:]] == ["Te lang verhaal", "Straatfeest"]
    assert csv_rows[2][3:] == [
        "Anouk Jansen",
        "Carla de Vries",
        "2025-03-04 09:00",
        "Datum ontbreekt.",
    ]

    xlsx_rows = export(client, "rejections", "xlsx")
    assert xlsx_rows[0] == headings
    assert xlsx_rows[1][3:] == [
        "Anouk Jansen",
        "Carla de Vries",
        datetime(2025, 3, 14, 11, 0),
        "Graag in gewone woorden.",
    ]


# 4. Open tasks by age


def test_open_tasks_by_age(site, workflows, now):
    rows = open_tasks(sites=[site], now=now)

    assert [(row.page_title, row.age_days, row.age_group) for row in rows] == [
        ("Rommelmarkt", 40, "30 dagen of langer"),
        ("Speeltuin", 12, "7 tot 30 dagen"),
        ("Wijkschouw", 10, "7 tot 30 dagen"),
        ("Bingo", 3, "2 tot 7 dagen"),
        ("Voorleesuur", 1, "minder dan 2 dagen"),
    ]
    assert open_task_age_summary(rows=rows) == [
        AgeGroupCount("minder dan 2 dagen", 1),
        AgeGroupCount("2 tot 7 dagen", 1),
        AgeGroupCount("7 tot 30 dagen", 2),
        AgeGroupCount("30 dagen of langer", 1),
    ]


def test_the_open_tasks_report_and_its_exports(client, users, workflows):
    client.force_login(users["communicatie"])

    page = client.get(reverse("editorial_reports:open_tasks")).content.decode()
    assert "Open taken per leeftijd" in page
    assert "Dorpsquiz" not in page

    headings = [
        "Pagina",
        "Platform",
        "Taak",
        "Ingediend door",
        "Wacht sinds",
        "Leeftijd (dagen)",
        "Leeftijdsgroep",
    ]
    csv_rows = export(client, "open_tasks", "csv")
    assert csv_rows[0] == headings
    assert [(row[0], row[5], row[6]) for row in csv_rows[1:]] == [
        ("Rommelmarkt", "40", "30 dagen of langer"),
        ("Speeltuin", "12", "7 tot 30 dagen"),
        ("Wijkschouw", "10", "7 tot 30 dagen"),
        ("Bingo", "3", "2 tot 7 dagen"),
        ("Voorleesuur", "1", "minder dan 2 dagen"),
    ]
    xlsx_rows = export(client, "open_tasks", "xlsx")
    assert xlsx_rows[0] == headings
    assert [(row[0], row[5]) for row in xlsx_rows[1:]] == [
        ("Rommelmarkt", 40),
        ("Speeltuin", 12),
        ("Wijkschouw", 10),
        ("Bingo", 3),
        ("Voorleesuur", 1),
    ]

    client.force_login(users["elsewhere"])
    assert [row[0] for row in export(client, "open_tasks", "csv")[1:]] == ["Dorpsquiz"]


# 5. Help requests and offers handled per wijk

EXPECTED_HELP_POSTS = [
    HelpPostCounts(
        TESTSTAD,
        "Centrum",
        requests_open=1,
        requests_published=3,
        requests_closed=2,
        requests_rejected=1,
        offers_open=1,
        offers_published=1,
        responses=3,
    ),
    HelpPostCounts(
        TESTSTAD, "West", requests_rejected=1, offers_closed=1, offers_open=1
    ),
    HelpPostCounts(TESTSTAD, NO_WIJK, requests_published=1),
]


def test_help_posts_per_wijk_match_the_hand_count(site, help_posts):
    rows = help_posts_per_neighbourhood(sites=[site])

    assert rows == EXPECTED_HELP_POSTS
    assert [(row.requests_handled, row.offers_handled) for row in rows] == [
        (6, 1),
        (1, 1),
        (1, 0),
    ]

    in_2025 = help_posts_per_neighbourhood(
        sites=[site],
        submitted_from=date(2025, 1, 1),
        submitted_until=date(2025, 12, 31),
    )
    assert (in_2025[0].requests_closed, in_2025[0].requests_handled) == (1, 5)
    # Answers count with the posts they answer: the 2024 request's is left out.
    assert in_2025[0].responses == 2


def test_a_help_post_waiting_for_a_change_counts_as_open(site, other_neighbourhood):
    HelpOfferFactory(
        site=site,
        neighbourhood=other_neighbourhood,
        status=HelpStatus.CHANGES_REQUESTED,
    )
    HelpRequestFactory(
        site=site,
        neighbourhood=other_neighbourhood,
        status=HelpStatus.CHANGES_REQUESTED,
    )

    (west,) = [
        row
        for row in help_posts_per_neighbourhood(sites=[site])
        if row.neighbourhood == "West"
    ]

    assert (west.requests_open, west.offers_open) == (1, 1)
    assert (west.requests_handled, west.offers_handled) == (0, 0)


def test_the_help_posts_report_and_its_exports(client, users, help_posts):
    client.force_login(users["communicatie"])

    page = client.get(reverse("editorial_reports:help_posts")).content.decode()
    assert "Hulpvragen afgehandeld per wijk" in page
    assert "Oost" not in page

    headings = [
        "Platform",
        "Wijk",
        "Hulpvragen afgehandeld",
        "Hulpvragen gepubliceerd",
        "Hulpvragen afgesloten",
        "Hulpvragen afgewezen",
        "Hulpvragen open",
        "Hulpaanbod afgehandeld",
        "Hulpaanbod gepubliceerd",
        "Hulpaanbod afgesloten",
        "Hulpaanbod afgewezen",
        "Hulpaanbod open",
        "Reacties van buren",
    ]
    expected = [
        [TESTSTAD, "Centrum", 6, 3, 2, 1, 1, 1, 1, 0, 0, 1, 3],
        [TESTSTAD, "West", 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0],
        [TESTSTAD, NO_WIJK, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ]
    assert export(client, "help_posts", "csv") == [
        headings,
        *[[*map(str, row)] for row in expected],
    ]
    assert export(client, "help_posts", "xlsx") == [headings, *expected]

    rows = export(
        client, "help_posts", "csv", period_from="2025-01-01", period_to="2025-12-31"
    )
    assert rows[1][:5] == [TESTSTAD, "Centrum", "5", "3", "1"]
    assert rows[1][-1] == "2"

    client.force_login(users["elsewhere"])
    assert export(client, "help_posts", "csv")[1:] == [
        [ANDERDORP, "Oost", "1", "1", "0", "0", "0", "0", "0", "0", "0", "0", "1"]
    ]


# Exports never hold a formula


@pytest.fixture
def hostile_texts(site, wijk_pages, users):
    """Titles, names, a comment and a wijk name that a spreadsheet would run,
    with a control character an XLSX file cannot hold, and HTML."""
    centrum, _west = wijk_pages
    wijk = NeighbourhoodFactory(site=site, name="=CMD()", slug="cmd")
    NewsPageFactory(
        parent=centrum, neighbourhoods=[wijk], first_published_at=local(2, 1)
    )
    HelpRequestFactory(
        site=site,
        neighbourhood=wijk,
        status=HelpStatus.CHANGES_REQUESTED,
        created_at=local(2, 1),
    )
    author = make_user("mallory", "@SUM(A1)", "Kwaad")
    buurtverbinder_grant(user=author, neighbourhood_page=centrum)
    approver = users["communicatie"]

    def draft(title, slug):
        return NewsPageFactory(
            parent=centrum, title=title, slug=slug, live=False, first_published_at=None
        )

    state = submit(draft("+1+1", "plus"), author, at=local(3, 3))
    approve(state, approver, at=local(3, 4))
    state = submit(draft("-2+3", "min"), author, at=local(3, 3))
    reject(state, approver, at=local(3, 4), comment="\t=1")
    submit(draft("<script>alert(1)</script>\x07", "script"), author, at=local(3, 5))
    submit(draft("\x01=SUM(1)", "som"), author, at=local(3, 6))


# Per report: cells as planted, after the apostrophe that makes them text.
HOSTILE_CELLS = {
    "published": ["'=CMD()"],
    "approval_times": ["'+1+1", "'@SUM(A1) Kwaad"],
    "rejections": ["'-2+3", "'\t=1", "'@SUM(A1) Kwaad"],
    "open_tasks": ["<script>alert(1)</script>", "'=SUM(1)", "'@SUM(A1) Kwaad"],
    "help_posts": ["'=CMD()"],
}


def assert_text_not_formula(value):
    if isinstance(value, str):
        assert not value.lstrip().startswith(FORMULA_PREFIXES), repr(value)


def export_raw(client, name, export_format):
    response = client.get(
        reverse(f"editorial_reports:{name}"), {"export": export_format}
    )
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("name", HOSTILE_CELLS)
def test_exports_hold_no_formula_and_keep_the_text(client, users, hostile_texts, name):
    client.force_login(users["communicatie"])

    content = export_raw(client, name, "csv").decode("utf-8")
    csv_cells = [cell for row in csv.reader(io.StringIO(content)) for cell in row]
    for cell in csv_cells:
        assert_text_not_formula(cell)
    assert set(HOSTILE_CELLS[name]) <= set(csv_cells)
    assert not any("\x07" in cell or "\x01" in cell for cell in csv_cells)

    workbook = openpyxl.load_workbook(io.BytesIO(export_raw(client, name, "xlsx")))
    xlsx_cells = [cell for row in workbook.active.iter_rows() for cell in row]
    for cell in xlsx_cells:
        assert cell.data_type != "f", cell.value
        assert_text_not_formula(cell.value)
    assert set(HOSTILE_CELLS[name]) <= {cell.value for cell in xlsx_cells}


def test_html_in_a_title_is_shown_as_text(client, users, hostile_texts):
    client.force_login(users["communicatie"])

    page = client.get(reverse("editorial_reports:open_tasks")).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
