"""Instellingen → Inlogblokkades: superusers see login locks and lift them."""

import logging

import pytest
from django.test import Client

from .conftest import log_in

pytestmark = pytest.mark.django_db

URL = "/admin/inlogblokkades/"


@pytest.fixture
def locked(editor):
    elsewhere = Client()
    for _ in range(5):
        log_in(elsewhere, "buurtverbinder", "fout-wachtwoord")
    assert log_in(elsewhere, "buurtverbinder").status_code == 429
    return elsewhere


def test_a_superuser_sees_the_lock_and_lifts_it(client, make_user, locked, caplog):
    caplog.set_level(logging.INFO, logger="buurtplein.security")
    client.force_login(make_user("hoofdbeheer", superuser=True))

    page = client.get(URL).content.decode()
    assert "buurtverbinder" in page
    assert "127.0.0.1" in page
    attempt_id = page.split('name="attempt" value="')[1].split('"')[0]

    response = client.post(URL, {"attempt": attempt_id})

    assert response.status_code == 302
    assert "buurtverbinder" not in client.get(URL).content.decode()
    assert log_in(locked, "buurtverbinder").status_code == 302
    assert any("Login lock lifted" in m for m in caplog.messages)


def test_a_beheerder_cannot_see_or_lift_locks(client, make_user, locked, caplog):
    caplog.set_level(logging.INFO, logger="buurtplein.security")
    beheerder = make_user("beheerder", groups=["Beheerders"])
    client.force_login(beheerder)

    assert client.get(URL).status_code == 302
    assert client.post(URL, {"attempt": "1"}).status_code == 302

    assert log_in(locked, "buurtverbinder").status_code == 429
    assert (
        f"Admin permission denied: user_id={beheerder.pk} path={URL} method=GET "
        "ip=127.0.0.1" in caplog.messages
    )
    assert "Inlogblokkades" not in client.get("/admin/").content.decode()
