"""RSS 2.0 and Atom feeds of a site's news, with Django's syndication framework.

Four subjects, each in both formats: all news of the site, one wijk (as its
wijk page shows it: items under the wijk page or tagged with the wijk, no
town-wide news), one theme, and one organisation (items living under its
page). Every feed holds the live, public news of the site it is asked on,
newest first, at most ``FEED_LIMIT`` items, in a fixed number of queries.

Residents' text goes out as text: titles are plain text in both formats, and
the introduction is HTML-escaped before it becomes the item's description
(which feed readers treat as HTML), so markup typed by a resident shows as
typed instead of being run.
"""

import datetime
import mimetypes
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from core.models import Neighbourhood, PlatformSettings, Theme
from core.selectors import live_pages_in_site

from .models import NewsIndexPage, NewsPage
from .selectors import (
    CARD_IMAGE_SPEC,
    FEED_LIMIT,
    attach_sources,
    news_for_neighbourhood,
    news_items,
    news_under,
)

# Characters XML 1.0 does not allow; Django's feed writer refuses them (a 500),
# so they are dropped from residents' text instead.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
NOON = datetime.time(12, 0)


def xml_text(value: str) -> str:
    """Text without the control characters XML cannot carry."""
    return NOT_IN_XML.sub("", value or "")


def publication_datetime(page: NewsPage) -> datetime.datetime:
    """The news date as an aware datetime in the site's time zone.

    The date is the one the editor gave; the time of day is when the item was
    first published, or noon when it never was.
    """
    zone = ZoneInfo(settings.TIME_ZONE)
    time_of_day = (
        timezone.localtime(page.first_published_at, zone).time()
        if page.first_published_at
        else NOON
    )
    return datetime.datetime.combine(
        page.date, time_of_day.replace(microsecond=0), tzinfo=zone
    )


def feed_guid(page: NewsPage, *, site: Site) -> str:
    """A tag URI (RFC 4151) that stays the same when the item is moved or renamed."""
    minted = (
        timezone.localdate(page.first_published_at)
        if page.first_published_at
        else page.date
    )
    return f"tag:{site.hostname},{minted.isoformat()}:nieuws/{page.pk}"


def all_news_title(*, platform_name: str) -> str:
    return _("%(platform)s: nieuws") % {"platform": platform_name}


def neighbourhood_news_title(*, platform_name: str, neighbourhood: str) -> str:
    return _("%(platform)s: nieuws uit %(neighbourhood)s") % {
        "platform": platform_name,
        "neighbourhood": neighbourhood,
    }


def theme_news_title(*, platform_name: str, theme: str) -> str:
    return _("%(platform)s: nieuws over %(theme)s") % {
        "platform": platform_name,
        "theme": theme,
    }


def organisation_news_title(*, platform_name: str, organisation: str) -> str:
    return _("%(platform)s: nieuws van %(organisation)s") % {
        "platform": platform_name,
        "organisation": organisation,
    }


@dataclass(frozen=True)
class FeedEntry:
    """One news item with everything its feed entry needs, worked out once."""

    page: NewsPage
    link: str
    guid: str
    pubdate: datetime.datetime
    updateddate: datetime.datetime
    author: str
    enclosure: Enclosure | None = None


@dataclass
class FeedSubject:
    """What a feed is about: its words, the page it belongs to, and its items."""

    request: HttpRequest
    site: Site
    platform_name: str
    title: str
    description: str
    link: str
    news: QuerySet[NewsPage]
    entries: list[FeedEntry] = field(default_factory=list)


def _image_enclosure(page: NewsPage, *, site: Site) -> Enclosure | None:
    """The item's card image as an enclosure; none when its file is missing."""
    if page.image is None:
        return None
    try:
        rendition = page.image.get_rendition(CARD_IMAGE_SPEC)
        length = rendition.file.size
    except Exception:  # any storage error, S3 included: no enclosure
        return None
    url = rendition.url
    if not url.startswith(("http://", "https://")):
        url = site.root_url + url
    mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
    return Enclosure(url, str(length), mime_type)


def _news_index_url(*, request: HttpRequest, site: Site, query: dict) -> str:
    """The site's news overview (with ``query``), or its home page without one."""
    index_page = live_pages_in_site(NewsIndexPage, site=site).order_by("path").first()
    if index_page is None:
        return site.root_page.get_full_url(request)
    url = index_page.get_full_url(request)
    return f"{url}?{urlencode(query)}" if query else url


#: Seconds a browser or proxy may keep a feed.
FEED_MAX_AGE = 15 * 60


class NewsFeed(Feed):
    """All news of the site, RSS 2.0."""

    feed_type = Rss201rev2Feed

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        """The feed, kept a short while by browsers and proxies (feed readers
        poll often; the agenda's iCalendar feeds do the same)."""
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
        return response

    def get_object(self, request: HttpRequest, *args, **kwargs) -> FeedSubject:
        site = Site.find_for_request(request)
        if site is None:
            raise Http404(_("Deze site kennen we niet."))
        platform_name = xml_text(PlatformSettings.for_request(request).platform_name)
        return self.subject(
            request=request, site=site, platform_name=platform_name, **kwargs
        )

    def subject(
        self, *, request: HttpRequest, site: Site, platform_name: str
    ) -> FeedSubject:
        return FeedSubject(
            request=request,
            site=site,
            platform_name=platform_name,
            title=all_news_title(platform_name=platform_name),
            description=_(
                "Al het nieuws van %(platform)s: uit de wijken, van de "
                "organisaties en voor de hele gemeente. Het nieuwste eerst."
            )
            % {"platform": platform_name},
            link=_news_index_url(request=request, site=site, query={}),
            news=news_items(site=site),
        )

    # The feed ------------------------------------------------------------

    def title(self, obj: FeedSubject) -> str:
        return obj.title

    def description(self, obj: FeedSubject) -> str:
        return obj.description

    def subtitle(self, obj: FeedSubject) -> str:
        return obj.description

    def link(self, obj: FeedSubject) -> str:
        return obj.link

    def feed_url(self, obj: FeedSubject) -> str:
        return obj.request.build_absolute_uri(obj.request.path)

    def author_name(self, obj: FeedSubject) -> str:
        return obj.platform_name

    def items(self, obj: FeedSubject) -> list[FeedEntry]:
        pages = attach_sources(list(obj.news[:FEED_LIMIT]))
        entries = []
        for page in pages:
            pubdate = publication_datetime(page)
            entries.append(
                FeedEntry(
                    page=page,
                    link=page.get_full_url(obj.request),
                    guid=feed_guid(page, site=obj.site),
                    pubdate=pubdate,
                    updateddate=max(
                        (page.last_published_at or pubdate).replace(microsecond=0),
                        pubdate,
                    ),
                    author=xml_text(page.source.title)
                    if page.source
                    else obj.platform_name,
                    enclosure=_image_enclosure(page, site=obj.site),
                )
            )
        return entries

    # Its items -----------------------------------------------------------

    def item_title(self, item: FeedEntry) -> str:
        return xml_text(item.page.title)

    def item_description(self, item: FeedEntry) -> str:
        return escape(xml_text(item.page.introduction))

    def item_link(self, item: FeedEntry) -> str:
        return item.link

    def item_guid(self, item: FeedEntry) -> str:
        return item.guid

    def item_guid_is_permalink(self, item: FeedEntry) -> bool:
        return False

    def item_pubdate(self, item: FeedEntry) -> datetime.datetime:
        return item.pubdate

    def item_updateddate(self, item: FeedEntry) -> datetime.datetime:
        return item.updateddate

    def item_author_name(self, item: FeedEntry) -> str:
        return item.author

    def item_categories(self, item: FeedEntry) -> list[str]:
        return [xml_text(theme.name) for theme in item.page.themes.all()]

    def item_enclosures(self, item: FeedEntry) -> list[Enclosure]:
        return [item.enclosure] if item.enclosure else []


class NeighbourhoodNewsFeed(NewsFeed):
    """The news of one wijk, as its wijk page shows it."""

    def subject(
        self, *, request: HttpRequest, site: Site, platform_name: str, slug: str
    ) -> FeedSubject:
        neighbourhood = Neighbourhood.objects.filter(site=site, slug=slug).first()
        if neighbourhood is None:
            raise Http404(_("Deze wijk kennen we niet."))
        name = xml_text(neighbourhood.name)
        wijk_page = (
            live_pages_in_site(
                apps.get_model("neighbourhoods", "NeighbourhoodPage"), site=site
            )
            .filter(neighbourhood=neighbourhood)
            .first()
        )
        link = (
            wijk_page.get_full_url(request)
            if wijk_page
            else _news_index_url(request=request, site=site, query={"wijk": slug})
        )
        return FeedSubject(
            request=request,
            site=site,
            platform_name=platform_name,
            title=neighbourhood_news_title(
                platform_name=platform_name, neighbourhood=name
            ),
            description=_(
                "Nieuws uit %(neighbourhood)s: berichten van de wijkpagina en "
                "berichten over deze wijk. Nieuws voor de hele gemeente staat "
                "niet in deze feed, maar in de feed met al het nieuws van "
                "%(platform)s."
            )
            % {"platform": platform_name, "neighbourhood": name},
            link=link,
            news=news_for_neighbourhood(site=site, neighbourhood=neighbourhood),
        )


class ThemeNewsFeed(NewsFeed):
    """The news of one theme, from the whole site."""

    def subject(
        self, *, request: HttpRequest, site: Site, platform_name: str, slug: str
    ) -> FeedSubject:
        theme = Theme.objects.filter(slug=slug).first()
        if theme is None:
            raise Http404(_("Dit thema kennen we niet."))
        name = xml_text(theme.name)
        return FeedSubject(
            request=request,
            site=site,
            platform_name=platform_name,
            title=theme_news_title(platform_name=platform_name, theme=name),
            description=_(
                "Nieuws over %(theme)s van %(platform)s, uit alle wijken en "
                "voor de hele gemeente. Het nieuwste eerst."
            )
            % {"platform": platform_name, "theme": name},
            link=_news_index_url(request=request, site=site, query={"thema": slug}),
            news=news_items(site=site, theme=theme),
        )


class OrganisationNewsFeed(NewsFeed):
    """The news an organisation of the sociale kaart publishes on its page."""

    def subject(
        self, *, request: HttpRequest, site: Site, platform_name: str, page_id: str
    ) -> FeedSubject:
        organisation: Page | None = (
            live_pages_in_site(
                apps.get_model("socialmap", "OrganisationPage"), site=site
            )
            .filter(pk=int(page_id))
            .first()
        )
        if organisation is None:
            raise Http404(_("Deze organisatie kennen we niet."))
        name = xml_text(organisation.title)
        return FeedSubject(
            request=request,
            site=site,
            platform_name=platform_name,
            title=organisation_news_title(
                platform_name=platform_name, organisation=name
            ),
            description=_(
                "Nieuws van %(organisation)s op %(platform)s. Het nieuwste eerst."
            )
            % {"platform": platform_name, "organisation": name},
            link=organisation.get_full_url(request),
            news=news_under(page=organisation),
        )


class AtomFeedMixin:
    feed_type = Atom1Feed


class NewsAtomFeed(AtomFeedMixin, NewsFeed):
    pass


class NeighbourhoodNewsAtomFeed(AtomFeedMixin, NeighbourhoodNewsFeed):
    pass


class ThemeNewsAtomFeed(AtomFeedMixin, ThemeNewsFeed):
    pass


class OrganisationNewsAtomFeed(AtomFeedMixin, OrganisationNewsFeed):
    pass
