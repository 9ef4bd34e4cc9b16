"""Middleware for admin logins: session timeouts, the two-factor gate, denials logged.

In MIDDLEWARE right after django-otp's OTPMiddleware, in this order:

- ``SessionTimeoutMiddleware`` logs out a session that has been idle for
  ``BUURTPLEIN_SESSION_IDLE_MINUTES`` or is older than
  ``BUURTPLEIN_SESSION_MAX_HOURS`` (ASVS 3.3). Wagtail's editing-session pings,
  which an open editor sends by itself, do not count as activity.
- ``TwoFactorMiddleware``: after the password, a person with an authenticator
  app must type a code before any admin page; a person who must use 2FA
  (accounts.selectors.two_factor_required) but has not set it up can reach only
  the set-up page. Until then the public site treats them as not logged in.
- ``AdminDenialLogMiddleware`` logs refusals in the admin (403, or Wagtail's
  "no permission" redirect) with the user's id and the path.
"""

import functools
import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation

from core.antispam import client_ip

from .selectors import has_two_factor, two_factor_required

security_log = logging.getLogger("buurtplein.security")

LOGIN_AT = "buurtplein_login_at"
SEEN_AT = "buurtplein_seen_at"
# Writing the session on every request would cost a query each time; activity
# is recorded at most once a minute, so the idle timeout is precise to a minute.
SEEN_RESOLUTION_SECONDS = 60


def session_start(request: HttpRequest) -> None:
    """Called at login (accounts.signals): the clocks of both timeouts start."""
    now = time.time()
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now


@functools.cache
def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


@functools.cache
def _background_paths() -> tuple[str, ...]:
    """Requests the admin makes by itself, without the person doing anything."""
    return (_admin_prefix() + "editing-sessions/",)


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if SESSION_KEY in request.session:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        session = request.session
        now = time.time()
        login_at = session.get(LOGIN_AT)
        seen_at = session.get(SEEN_AT)
        if not isinstance(login_at, int | float) or not isinstance(
            seen_at, int | float
        ):
            # A session from before this middleware: its clocks start now.
            session_start(request)
            return
        idle = now - seen_at > settings.BUURTPLEIN_SESSION_IDLE_MINUTES * 60
        too_old = now - login_at > settings.BUURTPLEIN_SESSION_MAX_HOURS * 60 * 60
        if idle or too_old:
            user_id = session.get(SESSION_KEY)
            logout(request)
            security_log.info(
                "Session ended: user_id=%s reason=%s",
                user_id,
                "idle" if idle else "max_age",
            )
            return
        if now - seen_at >= SEEN_RESOLUTION_SECONDS and not request.path.startswith(
            _background_paths()
        ):
            session[SEEN_AT] = now


@functools.cache
def _open_paths() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Admin paths open before the second step: (exact paths, path prefixes)."""
    exact = tuple(
        reverse(name)
        for name in (
            "wagtailadmin_login",
            "wagtailadmin_logout",
            "wagtailadmin_javascript_catalog",
            "wagtailadmin_sprite",
        )
    )
    prefixes = (reverse("wagtailadmin_password_reset"),)
    return exact, prefixes


def _step_url(name: str, request: HttpRequest) -> str:
    return f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self._gate(request) or self.get_response(request)

    def _gate(self, request: HttpRequest) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if has_two_factor(user=user):
            step = "accounts_two_factor_verify"
        elif two_factor_required(user=user):
            step = "accounts_two_factor_setup"
        else:
            return None
        path = request.path
        if not path.startswith(_admin_prefix()):
            # The public site, the API, documents: not logged in until verified.
            request.user = AnonymousUser()
            return None
        exact, prefixes = _open_paths()
        if path == reverse(step) or path in exact or path.startswith(prefixes):
            return None
        return HttpResponseRedirect(_step_url(step, request))


@functools.cache
def _denial_messages() -> frozenset[str]:
    """Wagtail's "no permission" messages, in every admin language."""
    texts = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts.add(
                translation.gettext(
                    "Sorry, you do not have permission to access this area."
                )
            )
            texts.add(
                translation.gettext("You do not have permission to access the admin.")
            )
    return frozenset(texts)


class AdminDenialLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(_admin_prefix()) and _is_denial(request, response):
            user = getattr(request, "user", None)
            security_log.warning(
                "Admin permission denied: user_id=%s path=%s method=%s ip=%s",
                user.pk if user is not None and user.is_authenticated else None,
                request.path,
                request.method,
                client_ip(request),
            )
        return response


def _is_denial(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code == 403:
        return True
    if response.status_code != 302:
        return False
    # Wagtail answers a PermissionDenied in the admin with a redirect and an
    # error message (wagtail.admin.auth.permission_denied).
    storage = getattr(request, "_messages", None)
    queued = getattr(storage, "_queued_messages", ())
    # (Wagtail's admin messages are rendered through a template: trailing newlines.)
    return any(str(m.message).strip() in _denial_messages() for m in queued)
