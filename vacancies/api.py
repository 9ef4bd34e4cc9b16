"""Open vacancies in the API v3 (added at /api/v3/vrijwilligerswerk/ in
buurtplein/api.py), with the filters of the site's 'Vrijwilligerswerk' page.

The page and the API share one query layer (``vacancies.selectors``): the
filters are parsed from plain values by ``parse_vacancy_filters`` and
``matching_vacancies`` takes the parsed filters, so both show the same
vacancies in the same order. The API has no 'mijn wijk': without ``wijk`` it
lists every wijk. Where the page shows a notice for an unknown value, the API
answers 422 with a Dutch message per parameter.
"""

from __future__ import annotations

import datetime
from http import HTTPStatus
from typing import Annotated

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from pydantic import WithJsonSchema
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.errors import problem_response

from core.api import Paging, SiteParam, api_link, api_site, page_of, page_url, problems

from .models import Engagement, TimeCommitment, VacancyPage
from .selectors import (
    ENGAGEMENT_PARAM,
    SKILL_PARAM,
    TIME_COMMITMENT_PARAM,
    VacancyFilters,
    matching_vacancies,
    open_vacancies_of_site,
    organisations_of,
    parse_vacancy_filters,
    skills_of_vacancies,
    with_skills,
)

router = Router(tags=["vacancies"], auth=[BearerTokenAuth(), AllowAnonymous()])


def _documented_choice(values: list[str], description: str):
    """A query parameter whose allowed values are in the OpenAPI, but checked
    by the shared parser, so a wrong one gets the same Dutch 422 as a wrong
    slug (pydantic's own message would be English)."""
    return WithJsonSchema(
        {
            "anyOf": [{"type": "string", "enum": values}, {"type": "null"}],
            "description": description,
        }
    )


class VacancyQuery(Schema):
    """De filters van de pagina Vrijwilligerswerk, met dezelfde namen."""

    wijk: str | None = Field(
        None,
        max_length=100,
        description=(
            "Korte naam van een wijk (zie /api/v3/wijken/); leeg of 'alle': alle "
            "wijken. Vacatures zonder wijk gelden voor de hele gemeente en komen "
            "bij elke wijk mee."
        ),
    )
    thema: str | None = Field(
        None,
        max_length=100,
        description="Korte naam van een thema (zie /api/v3/themas/).",
    )
    tijd: Annotated[
        str | None,
        _documented_choice(
            TimeCommitment.values,
            "Hoeveel tijd: month (een paar uur per maand), week (tot 4 uur per "
            "week), more (meer dan 4 uur per week), flexible (in overleg).",
        ),
    ] = None
    soort: Annotated[
        str | None,
        _documented_choice(
            Engagement.values,
            "Eenmalig (one_off) of voor langere tijd (ongoing).",
        ),
    ] = None
    vaardigheid: str | None = Field(
        None,
        max_length=100,
        description=(
            "Korte naam van een vaardigheid waar een open vacature om vraagt "
            "(zie /api/v3/vrijwilligerswerk/keuzes/)."
        ),
    )


# -- Shapes ------------------------------------------------------------------


class VacancyTerm(Schema):
    """Een wijk of thema van een vacature."""

    id: int
    name: str = Field(..., max_length=100)
    slug: str = Field(..., max_length=100)


class VacancySkillTerm(Schema):
    """Een vaardigheid waar een vacature om vraagt."""

    name: str = Field(..., max_length=100)
    slug: str = Field(..., max_length=100, description="Voor ?vaardigheid=<slug>.")


class VacancyOrganisation(Schema):
    """De organisatie op de sociale kaart waar de vacature bij hoort."""

    id: int
    title: str
    api_url: str = Field(..., description="De organisatie in de pagina-API.")


class VacancyListItem(Schema):
    """Een open vacature."""

    id: int
    title: str = Field(..., max_length=255)
    summary: str = Field(..., description="Korte inleiding, zoals in het overzicht.")
    url: str = Field(..., description="De vacature op de site.")
    api_url: str = Field(..., description="Alle velden: de vacature in de pagina-API.")
    published_at: datetime.datetime | None = Field(
        ..., description="Eerst gepubliceerd (ISO 8601, Europe/Amsterdam)."
    )
    organisation: VacancyOrganisation | None = Field(
        ..., description="Null als de vacature bij een wijk hoort."
    )
    neighbourhoods: list[VacancyTerm] = Field(
        ..., description="Leeg: de vacature geldt voor de hele gemeente."
    )
    themes: list[VacancyTerm]
    time_commitment: TimeCommitment = Field(..., description="Hoeveel tijd.")
    time_commitment_label: str = Field(..., description="Hoeveel tijd, in woorden.")
    time_commitment_note: str = Field(
        ..., max_length=150, description="Toelichting, bijv. 'dinsdagochtend, 2 uur'."
    )
    engagement: Engagement = Field(..., description="Eenmalig of langer.")
    engagement_label: str
    start_date: datetime.date | None = Field(..., description="Vanaf.")
    end_date: datetime.date | None = Field(..., description="Tot en met.")
    closing_date: datetime.date | None = Field(
        ..., description="Reageren kan tot en met deze dag; null: geen einddatum."
    )
    place: str = Field(..., max_length=250, description="Waar, in woorden.")
    skills: list[VacancySkillTerm]


class VacancyList(Schema):
    count: int = Field(..., ge=0, description="Aantal vacatures met deze filters.")
    items: list[VacancyListItem]


class VacancyChoice(Schema):
    value: str
    label: str


class VacancyChoices(Schema):
    """Wat je in de filters van het vacatureoverzicht kunt kiezen."""

    time_commitments: list[VacancyChoice] = Field(..., description="Voor ?tijd=.")
    engagements: list[VacancyChoice] = Field(..., description="Voor ?soort=.")
    skills: list[VacancySkillTerm] = Field(
        ..., description="Voor ?vaardigheid=: waar open vacatures om vragen."
    )


# -- Representation ----------------------------------------------------------

INVALID_MESSAGES = {
    "wijk": "Dit platform heeft geen wijk '{value}'. De wijken staan in "
    "/api/v3/wijken/.",
    "thema": "Er is geen thema '{value}'. De thema's staan in /api/v3/themas/.",
    TIME_COMMITMENT_PARAM: "Kies voor tijd een van: "
    + ", ".join(TimeCommitment.values)
    + ".",
    ENGAGEMENT_PARAM: "Kies voor soort een van: " + ", ".join(Engagement.values) + ".",
    SKILL_PARAM: "Geen open vacature vraagt om vaardigheid '{value}'. De "
    "vaardigheden staan in /api/v3/vrijwilligerswerk/keuzes/.",
}


def invalid_filters_response(filters: VacancyFilters, params: dict[str, str]):
    """422 with a Dutch message per unknown filter value."""
    errors = [
        {
            "type": "unknown_choice",
            "loc": ["query", name],
            "msg": INVALID_MESSAGES[name].format(value=params.get(name, "")),
        }
        for name in filters.invalid
    ]
    return problem_response(
        status=HTTPStatus.UNPROCESSABLE_ENTITY,
        detail=" ".join(error["msg"] for error in errors),
        errors=errors,
    )


def _term(item) -> dict:
    return {"id": item.pk, "name": item.name, "slug": item.slug}


def _page_api_url(request: HttpRequest, page_id: int) -> str:
    return api_link(
        request,
        reverse("wagtailapi_v3:detail_page", kwargs={"page_id": page_id}),
        site=None,
    )


def vacancy_out(
    request: HttpRequest,
    vacancy: VacancyPage,
    *,
    site,
    site_param: str | None,
    organisation,
) -> dict:
    """A vacancy as the list shows it; it needs ``matching_vacancies``' and
    ``with_skills``' prefetches, and its organisation from ``organisations_of``."""
    published = vacancy.first_published_at
    return {
        "id": vacancy.pk,
        "title": vacancy.title,
        "summary": vacancy.introduction,
        "url": page_url(request, vacancy, site=site, site_param=site_param),
        "api_url": _page_api_url(request, vacancy.pk),
        "published_at": timezone.localtime(published) if published else None,
        "organisation": (
            {
                "id": organisation.pk,
                "title": organisation.title,
                "api_url": _page_api_url(request, organisation.pk),
            }
            if organisation is not None
            else None
        ),
        "neighbourhoods": [_term(n) for n in vacancy.neighbourhoods.all()],
        "themes": [_term(theme) for theme in vacancy.themes.all()],
        "time_commitment": vacancy.time_commitment,
        "time_commitment_label": str(vacancy.get_time_commitment_display()),
        "time_commitment_note": vacancy.time_commitment_note,
        "engagement": vacancy.engagement,
        "engagement_label": str(vacancy.get_engagement_display()),
        "start_date": vacancy.start_date,
        "end_date": vacancy.end_date,
        "closing_date": vacancy.closing_date,
        "place": vacancy.location_text,
        "skills": [
            {"name": tagged.tag.name, "slug": tagged.tag.slug}
            for tagged in vacancy.tagged_skills.all()
        ],
    }


# -- Operations --------------------------------------------------------------


@router.get(
    "/",
    response={200: VacancyList, **problems(400, 404, 422)},
    url_name="vacancy_list",
    operation_id="vacancies_list",
    summary="Open vacatures",
    description=(
        "De open vacatures van het platform, nieuwste eerst, met dezelfde "
        "filters en uitkomsten als de pagina Vrijwilligerswerk. Een onbekende "
        "wijk, thema, tijd, soort of vaardigheid geeft 422."
    ),
)
def vacancy_list(
    request: HttpRequest,
    filters: Query[VacancyQuery],
    paging: Query[Paging],
    site: SiteParam = None,
):
    found = api_site(request, site)
    params = {key: value for key, value in filters.model_dump().items() if value}
    vacancies = open_vacancies_of_site(site=found)
    parsed = parse_vacancy_filters(params=params, site=found, vacancies=vacancies)
    if parsed.invalid:
        return invalid_filters_response(parsed, params)
    page = page_of(with_skills(matching_vacancies(vacancies, filters=parsed)), paging)
    organisations = organisations_of(page["items"])
    page["items"] = [
        vacancy_out(
            request,
            vacancy,
            site=found,
            site_param=site,
            organisation=organisations.get(vacancy.pk),
        )
        for vacancy in page["items"]
    ]
    return page


@router.get(
    "/keuzes/",
    response={200: VacancyChoices, **problems(400, 404, 422)},
    url_name="vacancy_choices",
    operation_id="vacancies_choices",
    summary="Keuzes voor de vacaturefilters",
    description=(
        "Wat je kunt kiezen voor ?tijd=, ?soort= en ?vaardigheid= (de "
        "vaardigheden waar open vacatures van het platform om vragen). Wijken "
        "en thema's staan in /api/v3/wijken/ en /api/v3/themas/."
    ),
)
def vacancy_choices(request: HttpRequest, site: SiteParam = None):
    found = api_site(request, site)
    return {
        "time_commitments": [
            {"value": value, "label": str(label)}
            for value, label in TimeCommitment.choices
        ],
        "engagements": [
            {"value": value, "label": str(label)} for value, label in Engagement.choices
        ],
        "skills": [
            {"name": tag.name, "slug": tag.slug}
            for tag in skills_of_vacancies(open_vacancies_of_site(site=found))
        ],
    }
