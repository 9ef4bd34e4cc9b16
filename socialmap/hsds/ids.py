"""Stable HSDS identifiers for the sociale kaart.

HSDS wants a UUID for every object. An organisation uses its page's Wagtail
``translation_key``, which is a UUID already and never changes. Everything
else gets a name-based UUID (version 5) in Buurtplein's own namespace, from
the kind of object and its primary key: ``service:12``, ``location:7``,
``schedule:31`` (a weekly opening period), ``schedule-exception:4`` (an
afwijkende dag), and so on. Such an id stays the same for as long as the row
keeps its primary key; an editor who deletes a service and adds it again makes
a new one. Taxonomy terms are named after the slug of the theme or target group
(``theme:wonen``) or the leefring's code (``support-level:self``), so the same
term has the same id on every Buurtplein installation.

The namespace must never change: the ids are published.
"""

import uuid

NAMESPACE = uuid.UUID("19f15023-cfdd-493b-8f54-f8b866c74ef3")


def hsds_id(kind: str, *parts: object) -> str:
    """The UUID of one object, e.g. ``hsds_id("service", 12)``."""
    return str(uuid.uuid5(NAMESPACE, ":".join([kind, *(str(part) for part in parts)])))


def parse_uuid(value: str) -> str | None:
    """``value`` as a canonical UUID string, or None when it is not a UUID."""
    try:
        return str(uuid.UUID(str(value)))
    except (TypeError, ValueError):
        return None
