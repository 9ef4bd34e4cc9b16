"""/.well-known/security.txt (RFC 9116): a researcher finds whom to tell."""

import datetime

import pytest
from django.utils import timezone

from core.models import PlatformSettings


def fields(text: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for line in text.splitlines():
        name, _sep, value = line.partition(": ")
        parsed.setdefault(name, []).append(value)
    return parsed


@pytest.mark.django_db
def test_security_txt_names_the_configured_contact_and_a_near_expiry(
    client, settings, site
):
    settings.BUURTPLEIN_SECURITY_CONTACT = [
        "mailto:security@gemeente.example",
        "https://gemeente.example/kwetsbaarheid-melden",
    ]
    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    parsed = fields(response.content.decode())
    assert parsed["Contact"] == settings.BUURTPLEIN_SECURITY_CONTACT
    # RFC 9116 2.5.5: Expires is required, and less than a year ahead.
    (expires,) = parsed["Expires"]
    expires_at = datetime.datetime.fromisoformat(expires)
    assert timezone.now() < expires_at < timezone.now() + datetime.timedelta(days=365)
    assert parsed["Canonical"] == ["http://testserver/.well-known/security.txt"]
    assert parsed["Preferred-Languages"] == ["nl, en"]


@pytest.mark.django_db
def test_security_txt_falls_back_to_the_sites_contact_address(client, settings, site):
    settings.BUURTPLEIN_SECURITY_CONTACT = []
    platform = PlatformSettings.for_site(site)
    platform.contact_email = "redactie@teststad.example"
    platform.save()

    response = client.get("/.well-known/security.txt")

    assert fields(response.content.decode())["Contact"] == [
        "mailto:redactie@teststad.example"
    ]


@pytest.mark.django_db
def test_security_txt_without_any_contact_is_not_found(client, settings, site):
    settings.BUURTPLEIN_SECURITY_CONTACT = []
    assert client.get("/.well-known/security.txt").status_code == 404
