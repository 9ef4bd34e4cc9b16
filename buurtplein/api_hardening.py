"""The project's rules around Wagtail's API v3, used by ``ApiMiddleware``.

Wagtail's API v3 is young: some odd input reaches the database unchecked and
comes back as a 500, a token that does not resolve silently reads as
anonymous, a token's page list spans every site, links start with
``Site.root_url`` and its operations document only their success response.
Each rule here is small and answers with an RFC 7807 ProblemDetail
(``application/problem+json``, Wagtail's own error format) with a Dutch
``detail``:

- ``token_problem``: a bearer token that does not resolve to a live token of
  an active user is a 401 (``WWW-Authenticate: Bearer error="invalid_token"``).
- ``query_problem``: ``offset`` beyond ``MAX_OFFSET``, a malformed ``site``
  and NUL characters are refused before Wagtail sees them (upstream they
  overflow the database integer, make ``int()`` fail or break PostgreSQL).
- ``body_problem``: a JSON body must be an object (upstream a list crashes
  the page and snippet writes).
- ``exception_problem``: what still escapes a view as a database error
  (a unique or not-null constraint on a snippet create, an object that is
  still in use on delete, an overflowing number) is a 409/422/400.
- ``scope_token_page_list``: with a token, Wagtail lists every page the user
  may edit on every site, ignoring ``site``; the list is kept to the
  requested site (``site`` or the host).
- ``finish``: links from the configured base URL, conditional GET (strong
  ``ETag``, 304) and ``Cache-Control``/``Vary`` on GETs.
- ``install_openapi``: every operation documents its error responses and the
  bounds the rules above enforce.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import re
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from wagtail.api.utils import get_base_url
from wagtail.api.v3.errors import PROBLEM_JSON, problem_response
from wagtail.models import APIToken, Page, Site

from core.api import MAX_OFFSET

logger = logging.getLogger(__name__)

API_PREFIX = "/api/v3/"
CACHEABLE_PREFIXES = (API_PREFIX, "/api/hsds/")
PAGE_LIST_PATH = API_PREFIX + "pages/"
# Wagtail's own routers, whose links start at Site.root_url.
WAGTAIL_ROUTERS = tuple(
    API_PREFIX + name + "/"
    for name in ("pages", "images", "documents", "snippets", "redirects", "sites")
)
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

PUBLIC_CACHE_CONTROL = "public, max-age=60"
PRIVATE_CACHE_CONTROL = "private, no-store"

# host or host:port, as Site.hostname and Site.port can hold them.
SITE_PATTERN = r"^[A-Za-z0-9._-]{1,255}(:[0-9]{1,5})?$"
_SITE_RE = re.compile(SITE_PATTERN)
MAX_PORT = 65535

INVALID_INPUT = "Ongeldige invoer."


# --- ProblemDetail responses -------------------------------------------------


def problem(
    status: int,
    detail: str,
    *,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """Wagtail's RFC 7807 response, with extra headers."""
    response = problem_response(status=status, detail=detail, errors=errors)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def field_problem(loc: list[str | int], kind: str, msg: str, **ctx) -> HttpResponse:
    """A 422 in the shape of Wagtail's (and Ninja's) validation errors."""
    error: dict[str, Any] = {"type": kind, "loc": loc, "msg": msg}
    if ctx:
        error["ctx"] = ctx
    return problem(HTTPStatus.UNPROCESSABLE_ENTITY, INVALID_INPUT, errors=[error])


def invalid_token(detail: str) -> HttpResponse:
    return problem(
        HTTPStatus.UNAUTHORIZED,
        detail,
        headers={
            "WWW-Authenticate": 'Bearer realm="api", error="invalid_token"',
        },
    )


# --- Bearer tokens -----------------------------------------------------------


def bearer_credentials(request: HttpRequest) -> str | None:
    """The token of an ``Authorization: Bearer …`` header; None without one."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, credentials = header.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return credentials.strip()


def resolve_token(credentials: str) -> APIToken | None:
    """The live token of an active user for these credentials, else None.

    The same lookup as Wagtail's ``BearerTokenAuth`` (which, on failure,
    falls back to anonymous instead of refusing), plus an optional maximum
    age (``BUURTPLEIN_API_TOKEN_MAX_AGE_DAYS``; APIToken has no expiry).
    """
    if not credentials or not APIToken.validate_token_format(credentials):
        return None  # Cannot exist: no query needed.
    token = (
        APIToken.objects.select_related("user")
        .filter(
            key_hash__in=APIToken.candidate_key_hashes(credentials),
            revoked_at__isnull=True,
        )
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    max_age_days = getattr(settings, "BUURTPLEIN_API_TOKEN_MAX_AGE_DAYS", None)
    if max_age_days and token.created < timezone.now() - datetime.timedelta(
        days=max_age_days
    ):
        return None
    return token


def token_problem(request: HttpRequest) -> HttpResponse | None:
    """401 for a bearer token that does not resolve; remembers one that does."""
    credentials = bearer_credentials(request)
    if credentials is None:
        return None
    token = resolve_token(credentials)
    if token is None:
        return invalid_token(
            "Dit API-token is onbekend, verlopen of ingetrokken, of de "
            "gebruiker is niet meer actief."
        )
    request.buurtplein_api_token = token
    return None


def has_token(request: HttpRequest) -> bool:
    return getattr(request, "buurtplein_api_token", None) is not None


# --- Query parameters and bodies ---------------------------------------------


def site_problem(value: str) -> HttpResponse | None:
    match = _SITE_RE.match(value)
    if match and (not match.group(1) or int(match.group(1)[1:]) <= MAX_PORT):
        return None
    return problem(
        HTTPStatus.BAD_REQUEST,
        "site: verwacht een hostnaam, eventueel met :poort (bijvoorbeeld "
        "samen.gemeente.nl of localhost:8000).",
    )


def query_problem(request: HttpRequest) -> HttpResponse | None:
    """Refuse query values Wagtail's v3 turns into a 500."""
    if "\x00" in request.path:
        return field_problem(["path"], "string_nul", "NUL-tekens zijn niet toegestaan.")
    for name, values in request.GET.lists():
        if any("\x00" in value for value in values) or "\x00" in name:
            return field_problem(
                ["query", name], "string_nul", "NUL-tekens zijn niet toegestaan."
            )
    offset = request.GET.get("offset", "").strip()
    if offset.isdigit() and int(offset) > MAX_OFFSET:
        return field_problem(
            ["query", "offset"],
            "less_than_equal",
            f"offset mag hoogstens {MAX_OFFSET} zijn.",
            le=MAX_OFFSET,
        )
    site = request.GET.get("site")
    if site:
        return site_problem(site)
    return None


_PAGE_WRITE_RE = re.compile(r"^/api/v3/pages/(?P<page_id>[^/]+)/$")


def path_problem(request: HttpRequest) -> HttpResponse | None:
    """A page id that is not a number, before Wagtail reads the body.

    ``PATCH /pages/{page_id}/`` looks the page's type up to read the body
    before Ninja validates the path, so ``/pages/null/`` was a 500.
    """
    if request.method != "PATCH":
        return None
    match = _PAGE_WRITE_RE.match(request.path)
    if match and not match["page_id"].isdigit():
        return field_problem(
            ["path", "page_id"], "int_parsing", "page_id: verwacht een geheel getal."
        )
    return None


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def body_problem(request: HttpRequest) -> HttpResponse | None:
    """A JSON body of a write must be an object without NUL characters.

    DELETE takes no body, so whatever one carries is ignored, as Wagtail does.
    """
    if request.method not in WRITE_METHODS - {"DELETE"}:
        return None
    if not request.content_type or not request.content_type.endswith("json"):
        return None
    if not request.body.strip():
        return None
    try:
        data = json.loads(request.body)
    except (ValueError, RecursionError):
        return problem(HTTPStatus.BAD_REQUEST, "De body is geen geldige JSON.")
    if not isinstance(data, dict):
        return field_problem(["body"], "dict_type", "Verwacht een JSON-object.")
    if _has_nul(data):
        return field_problem(["body"], "string_nul", "NUL-tekens zijn niet toegestaan.")
    return None


# --- Exceptions that escape a view -------------------------------------------


def exception_problem(request: HttpRequest, exc: Exception) -> HttpResponse | None:
    """A ProblemDetail for database errors caused by the request's data.

    Logged as a warning with the traceback: each is a check Wagtail (or the
    project) should make before writing.
    """
    if isinstance(exc, ProtectedError | RestrictedError):
        response = problem(
            HTTPStatus.CONFLICT,
            "Dit kan niet worden verwijderd: andere gegevens verwijzen er nog naar.",
        )
    elif isinstance(exc, IntegrityError):
        response = problem(
            HTTPStatus.UNPROCESSABLE_ENTITY,
            "De gegevens zijn niet opgeslagen: een verplicht veld ontbreekt of "
            "een waarde die uniek moet zijn bestaat al.",
            errors=[{"type": "integrity_error", "loc": ["body"], "msg": str(exc)}],
        )
    elif isinstance(exc, DataError | OverflowError) or (
        isinstance(exc, ValueError) and str(exc).startswith("Field '")
    ):
        # A value Wagtail passed to the database unchecked: a number too
        # large for its column, or text where a number belongs (Django's
        # "Field 'id' expected a number but got 'null'", e.g. a snippet's
        # ``pk`` in the path, which Wagtail types as a string).
        response = problem(
            HTTPStatus.BAD_REQUEST,
            "Een getal of tekst in het verzoek is te groot of ongeldig.",
        )
    else:
        return None
    logger.warning(
        "API v3: %s %s answered %s instead of a 500",
        request.method,
        request.path,
        response.status_code,
        exc_info=exc,
    )
    return response


# --- Pages of one site for token requests ------------------------------------


def request_site(request: HttpRequest) -> Site | None:
    """The site a request is about: ``?site=host[:port]`` or its host."""
    value = request.GET.get("site")
    if not value:
        return Site.find_for_request(request)
    hostname, _, port = value.partition(":")
    sites = Site.objects.filter(hostname__iexact=hostname).select_related("root_page")
    if port:
        sites = sites.filter(port=int(port))
    found = list(sites[:2])
    return found[0] if len(found) == 1 else None


def scope_token_page_list(request: HttpRequest) -> HttpResponse | None:
    """Keep a token's page list to the requested site.

    With a token, Wagtail lists every page the user may edit (live or
    draft) on every site and ignores ``site``. Here ``descendant_of`` (or a
    ``child_of``/``descendant_of`` the client gave) is tied to the requested
    site's home page, so the list holds that site's pages: the user's
    editable pages below its home page, as the admin's explorer shows them.
    """
    site = request_site(request)
    if site is None:
        return problem(
            HTTPStatus.NOT_FOUND,
            "Geen (unieke) site voor deze host of deze site-parameter.",
        )
    root = site.root_page
    query: QueryDict = request.GET.copy()
    given = [name for name in ("child_of", "descendant_of") if query.get(name)]
    if not given:
        query["descendant_of"] = str(root.pk)
    for name in given:
        value = query[name]
        if value == "root":
            query[name] = str(root.pk)
        elif value.isdigit() and not (
            Page.objects.filter(pk=int(value), path__startswith=root.path).exists()
        ):
            return field_problem(
                [name],
                "does_not_exist",
                f"Pagina {value} hoort niet bij de site {site.hostname}.",
            )
    request.GET = query
    request.META["QUERY_STRING"] = query.urlencode()
    return None


def is_token_page_list(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and request.path == PAGE_LIST_PATH
        and has_token(request)
    )


# --- Links, conditional GET, caching ------------------------------------------


def public_origin(request: HttpRequest) -> str:
    """``BUURTPLEIN_API_BASE_URL``, else the origin the request came to."""
    base = getattr(settings, "BUURTPLEIN_API_BASE_URL", "")
    if base:
        return base.rstrip("/")
    return f"{request.scheme}://{request.get_host()}"


def _rebase(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        if value == old or value.startswith(old + "/"):
            return new + value[len(old) :]
        return value
    if isinstance(value, dict):
        return {key: _rebase(item, old, new) for key, item in value.items()}
    if isinstance(value, list):
        return [_rebase(item, old, new) for item in value]
    return value


def rebase_links(request: HttpRequest, response: HttpResponse) -> None:
    """Links Wagtail builds from ``Site.root_url`` start at the public origin.

    Wagtail's schemas build ``detail_url`` and ``html_url`` from the
    requested site's ``root_url`` (``http://localhost`` on most
    installations) and offer no hook that sees the request; the JSON is
    rewritten here instead. Links to another site's pages keep that site's
    own origin.
    """
    if not request.path.startswith(WAGTAIL_ROUTERS):
        return  # The project's routers build links with core.api.absolute_url.
    if not response.get("Content-Type", "").startswith("application/json"):
        return
    old = get_base_url(request)
    new = public_origin(request)
    if not old or old == new:
        return
    content = response.content
    if old.encode() not in content:
        return
    data = json.loads(content)
    response.content = json.dumps(_rebase(data, old, new))
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))


# Wagtail's fixed English ``detail`` texts, in Dutch.
AUTH_NEEDED = "Stuur een geldig API-token mee (Authorization: Bearer …)."
DUTCH_DETAILS = {
    "Validation failed": INVALID_INPUT,
    "Authentication required": AUTH_NEEDED,
    "Unauthorized": AUTH_NEEDED,
    "Permission denied": "Dit token mag dit niet.",
    "Forbidden": "Dit token mag dit niet.",
    "Not found": "Niet gevonden.",
    "Not Found": "Niet gevonden.",
    "Cannot parse request body": "De body is geen geldige JSON.",
}
_NOT_FOUND_RE = re.compile(r"^No (\w+) matches the given query\.$")


def dutch_detail(response: HttpResponse) -> None:
    """Wagtail's generic English ``detail`` of a problem response in Dutch."""
    if not response.get("Content-Type", "").startswith(PROBLEM_JSON):
        return
    try:
        data = json.loads(response.content)
    except ValueError:
        return
    detail = data.get("detail", "") if isinstance(data, dict) else ""
    dutch = DUTCH_DETAILS.get(detail)
    if dutch is None and _NOT_FOUND_RE.match(detail):
        dutch = "Niet gevonden."
    if dutch is None:
        return
    data["detail"] = dutch
    response.content = json.dumps(data, ensure_ascii=False)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))


def strong_etag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:40] + '"'


def finish(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Dutch details and links on every API response; ``Cache-Control``,
    ``Vary``, ``ETag`` and 304 on GETs."""
    if response.status_code == HTTPStatus.UNAUTHORIZED and not response.has_header(
        "WWW-Authenticate"
    ):
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    if response.status_code >= 400 and not response.streaming:
        dutch_detail(response)
    if request.path.startswith(API_PREFIX) and 200 <= response.status_code < 300:
        rebase_links(request, response)
    if request.method not in ("GET", "HEAD"):
        return response
    patch_vary_headers(response, ("Origin", "Authorization"))
    if response.status_code != 200 or response.streaming:
        return response
    if request.META.get("HTTP_AUTHORIZATION") or response.cookies:
        # Whatever a token may read is for that token's user only.
        response["Cache-Control"] = PRIVATE_CACHE_CONTROL
        return response
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = PUBLIC_CACHE_CONTROL
    if not response.has_header("ETag"):
        response["ETag"] = strong_etag(response.content)
    return get_conditional_response(request, etag=response["ETag"], response=response)


# --- The OpenAPI description -------------------------------------------------

PROBLEM_DESCRIPTIONS = {
    304: "Niet gewijzigd (If-None-Match kwam overeen met de ETag).",
    400: "Ongeldig verzoek: een parameter of de body kan niet worden gelezen.",
    401: "Geen, een ongeldig, verlopen of ingetrokken API-token.",
    403: "Het token mag dit niet.",
    404: "Niet gevonden.",
    409: "Kan niet: andere gegevens verwijzen er nog naar.",
    422: "Ongeldige invoer; `errors` noemt elk veld.",
}


def _problem_content() -> dict:
    return {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}}


# One entry of a ProblemDetail's ``errors``: Ninja's and Pydantic's
# validation errors (type, loc, msg, ctx, url), Wagtail's form errors (type,
# loc, msg) and Django's (msg only).
PROBLEM_ERROR_SCHEMA = {
    "title": "ProblemError",
    "description": "Eén fout: welk veld (`loc`), wat er mis is (`msg`).",
    "type": "object",
    "properties": {
        "type": {"type": "string", "description": "Soort fout, bijv. missing."},
        "loc": {
            "type": "array",
            "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
            "description": "Plaats van het veld: [bron, veld, …].",
        },
        "msg": {"type": "string", "description": "Wat er mis is."},
        "ctx": {
            "type": "object",
            "description": "De grens of waarde die de fout bepaalt (bijv. le).",
            "additionalProperties": {
                "anyOf": [
                    {"type": "string"},
                    {"type": "number"},
                    {"type": "boolean"},
                    {"type": "null"},
                ]
            },
        },
        "url": {"type": "string"},
    },
    "required": ["msg"],
}


def _problem_schema() -> dict:
    return {
        "title": "ProblemDetail",
        "description": "Een fout als RFC 7807 ProblemDetail.",
        "type": "object",
        "properties": {
            "type": {"title": "Type", "type": "string"},
            "title": {"title": "Title", "type": "string"},
            "status": {"title": "Status", "type": "integer"},
            "detail": {"title": "Detail", "type": "string", "default": ""},
            "errors": {"title": "Errors"},
        },
        "required": ["type", "title", "status"],
    }


def _type_problem_errors(schemas: dict) -> None:
    """``errors`` of Wagtail's ProblemDetail is ``list[dict[str, Any]]``."""
    schemas.setdefault("ProblemError", PROBLEM_ERROR_SCHEMA)
    problem_schema = schemas.setdefault("ProblemDetail", _problem_schema())
    problem_schema.setdefault("properties", {})["errors"] = {
        "title": "Errors",
        "description": "Bij een 422: elke fout apart.",
        "anyOf": [
            {"type": "array", "items": {"$ref": "#/components/schemas/ProblemError"}},
            {"type": "null"},
        ],
    }


HEADER_DOCS = {
    "ETag": "Sterke ETag (hash van de body), alleen zonder token.",
    "Cache-Control": "public, max-age=60 zonder token; private, no-store met.",
}


def _bound_parameter(parameter: dict, **bounds) -> None:
    schema = parameter.setdefault("schema", {})
    targets = [schema, *schema.get("anyOf", [])]
    for target in targets:
        if target.get("type") == "integer":
            for key, value in bounds.items():
                target.setdefault(key, value)


def document_operation(path: str, method: str, operation: dict) -> None:
    """Add the error responses and bounds the API enforces to one operation."""
    responses = operation.setdefault("responses", {})
    statuses = [400, 401, 403, 404, 422]
    if method == "delete":
        statuses.append(409)
    if method == "get":
        statuses.append(304)
    for status in statuses:
        if str(status) in responses or status in responses:
            continue
        response: dict[str, Any] = {"description": PROBLEM_DESCRIPTIONS[status]}
        if status != 304:
            response["content"] = _problem_content()
        responses[str(status)] = response
    unauthorized = responses.get("401", responses.get(401))
    unauthorized.setdefault("headers", {})["WWW-Authenticate"] = {
        "description": 'Bearer realm="api", bij een ongeldig token '
        'met error="invalid_token".',
        "schema": {"type": "string"},
    }
    ok = responses.get("200", responses.get(200))
    if method == "get" and ok is not None:
        headers = ok.setdefault("headers", {})
        for name, description in HEADER_DOCS.items():
            headers.setdefault(
                name, {"description": description, "schema": {"type": "string"}}
            )
    limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
    for parameter in operation.get("parameters", []):
        if parameter.get("in") != "query":
            continue
        name = parameter.get("name")
        if name == "offset":
            _bound_parameter(parameter, maximum=MAX_OFFSET)
        elif name == "limit" and limit_max:
            _bound_parameter(parameter, maximum=limit_max)
        elif name == "site":
            schema = parameter.setdefault("schema", {})
            for target in [schema, *schema.get("anyOf", [])]:
                if target.get("type") == "string":
                    target.setdefault("pattern", SITE_PATTERN)


def unreachable(operation: dict) -> bool:
    """An operation whose path parameter can only be the empty string.

    Wagtail's snippet router gives the revision, publish, unpublish, revert
    and copy-for-translation operations a ``type`` of ``Literal[""]`` when no
    snippet model has the mixin they need: no request can reach them.
    """
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        if parameter.get("in") == "path" and (
            schema.get("const", None) == "" or schema.get("enum") == [""]
        ):
            return True
    return False


def document_schema(schema: dict) -> dict:
    """The API's OpenAPI description with every operation's errors in it,
    without the operations no request can reach."""
    _type_problem_errors(schema.setdefault("components", {}).setdefault("schemas", {}))
    paths = schema.get("paths", {})
    for path, item in list(paths.items()):
        for method, operation in list(item.items()):
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            if unreachable(operation):
                del item[method]
            else:
                document_operation(path, method, operation)
        if not any(
            isinstance(value, dict) and "responses" in value for value in item.values()
        ):
            del paths[path]
    return schema


def install_openapi(api) -> None:
    """Document every operation's errors in ``api``'s OpenAPI (idempotent)."""
    if getattr(api.get_openapi_schema, "buurtplein_documented", False):
        return
    original: Callable = api.get_openapi_schema

    def get_openapi_schema(*args, **kwargs):
        return document_schema(original(*args, **kwargs))

    get_openapi_schema.buurtplein_documented = True
    api.get_openapi_schema = get_openapi_schema
