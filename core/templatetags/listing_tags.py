"""Template tags of the listing pages (agenda, sociale kaart, vacatures, nieuws):
how many filters are on, and quick choices that switch one filter on or off.

They work on any listing's filters object (core.selectors.ListingFilters and
its subclasses in the apps) by its attributes and its ``query_string``, so
core needs to know no feature app.
"""

from urllib.parse import parse_qs

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()

#: The attributes of the listings' filters objects that narrow what is shown.
#: Words searched for (``query``) and the order are not counted: they are no
#: filter a resident folds away.
FILTER_ATTRIBUTES = (
    "neighbourhood",
    "theme",
    "target_group",
    "when",
    "date_from",
    "date_until",
    "free_only",
    "free",
    "open_now",
    "support_level",
    "time_commitment",
    "engagement",
    "skill",
    "kind",
    "category",
)


@register.filter
def active_filter_count(filters) -> int:
    """How many filters are on, for "Filters (n actief)"."""
    return sum(1 for name in FILTER_ATTRIBUTES if getattr(filters, name, None))


@register.simple_tag
def quick_choice(filters, label: str, **params: str) -> str:
    """A link that switches one filter on (``params``), or off again when it is
    on already, keeping the other filters and going back to the first page::

        {% quick_choice filters _("Dit weekend") wanneer="weekend" %}
    """
    params = {key: str(value) for key, value in params.items()}
    current = parse_qs(filters.query_string())
    if all(current.get(key) == [value] for key, value in params.items()):
        return format_html(
            '<a class="chip chip--active" href="?{}" aria-current="true">'
            '{}<span class="chip__remove" aria-hidden="true"></span>'
            '<span class="visually-hidden"> ({})</span></a>',
            filters.query_string(**dict.fromkeys(params, "")),
            label,
            _("gekozen, tik om weg te halen"),
        )
    return format_html(
        '<a class="chip" href="?{}">{}</a>', filters.query_string(**params), label
    )
