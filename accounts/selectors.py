"""Reads about a person's two-factor authentication: must they use it, do they.

Who must use it is a setting (``BUURTPLEIN_2FA_REQUIRED_GROUPS`` and
``BUURTPLEIN_2FA_REQUIRED_GROUP_PREFIXES``, plus every superuser), so the rule
follows the role names of ``editorial.services`` without importing them.
"""

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


def two_factor_required(*, user) -> bool:
    """Communicatie (any site), Beheerders and superusers must use 2FA."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    required = Q(name__in=settings.BUURTPLEIN_2FA_REQUIRED_GROUPS)
    for prefix in settings.BUURTPLEIN_2FA_REQUIRED_GROUP_PREFIXES:
        required |= Q(name__startswith=prefix)
    return user.groups.filter(required).exists()


def totp_device_for(*, user, confirmed: bool = True) -> TOTPDevice | None:
    devices = TOTPDevice.objects.filter(user=user, confirmed=confirmed)
    return devices.order_by("-pk").first()


def recovery_device_for(*, user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def has_two_factor(*, user) -> bool:
    """Whether the person has an authenticator app set up (one query).

    Recovery codes alone do not count: they come with the app and are for the
    day the phone is lost.
    """
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(*, user) -> int:
    device = recovery_device_for(user=user)
    return device.token_set.count() if device else 0


def login_lockouts():
    """Failed-login records still counting (within the cool-off), newest first,
    each with ``locked``: whether that account is locked for that address."""
    threshold = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(attempt_time__gte=threshold).order_by(
        "-attempt_time"
    )
    for attempt in attempts:
        attempt.locked = attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT
        yield attempt
