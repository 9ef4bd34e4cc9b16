"""The agenda page's listing and the agenda's iCalendar feeds.

The agenda page reads its filters from the request here (query parameters and
the 'mijn wijk' cookie) and lists what agenda.selectors.agenda_occurrences
gives, the same query as the API's occurrences (agenda/api.py).

Each feed belongs to the site the request is for; a wijk, organisation or
event of another site, or one that is not live and public, is a 404.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

from core.selectors import chosen_neighbourhood_id, paginate

from . import selectors
from .ical import event_calendar
from .recurrence import local_zone

# The agenda page ------------------------------------------------------------------


def agenda_filters(
    *, request: HttpRequest, site: Site | None
) -> selectors.AgendaFilters:
    """The agenda page's filters: its query parameters and, without ``wijk``,
    the resident's own wijk (the 'mijn wijk' cookie)."""
    return selectors.parse_agenda_filters(
        params=request.GET,
        site=site,
        chosen_neighbourhood_id=chosen_neighbourhood_id(request=request),
    )


def agenda_page_context(*, request: HttpRequest, index_page: Page) -> dict:
    """The agenda: every current date of every event of the site, soonest first.

    Query parameters: see selectors.parse_agenda_filters, plus ``pagina``. The
    page is cut from the query in the database; occurrences are never all
    loaded.
    """
    site = index_page.get_site()
    filters = agenda_filters(request=request, site=site)
    now = timezone.now()
    occurrences = selectors.agenda_occurrences(filters=filters, site=site, now=now)
    page_obj = paginate(request=request, queryset=occurrences)
    items = list(page_obj.object_list)
    return {
        "filters": filters,
        "page_obj": page_obj,
        "items": items,
        "days": selectors.group_by_day(items, now=now),
        "period": selectors.period_for(when=filters.when, now=now),
        "today": timezone.localtime(now, local_zone()).date(),
    }


# The iCalendar feeds --------------------------------------------------------------

#: Seconds a browser or proxy may keep a feed; calendar apps refresh less often.
FEED_MAX_AGE = 15 * 60


def _site(request: HttpRequest) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site


def _calendar_response(
    request: HttpRequest, *, events, name: str, filename: str, site: Site
) -> HttpResponse:
    calendar = event_calendar(events=events, name=name, site=site, request=request)
    response = HttpResponse(
        calendar.to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _feed(view):
    """GET only; public, and kept a short while by browsers and proxies."""
    return require_GET(cache_control(public=True, max_age=FEED_MAX_AGE)(view))


@_feed
def agenda_feed(request: HttpRequest) -> HttpResponse:
    site = _site(request)
    return _calendar_response(
        request,
        events=selectors.feed_events_for_site(site=site),
        name=_("Agenda %(site)s") % {"site": site.site_name or site.hostname},
        filename="agenda.ics",
        site=site,
    )


@_feed
def neighbourhood_feed(request: HttpRequest, slug: str) -> HttpResponse:
    site = _site(request)
    neighbourhood = selectors.neighbourhood_in_site(site=site, slug=slug)
    if neighbourhood is None:
        raise Http404
    return _calendar_response(
        request,
        events=selectors.feed_events_for_neighbourhood(
            site=site, neighbourhood=neighbourhood
        ),
        name=_("Activiteiten in %(wijk)s") % {"wijk": neighbourhood.name},
        filename=f"wijk-{neighbourhood.slug}.ics",
        site=site,
    )


@_feed
def organisation_feed(request: HttpRequest, page_id: str) -> HttpResponse:
    site = _site(request)
    organisation = selectors.organisation_page_in_site(site=site, page_id=int(page_id))
    if organisation is None:
        raise Http404
    return _calendar_response(
        request,
        events=selectors.feed_events_under(page=organisation),
        name=_("Activiteiten van %(organisation)s")
        % {"organisation": organisation.title},
        filename=f"organisatie-{organisation.pk}.ics",
        site=site,
    )


@_feed
def event_feed(request: HttpRequest, page_id: str) -> HttpResponse:
    site = _site(request)
    event = selectors.feed_event(site=site, page_id=int(page_id))
    if event is None:
        raise Http404
    return _calendar_response(
        request,
        events=[event],
        name=event.title,
        filename=f"activiteit-{event.pk}.ics",
        site=site,
    )
