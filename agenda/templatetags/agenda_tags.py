"""Template tags of the agenda."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from agenda.jsonld import event_jsonld
from agenda.models import EventPage

register = template.Library()

# The escapes of django.utils.html.json_script: inside <script> the JSON can
# then never close the element ("</script>") or open a comment ("<!--").
JSON_SCRIPT_ESCAPES = {
    ord(">"): "\\u003E",
    ord("<"): "\\u003C",
    ord("&"): "\\u0026",
}


def json_for_script(data: dict | list) -> SafeString:
    """JSON that is safe to place between <script> and </script>."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))  # noqa: S308 (escaped)


@register.simple_tag(takes_context=True)
def event_jsonld_data(context, page: EventPage) -> SafeString:
    """The event's schema.org JSON-LD, escaped for a script element."""
    return json_for_script(event_jsonld(page=page, request=context.get("request")))
