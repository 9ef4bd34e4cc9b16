"""Writes for two-factor authentication: set an app up, check a code, recovery codes.

A person sets up one authenticator app (a TOTP device) by scanning a QR code
and typing the code it shows; only then is the device confirmed. With it come
single-use recovery codes (a static device), shown once. A code typed at login
is checked against the app, or, if it is not six digits, against the recovery
codes; django-otp makes each wrong try wait longer (per device) and refuses a
code that was already used.
"""

import logging
import re
from base64 import b32encode

import segno
from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.html import mark_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .selectors import recovery_device_for, totp_device_for

security_log = logging.getLogger("buurtplein.security")

TOTP_CODE = re.compile(r"\d{6}")


def normalise_code(code: str) -> str:
    """What people type: spaces and dashes from copying, any case."""
    return re.sub(r"[\s-]", "", code or "").lower()


def totp_device_start(*, user) -> TOTPDevice:
    """The unconfirmed device to scan: the one started before, or a new one."""
    device = totp_device_for(user=user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="Authenticator-app", confirmed=False
        )
    return device


def totp_qr_svg(*, device: TOTPDevice) -> str:
    """The otpauth:// link as an inline SVG QR code (no script, no image URL)."""
    qr = segno.make(device.config_url, error="m")
    return mark_safe(  # noqa: S308 (segno writes the SVG, no user input in markup)
        qr.svg_inline(scale=5, title="QR-code voor je authenticator-app")
    )


def totp_key_for_typing(*, device: TOTPDevice) -> str:
    """The secret as base32 in groups of four, for typing it into an app."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def totp_device_confirm(*, request: HttpRequest, device: TOTPDevice, code: str) -> bool:
    """Confirm a scanned device with its first code; the session counts as
    verified and any older app of the person is replaced."""
    code = normalise_code(code)
    if not TOTP_CODE.fullmatch(code) or not device.verify_token(code):
        security_log.warning("2FA setup code refused: user_id=%s", device.user_id)
        return False
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    request.session.cycle_key()
    otp_login(request, device)
    security_log.info("2FA set up: user_id=%s", device.user_id)
    return True


@transaction.atomic
def recovery_codes_create(*, user) -> list[str]:
    """New single-use recovery codes; the old ones stop working."""
    device = recovery_device_for(user=user)
    if device is None:
        device = StaticDevice.objects.create(user=user, name="Herstelcodes")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(_recovery_code_count())]
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=code) for code in codes]
    )
    security_log.info("2FA recovery codes renewed: user_id=%s", user.pk)
    return codes


def _recovery_code_count() -> int:
    return settings.BUURTPLEIN_2FA_RECOVERY_CODES


def two_factor_verify(*, request: HttpRequest, code: str, ip: str) -> bool:
    """Check a code typed after the password; on success the session is verified.

    Six digits go to the app, anything else to the recovery codes, so a mistyped
    app code does not slow down the recovery codes (and the other way round).
    """
    user = request.user
    code = normalise_code(code)
    if TOTP_CODE.fullmatch(code):
        device = totp_device_for(user=user)
    else:
        device = recovery_device_for(user=user)
    verified = None
    if device is not None and code:
        with transaction.atomic():
            locked = type(device).objects.select_for_update().get(pk=device.pk)
            if locked.verify_token(code):
                verified = locked
    if verified is None:
        security_log.warning(
            "2FA code refused: user_id=%s ip=%s kind=%s",
            user.pk,
            ip,
            "recovery" if isinstance(device, StaticDevice) else "app",
        )
        return False
    # A new session key for the now fully logged-in session.
    request.session.cycle_key()
    otp_login(request, verified)
    if isinstance(verified, StaticDevice):
        security_log.warning(
            "2FA recovery code used: user_id=%s ip=%s left=%d",
            user.pk,
            ip,
            verified.token_set.count(),
        )
    return True


@transaction.atomic
def two_factor_disable(*, user) -> None:
    """Remove the app and the recovery codes (only for whom 2FA is optional)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    security_log.warning("2FA switched off: user_id=%s", user.pk)


def login_lockout_lift(*, attempt_id: int, by) -> bool:
    """A superuser lifts a login lock before its time (the record of failures goes)."""
    deleted, _ = AccessAttempt.objects.filter(pk=attempt_id).delete()
    if deleted:
        security_log.warning(
            "Login lock lifted: attempt_id=%s by_user_id=%s", attempt_id, by.pk
        )
    return bool(deleted)
