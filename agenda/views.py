"""The agenda's iCalendar feeds: the whole agenda, a wijk, an organisation, one event.

Each feed belongs to the site the request is for; a wijk, organisation or
event of another site, or one that is not live and public, is a 404.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Site

from . import selectors
from .ical import event_calendar

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
