"""Settings for the benchmark: production settings on the benchmark's own database.

``bench/socialmap.py`` sets ``BENCH_DATABASE_URL`` to the database it built (a
SQLite file in a temporary folder, or the PostgreSQL database it created) before
anything imports this module; the gunicorn server it starts inherits it. The
developer's own ``db.sqlite3``, ``DATABASE_URL`` and ``REDIS_URL`` are never used.
"""

import os

from django.core.exceptions import ImproperlyConfigured

BENCH_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "")
if not BENCH_DATABASE_URL:
    raise ImproperlyConfigured(
        "bench.settings needs BENCH_DATABASE_URL; run the benchmark with "
        "`.venv/bin/python bench/socialmap.py` (or `make bench`)."
    )

# Production settings refuse to load without these. They are only defaults: the
# values that matter are set explicitly below.
os.environ.setdefault("SECRET_KEY", "bench-only-insecure-key")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DATABASE_URL", BENCH_DATABASE_URL)

import dj_database_url  # noqa: E402

from buurtplein.settings.production import *  # noqa: E402, F403
from buurtplein.settings.production import MIDDLEWARE  # noqa: E402

# Production, minus what a plain-HTTP server on 127.0.0.1 cannot do.
DEBUG = False
SECRET_KEY = "bench-only-insecure-key"  # noqa: S105 (never deployed)
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

ROOT_URLCONF = "bench.urls"

# Persistent connections, as a tuned production would configure them with
# DATABASE_CONN_MAX_AGE: the benchmark measures the pages, not connecting.
DATABASES = {"default": dj_database_url.parse(BENCH_DATABASE_URL, conn_max_age=600)}

# One local-memory cache per worker, whatever REDIS_URL says, so every run
# starts cold in the same way and no shared Redis is touched.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# The import sends moderation e-mails; keep them in memory.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# No collectstatic: plain static URLs, and no WhiteNoise looking for STATIC_ROOT.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MIDDLEWARE = [
    m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"
]
MEDIA_ROOT = os.environ.get("BENCH_MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405

# The benchmark never reaches PDOK (a postcode search would ask it).
BUURTPLEIN_GEOCODER_URL = ""
BUURTPLEIN_PAGE_SIZE = 12

# Every page save logs a line at INFO (background tasks, Wagtail): thousands of
# lines while building. Warnings and errors still show.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
