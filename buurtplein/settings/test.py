"""Test settings: SQLite in memory unless DATABASE_URL points at PostgreSQL."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="buurtplein-test-media-"))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# No collected static files in tests; WhiteNoise would warn about STATIC_ROOT.
MIDDLEWARE = [
    m
    for m in MIDDLEWARE  # noqa: F405
    if m != "whitenoise.middleware.WhiteNoiseMiddleware"
]
# Tests never reach PDOK: a test that needs the geocoder sets its own URL.
BUURTPLEIN_GEOCODER_URL = ""
# Anti-spam (core/antispam.py) as in production, whatever the shell exports: the
# minimum fill time stays on so the tests prove it (tests/antispam.py builds a
# human's submission), and the rate limit counts per REMOTE_ADDR.
BUURTPLEIN_FORM_MIN_SECONDS = 3
BUURTPLEIN_FORM_MAX_LINKS = 2
BUURTPLEIN_FORM_RATE = "10/h"
BUURTPLEIN_TRUSTED_PROXY_COUNT = 0
# Tasks run at once in the tests, whatever the shell exports (tests/core/test_tasks.py
# switches to the database backend where it tests the queue).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Test databases are thrown away: on PostgreSQL a commit need not wait for the
# disk (building the migrated template commits a few hundred times).
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (  # noqa: F405
        "-c synchronous_commit=off"
    )
