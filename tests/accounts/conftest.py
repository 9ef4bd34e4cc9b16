"""People with and without two-factor authentication, logging in as people do.

These tests log in through Wagtail's real login form (``log_in``) and type real
TOTP codes, computed from the device's key with ``django_otp.oath.totp``; they
do not use ``client.force_login``, which the project's conftest makes pass
two-factor authentication for the other tests.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "Lantaarnpaal-Merwede-7"
LOGIN_URL = "/admin/login/"
VERIFY_URL = "/admin/tweestapsverificatie/code/"
SETUP_URL = "/admin/tweestapsverificatie/instellen/"


def log_in(client, username: str, password: str = PASSWORD, **extra):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/admin/"},
        **extra,
    )


def totp_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the person's app shows now (or ``steps_ahead`` periods later:
    django-otp accepts one period of clock drift and never the same period twice)."""
    device.refresh_from_db()
    code = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=steps_ahead,
    )
    return f"{code:0{device.digits}d}"


def admin_group(name: str) -> Group:
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return group


@pytest.fixture(autouse=True)
def _fresh_counts():
    """Lockouts live in the database (rolled back), rate limits in the cache."""
    cache.clear()


@pytest.fixture
def make_user(db, django_user_model):
    def make(username: str, *, groups=(), superuser: bool = False, email: str = ""):
        email = email or f"{username}@teststad.example"
        if superuser:
            user = django_user_model.objects.create_superuser(
                username, email=email, password=PASSWORD
            )
        else:
            user = django_user_model.objects.create_user(
                username, email=email, password=PASSWORD
            )
        for name in groups:
            user.groups.add(admin_group(name))
        return user

    return make


@pytest.fixture
def editor(make_user):
    """A buurtverbinder: two-factor authentication is optional for them."""
    return make_user("buurtverbinder", groups=["Buurtverbinders"])


@pytest.fixture
def communicatie(make_user):
    return make_user("communicatie", groups=["Communicatie", "Communicatie Teststad"])


def with_app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Telefoon", confirmed=True)
