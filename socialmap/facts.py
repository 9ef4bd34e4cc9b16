"""An organisation's facts in plain Dutch: what Communicatie reads when only
facts changed (``editorial.fact_changes``).

Facts are what a resident checks before they go: phone, e-mail, website,
each location's address and place on the map, its opening hours per day and
its afwijkende dagen. The page model names them (``fact_fields``); this module
says them as sentences, one line per fact, so an old and a new version can be
set side by side.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .hours_widget import WEEKDAY_NAMES

EMPTY = "—"


def _time(moment) -> str:
    return f"{moment:%H:%M}"


def _periods(periods) -> str:
    if not periods:
        return _("gesloten")
    return _(" en ").join(
        f"{_time(opens)}–{_time(closes)}" for opens, closes in sorted(periods)
    )


def _exception(exception) -> str:
    if exception.closed or exception.opens is None or exception.closes is None:
        text = _("de hele dag dicht")
    else:
        text = f"{_time(exception.opens)}–{_time(exception.closes)}"
    return f"{text} ({exception.reason})" if exception.reason else text


def location_facts(location, *, label: str) -> dict[str, str]:
    address = ", ".join(
        part
        for part in (
            location.street_address,
            " ".join(p for p in (location.postcode, location.city) if p),
        )
        if part
    )
    facts = {
        _("%(location)s: adres") % {"location": label}: address or EMPTY,
        _("%(location)s: plek op de kaart") % {"location": label}: (
            f"{location.latitude}, {location.longitude}"
            if location.latitude is not None and location.longitude is not None
            else EMPTY
        ),
    }
    by_day: dict[int, list] = {weekday: [] for weekday in range(7)}
    for slot in location.opening_hours.all():
        by_day.setdefault(slot.weekday, []).append((slot.opens, slot.closes))
    for weekday, name in enumerate(WEEKDAY_NAMES):
        facts[f"{label}: {name}"] = _periods(by_day[weekday])
    for exception in sorted(location.hours_exceptions.all(), key=lambda e: e.date):
        key = f"{label}: {date_format(exception.date, 'l j F Y')}"
        facts[key] = "; ".join(filter(None, (facts.get(key), _exception(exception))))
    return facts


def organisation_facts(page) -> dict[str, str]:
    """Every fact of an organisation page (a revision's or the live one), by
    a label in plain Dutch."""
    facts = {
        _("Telefoon"): page.phone or EMPTY,
        _("E-mail"): page.email or EMPTY,
        _("Website"): page.website or EMPTY,
        _("Laatst gecontroleerd"): (
            date_format(page.last_checked, "j F Y") if page.last_checked else EMPTY
        ),
    }
    for number, location in enumerate(page.locations.all(), start=1):
        label = location.name or _("Locatie %(number)s") % {"number": number}
        facts.update(location_facts(location, label=label))
    return facts
