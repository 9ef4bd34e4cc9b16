"""Lockout of the admin login after repeated wrong passwords (django-axes).

django-axes counts failures per set of lockout parameters against one limit.
We want two: an account from one address is locked after a few failures
(``AXES_FAILURE_LIMIT``), and an address trying many accounts after more
(``BUURTPLEIN_LOGIN_IP_FAILURE_LIMIT``), so a password-spraying client is
stopped without letting anyone lock a colleague out from elsewhere. The
handler below adds the per-address count to axes' database handler; a good
login clears only that account's count for that address.

The locked-out answer is a Dutch page in the look of the Wagtail login, with
status 429.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


class LoginLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with a second, higher limit per client address."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        per_account = super().get_failures(request, credentials)
        limit = settings.AXES_FAILURE_LIMIT
        if per_account >= limit:
            return per_account
        if self.failures_from_address(request) >= ip_failure_limit():
            # Reported as "at the limit": axes then locks as it would per account.
            return limit
        return per_account

    @staticmethod
    def failures_from_address(request: HttpRequest) -> int:
        attempts = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def ip_failure_limit() -> int:
    return settings.BUURTPLEIN_LOGIN_IP_FAILURE_LIMIT


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The answer to a login attempt while locked (``AXES_LOCKOUT_CALLABLE``)."""
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    return TemplateResponse(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    ).render()
