"""Reads about a person's two-factor authentication: must they use it, do they.

Who must use it is a setting (``BUURTPLEIN_2FA_REQUIRED_GROUPS`` and
``BUURTPLEIN_2FA_REQUIRED_GROUP_PREFIXES``, plus every superuser), so the rule
follows the role names of ``editorial.services`` without importing them.
"""

from django.conf import settings
from django.db.models import Q
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
