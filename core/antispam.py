"""Protection of the public forms against spam bots, without a captcha.

A third-party captcha would need cookie consent; these checks need none:

- a *honeypot*: a text field people never see (hidden with CSS, skipped by
  the keyboard and by screen readers) that naive bots fill in;
- a *minimum fill time*: a signed timestamp of when the form was shown; a
  form sent back within ``BUURTPLEIN_FORM_MIN_SECONDS`` (or with a missing,
  tampered or day-old timestamp) is refused;
- a *limit on links* in the free-text fields (``BUURTPLEIN_FORM_MAX_LINKS``);
  a dedicated URL field does not count;
- a *per-IP rate limit* in the shared cache (django-ratelimit, Redis in
  production): ``BUURTPLEIN_FORM_RATE`` submissions per form per address.

A refused form is shown again with a neutral Dutch message and everything
the resident typed (status 400, or 429 over the rate limit); nothing is
stored or mailed. When the cache is down the rate limit *fails open*: the
form keeps working, guarded by the other checks, and a warning is logged.

Using it on a new public form takes one line in each place::

    class HelpRequestForm(ProtectedFormMixin, forms.Form): ...      # the form
    limit_submissions(request, form)                                # the view, on POST
    return render(..., status=form.error_status)                    # 400 or 429
    {% include "core/includes/form_protection.html" %}              # the template
"""

import functools
import ipaddress
import logging
import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

# Names no real form uses (the tip form has a real "website" field).
HONEYPOT_FIELD = "website_url"
STARTED_FIELD = "form_started"
PROTECTION_FIELDS = (HONEYPOT_FIELD, STARTED_FIELD)

# Neutral messages: they help a person who was quick, and teach a bot nothing.
TOO_FAST = _("Dat ging te snel. Wacht even en verstuur het opnieuw.")
NOT_PROCESSED = _(
    "We konden je bericht niet verwerken. Kijk of alles goed is ingevuld en "
    "verstuur het opnieuw."
)
EXPIRED = _(
    "Dit formulier stond lang open. Kijk of alles nog klopt en verstuur het opnieuw."
)
TOO_MANY_LINKS = _(
    "Hier staan te veel webadressen in: er mogen er hoogstens %(limit)d in je "
    "tekst staan, en het zijn er nu %(count)d. Haal er een paar weg."
)
RATE_LIMITED_HOUR = _(
    "Je hebt het afgelopen uur al vaak iets verstuurd. Probeer het later opnieuw."
)
RATE_LIMITED = _(
    "Je hebt de afgelopen tijd al vaak iets verstuurd. Probeer het later opnieuw."
)
TOO_MANY_REQUESTS = 429

# A link as spammers write them: with a scheme, starting with www., or a bare
# domain followed by a path ("example.org/deal"). One match per link.
LINK = re.compile(
    r"""
      https?://\S+
    | \bwww\.\S+
    | \b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*
    """,
    re.IGNORECASE | re.VERBOSE,
)


def count_links(text: str) -> int:
    return len(LINK.findall(text or ""))


def _now() -> float:
    return time.time()


def _salt(form_class: type) -> str:
    return f"buurtplein.antispam.{protection_name(form_class)}"


def protection_name(form_class: type) -> str:
    """The form's name for its timestamp salt and its rate-limit group."""
    return getattr(form_class, "protection_name", None) or (
        f"{form_class.__module__}.{form_class.__qualname__}"
    )


def form_started_token(form_class: type, *, started_at: float | None = None) -> str:
    """A signed 'this form was shown at' value, valid for ``form_class`` only."""
    moment = _now() if started_at is None else started_at
    return signing.dumps(moment, salt=_salt(form_class))


def form_started_at(form_class: type, token: str) -> float | None:
    """When the form was shown, or None for a missing or tampered token."""
    if not token:
        return None
    try:
        value = signing.loads(token, salt=_salt(form_class))
    except signing.BadSignature:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


class HoneypotField(forms.CharField):
    """A text field that people leave empty. Its value is never shown again."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Laat dit veld leeg"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
            **kwargs,
        )

    def clean(self, value) -> str:
        # No validation that could raise: whatever it holds, it is only looked at.
        return value.strip() if isinstance(value, str) else ""

    def bound_data(self, data, initial):
        # A re-shown form has it empty again, in case a browser filled it in.
        return ""


class FormStartedField(forms.CharField):
    """The hidden, signed moment the form was shown (see ``form_started_token``).

    A re-shown form keeps a valid token, so a resident who corrects one
    answer does not have to wait again; a refused token is replaced.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)
        self.replacement: str | None = None

    def clean(self, value) -> str:
        return value if isinstance(value, str) else ""

    def bound_data(self, data, initial):
        if self.replacement is not None:
            return self.replacement
        return data


class ProtectedFormMixin:
    """Adds the honeypot, the minimum fill time and the link limit to a form.

    Put it before ``forms.Form`` or ``forms.ModelForm``. Render the two extra
    fields with ``{% include "core/includes/form_protection.html" %}``; they
    are left out of ``visible_fields()``. Errors are form-wide (non-field)
    except the link limit, which is shown on the field with the links.

    ``link_fields`` names the free-text fields whose links count; by default
    every text field except URL and e-mail fields.

    ``check_bot_signals`` switches the honeypot and the fill time off (False)
    for a form that is not rendered as a page a bot can load: the API's forms
    (``core.api_submissions.api_form``), whose front ends show their own form
    and are vouched for by a client key instead. The two fields stay (empty),
    and the link limit and the rate limit (``limit_submissions``) still apply.
    """

    protection_name: str | None = None
    link_fields: tuple[str, ...] | None = None
    check_bot_signals: bool = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = HoneypotField()
        self.fields[STARTED_FIELD] = FormStartedField(
            initial=functools.partial(form_started_token, type(self))
        )
        self._refusal: str | None = None
        self.error_status = 400

    def visible_fields(self):
        return [
            field
            for field in super().visible_fields()
            if field.name not in PROTECTION_FIELDS
        ]

    def refuse_rate_limited(self, message: str) -> None:
        """Refuse this submission (over the rate limit), whatever it holds."""
        self._refusal = message
        self.error_status = TOO_MANY_REQUESTS
        self._errors = None

    def full_clean(self):
        if self.is_bound and self._refusal is not None:
            self._errors = ErrorDict(renderer=self.renderer)
            self.cleaned_data = {}
            self._issue_fresh_start(waited=True)
            self.add_error(None, ValidationError(self._refusal, code="rate_limited"))
            return
        super().full_clean()
        if not self.is_bound:
            return
        if self.check_bot_signals:
            self._check_bot_signals()
        self._check_links()
        for name in PROTECTION_FIELDS:
            self.cleaned_data.pop(name, None)

    def _issue_fresh_start(self, *, waited: bool = False) -> None:
        """A new 'shown at' for the re-rendered form. ``waited``: the person has
        already spent their time on it (the form expired, or the rate limit
        stopped it), so sending it again at once is not refused as too fast."""
        started_at = _now() - settings.BUURTPLEIN_FORM_MIN_SECONDS if waited else None
        self.fields[STARTED_FIELD].replacement = form_started_token(
            type(self), started_at=started_at
        )

    def _raw(self, name: str) -> str:
        return self.fields[name].clean(self[name].data)

    def _check_bot_signals(self) -> None:
        if self._raw(HONEYPOT_FIELD):
            self._issue_fresh_start()
            self.add_error(None, ValidationError(NOT_PROCESSED, code="honeypot"))
            return
        started_at = form_started_at(type(self), self._raw(STARTED_FIELD))
        if started_at is None:
            self._issue_fresh_start()
            self.add_error(None, ValidationError(TOO_FAST, code="no_timestamp"))
            return
        age = _now() - started_at
        if age < settings.BUURTPLEIN_FORM_MIN_SECONDS:
            self._issue_fresh_start()
            self.add_error(None, ValidationError(TOO_FAST, code="too_fast"))
        elif age > settings.BUURTPLEIN_FORM_MAX_AGE_SECONDS:
            self._issue_fresh_start(waited=True)
            self.add_error(None, ValidationError(EXPIRED, code="expired"))

    def _link_field_names(self) -> list[str]:
        if self.link_fields is not None:
            return list(self.link_fields)
        return [
            name
            for name, field in self.fields.items()
            if name not in PROTECTION_FIELDS
            and isinstance(field, forms.CharField)
            and not isinstance(field, forms.URLField | forms.EmailField)
        ]

    def _check_links(self) -> None:
        limit = settings.BUURTPLEIN_FORM_MAX_LINKS
        counts = {
            name: count_links(value)
            for name in self._link_field_names()
            if isinstance(value := self.cleaned_data.get(name), str)
        }
        total = sum(counts.values())
        if total <= limit:
            return
        for name, count in counts.items():
            if count:
                self.add_error(
                    name,
                    ValidationError(
                        TOO_MANY_LINKS,
                        code="too_many_links",
                        params={"limit": limit, "count": total},
                    ),
                )


def client_ip(request: HttpRequest) -> str:
    """The resident's address, for the rate limit (``RATELIMIT_IP_META_KEY``).

    Behind ``BUURTPLEIN_TRUSTED_PROXY_COUNT`` reverse proxies that each append
    to X-Forwarded-For, the address the outermost proxy saw is that many hops
    from the end; anything before it was sent by the client and can be forged.
    Without proxies (development, tests) it is REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.BUURTPLEIN_TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = [
            hop.strip()
            for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if hop.strip()
        ]
        if hops:
            candidate = hops[-proxies] if len(hops) >= proxies else hops[0]
            if _is_ip(candidate):
                return candidate
    return remote if _is_ip(remote) else "0.0.0.0"  # noqa: S104 (not a bind)


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def limit_submissions(request: HttpRequest, form: ProtectedFormMixin) -> bool:
    """Count this POST of ``form`` against the client's address.

    Over ``BUURTPLEIN_FORM_RATE`` (per form, per address, in the shared cache)
    the form refuses it with status 429 and keeps what was typed. Returns
    whether the limit was reached. When the cache cannot be reached the limit
    fails open: the submission goes on and a warning is logged.
    """
    if request.method != "POST" or not getattr(settings, "RATELIMIT_ENABLE", True):
        return False
    rate = settings.BUURTPLEIN_FORM_RATE
    group = f"buurtplein.form.{protection_name(type(form))}"
    try:
        usage = get_usage(
            request, group=group, key="ip", rate=rate, method="POST", increment=True
        )
    except Exception:
        # A cache backend that raises when its server is down (django-redis
        # without IGNORE_EXCEPTIONS, memcached): do not stop the resident.
        logger.warning(
            "Rate limit for %s not checked: cache error", group, exc_info=True
        )
        return False
    if usage is None:
        # django-ratelimit could not count (RATELIMIT_FAIL_OPEN).
        logger.warning("Rate limit for %s not checked: cache unavailable", group)
        return False
    if not usage["should_limit"]:
        return False
    form.refuse_rate_limited(
        RATE_LIMITED_HOUR if rate_period_seconds(rate) == HOUR else RATE_LIMITED
    )
    return True


HOUR = 60 * 60
_PERIODS = {"s": 1, "m": 60, "h": HOUR, "d": 24 * HOUR}
RATE = re.compile(r"(\d+)/(\d*)([smhd])")


def rate_period_seconds(rate: str) -> int:
    """The period of a django-ratelimit rate: "10/h" is 3600, "5/30m" is 1800."""
    match = RATE.fullmatch(rate)
    if match is None:
        raise ValueError(f"Not a rate like 10/h: {rate!r}")
    return int(match[2] or 1) * _PERIODS[match[3]]
