"""Template access to agenda reads, for pages whose model has no get_context hook."""

from django import template

from agenda.selectors import (
    event_page_context,
    upcoming_occurrences_for_neighbourhood_page,
    upcoming_occurrences_under,
)

register = template.Library()


@register.simple_tag
def event_when(page) -> dict:
    """``{% event_when page as when %}``: next dates, rule in words, skipped dates."""
    return event_page_context(page=page)


@register.simple_tag
def upcoming_dates_for_neighbourhood(page, limit: int = 5) -> list:
    """``{% upcoming_dates_for_neighbourhood page as dates %}`` on a wijk page."""
    return upcoming_occurrences_for_neighbourhood_page(
        page=page, neighbourhood=page.neighbourhood, limit=limit
    )


@register.simple_tag
def upcoming_dates_under(page, limit: int = 5) -> list:
    """``{% upcoming_dates_under page as dates %}`` on an organisation page."""
    return upcoming_occurrences_under(page=page, limit=limit)
