"""Template tags of the agenda."""

from django import template
from django.utils.safestring import SafeString

from agenda.jsonld import event_jsonld
from agenda.models import EventPage
from core.jsonld import json_for_script

register = template.Library()


@register.simple_tag(takes_context=True)
def event_jsonld_data(context, page: EventPage) -> SafeString:
    """The event's schema.org JSON-LD, escaped for a script element."""
    return json_for_script(event_jsonld(page=page, request=context.get("request")))
