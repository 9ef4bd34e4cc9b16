"""Shared fixtures: a default site with a HomePage, a second site, wijken, themes."""

import time

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.models import Page, Site

from accounts.middleware import SEEN_AT
from tests.browser import browse, browser_server, chromium  # noqa: F401
from tests.database import django_db_setup  # noqa: F401
from tests.factories import (
    HomePageFactory,
    NeighbourhoodFactory,
    SiteFactory,
    ThemeFactory,
    tree_root,
)


@pytest.fixture(autouse=True)
def _clear_the_cache():
    """Start every test with an empty local-memory cache: pytest-django does not
    clear it, so one test's form submissions would count towards another's rate
    limit (core.antispam)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _force_login_passes_two_factor(monkeypatch):
    """``client.force_login(user)`` gives a session that has passed two-factor
    authentication, as it already skips the password: the many admin tests are
    about what a role may do, not about logging in. Enforcement stays on
    (accounts.middleware.TwoFactorMiddleware): a user logged in any other way
    still needs a code, and tests/accounts/ log in through the real form with
    real TOTP codes. The session holds a recovery-code device of the user, as
    django_otp.login would store it (django-otp loads it: one query per
    request of a logged-in user)."""
    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name="force_login (tests)"
        )
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        # The idle clock is not written back during a (slow) test, which would
        # add a query to the exact counts (accounts.middleware.SEEN_AT).
        session[SEEN_AT] = time.time() + 60 * 60
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def site(db) -> Site:
    """The one default Site (hostname "localhost"), its root a fresh HomePage.

    Wagtail's first migration made a default site with a "Welcome" page; the
    site is re-pointed and that page removed, so there is exactly one default.
    """
    home = HomePageFactory(title="Samen Teststad", slug="samen-teststad")
    default = Site.objects.filter(is_default_site=True).first()
    if default is None:
        return SiteFactory(
            hostname="localhost",
            port=80,
            site_name="Samen Teststad",
            root_page=home,
            is_default_site=True,
        )
    old_root_id = default.root_page_id
    default.hostname = "localhost"
    default.port = 80
    default.site_name = "Samen Teststad"
    default.root_page = home
    default.save()
    Page.objects.filter(pk=old_root_id, depth=2).exclude(pk=home.pk).exclude(
        sites_rooted_here__isnull=False
    ).delete()
    return default


@pytest.fixture
def home_page(site):
    return site.root_page.specific


@pytest.fixture
def other_site(site) -> Site:
    return SiteFactory(
        hostname="other.localhost",
        port=80,
        site_name="Samen Anderdorp",
        root_page=HomePageFactory(
            parent=tree_root(), title="Samen Anderdorp", slug="samen-anderdorp"
        ),
    )


@pytest.fixture
def neighbourhood(site):
    return NeighbourhoodFactory(
        site=site, name="Centrum", slug="centrum", postcode_ranges=[("4201", "4203")]
    )


@pytest.fixture
def other_neighbourhood(site):
    return NeighbourhoodFactory(
        site=site, name="West", slug="west", postcode_ranges=[("4204", "4206")]
    )


@pytest.fixture
def theme(db):
    return ThemeFactory(name="Wonen", slug="wonen")


@pytest.fixture
def other_theme(db):
    return ThemeFactory(name="Geldzaken", slug="geldzaken")
