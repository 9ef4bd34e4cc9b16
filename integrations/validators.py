"""What a client's origins and a webhook's address may be.

An origin (CORS) is ``https://host[:port]`` and nothing more: no path, no
query, no user name. A webhook's address is an https URL whose host is on the
public internet: Buurtplein posts to it from inside the municipality's network,
so an address that resolves to a private, loopback or link-local address (the
database, the metadata service of the cloud, an intranet) is refused
(server-side request forgery). ``BUURTPLEIN_WEBHOOKS_ALLOW_PRIVATE`` (default
False) allows such addresses, and plain http, for development and the tests.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ORIGINS = 20
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})


def origin_normalise(value: str) -> str:
    """``https://host[:port]`` in lower case, the default port left out.

    Raises ValidationError (Dutch) for anything that is not an origin.
    """
    text = value.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise ValidationError(
            _("%(origin)s is geen geldige herkomst."), params={"origin": text}
        ) from None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if (
        not host
        or parts.username
        or parts.password
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise ValidationError(
            _(
                "%(origin)s is geen herkomst: alleen schema en host, zoals "
                "https://www.gemeente.nl (zonder pad)."
            ),
            params={"origin": text},
        )
    netloc_host = f"[{host}]" if ":" in host else host
    loopback = netloc_host in LOOPBACK_HOSTS
    if scheme != "https" and not (scheme == "http" and loopback and settings.DEBUG):
        raise ValidationError(
            _("%(origin)s moet met https:// beginnen."), params={"origin": text}
        )
    default_port = 443 if scheme == "https" else 80
    suffix = f":{port}" if port and port != default_port else ""
    return f"{scheme}://{netloc_host}{suffix}"


def origins_normalise(values: list[str]) -> list[str]:
    """Each origin normalised once, in the given order; errors for all at once."""
    origins: list[str] = []
    errors: list[ValidationError] = []
    for value in values:
        if not value.strip():
            continue
        try:
            origin = origin_normalise(value)
        except ValidationError as error:
            errors.append(error)
            continue
        if origin not in origins:
            origins.append(origin)
    if len(origins) > MAX_ORIGINS:
        errors.append(
            ValidationError(
                _("Ten hoogste %(max)s herkomsten per koppeling."),
                params={"max": MAX_ORIGINS},
            )
        )
    if errors:
        raise ValidationError(errors)
    return origins


def validate_origins(value) -> None:
    """Model validator for ``ApiClient.allowed_origins``."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Een lijst van herkomsten verwacht."))
    if origins_normalise(value) != value:
        raise ValidationError(_("Schrijf elke herkomst als https://host[:poort]."))


def validate_preview_url(value: str) -> None:
    """A front end's preview page: https (http only for loopback in DEBUG)."""
    if not value:
        return
    try:
        parts = urlsplit(value)
    except ValueError:
        raise ValidationError(_("Dit is geen geldig webadres.")) from None
    origin_normalise(f"{parts.scheme}://{parts.netloc}")
    if parts.fragment:
        raise ValidationError(_("Een voorbeeld-adres heeft geen #-deel."))


def private_addresses_allowed() -> bool:
    return bool(getattr(settings, "BUURTPLEIN_WEBHOOKS_ALLOW_PRIVATE", False))


def address_is_public(address: str) -> bool:
    """Whether an IP address is on the public internet (not private, loopback,
    link-local, multicast, reserved or unspecified; IPv4 mapped in IPv6 too)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class UnsafeAddress(Exception):
    """A webhook address that resolves to no public address (or not at all)."""


def resolve_public(host: str, port: int) -> str:
    """One address of ``host`` to connect to, after checking all of them.

    Every address the name resolves to must be public (unless private ones are
    allowed): otherwise a name with one public and one private address would
    reach the private one half of the time. The caller connects to exactly the
    address returned, so a second lookup (DNS rebinding) cannot change it.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise UnsafeAddress(_("De host %(host)s bestaat niet.") % {"host": host}) from (
            error
        )
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise UnsafeAddress(_("De host %(host)s bestaat niet.") % {"host": host})
    if not private_addresses_allowed() and not all(
        address_is_public(address) for address in addresses
    ):
        raise UnsafeAddress(
            _(
                "%(host)s wijst naar een intern of privé-adres; webhooks gaan "
                "alleen naar adressen op het internet."
            )
            % {"host": host}
        )
    return addresses[0]


def webhook_url_check(value: str):
    """The URL's parts, if its form is allowed (https, a host, no user name);
    ValidationError (Dutch) otherwise. Does not look the host up."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise ValidationError(_("Dit is geen geldig webadres.")) from None
    allow_private = private_addresses_allowed()
    if parts.scheme != "https" and not (parts.scheme == "http" and allow_private):
        raise ValidationError(_("Het adres moet met https:// beginnen."))
    if not parts.hostname or parts.username or parts.password:
        raise ValidationError(
            _("Het adres heeft een host nodig en geen gebruikersnaam of wachtwoord.")
        )
    return parts


def webhook_port(parts) -> int:
    return parts.port or (443 if parts.scheme == "https" else 80)


def validate_webhook_url(value: str) -> None:
    """An https URL with a public host (see the module's docstring)."""
    parts = webhook_url_check(value)
    try:
        resolve_public(parts.hostname, webhook_port(parts))
    except UnsafeAddress as error:
        raise ValidationError(str(error)) from None
