"""Local development: the embedded default (SQLite, local-memory cache, disk)."""

from .base import *  # noqa: F403
from .env import env_str

DEBUG = True
# Development only; production refuses to start without SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = ["*"]
# Mails appear in the terminal; set EMAIL_BACKEND to try a local SMTP catcher.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# runserver serves static files itself in development.
MIDDLEWARE = [
    m
    for m in MIDDLEWARE  # noqa: F405
    if m != "whitenoise.middleware.WhiteNoiseMiddleware"
]
