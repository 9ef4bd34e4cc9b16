"""Submissions through the API v3: a resident's form, sent by a listed front end.

A help request, an answer, a report, "Ik wil helpen" and a tip reach the API
as JSON and go through the *same* Django form and the same service as on the
HTML page, so validation, Dutch messages, the link limit, the rate limit,
consent and moderation are written once. What differs:

- ``ClientKey``: only front ends the site lists may submit (the
  ``X-Buurtplein-Client`` header, checked by
  ``integrations.clients.require_client``); a missing or wrong key is a 403.
  It appears in the OpenAPI as a security scheme.
- ``api_form(form_class)``: the HTML form without its honeypot and fill time.
  Those protect a page a bot can load; a front end shows its own form, so the
  client key takes their place. The form's fields, its ``clean()``, the link
  limit and the rate limit (the same bucket as the HTML form: one address gets
  ``BUURTPLEIN_FORM_RATE`` submissions in all) are unchanged.
- ``SubmissionSchema``: the JSON body, with the form's constraints in the
  schema. What pydantic refuses before the form sees it (a missing field, a
  text that is too long, a wrong type) gets the form's own Dutch message.
- ``SubmissionBody[Schema]``: the body parameter of a submission. An empty
  body reads as ``{}``, so the schema names each missing field in Dutch
  (ninja's own answer is one English "Field required" about the whole body).
- ``submission_refused(form)``: a form that said no, as a 422 ProblemDetail
  with one ``{"loc", "msg", "type"}`` per message, or a 429 with
  ``Retry-After`` over the rate limit.
"""

from __future__ import annotations

import functools
from http import HTTPStatus
from typing import Any, ClassVar

import pydantic
from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Field, Schema
from ninja.errors import ValidationError as NinjaValidationError
from ninja.params import ParamShortcut
from ninja.params.models import Body as BodyParam
from ninja.params.models import BodyModel
from ninja.security import APIKeyHeader
from pydantic import ConfigDict, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError
from wagtail.api.v3.errors import ProblemDetail, problem_response

from core.antispam import TOO_MANY_REQUESTS, protection_name, rate_period_seconds
from core.api import api_site
from integrations.clients import CLIENT_HEADER, require_client

#: Where a form's messages point: the JSON body's field (as ninja's own).
BODY_LOC = ("body", "payload")

# Messages for what pydantic refuses and the form has no message for.
REQUIRED = "Dit veld is verplicht."
NOT_TEXT = "Verwacht tekst (een JSON-string)."
NOT_BOOLEAN = "Verwacht true of false."
NOT_A_NUMBER = "Verwacht een geheel getal."
OUT_OF_RANGE = "Dit getal ligt buiten het toegestane bereik."
NOT_A_CHOICE = "Kies een van de waarden uit de lijst."
NOT_AN_OBJECT = "Stuur een JSON-object met de velden van het formulier."
UNKNOWN_FIELD = (
    "Dit veld kennen we niet. Haal het weg, of kijk of de naam goed gespeld is."
)
INVALID = "Deze waarde klopt niet."
TOO_LONG = (
    "Dit is te lang: hier passen hoogstens %(limit_value)d tekens in, het zijn er "
    "nu %(show_value)d. Maak je tekst wat korter."
)


class ClientKey(APIKeyHeader):
    """The key of a front end the site lists (Instellingen → API-koppelingen).

    ``request.auth`` is its ``integrations.models.ApiClient``. The site is the
    one the request is about (``?site=`` or the host), so a key of another
    site is refused too.
    """

    param_name = CLIENT_HEADER
    openapi_description = (
        "De sleutel van een front-end die dit platform kent (een API-koppeling "
        "in de instellingen van het platform). Nodig om iets in te sturen; "
        "zonder, met een verkeerde of met een sleutel van een ander platform "
        "volgt 403."
    )

    def authenticate(self, request: HttpRequest, key: str | None):
        site = api_site(request, request.GET.get("site"))
        return require_client(request, site)


# --- The form, as the API uses it --------------------------------------------


@functools.cache
def api_form(form_class: type[forms.Form]) -> type[forms.Form]:
    """``form_class`` for JSON submissions: the same fields and rules, counted
    against the same rate limit, without the page's bot checks."""
    return type(
        f"Api{form_class.__name__}",
        (form_class,),
        {
            # No honeypot or fill time: the client key takes their place.
            "check_bot_signals": False,
            "__module__": __name__,
            "__doc__": f"{form_class.__name__} for the API (core.api_submissions).",
            # Same timestamp salt and rate-limit group as the HTML form.
            "protection_name": protection_name(form_class),
        },
    )


# --- Dutch messages for what the schema refuses ------------------------------


def _form_message(field: forms.Field | None, key: str) -> str | None:
    if field is None:
        return None
    message = field.error_messages.get(key)
    return str(message) if message else None


def _with_params(message: str, params: dict[str, Any]) -> str:
    return DjangoValidationError(message, params=params).messages[0]


def dutch_message(line: dict[str, Any], field: forms.Field | None) -> str:
    """The message for one of pydantic's errors: the form field's own when it
    has one for this case (required, too long, not a choice), else a plain one."""
    kind = line["type"]
    ctx = line.get("ctx") or {}
    if kind == "missing" or (kind == "string_too_short" and ctx.get("min_length")):
        return _form_message(field, "required") or REQUIRED
    if kind == "string_too_long":
        value = line.get("input")
        return _with_params(
            _form_message(field, "max_length") or TOO_LONG,
            {
                "limit_value": ctx.get("max_length", 0),
                "show_value": len(value) if isinstance(value, str) else 0,
            },
        )
    if kind in ("literal_error", "enum"):
        return _with_params(
            _form_message(field, "invalid_choice") or NOT_A_CHOICE,
            {"value": line.get("input")},
        )
    if kind == "string_type":
        return NOT_TEXT
    if kind in ("bool_type", "bool_parsing"):
        return NOT_BOOLEAN
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return NOT_A_NUMBER
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return OUT_OF_RANGE
    if kind == "extra_forbidden":
        return UNKNOWN_FIELD
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return NOT_AN_OBJECT
    return INVALID


class DutchErrors(Schema):
    """A schema whose validation errors are in Dutch, with the same ``loc``
    and ``type`` as pydantic's. ``form_class``: the form whose messages the
    fields share (same names)."""

    form_class: ClassVar[type[forms.Form] | None] = None

    @model_validator(mode="wrap")
    @classmethod
    def _dutch_errors(cls, data: Any, handler):
        try:
            return handler(data)
        except pydantic.ValidationError as error:
            fields = cls._form_fields()
            lines = [
                InitErrorDetails(
                    type=PydanticCustomError(
                        line["type"],
                        dutch_message(
                            line,
                            fields.get(str(line["loc"][0])) if line["loc"] else None,
                        ),
                    ),
                    loc=line["loc"],
                    input=line.get("input"),
                )
                for line in error.errors(include_url=False)
            ]
            raise pydantic.ValidationError.from_exception_data(
                cls.__name__, lines
            ) from None

    @classmethod
    def _form_fields(cls) -> dict[str, forms.Field]:
        if cls.form_class is None:
            return {}
        # An unbound form: its __init__ sets some messages (no queries).
        return cls.form_class().fields


class SubmissionSchema(DutchErrors):
    """A JSON body of a submission: unknown fields are refused (a typo in
    ``consent`` should not pass silently); text is stripped as the form does."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    def form_data(self) -> dict[str, Any]:
        """The values as a form's ``data`` (enums as their plain values)."""
        return {
            name: value.value if hasattr(value, "value") else value
            for name, value in self.model_dump().items()
        }


class _SubmissionBodyModel(BodyModel):
    """ninja's body model, but an empty body is an empty JSON object: ninja
    would skip validating the schema and answer one English "Field required"
    for the whole body; this way ``DutchErrors`` names every missing field."""

    @classmethod
    def get_request_data(cls, request, api, path_params):
        data = super().get_request_data(request, api, path_params)
        if data is None:
            name = getattr(cls, "__read_from_single_attr__", None)
            data = {name: {}} if name else {}
        return data


class _SubmissionBodyParam(BodyParam):
    _model = _SubmissionBodyModel

    @classmethod
    def _param_source(cls) -> str:
        # In the OpenAPI, and for ninja's own checks, it is the request body.
        return "body"


#: The body of a submission: ``payload: SubmissionBody[HelpPostIn]`` (one per
#: operation). The same OpenAPI as ninja's ``Body``.
SubmissionBody = ParamShortcut(lambda **kwargs: _SubmissionBodyParam(..., **kwargs))


# --- Responses ---------------------------------------------------------------


class FieldError(Schema):
    """Eén melding: ``loc`` zegt waar (``["body", "payload", "email"]``: het
    veld ``email`` van de body), ``msg`` wat er mis is."""

    type: str = Field(description="Soort fout, bijvoorbeeld required of invalid.")
    loc: list[str | int] = Field(description="Waar de fout zit.")
    msg: str = Field(description="Wat er mis is, in het Nederlands.")


class ValidationProblem(ProblemDetail):
    """422: niet aangenomen; ``errors`` zegt per veld waarom."""

    errors: list[FieldError] | None = None  # type: ignore[assignment]


class Receipt(Schema):
    """Ontvangen."""

    message: str = Field(
        description="Wat er nu gebeurt, om aan de bewoner te laten zien."
    )


def submission_problems(*extra: int) -> dict[int, type[ProblemDetail]]:
    """The documented error responses of a submission: 400 (unreadable body or
    a malformed ``site``), 403 (client key), 404, 422 (per-field messages),
    429 (rate limit), plus ``extra``."""
    statuses = {400, 403, 404, 429, *extra}
    return {
        **dict.fromkeys(sorted(statuses), ProblemDetail),
        422: ValidationProblem,
    }


#: ``openapi_extra`` of a submission: the 429's Retry-After header.
SUBMISSION_OPENAPI = {
    "responses": {
        # An int, as ninja keys its responses: a string would repeat the key.
        429: {
            "headers": {
                "Retry-After": {
                    "description": "Na hoeveel seconden (hoogstens) je het "
                    "opnieuw kunt proberen.",
                    "schema": {"type": "integer", "minimum": 1},
                }
            }
        }
    },
}


def form_errors(form: forms.BaseForm) -> list[dict[str, Any]]:
    """The form's messages as ``{"type", "loc", "msg"}``; a message about the
    whole form points at the body itself."""
    return [
        {
            "type": error["code"] or "invalid",
            "loc": [*BODY_LOC] if name == NON_FIELD_ERRORS else [*BODY_LOC, name],
            "msg": str(error["message"]),
        }
        for name, errors in form.errors.get_json_data().items()
        for error in errors
    ]


def validation_error(errors: list[dict[str, Any]]) -> NinjaValidationError:
    """Raise it: a 422 ProblemDetail (Wagtail's handler) with these ``errors``."""
    return NinjaValidationError(errors)


def submission_refused(form: forms.BaseForm) -> HttpResponse:
    """A form that refused the submission: 429 with ``Retry-After`` when over
    the rate limit (the limit's whole period: an upper bound), else 422."""
    status = getattr(form, "error_status", HTTPStatus.BAD_REQUEST)
    if status == TOO_MANY_REQUESTS:
        messages = [error["msg"] for error in form_errors(form)]
        response = problem_response(status=TOO_MANY_REQUESTS, detail=" ".join(messages))
        response["Retry-After"] = str(
            rate_period_seconds(settings.BUURTPLEIN_FORM_RATE)
        )
        return response
    raise validation_error(form_errors(form))


def refuse_with(error: DjangoValidationError) -> NinjaValidationError:
    """A model's ValidationError after the form passed (a safety net, as in the
    HTML views), as a 422."""
    if hasattr(error, "error_dict"):
        errors = [
            {"type": item.code or "invalid", "loc": [*BODY_LOC, name], "msg": message}
            for name, items in error.error_dict.items()
            for item in items
            for message in item.messages
        ]
    else:
        errors = [
            {"type": "invalid", "loc": [*BODY_LOC], "msg": message}
            for message in error.messages
        ]
    return validation_error(errors)
