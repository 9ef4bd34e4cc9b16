"""Settings shared by every environment. Environment-specific files import this."""

import importlib.util
import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "home",
    "neighbourhoods",
    "news",
    "socialmap",
    "agenda",
    "vacancies",
    "helpboard",
    "editorial",
    "accounts",
    "integrations",
    "wagtail.api.v3",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's users app with role-safe user and group views (editorial.user_admin).
    "editorial.users_app.BuurtpleinUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "ninja",
    "rest_framework",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "corsheaders",
]

MIDDLEWARE = [
    # CORS for the API only (settings/api.py), before anything that may answer.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The API's own rules around Wagtail's API v3 (buurtplein/api_middleware.py).
    "buurtplein.api_middleware.ApiMiddleware",
    # Two-factor authentication: request.user.is_verified() (accounts/).
    "django_otp.middleware.OTPMiddleware",
    # Session timeouts, the two-factor gate, denials logged (accounts/middleware.py).
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "accounts.middleware.AdminDenialLogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp, with the admin policy and the tile/media origins (buurtplein/csp.py).
    "buurtplein.csp.BuurtpleinCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks every login before Django's own backend (accounts/).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "buurtplein.urls"
WSGI_APPLICATION = "buurtplein.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.neighbourhood",
                "csp.context_processors.nonce",
            ],
        },
    },
]
# Every form field through one template: templates/forms/field.html.
FORM_RENDERER = "core.form_rendering.FormRenderer"

# Database: DATABASE_URL (postgres://user:pass@host:5432/name); SQLite by default.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_cache(location: str, *, key_prefix: str = "buurtplein") -> dict:
    """The Redis cache, as production runs it (the tests reuse it).

    When Redis is down the site keeps working (README: spam on the public forms):
    every cache call is skipped and logged instead of raising (Wagtail's site
    lookup, sessions, the form rate limit), and a blackholed server costs a
    request at most a second per call instead of hanging it.
    """
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
        },
    }


# Cache: REDIS_URL (redis://host:6379/0) shares one cache between app servers.
REDIS_URL = env_str("REDIS_URL")
# A skipped cache call (Redis down, see redis_cache) is logged with its error.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

VALIDATORS_MODULE = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{VALIDATORS_MODULE}.UserAttributeSimilarityValidator"},
    {"NAME": f"{VALIDATORS_MODULE}.MinimumLengthValidator"},
    {"NAME": f"{VALIDATORS_MODULE}.CommonPasswordValidator"},
    {"NAME": f"{VALIDATORS_MODULE}.NumericPasswordValidator"},
]

# Language: Dutch first, English as second language.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
# The project's own catalogue first (it wins), then Dutch for Wagtail admin
# strings that Wagtail's nl catalogue leaves in English (locale_overrides/).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static files and media.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# django-leaflet only for the files it ships (Leaflet, its images, proj4leaflet):
# as an installed app its admin module would need GDAL.
LEAFLET_STATIC_DIR = Path(importlib.util.find_spec("leaflet").origin).parent / "static"
STATICFILES_DIRS = [BASE_DIR / "static", LEAFLET_STATIC_DIR]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

# Media go to S3-compatible object storage when a bucket is configured.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
    DEFAULT_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage"}
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# E-mail: SMTP from the environment; development uses the console.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# Never wait long for SMTP: in development mail goes out during the request (in
# production the task worker sends it, buurtplein/settings/tasks.py).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Buurtplein <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail's moderation e-mails: Communicatie of the page's site on submission,
# the author on approval or rejection (texts in templates/wagtailadmin/notifications).
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = env_str(
    "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", DEFAULT_FROM_EMAIL
)
# Plain text unless asked for; the HTML version says the same.
WAGTAILADMIN_NOTIFICATION_USE_HTML = env_bool("WAGTAILADMIN_NOTIFICATION_USE_HTML")
# Superusers run the whole installation; approving is Communicatie's job, per site.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# An edit made while a page is in moderation needs approval again.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True

# Wagtail.
WAGTAIL_SITE_NAME = "Buurtplein"
# No third parties in the admin: Gravatar would get a hash of every editor's
# e-mail address (AVG), and the update check calls wagtail.org on every login.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "core.search",
        # Used by the PostgreSQL backend: Dutch stemming and stop words.
        "SEARCH_CONFIG": "dutch",
    }
}
WAGTAILAPI_LIMIT_MAX = 100
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Resident's chosen wijk ("mijn wijk") is kept in this cookie, per browser.
BUURTPLEIN_NEIGHBOURHOOD_COOKIE = "buurtplein_wijk"
BUURTPLEIN_PAGE_SIZE = env_int("BUURTPLEIN_PAGE_SIZE", 12)
# Residents' responses to vacancies are deleted this many days after they came in
# (manage.py purge_vacancy_responses, run daily).
BUURTPLEIN_VACANCY_RESPONSE_RETENTION_DAYS = env_int(
    "BUURTPLEIN_VACANCY_RESPONSE_RETENTION_DAYS", 90
)
# Residents' tips are deleted this many days after they were handled (or came in,
# if nobody handled them); help requests and offers this many days after they
# closed or were rejected (manage.py purge_personal_data, run daily).
BUURTPLEIN_SUGGESTION_RETENTION_DAYS = env_int(
    "BUURTPLEIN_SUGGESTION_RETENTION_DAYS", 90
)
BUURTPLEIN_HELP_POST_RETENTION_DAYS = env_int("BUURTPLEIN_HELP_POST_RETENTION_DAYS", 90)
# Neighbours' answers to help posts and visitors' reports about them are deleted
# this many days after they came in.
BUURTPLEIN_HELP_RESPONSE_RETENTION_DAYS = env_int(
    "BUURTPLEIN_HELP_RESPONSE_RETENTION_DAYS", 90
)
BUURTPLEIN_HELP_REPORT_RETENTION_DAYS = env_int(
    "BUURTPLEIN_HELP_REPORT_RETENTION_DAYS", 90
)

# Vraag & aanbod (helpboard). A published post closes by itself after this many
# days and its resident is told (manage.py close_expired_help_posts, run daily).
BUURTPLEIN_HELP_POST_OPEN_DAYS = env_int("BUURTPLEIN_HELP_POST_OPEN_DAYS", 28)
# The private link a resident gets by mail works this many days; every mail
# about the post brings a fresh one.
BUURTPLEIN_HELP_LINK_MAX_AGE_DAYS = env_int("BUURTPLEIN_HELP_LINK_MAX_AGE_DAYS", 60)
# An organisation's link to accept or decline a referral works this many days.
BUURTPLEIN_HELP_REFERRAL_LINK_MAX_AGE_DAYS = env_int(
    "BUURTPLEIN_HELP_REFERRAL_LINK_MAX_AGE_DAYS", 30
)
# A published post with this many unreviewed reports leaves the board until a
# moderator has looked at it.
BUURTPLEIN_HELP_REPORT_THRESHOLD = env_int("BUURTPLEIN_HELP_REPORT_THRESHOLD", 3)

# Public forms against spam bots, without a captcha (core/antispam.py).
# A form sent back sooner than this after it was shown is refused ("too fast"),
# and one shown longer ago than a day is asked to be sent again.
BUURTPLEIN_FORM_MIN_SECONDS = env_int("BUURTPLEIN_FORM_MIN_SECONDS", 3)
BUURTPLEIN_FORM_MAX_AGE_SECONDS = 24 * 60 * 60
# Links allowed in the free text of one submission (a website field not counted).
BUURTPLEIN_FORM_MAX_LINKS = env_int("BUURTPLEIN_FORM_MAX_LINKS", 2)
# Submissions per form per IP address (django-ratelimit: "10/h", "50/d", "5/30m"),
# counted in the default cache: Redis in production, shared by all app servers.
BUURTPLEIN_FORM_RATE = env_str("BUURTPLEIN_FORM_RATE", "10/h").strip()
if not re.fullmatch(r"\d+/\d*[smhd]", BUURTPLEIN_FORM_RATE):
    raise ImproperlyConfigured(
        "BUURTPLEIN_FORM_RATE must look like 10/h (a number, then /s, /m, /h or /d)."
    )
# Reverse proxies in front of the app servers that append the client's address to
# X-Forwarded-For; the rate limit counts per the address the outermost one saw.
# 0 (here, for development and tests): REMOTE_ADDR; production defaults to 1.
BUURTPLEIN_TRUSTED_PROXY_COUNT = env_int("BUURTPLEIN_TRUSTED_PROXY_COUNT", 0)
RATELIMIT_IP_META_KEY = "core.antispam.client_ip"
# Cache down: count nothing and let the submission through (the honeypot and the
# fill time still guard the form); core.antispam logs a warning. django_ratelimit
# is not in INSTALLED_APPS: it has no models, and its only app code is a system
# check that fails on the local-memory cache of development and tests.
RATELIMIT_FAIL_OPEN = True

# Geocoding of sociale kaart addresses: PDOK's Locatieserver ("free" endpoint).
# Set the variable to an empty value to switch geocoding off (env_str would
# read empty as "use the default", hence os.environ here).
BUURTPLEIN_GEOCODER_URL = os.environ.get(
    "BUURTPLEIN_GEOCODER_URL",
    "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free",
).strip()
BUURTPLEIN_GEOCODER_TIMEOUT = env_int("BUURTPLEIN_GEOCODER_TIMEOUT", 5)

# Maps of the sociale kaart: Leaflet from django-leaflet's static files, on tiles
# from this URL template (default: PDOK's BRT achtergrondkaart in web mercator).
# An empty value switches the maps off; the lists and addresses stay.
BUURTPLEIN_MAP_TILES_URL = os.environ.get(
    "BUURTPLEIN_MAP_TILES_URL",
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/"
    "{z}/{x}/{y}.png",
).strip()
BUURTPLEIN_MAP_ATTRIBUTION = env_str(
    "BUURTPLEIN_MAP_ATTRIBUTION",
    'Kaartgegevens &copy; <a href="https://www.kadaster.nl">Kadaster</a>',
)
BUURTPLEIN_MAP_MAX_ZOOM = env_int("BUURTPLEIN_MAP_MAX_ZOOM", 19)

# /.well-known/security.txt (RFC 9116): where to report a vulnerability. Contacts
# are URIs (mailto:security@gemeente.nl, https://...); without one the site's own
# contact e-mail address from its settings is used.
BUURTPLEIN_SECURITY_CONTACT = env_list("BUURTPLEIN_SECURITY_CONTACT")
BUURTPLEIN_SECURITY_POLICY_URL = env_str("BUURTPLEIN_SECURITY_POLICY_URL")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}


# Security settings each live in a module of their own (docs/security.md):
# logins (lockout, two-factor, passwords, sessions), the Content-Security-Policy
# and Permissions-Policy, media limits, and the background tasks.
# The headless API: its base URL and CORS (settings/api.py).
from .api import *  # noqa: E402, F403
from .security_headers import *  # noqa: E402, F403
from .security_logins import *  # noqa: E402, F403
from .security_media import *  # noqa: E402, F403
from .tasks import *  # noqa: E402, F403
