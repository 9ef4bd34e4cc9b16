"""The Content-Security-Policy (buurtplein/settings/security_headers.py) holds
in a real browser: every public page, the admin's login, page editor, image
chooser and workflow dialog work under it with not one violation.

Chromium reports each violation as a ``securitypolicyviolation`` event in the
page (an init script passes them to the test; CDP's init scripts are exempt
from the page's policy) and as a console message "Refused to ...". Both are
collected; the pages are also exercised (the map drawn, the search box's
suggestions, fields typed into, modals opened) so that scripts that run later
are covered too.

Plain HTTP tests check the header itself: strict on every public page and the
login, and a nonce that is the one the page's inline tags carry.
"""

import re
from decimal import Decimal

import pytest

from core.models import PlatformSettings
from helpboard.models import HelpStatus
from tests.accounts.browser_login import log_in_with_code
from tests.factories import (
    AgendaPageFactory,
    EventPageFactory,
    HelpBoardPageFactory,
    HelpRequestFactory,
    ImageFactory,
    LocationFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "csp-test-wachtwoord-lang"

WATCH_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation({
    page: document.location.pathname,
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile + ":" + event.lineNumber,
    sample: event.sample,
  });
});
"""


class Violations(list):
    """What the browser refused, from events and console messages."""

    def event(self, violation: dict) -> None:
        self.append(violation)

    def __str__(self) -> str:
        return "\n".join(sorted({str(item) for item in self}))

    def console(self, message) -> None:
        text = message.text
        if (
            text.startswith("Refused to")
            or "Content Security Policy" in text
            or "Permissions-Policy" in text
        ):
            self.append({"console": text})


def watched(page) -> Violations:
    violations = Violations()
    page.context.expose_function("reportCspViolation", violations.event)
    page.context.add_init_script(WATCH_VIOLATIONS)
    page.on("console", violations.console)
    return violations


@pytest.fixture
def content(site, neighbourhood):
    root = site.root_page
    PlatformSettings.objects.update_or_create(
        site=site,
        defaults={
            "platform_name": "Samen Teststad",
            "privacy_statement_url": "/privacy/",
            "accessibility_statement_url": "https://www.teststad.example/wcag",
            "contact_email": "info@teststad.example",
        },
    )
    kaart = SocialMapPageFactory(parent=root, slug="sociale-kaart")
    brug = OrganisationPageFactory(
        parent=kaart, title="Buurthuis De Brug", website="https://debrug.example/"
    )
    LocationFactory(
        page=brug,
        name="De Brug",
        street_address="Lingewal 3",
        latitude=Decimal("51.834100"),
        longitude=Decimal("4.972200"),
    )
    agenda = AgendaPageFactory(parent=root, slug="agenda")
    event = EventPageFactory(
        parent=agenda,
        title="Buurtmaaltijd",
        registration_url="https://aanmelden.example/",
    )
    news_index = NewsIndexPageFactory(parent=root, slug="nieuws")
    news = NewsPageFactory(parent=news_index, title="Buurtfeest in de Brug")
    HelpBoardPageFactory(parent=root, slug="vraag-en-aanbod")
    HelpRequestFactory(
        site=site, title="Wie helpt met boodschappen?", status=HelpStatus.PUBLISHED
    )
    return {"kaart": kaart, "brug": brug, "event": event, "news": news}


PUBLIC_PATHS = [
    "/",
    "/sociale-kaart/",
    "/sociale-kaart/buurthuis-de-brug/",
    "/agenda/",
    "/nieuws/",
    "/vraag-en-aanbod/",
    "/zoeken/?q=buurt",
    "/tip/",
    "/mijn-wijk/",
]


def test_the_public_pages_run_without_a_violation(browse, browser_server, content):
    page, _traffic = browse()
    violations = watched(page)
    paths = [*PUBLIC_PATHS, content["event"].url, content["news"].url]

    for path in paths:
        response = page.goto(f"{browser_server}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("load")
        if path.startswith("/sociale-kaart/"):
            page.wait_for_selector("[data-map-ready]")

    # The sociale kaart's search suggestions fetch JSON while one types.
    page.goto(f"{browser_server}/sociale-kaart/")
    page.locator("input[name=q]").first.press_sequentially("Brug", delay=50)
    page.locator("a", has_text="Buurthuis De Brug").first.wait_for()
    # The branding colours come from the inline style with the nonce.
    colour = page.evaluate(
        "getComputedStyle(document.documentElement)"
        ".getPropertyValue('--colour-primary')"
    )
    assert colour.strip() == "#0b5394"

    assert violations == [], str(violations)


def test_an_injected_script_is_refused(browse, browser_server, content, settings):
    """The policy is really enforced: a script without the nonce does not run,
    and the browser reports it (so the other tests can fail)."""
    page, _traffic = browse()
    violations = watched(page)
    page.goto(f"{browser_server}/")

    ran = page.evaluate(
        """() => {
            window.injected = false;
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.appendChild(script);
            return window.injected;
        }"""
    )
    page.wait_for_timeout(200)

    assert ran is False
    assert any(v.get("directive") == "script-src-elem" for v in violations)


def log_in(page, browser_server, user) -> None:
    """Through the login form and the two-factor step, as a person logs in."""
    log_in_with_code(page, browser_server, user.username, PASSWORD)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        "csp-beheer", email="beheer@teststad.example", password=PASSWORD
    )


@pytest.fixture
def in_moderation(content, django_user_model):
    """The news page, submitted by another author: at Communicatie's approval."""
    author = django_user_model.objects.create_superuser(
        "csp-auteur", email="auteur@teststad.example", password=PASSWORD
    )
    news = content["news"]
    news.save_revision(user=author)
    workflow = news.get_workflow()
    workflow.start(news, author)
    news.refresh_from_db()
    return news


def test_the_admin_editor_chooser_and_workflow_dialog_run_without_a_violation(
    browse, browser_server, content, editor, in_moderation
):
    ImageFactory(title="Buurtfeest foto")
    page, _traffic = browse()
    violations = watched(page)

    log_in(page, browser_server, editor)
    assert violations == [], f"login and dashboard:\n{violations}"

    page.goto(f"{browser_server}/admin/pages/{in_moderation.pk}/edit/")
    page.locator("#id_title").fill("Buurtfeest in de Brug, met muziek")
    page.locator("#id_introduction").fill("Iedereen is welkom.")
    # The date field's calendar (an admin widget with its own script).
    page.locator("#id_date").click()
    page.locator(".xdsoft_datetimepicker >> visible=true").wait_for()
    page.keyboard.press("Escape")

    # The image chooser: a modal loaded from the server.
    page.get_by_role("button", name=re.compile("Kies een afbeelding")).click()
    modal = page.locator(".modal-dialog")
    modal.wait_for(state="visible")
    modal.locator("a", has_text="Buurtfeest foto").click()
    modal.wait_for(state="hidden")
    assert page.locator("[data-chooser-title]").first.inner_text() == (
        "Buurtfeest foto"
    )
    assert violations == [], f"editor and image chooser:\n{violations}"

    # The workflow's approval dialog (with the taalcheck advice).
    page.locator("[data-workflow-action-modal-url]").first.evaluate("b => b.click()")
    page.locator(".modal-dialog textarea[name=comment]").wait_for(state="visible")
    page.locator(".modal-dialog textarea[name=comment]").fill("Mooi stuk.")
    assert violations == [], f"workflow dialog:\n{violations}"


def test_the_image_chooser_and_library_run_without_a_violation(
    browse, browser_server, editor
):
    ImageFactory(title="Buurtfeest foto")
    page, _traffic = browse()
    violations = watched(page)
    log_in(page, browser_server, editor)

    for path in ("/admin/images/", "/admin/images/chooser/", "/admin/pages/"):
        response = page.goto(f"{browser_server}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("load")

    assert violations == [], str(violations)


def test_a_javascript_link_in_the_site_settings_is_refused(
    browse, browser_server, content, editor, site
):
    """The settings form says why, in Dutch, and keeps the stored link; the
    editor's own view of the public site (with Wagtail's userbar) is strict too."""
    page, _traffic = browse()
    violations = watched(page)
    log_in(page, browser_server, editor)

    page.goto(f"{browser_server}/admin/settings/core/platformsettings/{site.pk}/")
    page.locator("#id_privacy_statement_url").fill("javascript:alert(document.cookie)")
    with page.expect_navigation():
        page.locator("#id_privacy_statement_url").press("Enter")

    page.get_by_text(re.compile("Dit adres is niet toegestaan")).first.wait_for()
    assert PlatformSettings.objects.get(site=site).privacy_statement_url == "/privacy/"

    page.goto(f"{browser_server}/")
    page.locator("[data-wagtail-userbar]").wait_for(state="attached")
    assert page.locator('a[href="/privacy/"]').count() == 1
    assert violations == [], str(violations)


# The header itself, over plain HTTP.

NONCE = re.compile(r"'nonce-([A-Za-z0-9+/=]+)'")


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_strict(response) -> str:
    header = response["Content-Security-Policy"]
    policy = directives(header)
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive], directive
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["img-src"][:2] == ["'self'", "data:"]
    assert policy["script-src"][0] == "'self'"
    # The nonce is sent when the page uses one (every page on templates/base.html).
    nonces = NONCE.findall(" ".join(policy["script-src"]))
    assert NONCE.findall(" ".join(policy["style-src"])) == nonces
    return nonces[0] if nonces else None


def test_every_public_page_and_the_login_carry_the_strict_policy(client, content):
    paths = [
        *PUBLIC_PATHS,
        content["event"].url,
        content["news"].url,
        "/admin/login/",
    ]
    nonces = set()
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        nonce = assert_strict(response)
        html = response.content.decode()
        inline = re.findall(r"<(script|style)\b([^>]*)>", html)
        for tag, attributes in inline:
            if tag == "script" and "src=" in attributes:
                continue
            if 'type="application/json"' in attributes:
                continue  # data, never run
            assert f'nonce="{nonce}"' in attributes, (path, tag, attributes)
        if path != "/admin/login/":
            assert f'<style nonce="{nonce}">' in html, path
            nonces.add(nonce)
    assert len(nonces) == len(paths) - 1, "a fresh nonce on every response"


def test_the_map_tiles_are_the_only_other_image_origin(client, content, settings):
    settings.BUURTPLEIN_MAP_TILES_URL = "https://tiles.example:8443/{z}/{x}/{y}.png"
    response = client.get("/sociale-kaart/")

    policy = directives(response["Content-Security-Policy"])
    assert policy["img-src"] == ["'self'", "data:", "https://tiles.example:8443"]
    assert policy["connect-src"] == ["'self'"]


def test_permissions_policy_switches_off_what_the_site_does_not_use(client, content):
    response = client.get("/sociale-kaart/")

    header = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header


def test_the_admin_keeps_every_directive_but_inline_scripts_and_styles(
    client, content, django_user_model
):
    """Behind the login the admin allows inline scripts and styles (Wagtail 8
    writes them, docs/security-csp.md), never eval; everything else is strict."""
    user = django_user_model.objects.create_superuser("beheer", password=PASSWORD)
    client.force_login(user)
    response = client.get(f"/admin/pages/{content['news'].pk}/edit/")

    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
