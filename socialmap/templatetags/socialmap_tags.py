"""Template tags of the sociale kaart."""

import json

from django import template
from django.utils.safestring import SafeString

from core.jsonld import json_for_script
from socialmap.jsonld import organisation_jsonld
from socialmap.maps import map_settings, maps_enabled
from socialmap.models import OrganisationPage

register = template.Library()


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
