"""Admin sessions end after an idle hour and after twelve hours at most."""

import time

import pytest

from accounts.middleware import LOGIN_AT, SEEN_AT

from .conftest import PASSWORD, log_in

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"


def shift(client, **minutes_ago):
    session = client.session
    now = time.time()
    for key, minutes in minutes_ago.items():
        session[{"login": LOGIN_AT, "seen": SEEN_AT}[key]] = now - minutes * 60
    session.save()


def test_an_idle_session_is_logged_out(client, editor):
    log_in(client, "buurtverbinder")
    assert client.get(DASHBOARD).status_code == 200

    shift(client, seen=61)
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert client.get(DASHBOARD).status_code == 302


def test_activity_keeps_the_session(client, editor):
    log_in(client, "buurtverbinder")
    shift(client, seen=59)

    assert client.get(DASHBOARD).status_code == 200
    assert time.time() - client.session[SEEN_AT] < 5

    shift(client, seen=59)
    assert client.get(DASHBOARD).status_code == 200


def test_the_idle_time_is_a_setting(client, editor, settings):
    settings.BUURTPLEIN_SESSION_IDLE_MINUTES = 10
    log_in(client, "buurtverbinder")
    shift(client, seen=11)

    assert client.get(DASHBOARD).status_code == 302


def test_a_session_ends_after_its_maximum_age_however_active(client, editor):
    log_in(client, "buurtverbinder")
    shift(client, login=12 * 60 + 1, seen=1)

    assert client.get(DASHBOARD).status_code == 302


def test_the_editors_own_pings_are_not_activity(client, editor):
    log_in(client, "buurtverbinder")
    shift(client, seen=30)
    before = client.session[SEEN_AT]

    client.post("/admin/editing-sessions/ping/wagtailcore.page/1/0/")

    assert client.session[SEEN_AT] == before


def test_remember_me_lasts_twelve_hours_at_most(client, editor, settings):
    response = client.post(
        "/admin/login/",
        {"username": "buurtverbinder", "password": PASSWORD, "remember": "on"},
    )

    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60
    assert response.cookies["sessionid"]["max-age"] == 12 * 60 * 60
