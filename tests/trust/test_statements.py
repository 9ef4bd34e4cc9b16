"""The privacy and accessibility statements (core/statements.py), per site.

Built from the privacy register and the site settings; every footer and
consent link points at them unless the municipality links its own statement.
"""

import datetime
import re
from html import unescape

import pytest
from django.utils import timezone

from core.models import PlatformSettings
from core.personal_data import personal_data_providers
from tests.factories import (
    HelpBoardPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db

PRIVACY = "/privacyverklaring/"
ACCESSIBILITY = "/toegankelijkheidsverklaring/"
OTHER_HOST = "other.localhost"


def text_of(html: str) -> str:
    """The visible text, roughly: tags out, whitespace folded."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def platform(site):
    settings = PlatformSettings.for_site(site)
    settings.platform_name = "Samen Teststad"
    settings.municipality = "Gemeente Teststad"
    settings.contact_email = "redactie@teststad.example"
    settings.privacy_contact_email = "privacy@teststad.example"
    settings.privacy_postal_address = "Postbus 1\n4200 AA Teststad"
    settings.dpo_name = "Functionaris gegevensbescherming Teststad"
    settings.dpo_email = "fg@teststad.example"
    settings.save()
    return settings


@pytest.fixture
def other_platform(other_site):
    settings = PlatformSettings.for_site(other_site)
    settings.platform_name = "Buurtkanaal Anderdorp"
    settings.municipality = "Gemeente Anderdorp"
    settings.contact_email = "redactie@anderdorp.example"
    settings.accessibility_status = "B"
    settings.accessibility_evaluated_on = datetime.date(2026, 3, 1)
    settings.accessibility_known_issues = (
        "Oude pdf's zijn niet toegankelijk.\n"
        "\n"
        "  De kaart werkt niet met een toetsenbord. "
    )
    settings.save()
    return settings


def test_the_privacy_statement_tells_every_form_of_the_register(
    client, platform, settings
):
    settings.BUURTPLEIN_VACANCY_RESPONSE_RETENTION_DAYS = 45
    response = client.get(PRIVACY)

    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    text = text_of(html)
    providers = personal_data_providers()
    assert {p.kind for p in providers} >= {
        "suggestions",
        "vacancy_responses",
        "help_posts",
        "help_responses",
        "help_reports",
    }
    for provider in providers:
        section = re.search(
            rf'<section[^>]*id="gegevens-{provider.kind}".*?</section>', html, re.S
        )
        assert section, provider.kind
        section_text = text_of(section[0])
        for part in (
            provider.statement_form,
            provider.statement_data,
            provider.statement_purpose,
            provider.statement_recipients,
        ):
            expected = str(part)
            if "%(" in expected:
                expected %= {"area": "wijk", "the_area": "de wijk"}
            assert expected in section_text, (provider.kind, expected)
        assert f"{provider.retention_days()} dagen" in section_text
    vacancy = re.search(r'id="gegevens-vacancy_responses".*?</section>', html, re.S)
    assert "45 dagen nadat je reactie binnenkwam" in text_of(vacancy[0])
    # Who is responsible, how to use your rights, the DPO, the authority.
    assert "Gemeente Teststad is verantwoordelijk voor je gegevens" in text
    assert 'href="mailto:privacy@teststad.example"' in html
    assert "Postbus 1" in text
    assert "Functionaris gegevensbescherming Teststad" in text
    assert 'href="mailto:fg@teststad.example"' in html
    assert 'href="https://www.autoriteitpersoonsgegevens.nl/"' in html
    for right in ("meekrijgen", "verbeteren", "verwijderen", "intrekken", "bezwaar"):
        assert right in text
    assert "lorem" not in text.lower()


def test_every_registered_kind_explains_itself_to_residents():
    for provider in personal_data_providers():
        for name in (
            "statement_form",
            "statement_data",
            "statement_purpose",
            "statement_legal_basis",
            "statement_recipients",
            "statement_retention_from",
        ):
            assert str(getattr(provider, name)).strip(), (provider.kind, name)


def test_a_village_platform_speaks_of_its_villages(client, other_platform):
    other_platform.area_term = "dorp"
    other_platform.save()

    html = client.get(PRIVACY, HTTP_HOST=OTHER_HOST).content.decode()

    forms = re.search(
        r'aria-labelledby="privacy-forms".*?</section>\s*</section>', html, re.S
    )
    text = text_of(forms[0])
    assert "De buurtverbinders van je dorp" in text
    assert "het dorp van je tip" in text
    assert "wijk" not in text


def test_each_site_has_its_own_statements(client, platform, other_platform):
    here = text_of(client.get(PRIVACY).content.decode())
    there = text_of(client.get(PRIVACY, HTTP_HOST=OTHER_HOST).content.decode())

    assert "Gemeente Teststad is verantwoordelijk" in here
    assert "Gemeente Anderdorp is verantwoordelijk" in there
    # Without a privacy address, the contact address is where to ask.
    assert "redactie@anderdorp.example" in there
    assert "Functionaris gegevensbescherming" not in there


def test_the_accessibility_statement_follows_the_model(
    client, platform, other_platform
):
    response = client.get(ACCESSIBILITY, HTTP_HOST=OTHER_HOST)

    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(html)
    assert "Status: B: voldoet gedeeltelijk" in text
    assert "WCAG 2.1" in text and "EN 301 549" in text
    assert "1 maart 2026" in text
    issues = re.search(
        r'aria-labelledby="accessibility-issues".*?<ul>(.*?)</ul>', html, re.S
    )
    assert re.findall(r"<li>(.*?)</li>", issues[1]) == [
        "Oude pdf&#x27;s zijn niet toegankelijk.",
        "De kaart werkt niet met een toetsenbord.",
    ]
    assert 'href="mailto:redactie@anderdorp.example"' in html
    assert "Nationale ombudsman" in text

    default = text_of(client.get(ACCESSIBILITY).content.decode())
    assert "Status: C: eerste maatregelen genomen" in default
    assert "We weten nu van geen problemen" in default


def consent_pages(home_page):
    board = HelpBoardPageFactory(parent=home_page, slug="vraag-en-aanbod")
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page), email="info@team.example"
    )
    vacancy = VacancyPageFactory(
        parent=organisation,
        contact_email="petra@team.example",
        closing_date=timezone.localdate() + datetime.timedelta(days=10),
    )
    return {
        "footer": "/",
        "help post": board.url + "plaatsen/",
        "vacancy response": vacancy.url + "reageren/",
        "tip": "/tip/",
    }


def statement_links(html: str) -> set[str]:
    return set(
        re.findall(
            r'<a href="([^"]*)">[^<]*(?:privacyverklaring|Privacyverklaring)', html
        )
    )


def test_every_consent_and_footer_link_points_at_the_statements(
    client, home_page, platform
):
    for name, url in consent_pages(home_page).items():
        html = client.get(url).content.decode()
        assert statement_links(html) == {PRIVACY}, name
        assert f'<a href="{ACCESSIBILITY}">Toegankelijkheidsverklaring</a>' in html


def test_a_municipalitys_own_statement_replaces_ours(client, home_page, platform):
    own = "https://www.teststad.example/privacy"
    platform.privacy_statement_url = own
    platform.accessibility_statement_url = "/toegankelijkheid/"
    platform.save()

    for name, url in consent_pages(home_page).items():
        html = client.get(url).content.decode()
        assert statement_links(html) == {own}, name
        assert '<a href="/toegankelijkheid/">Toegankelijkheidsverklaring</a>' in html
    response = client.get(PRIVACY)
    assert (response.status_code, response["Location"]) == (302, own)
    assert client.get(ACCESSIBILITY)["Location"] == "/toegankelijkheid/"


@pytest.mark.parametrize("value", [PRIVACY, "mailto:privacy@teststad.example"])
def test_a_link_that_cannot_be_followed_shows_ours(client, platform, value):
    """A link to our own address would loop, a mailto cannot be redirected to."""
    platform.privacy_statement_url = value
    platform.save()

    response = client.get(PRIVACY)

    assert response.status_code == 200
    assert "Welke gegevens, waarvoor en hoe lang" in response.content.decode()
