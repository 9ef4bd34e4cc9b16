"""The official HSDS 3.0 JSON schemas, and problems with a document in Dutch.

``schema/`` holds Open Referral's schema files unchanged (CC BY-SA 4.0, see
``schema/LICENSE``). They refer to each other by file name (``"$ref":
"phone.json"``); each is registered under its address in Open Referral's
repository, so those references resolve without the network. The schemas
declare no ``$schema``: they are read as JSON Schema draft 2020-12, the
dialect of HSDS's OpenAPI description. Formats (uuid, email, uri, date-time,
date) are checked too.
"""

import datetime
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError as SchemaError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).parent / "schema"
BASE_URI = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"


def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme) and bool(parts.netloc or parts.path)


def _is_email(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        return False
    return "T" in value.upper() and parsed.tzinfo is not None


def _is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def format_checker() -> FormatChecker:
    """jsonschema's checks, with uri, email, date-time and uuid from the stdlib."""
    checker = FormatChecker()
    checker.checks("uri")(_is_uri)
    checker.checks("email")(_is_email)
    checker.checks("date-time")(_is_datetime)
    checker.checks("uuid")(_is_uuid)
    return checker


@cache
def registry() -> Registry:
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        if path.name == "openapi.json":
            continue
        resource = Resource.from_contents(
            _load(path), default_specification=DRAFT202012
        )
        resources.append((BASE_URI + path.name, resource))
    return Registry().with_resources(resources)


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def validator(name: str) -> Draft202012Validator:
    """A validator for one HSDS object, e.g. ``validator("organization")``."""
    return Draft202012Validator(
        {"$ref": f"{BASE_URI}{name}.json"},
        registry=registry(),
        format_checker=format_checker(),
    )


@dataclass(frozen=True)
class Problem:
    """Something wrong in a document, where (a JSON path) and what, in Dutch."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def json_path(parts) -> str:
    """``["locations", 0, "name"]`` -> ``$.locations[0].name``."""
    text = "$"
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


TYPE_NAMES = {
    "string": "tekst",
    "number": "getal",
    "integer": "heel getal",
    "boolean": "true of false",
    "array": "lijst",
    "object": "object",
    "null": "null",
}
FORMAT_NAMES = {
    "uuid": "UUID",
    "email": "e-mailadres",
    "uri": "URL",
    "date-time": "datum en tijd met tijdzone (ISO 8601)",
    "date": "datum (JJJJ-MM-DD)",
    "time": "tijd",
}


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def dutch_message(error: SchemaError) -> str:
    """What jsonschema found, said in Dutch."""
    if error.validator == "required":
        missing = [
            name for name in error.validator_value if name not in (error.instance or {})
        ]
        return _("verplicht veld ontbreekt: %(fields)s") % {
            "fields": ", ".join(missing)
        }
    if error.validator == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        return _("moet %(type)s zijn, niet %(value)s") % {
            "type": " of ".join(TYPE_NAMES.get(name, name) for name in expected),
            "value": _short(error.instance),
        }
    if error.validator == "format":
        return _("%(value)s is geen geldige %(format)s") % {
            "value": _short(error.instance),
            "format": FORMAT_NAMES.get(error.validator_value, error.validator_value),
        }
    if error.validator == "enum":
        return _("%(value)s is niet toegestaan; kies uit: %(choices)s") % {
            "value": _short(error.instance),
            "choices": ", ".join(str(choice) for choice in error.validator_value),
        }
    return _("voldoet niet aan het HSDS-schema (%(rule)s: %(detail)s)") % {
        "rule": error.validator,
        "detail": error.message,
    }


def schema_problems(
    document: object, *, name: str, path: tuple = ()
) -> Iterator[Problem]:
    """Every way ``document`` breaks the HSDS schema ``name``, in document order."""
    errors = sorted(
        validator(name).iter_errors(document),
        key=lambda error: [
            (0, part, "") if isinstance(part, int) else (1, 0, part)
            for part in error.absolute_path
        ],
    )
    for error in errors:
        yield Problem(json_path([*path, *error.absolute_path]), dutch_message(error))
