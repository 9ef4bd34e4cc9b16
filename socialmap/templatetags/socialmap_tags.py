"""Template tags of the sociale kaart."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from socialmap.jsonld import organisation_jsonld
from socialmap.maps import map_settings, maps_enabled
from socialmap.models import OrganisationPage

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
def organisation_jsonld_data(context, page: OrganisationPage) -> SafeString:
    """The organisation's schema.org JSON-LD, escaped for a script element."""
    return json_for_script(
        organisation_jsonld(page=page, request=context.get("request"))
    )


@register.inclusion_tag("socialmap/includes/map.html")
def locations_map(markers: list[dict], label: str, map_id: str) -> dict:
    """A Leaflet map of ``markers``, drawn by static/js/maps.js; nothing without
    JavaScript or without located addresses (the list already says it all)."""
    return {
        "enabled": maps_enabled() and bool(markers),
        "markers": json_for_script(markers),
        "settings": json.dumps(map_settings()),
        "label": label,
        "map_id": map_id,
    }
