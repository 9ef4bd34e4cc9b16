"""Web addresses people type are stored only when they are safe in an href
(core/validators.py): http(s), mailto and, for the footer links, site paths."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError

from core.blocks import CallToActionBlock
from core.models import PlatformSettings
from core.validators import (
    clear_unsafe_urls,
    safe_link_or_path,
    safe_web_url,
)
from tests.factories import EventPageFactory, OrganisationPageFactory

SCRIPT_URLS = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]
NOT_A_PATH_ON_THIS_SITE = ["//evil.example/privacy", "/\\evil.example", "privacy"]


@pytest.mark.parametrize("url", SCRIPT_URLS + NOT_A_PATH_ON_THIS_SITE)
def test_script_and_foreign_addresses_are_refused(url):
    for validator in (safe_link_or_path, safe_web_url):
        with pytest.raises(ValidationError):
            validator(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.gemeente.example/privacy",
        "http://gemeente.example/toegankelijkheid?taal=nl#wcag",
        "mailto:privacy@gemeente.example",
        "mailto:privacy@gemeente.example?subject=Vraag",
        "/privacy/",
        "/",
    ],
)
def test_footer_links_accept_web_mail_and_site_paths(url):
    safe_link_or_path(url)


@pytest.mark.parametrize(
    "url", ["mailto:info@buurthuis.example", "/privacy/", "ftp://files.example/"]
)
def test_web_addresses_are_http_or_https_only(url):
    with pytest.raises(ValidationError):
        safe_web_url(url)
    safe_web_url("https://www.buurthuis.example/")


def test_the_message_says_in_dutch_what_is_allowed():
    with pytest.raises(ValidationError) as refused:
        safe_link_or_path("javascript:alert(1)")
    (message,) = refused.value.messages
    assert "niet toegestaan" in message
    assert "https://" in message
    assert "mailto:" in message
    assert "/privacy/" in message


@pytest.mark.django_db
def test_organisation_website_and_event_registration_link_refuse_scripts(site):
    organisation = OrganisationPageFactory(parent=site.root_page)
    organisation.website = "javascript:alert(1)"
    with pytest.raises(ValidationError) as refused:
        organisation.full_clean()
    assert "website" in refused.value.message_dict

    event = EventPageFactory(parent=site.root_page)
    event.registration_url = "ftp://files.example/aanmelden"
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert "registration_url" in refused.value.message_dict


def test_a_call_to_action_button_refuses_a_script_address():
    block = CallToActionBlock()
    value = block.to_python(
        {"title": "Doe mee", "url": "javascript:alert(1)", "button_text": "Meld je aan"}
    )
    with pytest.raises(ValidationError):
        block.clean(value)


# The site settings form in the admin: what a Beheerder types.


def settings_form(**changes) -> dict:
    data = {
        "platform_name": "Samen Teststad",
        "municipality": "Teststad",
        "logo": "",
        "primary_colour": "#0b5394",
        "accent_colour": "#f6b26b",
        "footer_text": "",
        "contact_email": "",
        "contact_phone": "",
        "privacy_statement_url": "",
        "accessibility_statement_url": "",
        "area_term": "wijk",
        "accessibility_status": "C",
    }
    data.update(changes)
    return data


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("beheer", password="x" * 16)
    client.force_login(user)
    return client


def edit_url(site) -> str:
    return f"/admin/settings/core/platformsettings/{site.pk}/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field", ["privacy_statement_url", "accessibility_statement_url"]
)
def test_the_settings_form_refuses_a_javascript_link_and_stores_nothing(
    admin_client, site, field
):
    PlatformSettings.objects.update_or_create(site=site, defaults={field: "/privacy/"})
    response = admin_client.post(
        edit_url(site), settings_form(**{field: "javascript:alert(document.cookie)"})
    )

    assert response.status_code == 200  # the form again, with the error
    errors = response.context["form"].errors
    assert "niet toegestaan" in errors[field][0]
    assert "javascript:" in response.content.decode()  # the message names it
    assert getattr(PlatformSettings.objects.get(site=site), field) == "/privacy/"


@pytest.mark.django_db
def test_the_settings_form_stores_a_web_address_and_a_site_path(admin_client, site):
    response = admin_client.post(
        edit_url(site),
        settings_form(
            privacy_statement_url="/privacy/",
            accessibility_statement_url="https://www.teststad.example/wcag",
        ),
    )

    assert response.status_code == 302
    stored = PlatformSettings.objects.get(site=site)
    assert stored.privacy_statement_url == "/privacy/"
    assert stored.accessibility_statement_url == "https://www.teststad.example/wcag"
    footer = admin_client.get("/").content.decode()
    assert 'href="/privacy/"' in footer
    assert 'href="https://www.teststad.example/wcag"' in footer


# The data check in the migrations: values stored before the check existed.


@pytest.mark.django_db
def test_the_data_check_blanks_only_the_unsafe_links(site):
    PlatformSettings.objects.update_or_create(
        site=site,
        defaults={
            "privacy_statement_url": "javascript:alert(1)",
            "accessibility_statement_url": "/toegankelijkheid/",
        },
    )

    cleared = clear_unsafe_urls(
        PlatformSettings,
        ["privacy_statement_url", "accessibility_statement_url"],
        safe_link_or_path,
    )

    assert cleared == 1
    stored = PlatformSettings.objects.get(site=site)
    assert stored.privacy_statement_url == ""
    assert stored.accessibility_statement_url == "/toegankelijkheid/"


@pytest.mark.django_db
def test_the_core_migration_runs_the_data_check(site):
    PlatformSettings.objects.update_or_create(
        site=site, defaults={"privacy_statement_url": " javascript:alert(1)"}
    )
    migration = import_module("core.migrations.0004_safe_url_schemes")

    migration.blank_unsafe_urls(django_apps, None)

    assert PlatformSettings.objects.get(site=site).privacy_statement_url == ""


def test_the_tip_form_takes_only_http_websites():
    from core.forms import SuggestionForm

    field = SuggestionForm.base_fields["website"]
    with pytest.raises(ValidationError):
        field.clean("ftp://files.example/")
    with pytest.raises(ValidationError):
        field.clean("javascript:alert(1)")
    assert field.clean("www.buurthuis.example") == "https://www.buurthuis.example"
