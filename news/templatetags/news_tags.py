"""Template tags of the news: which feeds a page advertises."""

from dataclasses import dataclass

from django import template
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from core.models import Neighbourhood, PlatformSettings, Theme
from core.selectors import ListingFilters
from news.feeds import (
    all_news_title,
    neighbourhood_news_title,
    organisation_news_title,
    theme_news_title,
)

register = template.Library()


@dataclass(frozen=True)
class FeedLink:
    """One subject's feeds: its title, a visible label, and absolute URLs."""

    title: str
    label: str
    rss: str
    atom: str


def _link(
    request: HttpRequest, *, title: str, label: str, name: str, **kwargs
) -> FeedLink:
    def absolute(view_name: str) -> str:
        return request.build_absolute_uri(reverse(view_name, kwargs=kwargs or None))

    return FeedLink(
        title=title,
        label=label,
        rss=absolute(f"news:{name}rss"),
        atom=absolute(f"news:{name}atom"),
    )


@register.simple_tag(takes_context=True)
def news_feeds(
    context,
    filters: ListingFilters | None = None,
    neighbourhood: Neighbourhood | None = None,
    organisation=None,
) -> list[FeedLink]:
    """The feeds that belong to a page; arguments a template lacks come as "".

    The news index (``filters``): all news, plus the wijk's and the theme's
    feed when it is filtered on them. A wijk page (``neighbourhood``): that
    wijk's feed. An organisation page (``organisation``): its news.
    """
    request = context.get("request")
    if request is None:
        return []
    platform_name = PlatformSettings.for_request(request).platform_name
    links = []
    if neighbourhood or organisation:
        # A wijk's or organisation's own page: its feed, whatever else the
        # page's context holds (a wijk page has listing filters too).
        filters = None
    if filters:
        links.append(
            _link(
                request,
                title=all_news_title(platform_name=platform_name),
                label=_("Volg al het nieuws (RSS)")
                if filters.is_filtered
                else _("Volg dit nieuws (RSS)"),
                name="",
            )
        )
        neighbourhood = filters.neighbourhood
        theme: Theme | None = filters.theme
    else:
        theme = None
    if neighbourhood:
        links.append(
            _link(
                request,
                title=neighbourhood_news_title(
                    platform_name=platform_name, neighbourhood=neighbourhood.name
                ),
                label=_("Volg het nieuws uit %(neighbourhood)s (RSS)")
                % {"neighbourhood": neighbourhood.name},
                name="neighbourhood_",
                slug=neighbourhood.slug,
            )
        )
    if theme:
        links.append(
            _link(
                request,
                title=theme_news_title(platform_name=platform_name, theme=theme.name),
                label=_("Volg het nieuws over %(theme)s (RSS)") % {"theme": theme.name},
                name="theme_",
                slug=theme.slug,
            )
        )
    if organisation and organisation.pk:
        links.append(
            _link(
                request,
                title=organisation_news_title(
                    platform_name=platform_name, organisation=organisation.title
                ),
                label=_("Volg het nieuws van %(organisation)s (RSS)")
                % {"organisation": organisation.title},
                name="organisation_",
                page_id=organisation.pk,
            )
        )
    return links
