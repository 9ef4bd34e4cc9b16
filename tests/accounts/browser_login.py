"""Logging in to the admin in Chromium, as a person does since two-factor came.

For the browser tests of other areas (tests/browser.py's ``browse``): the
password on Wagtail's login form, then a code from a TOTP device made for the
user here, computed from its key like an authenticator app would.
"""

from django.contrib.auth import get_user_model
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def log_in_with_code(page, browser_server: str, username: str, password: str) -> None:
    user = get_user_model().objects.get(username=username)
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="Telefoon (browsertest)", defaults={"confirmed": True}
    )
    page.goto(f"{browser_server}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{browser_server}/admin/tweestapsverificatie/code/**")
    device.refresh_from_db()
    # A period whose code was used already (an earlier login) is refused: then
    # the next period's code, which django-otp accepts as clock drift.
    now = TOTP(device.bin_key, device.step, device.t0, device.digits).t()
    code = totp(device.bin_key, drift=max(0, device.last_t + 1 - now))
    page.fill("#id_code", f"{code:06d}")
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_url(f"{browser_server}/admin/")
