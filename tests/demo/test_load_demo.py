"""``manage.py load_demo``: the demo town, built once, safe to run again."""

from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone
from django.utils.html import escape
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page, Site

from agenda.models import EventOccurrence, EventPage
from core.models import Neighbourhood
from editorial.role_access import beheerder_sites
from helpboard.models import HelpKind, HelpPost, HelpStatus
from neighbourhoods.models import NeighbourhoodPage
from news.models import NewsPage
from socialmap.models import OrganisationPage
from vacancies.models import VacancyPage

pytestmark = pytest.mark.django_db


def load_demo(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts_per_model() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def test_load_demo_twice_builds_the_town_once_with_a_user_per_role(settings):
    settings.DEBUG = True
    output = load_demo()
    first = counts_per_model()
    again = load_demo()

    assert counts_per_model() == first
    assert "Gebouwd: Samen Merwestad" in output
    assert "Bestond al, niets veranderd: Samen Merwestad" in again
    assert "http://127.0.0.1:8000/admin/" in output
    assert "buurtplein-demo" in output

    merwestad = Site.objects.get(hostname="localhost", port=8000)
    dorpen = Site.objects.get(hostname="dorpen.localhost", port=8000)
    assert Site.objects.count() == 2
    assert Site.objects.get(is_default_site=True) == merwestad
    assert not Page.objects.filter(title__startswith="Welcome").exists()
    assert Neighbourhood.objects.filter(site=merwestad).count() == 9
    assert Neighbourhood.objects.filter(site=dorpen).count() == 4
    assert NeighbourhoodPage.objects.live().count() == 13
    assert OrganisationPage.objects.live().count() >= 40
    assert EventPage.objects.live().count() >= 60
    assert VacancyPage.objects.live().count() >= 20
    assert NewsPage.objects.live().count() >= 30
    assert VacancyPage.objects.filter(closing_date__lt=timezone.localdate()).exists()
    events_with_a_coming_date = set(
        EventOccurrence.objects.filter(start__gte=timezone.now()).values_list(
            "event_id", flat=True
        )
    )
    assert set(EventPage.objects.values_list("pk", flat=True)) == (
        events_with_a_coming_date
    )
    assert EventPage.objects.filter(skipped_dates__isnull=False).exists()
    for kind in HelpKind:
        statuses = HelpPost.objects.filter(kind=kind).values_list("status", flat=True)
        # Everything but "aanpassing gevraagd", which only a moderator's request brings.
        assert set(statuses) == set(HelpStatus) - {HelpStatus.CHANGES_REQUESTED}
    assert set(get_user_model().objects.values_list("username", flat=True)) == {
        "admin",
        "beheerder",
        "beheerder-dorpen",
        "communicatie",
        "communicatie-dorpen",
        "buurtverbinder",
        "organisatie",
    }

    # Each demo user has their role.
    users = get_user_model().objects.in_bulk(field_name="username")
    own = NeighbourhoodPage.objects.get(slug="binnenstad")
    other = NeighbourhoodPage.objects.get(slug="havenkwartier")
    organisation = OrganisationPage.objects.get(slug="welzijn-merwestad")

    buurtverbinder = users["buurtverbinder"]
    assert own.permissions_for_user(buurtverbinder).can_edit()
    assert not own.permissions_for_user(buurtverbinder).can_publish()
    assert not other.permissions_for_user(buurtverbinder).can_edit()
    assert not organisation.permissions_for_user(buurtverbinder).can_edit()

    assert organisation.permissions_for_user(users["organisatie"]).can_edit()
    assert not own.permissions_for_user(users["organisatie"]).can_edit()
    assert own.permissions_for_user(users["communicatie"]).can_edit()
    # Each municipality has its own Communicatie: no rights on the other platform.
    village = NeighbourhoodPage.objects.exclude(
        path__startswith=own.get_site().root_page.path
    ).first()
    assert village.permissions_for_user(users["communicatie-dorpen"]).can_edit()
    assert not village.permissions_for_user(users["communicatie"]).can_edit()
    assert not own.permissions_for_user(users["communicatie-dorpen"]).can_edit()
    assert users["beheerder"].has_perm("auth.change_user")
    assert not users["beheerder"].is_superuser
    # A per-site Beheerder administers the village platform only.
    assert set(beheerder_sites(user=users["beheerder-dorpen"])) == {
        Site.objects.get(hostname="dorpen.localhost")
    }
    assert users["admin"].is_superuser
    assert users["admin"].check_password("buurtplein-demo")

    # Those who must log in with a second step get a demo authenticator, whose
    # current code `manage.py demo_code` prints; the others get none.
    devices = TOTPDevice.objects.filter(confirmed=True)
    assert set(devices.values_list("user__username", flat=True)) == {
        "admin",
        "beheerder",
        "beheerder-dorpen",
        "communicatie",
        "communicatie-dorpen",
    }
    out = StringIO()
    call_command("demo_code", "communicatie", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6
    assert devices.get(user__username="communicatie").verify_token(code)
    with pytest.raises(CommandError, match="geen demo-app"):
        call_command("demo_code", "buurtverbinder")


def test_refuses_known_passwords_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        load_demo()
    assert not Site.objects.filter(hostname="dorpen.localhost").exists()
    assert not get_user_model().objects.exists()


def test_if_empty_skips_when_there_is_content(settings, site):
    settings.DEBUG = True
    output = load_demo("--if-empty")
    assert "niet opnieuw geladen" in output
    assert not Site.objects.filter(hostname="dorpen.localhost").exists()
    assert not get_user_model().objects.exists()


def test_every_demo_page_renders(settings, client):
    settings.DEBUG = False
    load_demo("--no-users")
    assert not get_user_model().objects.exists()

    failures = []
    pages = Page.objects.live().filter(depth__gt=1).specific().order_by("path")
    for page in pages:
        _site_id, root_url, path = page.get_url_parts()
        response = client.get(path, HTTP_HOST=urlsplit(root_url).netloc)
        if response.status_code != 200:
            failures.append(f"{response.status_code} {root_url}{path}")
        elif escape(page.title) not in response.content.decode():
            failures.append(f"no title {page.title!r} on {root_url}{path}")
    assert len(pages) > 200
    assert failures == []
