"""Reads for vrijwilligerswerk: the open vacancies of the whole site, who gets a
resident's response, and who may read it.

The listing is one query layer for the HTML page and the API: the filters are
parsed from plain values (``parse_vacancy_filters``) and ``matching_vacancies``
takes the parsed filters, never the request.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.selectors import (
    ListingFilters,
    chosen_neighbourhood_id,
    filter_by_taxonomy,
    live_pages_in_site,
    paginate,
    parse_listing_filters,
)

from .models import (
    Engagement,
    TimeCommitment,
    VacancyIndexPage,
    VacancyPage,
    VacancyResponse,
    VacancySkill,
)

TIME_COMMITMENT_PARAM = "tijd"
ENGAGEMENT_PARAM = "soort"
SKILL_PARAM = "vaardigheid"
# Pages made outside the admin (imports, demo data) may have no publication date.
NEWEST_FIRST = F("first_published_at").desc(nulls_last=True)


@dataclass
class VacancyFilters(ListingFilters):
    """Wijk and theme filters plus ``?tijd=<time commitment>&soort=<engagement>``
    and ``?vaardigheid=<skill tag slug>``."""

    time_commitment: str = ""
    engagement: str = ""
    skill: Tag | None = None
    skills: list[Tag] = field(default_factory=list)

    @property
    def is_filtered(self) -> bool:
        return super().is_filtered or bool(
            self.time_commitment or self.engagement or self.skill
        )

    @property
    def time_commitments(self) -> list[tuple[str, str]]:
        return TimeCommitment.choices

    @property
    def engagements(self) -> list[tuple[str, str]]:
        return Engagement.choices

    def query_string(self, **overrides: str) -> str:
        params = {
            TIME_COMMITMENT_PARAM: self.time_commitment,
            ENGAGEMENT_PARAM: self.engagement,
            SKILL_PARAM: self.skill.slug if self.skill else "",
        }
        params.update(overrides)
        return super().query_string(**params)


def _choice(
    params: Mapping[str, str], param: str, choices, filters: VacancyFilters
) -> str:
    value = (params.get(param) or "").strip()
    if value and value not in choices.values:
        filters.invalid.append(param)
        return ""
    return value


def skills_of_vacancies(vacancies: QuerySet) -> QuerySet[Tag]:
    """The skills (tags) the given vacancies ask for, by name, in one query."""
    tagged = VacancySkill.objects.filter(content_object__in=vacancies.values("pk"))
    return Tag.objects.filter(pk__in=tagged.values("tag_id")).order_by(
        Lower("name"), "name"
    )


def parse_vacancy_filters(
    *,
    params: Mapping[str, str],
    site,
    chosen_neighbourhood_id: int | None = None,
    vacancies: QuerySet | None = None,
) -> VacancyFilters:
    """The vacancy filters from plain values, named as on the page (``wijk``,
    ``thema``, ``tijd``, ``soort``, ``vaardigheid``), for the page and the API.

    The skills one can choose are those of ``vacancies`` (the open vacancies of
    the site), so a skill nobody asks for is unknown. Unknown values are listed
    in ``invalid``: the page shows a notice, the API answers 422.
    ``chosen_neighbourhood_id`` is the page's 'mijn wijk' (the API has none).
    """
    base = parse_listing_filters(
        params=params, site=site, chosen_neighbourhood_id=chosen_neighbourhood_id
    )
    filters = VacancyFilters(**vars(base))
    filters.time_commitment = _choice(
        params, TIME_COMMITMENT_PARAM, TimeCommitment, filters
    )
    filters.engagement = _choice(params, ENGAGEMENT_PARAM, Engagement, filters)
    if vacancies is not None:
        filters.skills = list(skills_of_vacancies(vacancies))
    skill = (params.get(SKILL_PARAM) or "").strip()
    if skill:
        filters.skill = next((tag for tag in filters.skills if tag.slug == skill), None)
        if filters.skill is None:
            filters.invalid.append(SKILL_PARAM)
    return filters


def vacancy_filters(
    *, request: HttpRequest, site, vacancies: QuerySet | None = None
) -> VacancyFilters:
    """The filters a resident chose on the page: its query parameters and,
    without ``wijk``, their own wijk (the 'mijn wijk' cookie)."""
    return parse_vacancy_filters(
        params=request.GET,
        site=site,
        chosen_neighbourhood_id=chosen_neighbourhood_id(request=request),
        vacancies=vacancies,
    )


def open_vacancies(
    queryset: QuerySet, *, today: datetime.date | None = None
) -> QuerySet:
    """Vacancies one can still respond to: no closing date, or today or later.

    This keeps a closed vacancy out of every listing from the day after its
    closing date, even before ``publish_scheduled`` takes the page offline.
    """
    today = today or timezone.localdate()
    return queryset.filter(Q(closing_date__isnull=True) | Q(closing_date__gte=today))


def open_vacancies_of_site(*, site) -> QuerySet[VacancyPage]:
    """The live, public, open vacancies anywhere in ``site``'s tree."""
    return open_vacancies(live_pages_in_site(VacancyPage, site=site))


def matching_vacancies(
    vacancies: QuerySet, *, filters: VacancyFilters
) -> QuerySet[VacancyPage]:
    """``vacancies`` that match ``filters``, newest first, with their wijken and
    themes. A vacancy without wijken concerns the whole town, so it shows in
    every wijk (``filter_by_taxonomy``)."""
    vacancies = filter_by_taxonomy(
        vacancies, neighbourhood=filters.neighbourhood, theme=filters.theme
    )
    if filters.time_commitment:
        vacancies = vacancies.filter(time_commitment=filters.time_commitment)
    if filters.engagement:
        vacancies = vacancies.filter(engagement=filters.engagement)
    if filters.skill is not None:
        vacancies = vacancies.filter(
            pk__in=VacancySkill.objects.filter(tag=filters.skill).values(
                "content_object_id"
            )
        )
    return vacancies.prefetch_related("neighbourhoods", "themes").order_by(
        NEWEST_FIRST, "-pk"
    )


def vacancy_listing(*, request: HttpRequest, index_page: VacancyIndexPage) -> dict:
    """Open vacancies from anywhere in the site, newest first."""
    site = index_page.get_site()
    vacancies = open_vacancies_of_site(site=site)
    filters = vacancy_filters(request=request, site=site, vacancies=vacancies)
    page_obj = paginate(
        request=request, queryset=matching_vacancies(vacancies, filters=filters)
    )
    return {
        "filters": filters,
        "page_obj": page_obj,
        "items": page_obj.object_list,
        "time_commitments": TimeCommitment.choices,
        "engagements": Engagement.choices,
    }


def with_skills(vacancies: QuerySet) -> QuerySet[VacancyPage]:
    """``vacancies`` with their skills (tags) in one more query, by name."""
    return vacancies.prefetch_related(
        Prefetch(
            "tagged_skills",
            queryset=VacancySkill.objects.select_related("tag").order_by(
                Lower("tag__name"), "tag__name"
            ),
        )
    )


def organisations_of(vacancies: list[VacancyPage]) -> dict[int, Page]:
    """The live organisation page each vacancy hangs under, by vacancy id, in
    one query. A vacancy under a wijk page has none.

    The organisation is another app's page, so its model is resolved by name.
    """
    organisation_model = apps.get_model("socialmap", "OrganisationPage")
    parent_paths = {
        vacancy.pk: vacancy.path[: -VacancyPage.steplen] for vacancy in vacancies
    }
    organisations = {
        page.path: page
        for page in organisation_model.objects.live()
        .filter(path__in=set(parent_paths.values()))
        .only("id", "title", "path")
    }
    return {
        vacancy_id: organisations[path]
        for vacancy_id, path in parent_paths.items()
        if path in organisations
    }


# Responses ("Ik wil helpen")


@dataclass(frozen=True)
class VacancyRecipient:
    """Who gets a resident's response: the vacancy's contact, or else its
    organisation's e-mail address. No address: it waits in the admin only."""

    holder: str
    contact_name: str
    email: str


def vacancy_recipient(*, vacancy: VacancyPage) -> VacancyRecipient:
    # The parent is an organisation or a wijk; read its e-mail address generically
    # instead of importing another app's page model.
    parent = vacancy.get_parent()
    parent = parent.specific if parent is not None else None
    parent_email = (getattr(parent, "email", "") or "") if parent else ""
    return VacancyRecipient(
        holder=parent.title if parent is not None else "",
        contact_name=vacancy.contact_name,
        email=vacancy.contact_email or parent_email,
    )


def user_reads_responses(*, user) -> bool:
    """Whether ``user`` has a role that reads responses at all: they may change
    some page (an editor, buurtverbinder or Communicatie), or are a superuser."""
    if not user.is_active:
        return False
    return (
        user.is_superuser
        or PagePermissionPolicy()
        .instances_user_has_permission_for(user, "change")
        .exists()
    )


def vacancy_responses_visible_to(*, user) -> QuerySet[VacancyResponse]:
    """The responses to the vacancies ``user`` may change by page permissions.

    An organisation's editors see the responses to its vacancies, a wijk's
    buurtverbinders those to the wijk's own vacancies, Communicatie those of its
    site; nobody else sees a resident's words.
    """
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return VacancyResponse.objects.filter(vacancy__in=pages.values("pk"))


def vacancy_responses_older_than(*, moment: datetime.datetime) -> QuerySet:
    """The responses received before ``moment``: past their retention period."""
    return VacancyResponse.objects.filter(created_at__lt=moment)
