"""Admin logins: lockout, two-factor authentication, passwords and sessions.

Star-imported at the end of base.py; the code lives in ``accounts/`` and the
reasoning in docs/security-logins.md. Every number can be set from the
environment; the defaults follow OWASP ASVS level 2.
"""

from datetime import timedelta

from .env import env_int, env_str

# Lockout (django-axes). After AXES_FAILURE_LIMIT wrong passwords for one account
# from one address, that account is locked for that address; after
# BUURTPLEIN_LOGIN_IP_FAILURE_LIMIT failures from one address, whatever the
# accounts, the whole address is locked (accounts.lockout.LoginLockoutHandler).
# Both last AXES_COOLOFF_TIME after the last counted failure; a good login
# clears the account's count for that address.
AXES_FAILURE_LIMIT = env_int("BUURTPLEIN_LOGIN_FAILURE_LIMIT", 5)
BUURTPLEIN_LOGIN_IP_FAILURE_LIMIT = env_int("BUURTPLEIN_LOGIN_IP_FAILURE_LIMIT", 25)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("BUURTPLEIN_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "accounts.lockout.LoginLockoutHandler"
AXES_RESET_ON_SUCCESS = True
# Attempts while locked do not stretch the lock: it ends when it said it would.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The client's address as the public forms' rate limit reads it, so one setting
# (BUURTPLEIN_TRUSTED_PROXY_COUNT) decides it for both; django-ipware's
# AXES_IPWARE_* settings are not used.
AXES_CLIENT_IP_CALLABLE = "core.antispam.client_ip"
# The Dutch answer in the look of the Wagtail login (templates/accounts/).
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Axes' own log lines carry no user agent; usernames and addresses are masked.
AXES_VERBOSE = False

# Password reset (accounts.password_reset): requests per client address and per
# typed e-mail address, in the shared cache (django-ratelimit rates).
BUURTPLEIN_PASSWORD_RESET_RATE_IP = env_str(
    "BUURTPLEIN_PASSWORD_RESET_RATE_IP", "10/h"
).strip()
BUURTPLEIN_PASSWORD_RESET_RATE_ADDRESS = env_str(
    "BUURTPLEIN_PASSWORD_RESET_RATE_ADDRESS", "3/h"
).strip()

# Two-factor authentication (django-otp): mandatory for these groups (by name,
# or a name starting with one of the prefixes) and for superusers; anyone else
# may switch it on under Account → Tweestapsverificatie.
BUURTPLEIN_2FA_REQUIRED_GROUPS = ["Communicatie", "Beheerders"]
BUURTPLEIN_2FA_REQUIRED_GROUP_PREFIXES = ["Communicatie "]
BUURTPLEIN_2FA_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = "Buurtplein"
# A wrong code makes the next try wait 1, 2, 4, 8… seconds (per device).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Passwords: at least 12 characters, not a common password, not like the name
# or e-mail address, not only digits (ASVS 2.1.1, 2.1.7).
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        # Django's validator, with an error message Django's Dutch catalogue lacks.
        "NAME": "accounts.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions (accounts.middleware.SessionTimeoutMiddleware): logged out after this
# many minutes without a request, and this many hours after logging in at most.
BUURTPLEIN_SESSION_IDLE_MINUTES = env_int("BUURTPLEIN_SESSION_IDLE_MINUTES", 60)
BUURTPLEIN_SESSION_MAX_HOURS = env_int("BUURTPLEIN_SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = BUURTPLEIN_SESSION_MAX_HOURS * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
