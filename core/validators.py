"""Which web addresses Buurtplein stores: only ones that are safe in an href.

Every URL a person types (the footer links in the site settings, an
organisation's website, an event's registration link, a button in the page
body) ends up in an ``href`` on a public page, on the same origin as the admin.
A ``javascript:`` or ``data:`` address there is stored script (issue 13), so
these fields accept only ``http``, ``https`` and ``mailto`` addresses, and,
where a field says so, a path on this site such as ``/privacy/``.

Browsers ignore tabs, newlines and leading control characters in a URL
(``jav\\tascript:``), so the scheme is read the way they read it.
"""

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

SAFE_URL_SCHEMES = ("http", "https", "mailto")

# What the WHATWG URL parser strips before it reads the scheme: C0 control
# characters and spaces at either end, tabs and newlines anywhere.
_STRIPPED_AT_ENDS = "".join(chr(code) for code in range(0x21))
_REMOVED_ANYWHERE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def url_as_browsers_read_it(value: str) -> str:
    """The address the way a browser parses it (without its invisible parts)."""
    return _REMOVED_ANYWHERE.sub("", value.strip(_STRIPPED_AT_ENDS))


def is_site_path(value: str) -> bool:
    """A path on this site, like /privacy/. Not //host or /\\host: browsers
    read those as another site's address."""
    url = url_as_browsers_read_it(value)
    return url.startswith("/") and url[1:2] not in ("/", "\\")


@deconstructible
class SafeURLValidator:
    """Accept only http(s) and mailto addresses, and site paths if allowed.

    Use it on every field whose value becomes a link: ``models.URLField``
    (Django's own check also allows ftp), URL ``CharField``s and ``URLBlock``s.
    """

    def __init__(
        self,
        *,
        schemes: Iterable[str] = SAFE_URL_SCHEMES,
        allow_paths: bool = False,
    ) -> None:
        self.schemes = tuple(schemes)
        self.allow_paths = allow_paths

    def __call__(self, value: str) -> None:
        if not value:
            return
        url = url_as_browsers_read_it(str(value))
        if self.allow_paths and is_site_path(url):
            return
        match = _SCHEME.match(url)
        scheme = match.group(1).lower() if match else ""
        if scheme not in self.schemes:
            raise ValidationError(self.message(), code="unsafe_url_scheme")
        if scheme == "mailto":
            self._check_mailto(url)
        else:
            try:
                URLValidator(schemes=[scheme])(url)
            except ValidationError:
                raise ValidationError(self.message(), code="invalid_url") from None

    def _check_mailto(self, url: str) -> None:
        addresses = url.split(":", 1)[1].split("?", 1)[0]
        try:
            for address in addresses.split(","):
                EmailValidator()(address.strip())
        except ValidationError:
            raise ValidationError(
                _(
                    "Zet na mailto: een geldig e-mailadres, "
                    "zoals mailto:info@gemeente.nl."
                ),
                code="invalid_mailto",
            ) from None

    def message(self) -> str:
        allowed = []
        if "https" in self.schemes or "http" in self.schemes:
            allowed.append(_("een webadres dat begint met https://"))
        if "mailto" in self.schemes:
            allowed.append(_("een e-mailadres met mailto:"))
        if self.allow_paths:
            allowed.append(_("een pad op deze site, zoals /privacy/"))
        return _(
            "Dit adres is niet toegestaan. Gebruik %(allowed)s. Adressen als "
            "javascript: of data: kunnen code uitvoeren en worden geweigerd."
        ) % {"allowed": _(" of ").join(str(part) for part in allowed)}

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, SafeURLValidator)
            and self.schemes == other.schemes
            and self.allow_paths == other.allow_paths
        )

    def is_safe(self, value: str) -> bool:
        try:
            self(value)
        except ValidationError:
            return False
        return True


# The validators the fields use. A web address (models.URLField, URLBlock):
safe_web_url = SafeURLValidator(schemes=("http", "https"))
# A link that may also be an e-mail address or a path on this site
# (the site settings' footer links):
safe_link_or_path = SafeURLValidator(allow_paths=True)


def clear_unsafe_urls(model, field_names: Iterable[str], validator) -> int:
    """Blank stored values the validator refuses; for data migrations.

    Returns how many values were cleared. Only refused values change: a
    ``javascript:`` link saved before the check existed must not stay on
    every page's footer.
    """
    cleared = 0
    for field_name in field_names:
        rows = (
            model._base_manager.exclude(**{field_name: ""})
            .values_list("pk", field_name)
            .iterator()
        )
        unsafe = [pk for pk, value in rows if value and not validator.is_safe(value)]
        if unsafe:
            cleared += model._base_manager.filter(pk__in=unsafe).update(
                **{field_name: ""}
            )
    return cleared
