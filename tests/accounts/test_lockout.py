"""Lockout after repeated wrong passwords, through Wagtail's real login form."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt

from .conftest import PASSWORD, log_in

pytestmark = pytest.mark.django_db

WRONG = "niet-mijn-wachtwoord"
ELSEWHERE = {"REMOTE_ADDR": "198.51.100.20"}


def fail(client, username: str, times: int, **extra):
    return [log_in(client, username, WRONG, **extra) for _ in range(times)]


def is_logged_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_five_wrong_passwords_lock_the_account_for_that_address(client, editor):
    responses = fail(client, "buurtverbinder", 5)

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    locked = responses[-1].content.decode()
    assert "Tijdelijk geblokkeerd" in locked
    assert "15 minuten" in locked


def test_the_right_password_is_refused_while_locked(client, editor):
    fail(client, "buurtverbinder", 5)

    response = log_in(client, "buurtverbinder")

    assert response.status_code == 429
    assert not is_logged_in(client)


def test_another_address_is_not_locked_by_the_account_lockout(client, editor):
    fail(client, "buurtverbinder", 5)

    response = log_in(client, "buurtverbinder", **ELSEWHERE)

    assert response.status_code == 302
    assert is_logged_in(client)


def test_the_lock_ends_after_the_cool_off(client, editor):
    fail(client, "buurtverbinder", 5)
    attempt = AccessAttempt.objects.get()
    attempt.attempt_time -= timedelta(minutes=16)
    attempt.save()

    assert log_in(client, "buurtverbinder").status_code == 302


def test_a_good_login_clears_the_count(client, editor):
    fail(client, "buurtverbinder", 4)
    assert log_in(client, "buurtverbinder").status_code == 302
    client.post("/admin/logout/")

    responses = fail(client, "buurtverbinder", 4)

    assert [r.status_code for r in responses] == [200] * 4


def test_one_address_trying_many_accounts_is_locked(client, make_user, settings):
    settings.BUURTPLEIN_LOGIN_IP_FAILURE_LIMIT = 8
    for name in ("anna", "bert", "carla", "daan"):
        make_user(name, groups=["Buurtverbinders"])
    for name in ("anna", "bert", "carla"):
        fail(client, name, 2)  # below the per-account limit each
    fail(client, "onbekend", 2)  # unknown names count too

    assert log_in(client, "daan").status_code == 429
    assert log_in(client, "daan", **ELSEWHERE).status_code == 302


def test_failures_and_lockouts_are_logged_without_what_was_typed(
    client, editor, caplog
):
    caplog.set_level(logging.INFO, logger="buurtplein.security")

    fail(client, "buurtverbinder", 5)
    log_in(client, "Lantaarn-als-gebruikersnaam", WRONG)

    messages = [
        r.getMessage() for r in caplog.records if r.name == "buurtplein.security"
    ]
    assert f"Login failed: user_id={editor.pk} ip=127.0.0.1" in messages
    assert f"Login locked out: user_id={editor.pk} ip=127.0.0.1" in messages
    assert "Login failed: user_id=None ip=127.0.0.1" in messages
    everything = caplog.text
    for secret in (WRONG, PASSWORD, "Lantaarn-als-gebruikersnaam", editor.email):
        assert secret not in everything


def test_the_lockout_page_runs_no_inline_script(client, editor):
    response = fail(client, "buurtverbinder", 5)[-1]
    html = response.content.decode()

    for tag in html.split("<script")[1:]:
        opening = tag.split(">", 1)[0]
        assert "src=" in opening or 'type="application/json"' in opening, opening
