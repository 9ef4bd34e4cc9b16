"""Password reset for the admin: rate-limited, and the same for every address.

Wagtail's own view, with three changes:

- a *rate limit* per client address (``BUURTPLEIN_PASSWORD_RESET_RATE_IP``) and
  per typed e-mail address (``BUURTPLEIN_PASSWORD_RESET_RATE_ADDRESS``) in the
  shared cache; over it the form answers 429 and nothing is sent. The limit
  counts every address alike, so it says nothing about which ones exist.
- the *same answer* for a known and an unknown address: the redirect to "check
  your mail", whatever was typed.
- the *same timing*: during the request nothing depends on the address (the form
  checks its format, the cache counts). Looking the address up, making the
  token and sending the mail happen after the response has gone out (a
  response closer, which the WSGI server runs once the body is written), so no
  request waits for the database or SMTP more for one address than another, and
  nobody sleeps. The mail is sent the ordinary Django way; with the background
  e-mail backend it is queued.

Mounted at Wagtail's own URL (buurtplein/urls.py, before the admin's).
"""

import functools
import hashlib
import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_ratelimit.core import get_usage
from wagtail.admin.views.account import PasswordResetView

from core.antispam import TOO_MANY_REQUESTS, client_ip

logger = logging.getLogger(__name__)
security_log = logging.getLogger("buurtplein.security")

TOO_MANY_RESETS = _(
    "Er is de afgelopen tijd al vaak een nieuw wachtwoord aangevraagd. Probeer het "
    "later opnieuw, of vraag een beheerder om hulp."
)


def _typed_address(group: str, request: HttpRequest) -> str:
    """The rate-limit key per address: a hash of the address as typed, lowercased
    (so Jan@X and jan@x count together; the cache never holds the address)."""
    address = request.POST.get("email", "").strip().lower()
    return hashlib.sha256(address.encode()).hexdigest()


def _over_limit(request: HttpRequest, *, key, rate: str, group: str) -> bool:
    try:
        usage = get_usage(
            request, group=group, key=key, rate=rate, method="POST", increment=True
        )
    except Exception:
        logger.warning("Password reset rate limit not checked", exc_info=True)
        return False
    if usage is None:
        logger.warning("Password reset rate limit not checked: cache unavailable")
        return False
    return usage["should_limit"]


def _send_reset_mail(form, options: dict) -> None:
    """Look the address up and mail the link (run after the response is sent)."""
    try:
        form.save(**options)
    except Exception:
        logger.exception("Password reset mail could not be sent")


@method_decorator(never_cache, name="dispatch")
class RateLimitedPasswordResetView(PasswordResetView):
    def post(self, request, *args, **kwargs):
        if _over_limit(
            request,
            key="ip",
            rate=settings.BUURTPLEIN_PASSWORD_RESET_RATE_IP,
            group="buurtplein.password_reset.ip",
        ):
            return self._refuse(self.get_form(), reason="ip")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if _over_limit(
            self.request,
            key=_typed_address,
            rate=settings.BUURTPLEIN_PASSWORD_RESET_RATE_ADDRESS,
            group="buurtplein.password_reset.address",
        ):
            return self._refuse(form, reason="address")
        options = {
            "use_https": self.request.is_secure(),
            "token_generator": self.token_generator,
            "from_email": self.from_email,
            "email_template_name": self.email_template_name,
            "subject_template_name": self.subject_template_name,
            "request": self.request,
            "html_email_template_name": self.html_email_template_name,
            "extra_email_context": self.extra_email_context,
        }
        response = HttpResponseRedirect(self.get_success_url())
        response._resource_closers.append(
            functools.partial(_send_reset_mail, form, options)
        )
        return response

    def _refuse(self, form, *, reason: str):
        form.is_valid()
        form.add_error(None, TOO_MANY_RESETS)
        security_log.warning(
            "Password reset rate-limited: per=%s ip=%s", reason, client_ip(self.request)
        )
        return self.render_to_response(
            self.get_context_data(form=form), status=TOO_MANY_REQUESTS
        )
