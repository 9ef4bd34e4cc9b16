"""Writes through the API v3 with a token: an organisation's profile, events
and vacancies.

An organisation keeps its profile (summary, description, contact, services,
locations with their opening hours), its events and its vacancies up to date
from its own system:

- ``PATCH organisaties/{id}/``, ``evenementen/{id}/``, ``vrijwilligerswerk/{id}/``;
- ``POST organisaties/{id}/evenementen/`` and ``.../vrijwilligerswerk/``: a
  new one under the organisation.

A write is the admin's edit (or "add page"), done for the token's user
(``editorial.page_writes``):

- only a user who may edit the page (add under it) in the admin may write it
  (403; 404 for a page they cannot see); a token never reaches further than
  its user; no or a wrong token is a 401;
- the body is checked by the page's own admin form, so every rule of the
  editor applies, and its messages come back in Dutch with where they are:
  a 422 whose ``loc`` starts, as ninja's own, with ``"body"`` and the
  operation's body parameter (``["body", "profile", "services", 0, "name"]``);
- what is saved is a new revision by the user, submitted to the page's
  workflow ("Goedkeuring": taalcheck, then Communicatie, four eyes) unless
  the body says ``"submit": false``; nothing goes live without approval.

Fields the body leaves out stay as they are. A list (``services``,
``locations``, a location's ``opening_hours``, an event's skipped and changed
dates) replaces the current one; an item with the ``id`` of a current one
edits that one in place, keeping its id.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from http import HTTPStatus
from typing import Annotated, Any, Literal

import pydantic
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Path, Router, Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ConfigDict, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import Page

from agenda.models import EventPage, Repetition, WeekOfMonth
from core.api import absolute_url, problems
from core.api_submissions import ValidationProblem, dutch_message
from socialmap.models import OrganisationPage, SupportLevel
from vacancies.models import Engagement, TimeCommitment, VacancyPage

from .page_writes import (
    AWAITING_APPROVAL,
    CONCEPT,
    EditOutcome,
    FieldNotOnForm,
    PageLocked,
    form_error_list,
    page_create_form,
    page_create_form_data,
    page_create_save,
    page_edit_form,
    page_edit_form_data,
    page_edit_save,
    page_for_edit,
    parent_for_create,
    slug_for,
)

router = Router(tags=["redactie"])

#: The largest id a database integer holds: beyond it, a 422 (not a 500).
MAX_ID = 2**31 - 1

#: Messages point into the body as ninja's own do: ``["body", <param>, ...]``
#: with the operation's body parameter (``profile``, ``event``, ``vacancy``).

NOT_ON_FORM = "Dit veld kun je in de beheeromgeving niet wijzigen."
NOT_A_LIST = "Verwacht een lijst (een JSON-array)."
NOT_A_TIME = "Verwacht een tijd als uu:mm, bijvoorbeeld 09:00."
NOT_A_DECIMAL = "Verwacht een getal, bijvoorbeeld 51.834."
UNKNOWN_CHILD = (
    "Deze %(what)s hoort niet bij deze organisatie: laat id weg voor een nieuwe."
)


def _message(line: dict[str, Any]) -> str:
    kind = line["type"]
    if kind == "list_type":
        return NOT_A_LIST
    if kind.startswith("time_"):
        return NOT_A_TIME
    if kind.startswith("decimal_") or kind in ("float_type", "float_parsing"):
        return NOT_A_DECIMAL
    return dutch_message(line, None)


class WriteSchema(Schema):
    """A part of a write's body: unknown fields are refused, and what the
    schema refuses comes back in Dutch, with pydantic's ``loc`` and ``type``."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="wrap")
    @classmethod
    def _dutch_errors(cls, data: Any, handler):
        try:
            return handler(data)
        except pydantic.ValidationError as error:
            lines = [
                InitErrorDetails(
                    type=PydanticCustomError(line["type"], _message(line)),
                    loc=line["loc"],
                    input=line.get("input"),
                )
                for line in error.errors(include_url=False)
            ]
            raise pydantic.ValidationError.from_exception_data(
                cls.__name__, lines
            ) from None


class OpeningPeriodIn(WriteSchema):
    """Eén periode dat de locatie open is. Sluit hij eerder dan hij opent, dan
    loopt hij door na middernacht (tot uiterlijk 06:00)."""

    weekday: int = Field(
        ..., ge=0, le=6, description="De dag: 0 = maandag … 6 = zondag."
    )
    opens: datetime.time = Field(..., description="Open vanaf (uu:mm).")
    closes: datetime.time = Field(..., description="Dicht om (uu:mm).")


class ServiceIn(WriteSchema):
    """Een dienst. Met ``id`` van een bestaande dienst: die wordt bijgewerkt
    (weggelaten velden blijven); zonder: een nieuwe."""

    id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Het id van een bestaande dienst."
    )
    name: str = Field(None, max_length=150, description="Naam (verplicht).")
    description: str = Field(None, max_length=10_000, description="Wat houdt het in.")
    for_whom: str = Field(None, max_length=250, description="Voor wie.")
    cost: str = Field(None, max_length=150, description="Kosten, in woorden.")
    is_free: bool = Field(None, description="Gratis.")
    how_to_apply: str = Field(
        None, max_length=10_000, description="Hoe vraag je het aan."
    )
    support_level: Literal[(*SupportLevel.values, "")] = Field(  # type: ignore[valid-type]
        None, description="Soort hulp (leefring); leeg: niet gekozen."
    )


class LocationIn(WriteSchema):
    """Een locatie. Met ``id`` van een bestaande locatie: die wordt bijgewerkt
    (weggelaten velden blijven); zonder: een nieuwe. ``opening_hours``
    vervangt alle openingstijden van de locatie."""

    id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Het id van een bestaande locatie."
    )
    name: str = Field(None, max_length=150, description="Naam van de locatie.")
    street_address: str = Field(
        None, max_length=200, description="Straat en huisnummer (verplicht)."
    )
    postcode: str = Field(None, max_length=7, description="Postcode, zoals 4201 AB.")
    city: str = Field(None, max_length=100, description="Plaats (verplicht).")
    latitude: Decimal | None = Field(
        None, ge=-90, le=90, max_digits=9, decimal_places=6, description="Breedtegraad."
    )
    longitude: Decimal | None = Field(
        None,
        ge=-180,
        le=180,
        max_digits=9,
        decimal_places=6,
        description="Lengtegraad.",
    )
    accessibility_notes: str = Field(
        None, max_length=10_000, description="Toegankelijkheid."
    )
    opening_hours: list[OpeningPeriodIn] = Field(
        None, max_length=100, description="Alle openingstijden van de week."
    )


class OrganisationProfileIn(WriteSchema):
    """Wat er verandert aan het profiel. Weggelaten velden blijven zoals ze
    zijn; een lijst vervangt de huidige lijst."""

    introduction: str = Field(
        None, max_length=500, description="Samenvatting: één of twee zinnen."
    )
    description: str = Field(
        None,
        max_length=50_000,
        description="Beschrijving, als HTML (vet, cursief, links, lijsten).",
    )
    phone: str = Field(None, max_length=30, description="Telefoonnummer.")
    email: str = Field(None, max_length=254, description="E-mailadres.")
    website: str = Field(
        None, max_length=200, description="Website (alleen http(s)-adressen)."
    )
    services: list[ServiceIn] = Field(None, max_length=200, description="Diensten.")
    locations: list[LocationIn] = Field(None, max_length=100, description="Locaties.")
    submit: bool = Field(
        True,
        description="Ter goedkeuring aanbieden (standaard). false: alleen een "
        "concept opslaan.",
    )


class SkippedDateIn(WriteSchema):
    """Een datum uit de herhaling die niet doorgaat."""

    id: int | None = Field(None, ge=1, le=MAX_ID, description="Bestaand id.")
    date: datetime.date = Field(None, description="De datum (jjjj-mm-dd).")


class ChangedDateIn(WriteSchema):
    """Een datum uit de herhaling die één keer op een ander moment is."""

    id: int | None = Field(None, ge=1, le=MAX_ID, description="Bestaand id.")
    original_date: datetime.date = Field(None, description="De datum uit de herhaling.")
    new_start: datetime.datetime = Field(
        None, description="Wanneer het dan begint (ISO 8601, met tijdzone)."
    )
    new_end: datetime.datetime | None = Field(
        None, description="Wanneer het dan eindigt."
    )


class EventIn(WriteSchema):
    """Wat er verandert aan de activiteit. Weggelaten velden blijven zoals ze
    zijn; een lijst vervangt de huidige lijst."""

    title: str = Field(None, min_length=1, max_length=255, description="Titel.")
    introduction: str = Field(None, max_length=500, description="Samenvatting.")
    start: datetime.datetime = Field(
        None, description="Begint (ISO 8601, met tijdzone)."
    )
    end: datetime.datetime | None = Field(None, description="Eindigt.")
    all_day: bool = Field(None, description="De hele dag.")
    repetition: Literal[tuple(Repetition.values)] = Field(  # type: ignore[valid-type]
        None, description="Herhaling; leeg: één keer."
    )
    week_of_month: Literal[tuple(WeekOfMonth.values)] | None = Field(  # type: ignore[valid-type]
        None, description="Welke week van de maand (bij elke maand); -1: laatste."
    )
    repeat_until: datetime.date | None = Field(None, description="Herhalen tot en met.")
    body: str = Field(None, max_length=50_000, description="Beschrijving, als HTML.")
    location: int | None = Field(
        None, ge=1, le=MAX_ID, description="Id van een locatie van een organisatie."
    )
    location_text: str = Field(None, max_length=250, description="Of een adres.")
    accessibility: str = Field(None, max_length=10_000, description="Toegankelijk.")
    organiser: str = Field(None, max_length=150, description="Organisator.")
    cost: str = Field(None, max_length=150, description="Kosten.")
    is_free: bool = Field(None, description="Gratis.")
    registration_url: str = Field(
        None, max_length=200, description="Link om je aan te melden."
    )
    registration_contact: str = Field(
        None, max_length=150, description="Of aanmelden bij."
    )
    skipped_dates: list[SkippedDateIn] = Field(
        None, max_length=500, description="Overgeslagen datums."
    )
    changed_dates: list[ChangedDateIn] = Field(
        None, max_length=500, description="Verplaatste datums."
    )
    submit: bool = Field(True, description="Ter goedkeuring aanbieden (standaard).")


class VacancyIn(WriteSchema):
    """Wat er verandert aan de vacature. Weggelaten velden blijven zoals ze zijn."""

    title: str = Field(None, min_length=1, max_length=255, description="Titel.")
    introduction: str = Field(None, max_length=500, description="Samenvatting.")
    what_you_do: str = Field(None, max_length=50_000, description="Wat ga je doen.")
    what_we_ask: str = Field(None, max_length=50_000, description="Wat vragen we.")
    what_we_offer: str = Field(None, max_length=50_000, description="Wat bieden we.")
    time_commitment: Literal[tuple(TimeCommitment.values)] = Field(  # type: ignore[valid-type]
        None, description="Hoeveel tijd."
    )
    time_commitment_note: str = Field(
        None, max_length=150, description="Toelichting op de tijd."
    )
    engagement: Literal[tuple(Engagement.values)] = Field(  # type: ignore[valid-type]
        None, description="Eenmalig of voor langere tijd."
    )
    start_date: datetime.date | None = Field(None, description="Vanaf.")
    end_date: datetime.date | None = Field(None, description="Tot en met.")
    closing_date: datetime.date | None = Field(
        None, description="Reageren kan tot en met."
    )
    location_text: str = Field(None, max_length=250, description="Waar.")
    skills: list[Annotated[str, Field(max_length=100)]] = Field(
        None, max_length=50, description="Vaardigheden (tags)."
    )
    contact_name: str = Field(None, max_length=100, description="Contactpersoon.")
    contact_email: str = Field(None, max_length=254, description="E-mail.")
    contact_phone: str = Field(None, max_length=30, description="Telefoon.")
    submit: bool = Field(True, description="Ter goedkeuring aanbieden (standaard).")


class PageWriteResult(Schema):
    """Opgeslagen als nieuwe versie; live verandert pas na goedkeuring."""

    id: int = Field(..., description="Het id van de pagina.")
    revision_id: int = Field(..., description="Het id van de nieuwe versie.")
    status: Literal["concept", "ter goedkeuring"] = Field(
        ...,
        description="concept: alleen opgeslagen; ter goedkeuring: wacht op "
        "goedkeuring door Communicatie.",
    )
    title: str = Field(..., description="De titel van de pagina.")
    admin_url: str = Field(..., description="De pagina in de beheeromgeving.")


WRITE_PROBLEMS = {**problems(400, 401, 403, 404, 409), 422: ValidationProblem}


def _refuse(
    errors: list[tuple[list[str | int], str, str]], *, param: str
) -> NinjaValidationError:
    """A 422 with ``errors`` located in the body parameter ``param``."""
    return NinjaValidationError(
        [
            {"type": code, "loc": ["body", param, *loc], "msg": message}
            for loc, message, code in errors
        ]
    )


def _unknown_ids(form, relation: str, items: list[dict], what: str) -> list:
    current = {
        child.instance.pk
        for child in form.formsets[relation].forms
        if child.instance.pk is not None
    }
    return [
        ([relation, position, "id"], UNKNOWN_CHILD % {"what": what}, "does_not_exist")
        for position, item in enumerate(items)
        if item.get("id") is not None and item["id"] not in current
    ]


def _apply(
    form_data, changes: dict[str, Any], relations: dict[str, str], *, param: str
) -> None:
    """Write ``changes`` over the editor's data: fields, then inline lists."""
    try:
        form_data.set_fields(
            form_data.form,
            {name: value for name, value in changes.items() if name not in relations},
        )
        for relation in relations:
            if relation in changes:
                form_data.replace_children(form_data.form, relation, changes[relation])
    except FieldNotOnForm as missing:
        raise _refuse(
            [([missing.name], NOT_ON_FORM, "not_on_form")], param=param
        ) from None


def _result(request: HttpRequest, outcome: EditOutcome) -> dict[str, Any]:
    return {
        "id": outcome.page.pk,
        "revision_id": outcome.revision.pk,
        "status": outcome.status,
        "title": outcome.page.title,
        "admin_url": absolute_url(
            request, reverse("wagtailadmin_pages:edit", args=[outcome.page.pk])
        ),
    }


def _edit(
    request: HttpRequest,
    *,
    page_id: int,
    model: type[Page],
    body: WriteSchema,
    param: str,
    relations: dict[str, str],
) -> dict[str, Any]:
    """The admin's edit of page ``page_id`` (a ``model``) by the token's user,
    with ``body``'s changes; ``relations``: its inline lists (name → what one
    item is called in a message)."""
    user = request.user
    page = page_for_edit(user=user, page_id=page_id, model=model)
    if page.alias_of_id:
        # The admin refuses to save an alias too (405): it follows its original.
        raise HttpError(
            HTTPStatus.CONFLICT,
            "Dit is een alias: bewerk de oorspronkelijke pagina.",
        )
    changes = body.model_dump(exclude_unset=True, exclude={"submit"})
    submit = body.submit

    form_data = page_edit_form_data(page=page, user=user)
    form = form_data.form
    unknown = [
        error
        for relation, what in relations.items()
        if relation in changes
        for error in _unknown_ids(form, relation, changes[relation], what)
    ]
    if unknown:
        raise _refuse(unknown, param=param)
    _apply(form_data, changes, relations, param=param)

    bound = page_edit_form(page=page, user=user, form_data=form_data, submit=submit)
    if not bound.is_valid():
        raise _refuse(form_error_list(bound, form_data.positions), param=param)
    try:
        outcome = page_edit_save(page=page, form=bound, user=user, submit=submit)
    except PageLocked:
        raise HttpError(
            HTTPStatus.CONFLICT,
            "Deze pagina is vergrendeld: ontgrendel hem in de beheeromgeving.",
        ) from None
    return _result(request, outcome)


PageId = Annotated[int, Path(..., ge=1, le=MAX_ID, description="Het id van de pagina.")]

COMMON_RULES = (
    "Dezelfde regels als in de beheeromgeving; het wordt een nieuwe versie die "
    'via de goedkeuring live gaat (met "submit": false alleen een concept). '
    "401 zonder geldig token, 403 als de gebruiker van het token deze pagina in "
    "de beheeromgeving niet mag bewerken, 404 als die de pagina niet kan zien, "
    "409 als de pagina vergrendeld is, 422 met per veld wat er mis is."
)


@router.patch(
    "/organisaties/{page_id}/",
    response={200: PageWriteResult, **WRITE_PROBLEMS},
    auth=BearerTokenAuth(),
    summary="Profiel van een organisatie bijwerken",
    description=(
        "Een redacteur van de organisatie werkt het profiel bij: samenvatting, "
        "beschrijving, contact, diensten en locaties met openingstijden. "
        + COMMON_RULES
    ),
    operation_id="redactie_organisation_update",
)
def organisation_update(
    request: HttpRequest, page_id: PageId, profile: OrganisationProfileIn
):
    return _edit(
        request,
        page_id=page_id,
        model=OrganisationPage,
        body=profile,
        param="profile",
        relations={"services": "dienst", "locations": "locatie"},
    )


@router.patch(
    "/evenementen/{page_id}/",
    response={200: PageWriteResult, **WRITE_PROBLEMS},
    auth=BearerTokenAuth(),
    summary="Activiteit in de agenda bijwerken",
    description=(
        "Een redacteur werkt een activiteit van de organisatie of wijk bij: "
        "titel, tijden, herhaling, overgeslagen en verplaatste datums, plek en "
        "aanmelden. " + COMMON_RULES
    ),
    operation_id="redactie_event_update",
)
def event_update(request: HttpRequest, page_id: PageId, event: EventIn):
    return _edit(
        request,
        page_id=page_id,
        model=EventPage,
        body=event,
        param="event",
        relations={"skipped_dates": "datum", "changed_dates": "datum"},
    )


@router.patch(
    "/vrijwilligerswerk/{page_id}/",
    response={200: PageWriteResult, **WRITE_PROBLEMS},
    auth=BearerTokenAuth(),
    summary="Vacature voor vrijwilligers bijwerken",
    description="Een redacteur werkt een vacature bij. " + COMMON_RULES,
    operation_id="redactie_vacancy_update",
)
def vacancy_update(request: HttpRequest, page_id: PageId, vacancy: VacancyIn):
    return _edit(
        request,
        page_id=page_id,
        model=VacancyPage,
        body=vacancy,
        param="vacancy",
        relations={},
    )


def _create(
    request: HttpRequest,
    *,
    parent_id: int,
    page_class: type[Page],
    body: WriteSchema,
    param: str,
    relations: dict[str, str],
) -> Status:
    """The admin's "add page": a new ``page_class`` under the organisation
    ``parent_id`` by the token's user, from ``body``."""
    user = request.user
    parent = parent_for_create(
        user=user,
        parent_id=parent_id,
        parent_model=OrganisationPage,
        page_class=page_class,
    )
    values = body.model_dump(exclude_unset=True, exclude={"submit"})
    submit = body.submit
    form_data = page_create_form_data(parent=parent, page_class=page_class, user=user)
    form = form_data.form
    unknown = [
        error
        for relation, what in relations.items()
        if relation in values
        for error in _unknown_ids(form, relation, values[relation], what)
    ]
    if unknown:
        raise _refuse(unknown, param=param)
    if values.get("title"):
        values["slug"] = slug_for(parent=parent, title=values["title"])
    _apply(form_data, values, relations, param=param)
    bound = page_create_form(
        parent=parent, user=user, form_data=form_data, submit=submit
    )
    if not bound.is_valid():
        raise _refuse(form_error_list(bound, form_data.positions), param=param)
    outcome = page_create_save(parent=parent, form=bound, user=user, submit=submit)
    return Status(HTTPStatus.CREATED, _result(request, outcome))


CREATE_RULES = (
    "Een nieuwe pagina onder de organisatie, door de gebruiker van het token: "
    "dezelfde regels als 'Pagina toevoegen' in de beheeromgeving. Ze komt niet "
    'live: ze gaat ter goedkeuring (met "submit": false alleen een concept). '
    "401 zonder geldig token, 403 als de gebruiker hier in de beheeromgeving "
    "geen pagina mag toevoegen, 404 als die de organisatie niet kan zien, 422 "
    "met per veld wat er mis is."
)
CREATE_PROBLEMS = {**problems(400, 401, 403, 404), 422: ValidationProblem}


@router.post(
    "/organisaties/{page_id}/evenementen/",
    response={201: PageWriteResult, **CREATE_PROBLEMS},
    auth=BearerTokenAuth(),
    summary="Nieuwe activiteit van een organisatie",
    description=CREATE_RULES,
    operation_id="redactie_event_create",
)
def event_create(request: HttpRequest, page_id: PageId, event: EventIn):
    return _create(
        request,
        parent_id=page_id,
        page_class=EventPage,
        body=event,
        param="event",
        relations={"skipped_dates": "datum", "changed_dates": "datum"},
    )


@router.post(
    "/organisaties/{page_id}/vrijwilligerswerk/",
    response={201: PageWriteResult, **CREATE_PROBLEMS},
    auth=BearerTokenAuth(),
    summary="Nieuwe vacature van een organisatie",
    description=CREATE_RULES,
    operation_id="redactie_vacancy_create",
)
def vacancy_create(request: HttpRequest, page_id: PageId, vacancy: VacancyIn):
    return _create(
        request,
        parent_id=page_id,
        page_class=VacancyPage,
        body=vacancy,
        param="vacancy",
        relations={},
    )


__all__ = ["AWAITING_APPROVAL", "CONCEPT", "router"]
