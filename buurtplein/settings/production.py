"""Production: secrets and hosts come from the environment; refuse to start without."""

from django.core.checks.security import base as security_checks
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", required=True)
# The same rule as `check --deploy` (security.W025): at least 50 characters, 5
# different ones, and not Django's "django-insecure-" development key. A weak key
# lets anyone forge sessions, password-reset links and the residents' private links.
if (
    len(SECRET_KEY) < security_checks.SECRET_KEY_MIN_LENGTH
    or len(set(SECRET_KEY)) < security_checks.SECRET_KEY_MIN_UNIQUE_CHARACTERS
    or SECRET_KEY.startswith(security_checks.SECRET_KEY_INSECURE_PREFIX)
):
    raise ImproperlyConfigured(
        "SECRET_KEY is te zwak: gebruik minstens 50 willekeurige tekens (the key "
        "needs 50 characters or more, 5 different ones, and no 'django-insecure-' "
        "prefix), bijvoorbeeld uit: python -c 'import secrets; "
        "print(secrets.token_urlsafe(50))'."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS ontbreekt (comma-separated host names).")
env_str("DATABASE_URL", required=True)
# SMTP comes from the environment (base.py); port 587 uses TLS, port 465 SSL.
if EMAIL_USE_TLS and EMAIL_USE_SSL:  # noqa: F405
    raise ImproperlyConfigured("Kies EMAIL_USE_TLS of EMAIL_USE_SSL, niet allebei.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Wagtail's live preview shows the page in a same-origin frame, so not DENY.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
# Behind the reverse proxy REMOTE_ADDR is the proxy: the rate limit of the public
# forms reads the client from X-Forwarded-For, this many hops from the end
# (README: Configuration). Set it to 0 only when no proxy is in front.
BUURTPLEIN_TRUSTED_PROXY_COUNT = env_int("BUURTPLEIN_TRUSTED_PROXY_COUNT", 1)

# Background tasks (docs/tasks.md): queued in PostgreSQL for `manage.py db_worker`,
# and then every mail leaves the request through that queue, with retries.
from .tasks import TASK_EMAIL_BACKEND, tasks_setting  # noqa: E402

BUURTPLEIN_TASKS_BACKEND = env_str("BUURTPLEIN_TASKS_BACKEND", "database")
TASKS = tasks_setting(BUURTPLEIN_TASKS_BACKEND)
if BUURTPLEIN_TASKS_BACKEND == "database":
    EMAIL_BACKEND = TASK_EMAIL_BACKEND
