"""Two-factor authentication through the real login: password, then a TOTP code.

Communicatie (of any site), Beheerders and superusers must use it; others may.
The codes are computed here from the device's key, as the person's app does.
"""

import logging
import re
from datetime import timedelta

import pytest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .conftest import SETUP_URL, VERIFY_URL, log_in, totp_code, with_app

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"


def enter(client, url: str, code: str):
    return client.post(url, {"code": code, "next": DASHBOARD})


def wait_out_the_throttle(device) -> None:
    """As if the person waited: each wrong code doubles the wait (1, 2, 4… s)."""
    device.refresh_from_db()
    device.throttling_failure_timestamp -= timedelta(minutes=1)
    device.save()


@pytest.fixture(
    params=[
        ("communicatie", ["Communicatie"], False),
        ("communicatie-site", ["Communicatie Samen Teststad"], False),
        ("beheerder", ["Beheerders"], False),
        ("superuser", [], True),
    ],
    ids=["Communicatie", "Communicatie <site>", "Beheerders", "superuser"],
)
def must_use_2fa(request, make_user):
    username, groups, superuser = request.param
    return make_user(username, groups=groups, superuser=superuser)


def test_a_role_that_must_use_it_needs_a_valid_code_for_the_dashboard(
    client, must_use_2fa
):
    device = with_app(must_use_2fa)

    response = log_in(client, must_use_2fa.username)
    assert response.status_code == 302

    # The password alone opens nothing.
    for path in (DASHBOARD, "/admin/pages/", "/admin/account/", "/admin/users/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith(VERIFY_URL), path

    response = enter(client, VERIFY_URL, "000000")
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get(DASHBOARD).url.startswith(VERIFY_URL)
    wait_out_the_throttle(device)

    response = enter(client, VERIFY_URL, totp_code(device))
    assert response.status_code == 302
    assert response.url == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200


def test_the_same_app_code_does_not_work_twice(client, communicatie):
    device = with_app(communicatie)
    log_in(client, "communicatie")
    code = totp_code(device)
    enter(client, VERIFY_URL, code)
    client.post("/admin/logout/")

    log_in(client, "communicatie")
    response = enter(client, VERIFY_URL, code)

    assert response.status_code == 200
    assert client.get(DASHBOARD).status_code == 302


def test_a_role_that_must_use_it_without_an_app_can_only_set_it_up(
    client, must_use_2fa
):
    log_in(client, must_use_2fa.username)

    for path in (DASHBOARD, "/admin/pages/", "/admin/tweestapsverificatie/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith(SETUP_URL), path

    page = client.get(SETUP_URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html
    assert "verplicht" in html
    device = TOTPDevice.objects.get(user=must_use_2fa, confirmed=False)

    response = enter(client, SETUP_URL, "123456")
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get(DASHBOARD).status_code == 302
    wait_out_the_throttle(device)

    response = enter(client, SETUP_URL, totp_code(device))
    assert response.status_code == 200
    html = response.content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(DASHBOARD).status_code == 200

    # The next login asks for a code from the new app.
    client.post("/admin/logout/")
    log_in(client, must_use_2fa.username)
    assert client.get(DASHBOARD).url.startswith(VERIFY_URL)
    enter(client, VERIFY_URL, totp_code(device, steps_ahead=1))
    assert client.get(DASHBOARD).status_code == 200


def test_a_recovery_code_works_once(client, communicatie):
    with_app(communicatie)
    recovery = StaticDevice.objects.create(user=communicatie, name="Herstelcodes")
    StaticToken.objects.create(device=recovery, token="abcd2345")
    StaticToken.objects.create(device=recovery, token="efgh6723")

    log_in(client, "communicatie")
    response = enter(client, VERIFY_URL, "ABCD 2345")
    assert response.status_code == 302
    assert client.get(DASHBOARD).status_code == 200
    client.post("/admin/logout/")

    log_in(client, "communicatie")
    response = enter(client, VERIFY_URL, "abcd2345")
    assert response.status_code == 200
    assert client.get(DASHBOARD).status_code == 302
    assert list(recovery.token_set.values_list("token", flat=True)) == ["efgh6723"]


def test_wrong_codes_are_logged_without_the_code(client, communicatie, caplog):
    with_app(communicatie)
    caplog.set_level(logging.INFO, logger="buurtplein.security")
    log_in(client, "communicatie")

    enter(client, VERIFY_URL, "987654")

    assert (
        f"2FA code refused: user_id={communicatie.pk} ip=127.0.0.1 kind=app"
        in caplog.messages
    )
    assert "987654" not in caplog.text


def test_it_is_optional_for_a_buurtverbinder_and_can_be_switched_on(client, editor):
    log_in(client, "buurtverbinder")
    assert client.get(DASHBOARD).status_code == 200

    account = client.get("/admin/account/").content.decode()
    assert "/admin/tweestapsverificatie/" in account
    assert "Tweestapsverificatie" in account
    assert (
        "Tweestapsverificatie instellen"
        in client.get("/admin/tweestapsverificatie/").content.decode()
    )

    client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=editor)
    enter(client, SETUP_URL, totp_code(device))
    client.post("/admin/logout/")

    log_in(client, "buurtverbinder")
    assert client.get(DASHBOARD).url.startswith(VERIFY_URL)


def test_an_optional_user_can_switch_it_off_with_a_code(client, editor):
    device = with_app(editor)
    log_in(client, "buurtverbinder")
    enter(client, VERIFY_URL, totp_code(device))

    client.post(
        "/admin/tweestapsverificatie/uitzetten/",
        {"code": totp_code(device, steps_ahead=1)},
    )

    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_a_role_that_must_use_it_cannot_switch_it_off(client, communicatie):
    device = with_app(communicatie)
    log_in(client, "communicatie")
    enter(client, VERIFY_URL, totp_code(device))

    client.post(
        "/admin/tweestapsverificatie/uitzetten/",
        {"code": totp_code(device, steps_ahead=1)},
    )

    assert TOTPDevice.objects.filter(user=communicatie).exists()


def test_before_the_code_the_public_site_sees_no_one_logged_in(
    client, communicatie, home_page
):
    with_app(communicatie)
    log_in(client, "communicatie")

    response = client.get(home_page.url)

    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


def test_the_next_address_stays_on_this_site(client, communicatie):
    device = with_app(communicatie)
    log_in(client, "communicatie")

    response = client.post(
        VERIFY_URL, {"code": totp_code(device), "next": "https://evil.example/"}
    )

    assert response.url == DASHBOARD
