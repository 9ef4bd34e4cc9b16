"""Absolute URLs of the agenda's iCalendar feeds, for <link> tags and links."""

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def calendar_feed_url(context, name: str, *args, webcal: bool = False) -> str:
    """``{% calendar_feed_url "event_feed" page.pk %}``: the feed's absolute URL.

    ``webcal=True`` gives the webcal:// form, which asks a calendar app to
    subscribe instead of the browser downloading the file.
    """
    url = reverse(f"agenda:{name}", args=args)
    request = context.get("request")
    if request is not None:
        url = request.build_absolute_uri(url)
    if webcal and "://" in url:
        url = "webcal://" + url.split("://", 1)[1]
    return url
