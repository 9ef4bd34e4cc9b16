"""Reads for vrijwilligerswerk: the open vacancies of the whole site."""

from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from core.selectors import (
    ListingFilters,
    filter_by_taxonomy,
    listing_filters,
    live_pages_in_site,
    paginate,
)

from .models import Engagement, TimeCommitment, VacancyIndexPage, VacancyPage

TIME_COMMITMENT_PARAM = "tijd"
ENGAGEMENT_PARAM = "soort"
# Pages made outside the admin (imports, demo data) may have no publication date.
NEWEST_FIRST = F("first_published_at").desc(nulls_last=True)


@dataclass
class VacancyFilters(ListingFilters):
    """Wijk and theme filters plus ``?tijd=<time commitment>&soort=<engagement>``."""

    time_commitment: str = ""
    engagement: str = ""

    @property
    def is_filtered(self) -> bool:
        return super().is_filtered or bool(self.time_commitment or self.engagement)

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
        }
        params.update(overrides)
        return super().query_string(**params)


def _choice(request: HttpRequest, param: str, choices, filters: VacancyFilters) -> str:
    value = request.GET.get(param, "").strip()
    if value and value not in choices.values:
        filters.invalid.append(param)
        return ""
    return value


def vacancy_filters(*, request: HttpRequest, site) -> VacancyFilters:
    base = listing_filters(request=request, site=site)
    filters = VacancyFilters(**vars(base))
    filters.time_commitment = _choice(
        request, TIME_COMMITMENT_PARAM, TimeCommitment, filters
    )
    filters.engagement = _choice(request, ENGAGEMENT_PARAM, Engagement, filters)
    return filters


def open_vacancies(queryset: QuerySet) -> QuerySet:
    """Vacancies one can still respond to: no closing date, or today or later."""
    today = timezone.localdate()
    return queryset.filter(Q(closing_date__isnull=True) | Q(closing_date__gte=today))


def vacancy_listing(*, request: HttpRequest, index_page: VacancyIndexPage) -> dict:
    """Open vacancies from anywhere in the site, newest first."""
    site = index_page.get_site()
    filters = vacancy_filters(request=request, site=site)
    vacancies = filter_by_taxonomy(
        open_vacancies(live_pages_in_site(VacancyPage, site=site)),
        neighbourhood=filters.neighbourhood,
        theme=filters.theme,
    )
    if filters.time_commitment:
        vacancies = vacancies.filter(time_commitment=filters.time_commitment)
    if filters.engagement:
        vacancies = vacancies.filter(engagement=filters.engagement)
    vacancies = vacancies.prefetch_related("neighbourhoods", "themes").order_by(
        NEWEST_FIRST, "-pk"
    )
    page_obj = paginate(request=request, queryset=vacancies)
    return {
        "filters": filters,
        "page_obj": page_obj,
        "items": page_obj.object_list,
        "time_commitments": TimeCommitment.choices,
        "engagements": Engagement.choices,
    }
