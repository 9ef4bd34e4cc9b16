"""The dashboard per role: shortcuts for what someone does most, and what
waits for them, counted (editorial/dashboard.py), through the admin's home."""

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils.html import strip_tags

from core.models import SuggestionStatus
from editorial.dashboard import dashboard_for
from editorial.services import (
    beheerder_grant,
    buurtverbinder_grant,
    communicatie_grant,
    organisation_editor_grant,
)
from helpboard.models import HelpStatus
from tests.factories import (
    AgendaPageFactory,
    HelpRequestFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
    VacancyPageFactory,
)
from tests.factories.core import SuggestionFactory

pytestmark = pytest.mark.django_db


def make_user(username):
    return get_user_model().objects.create_user(
        username, f"{username}@example.org", first_name=username.title()
    )


@pytest.fixture
def town(site, neighbourhood, other_neighbourhood):
    home = site.root_page
    wijken = NeighbourhoodIndexPageFactory(parent=home)
    wijk = NeighbourhoodPageFactory(parent=wijken, neighbourhood=neighbourhood)
    other_wijk = NeighbourhoodPageFactory(
        parent=wijken, neighbourhood=other_neighbourhood
    )
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home), title="Buurthuis De Linde"
    )
    people = {
        name: make_user(name)
        for name in ("anouk", "bram", "petra", "beheerder", "resident")
    }
    buurtverbinder_grant(user=people["anouk"], neighbourhood_page=wijk)
    organisation_editor_grant(user=people["bram"], organisation_page=organisation)
    communicatie_grant(user=people["petra"], site=site)
    beheerder_grant(user=people["beheerder"])
    return {
        "site": site,
        "wijk": wijk,
        "other_wijk": other_wijk,
        "organisation": organisation,
        "news_index": NewsIndexPageFactory(parent=home),
        "agenda": AgendaPageFactory(parent=home),
        **people,
    }


@pytest.fixture
def waiting(town, neighbourhood, other_neighbourhood):
    """What waits: help posts and tips in both wijken, pages sent in and back,
    responses to a vacancy of the organisation."""
    site = town["site"]
    for wijk in (neighbourhood, neighbourhood, other_neighbourhood):
        HelpRequestFactory(site=site, neighbourhood=wijk, status=HelpStatus.SUBMITTED)
    HelpRequestFactory(
        site=site, neighbourhood=neighbourhood, status=HelpStatus.PUBLISHED
    )
    for wijk in (neighbourhood, other_neighbourhood, other_neighbourhood):
        SuggestionFactory(site=site, neighbourhood=wijk, status=SuggestionStatus.NEW)
    SuggestionFactory(
        site=site, neighbourhood=neighbourhood, status=SuggestionStatus.PROCESSED
    )

    anouk, petra = town["anouk"], town["petra"]
    sent_in = NewsPageFactory(parent=town["wijk"], title="Straatfeest", live=False)
    sent_in.save_revision(user=anouk)
    sent_in.get_workflow().start(sent_in, anouk)
    sent_back = NewsPageFactory(parent=town["wijk"], title="Koffie", live=False)
    sent_back.save_revision(user=anouk)
    state = sent_back.get_workflow().start(sent_back, anouk)
    state.current_task_state.task.specific.on_action(
        state.current_task_state, petra, "reject", comment="Zet de tijd erbij."
    )

    vacancy = VacancyPageFactory(parent=town["organisation"])
    from vacancies.models import VacancyResponse

    for name in ("Ans", "Kees"):
        VacancyResponse.objects.create(
            vacancy=vacancy,
            site=site,
            name=name,
            message="Ik help graag.",
            consent=True,
            email=f"{name.lower()}@example.org",
        )
    return town


def dashboard_html(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(
        r'<section[^>]*id="role-dashboard-section".*?</section>', html, re.S
    )
    assert match, "no role dashboard on the admin's home"
    return match.group(0)


def shortcuts(html: str) -> dict[str, str]:
    return {
        " ".join(unescape(strip_tags(label)).split()): href
        for href, label in re.findall(
            r'<a [^>]*href="([^"]+)"[^>]*data-shortcut>(.*?)</a>', html, re.S
        )
    }


def waiting_lines(html: str) -> list[str]:
    return [
        " ".join(unescape(strip_tags(item)).split())
        for item in re.findall(r"<li data-waiting>(.*?)</li>", html, re.S)
    ]


def test_a_buurtverbinder_writes_for_their_wijk_and_moderates_its_posts(waiting):
    html = dashboard_html(waiting["anouk"])
    wijk = waiting["wijk"]

    assert shortcuts(html) == {
        "Schrijf nieuws voor Centrum": f"/admin/pages/add/news/newspage/{wijk.pk}/",
        "Zet een activiteit in de agenda": (
            f"/admin/pages/add/agenda/eventpage/{wijk.pk}/"
        ),
        "Bekijk wachtende hulpvragen (2)": "/admin/helpboard/?status=submitted",
    }
    # Only Centrum's posts and tips; the vacancy is the organisation's.
    assert waiting_lines(html) == [
        "2 hulpvragen en -aanbiedingen wachten op moderatie",
        "1 tip van een bewoner wacht",
        "0 reacties op vrijwilligerswerk",
        "1 pagina van jou kwam terug met een opmerking",
    ]


def test_an_organisation_editor_goes_straight_to_their_opening_hours(waiting):
    html = dashboard_html(waiting["bram"])
    organisation = waiting["organisation"]

    assert shortcuts(html) == {
        "Werk openingstijden bij van Buurthuis De Linde": (
            f"/admin/pages/{organisation.pk}/edit/"
        ),
        "Zet een activiteit in de agenda": (
            f"/admin/pages/add/agenda/eventpage/{organisation.pk}/"
        ),
    }
    assert waiting_lines(html) == [
        "2 reacties op vrijwilligerswerk",
        "0 pagina's van jou kwamen terug met een opmerking",
    ]


def test_communicatie_sees_what_waits_for_approval_and_moderation(waiting):
    html = dashboard_html(waiting["petra"])

    assert shortcuts(html) == {
        "Schrijf nieuws": (
            f"/admin/pages/add/news/newspage/{waiting['news_index'].pk}/"
        ),
        "Zet een activiteit in de agenda": (
            f"/admin/pages/add/agenda/eventpage/{waiting['agenda'].pk}/"
        ),
        "Bekijk wachtende hulpvragen (3)": "/admin/helpboard/?status=submitted",
    }
    assert waiting_lines(html) == [
        "1 pagina wacht op je goedkeuring",
        "3 hulpvragen en -aanbiedingen wachten op moderatie",
        "3 tips van bewoners wachten",
        "2 reacties op vrijwilligerswerk",
        "0 pagina's van jou kwamen terug met een opmerking",
    ]


def test_a_beheerder_gives_roles_and_moderates_nothing(waiting):
    html = dashboard_html(waiting["beheerder"])

    assert shortcuts(html) == {
        "Geef iemand een rol": "/admin/rollen/",
        "Wijken en thema's": "/admin/snippets/core/neighbourhood/",
    }
    assert waiting_lines(html) == []


def test_someone_without_a_role_gets_no_role_dashboard(waiting):
    waiting["resident"].user_permissions.add(
        Permission.objects.get(codename="access_admin")
    )
    client = Client()
    client.force_login(waiting["resident"])
    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert 'id="role-dashboard-section"' not in response.content.decode()


@pytest.mark.parametrize(
    ("person", "queries"),
    [("anouk", 9), ("bram", 5), ("petra", 16), ("beheerder", 2)],
)
def test_the_dashboard_takes_a_fixed_number_of_queries_per_role(
    waiting, django_assert_num_queries, person, queries
):
    user = get_user_model().objects.get(pk=waiting[person].pk)
    with django_assert_num_queries(queries):
        dashboard_for(user=user)
