"""Sociale kaart rows as Open Referral HSDS 3.0 objects (plain dicts, ready for JSON).

How our data maps onto HSDS:

- An organisation page is an ``organization``. Its ``description`` is HTML: the
  page's introduction as a first paragraph marked ``class="introduction"``
  (HSDS asks publishers to put the short description first), followed by the
  rich-text description with its links made absolute. Phone number, e-mail,
  website and logo are the organisation's.
- A service is a ``service`` of that organisation: ``eligibility_description``
  is "voor wie", ``application_process`` is "hoe vraag je het aan",
  ``fees_description`` the cost as written; a free service also has a
  ``cost_option`` with amount 0 (EUR). ``assured_date`` is the organisation's
  "laatst gecontroleerd", ``last_modified`` when the organisation page was last
  published. The leefring is an attribute (see :mod:`.taxonomies`), and so are
  the organisation's themes and target groups; its wijken are the service's
  ``service_areas``. Our services are offered at all their organisation's
  locations, so a full service lists every location as a ``service_at_location``.
- A location is a physical ``location`` with one Dutch ``address``, its
  coordinates, its accessibility notes as ``accessibility`` and its opening
  hours as ``schedules``:

  - each weekly opening period is a schedule with ``freq`` WEEKLY, ``byday``
    (MO … SU), ``opens_at`` and ``closes_at`` (HH:MM, Dutch local time: a
    fixed UTC offset would be wrong half the year);
  - each afwijkende dag is a schedule valid for that one date (``valid_from``
    = ``valid_to`` = ``dtstart`` = ``until``), with its special hours, or
    without ``opens_at``/``closes_at`` when the location is closed all day;
    the reason is in ``notes``. On that date it replaces the weekly hours.
"""

import datetime
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from socialmap.models import (
    Location,
    OpeningHours,
    OpeningHoursException,
    OrganisationPage,
    Service,
    Weekday,
)

from .ids import hsds_id
from .taxonomies import (
    TERM_LANGUAGE,
    Taxonomy,
    Term,
    support_level_term,
    target_group_term,
    theme_term,
)

HSDS_VERSION = "3.0"
COUNTRY = "NL"
CURRENCY = "EUR"
INTRODUCTION_CLASS = "introduction"
#: iCal weekday codes, Monday first like ``Weekday``.
BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

_SPLIT = "<!--hsds-split-->"
# The editor's own paragraph ids (core/rich_text.py): no meaning outside it.
_BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')
_RELATIVE_HREF = re.compile(r'href="(/(?!/)[^"]*)"')


@dataclass
class ExportContext:
    """What the serializers need from the request: absolute URLs, expanded texts."""

    request: HttpRequest
    #: Organisation page pk -> its HSDS description, filled in one go per list page.
    descriptions: dict[int, str] = field(default_factory=dict)

    def absolute(self, url: str) -> str:
        return self.request.build_absolute_uri(url)

    def absolute_links(self, rich_html: str) -> str:
        def absolute_href(match: re.Match) -> str:
            url = self.absolute(html.unescape(match.group(1)))
            return f'href="{escape(url)}"'

        return _RELATIVE_HREF.sub(absolute_href, rich_html)

    def prepare_descriptions(self, pages: Iterable[OrganisationPage]) -> None:
        """Expand the rich text of many pages at once (one query per link type)."""
        pages = [page for page in pages if page.pk not in self.descriptions]
        if not pages:
            return
        sources = [page.description or "" for page in pages]
        expanded = expand_db_html(_SPLIT.join(sources)).split(_SPLIT)
        if len(expanded) != len(pages):  # a description holding the separator
            expanded = [expand_db_html(source) for source in sources]
        for page, rich_html in zip(pages, expanded, strict=True):
            self.descriptions[page.pk] = organisation_description(
                introduction=page.introduction,
                rich_html=self.absolute_links(_BLOCK_KEY.sub("", rich_html)),
            )

    def description(self, page: OrganisationPage) -> str:
        self.prepare_descriptions([page])
        return self.descriptions[page.pk]


def organisation_description(*, introduction: str, rich_html: str) -> str:
    """The introduction as a marked first paragraph, then the rich text."""
    parts = []
    if introduction.strip():
        parts.append(f'<p class="{INTRODUCTION_CLASS}">{escape(introduction)}</p>')
    if rich_html.strip():
        parts.append(rich_html)
    return "\n".join(parts)


def timestamp(value: datetime.datetime | None) -> str | None:
    if value is None:
        return None
    value = value.astimezone(datetime.UTC).isoformat(timespec="milliseconds")
    return value.replace("+00:00", "Z")


def organisation_modified(page: OrganisationPage) -> datetime.datetime | None:
    """When the live version changed; see ``selectors.MODIFIED`` for the same in SQL."""
    return (
        page.last_published_at
        or page.first_published_at
        or page.latest_revision_created_at
    )


def organisation_id(page: OrganisationPage) -> str:
    return str(page.translation_key)


def service_id(service: Service) -> str:
    return hsds_id("service", service.pk)


def location_id(location: Location) -> str:
    return hsds_id("location", location.pk)


def hhmm(value: datetime.time) -> str:
    return value.isoformat("minutes")


# Taxonomies ------------------------------------------------------------------


def taxonomy_record(taxonomy: Taxonomy, *, context: ExportContext) -> dict:
    return {
        "id": taxonomy.id,
        "name": str(taxonomy.name),
        "description": str(taxonomy.description),
        "uri": context.absolute(reverse("hsds:taxonomy", args=[taxonomy.id])),
    }


def taxonomy_term_record(term: Term, *, context: ExportContext) -> dict:
    return {
        "id": term.id,
        "code": term.code,
        "name": str(term.name),
        "description": str(term.description),
        "taxonomy": str(term.taxonomy.name),
        "taxonomy_id": term.taxonomy.id,
        "taxonomy_detail": taxonomy_record(term.taxonomy, context=context),
        "language": TERM_LANGUAGE,
    }


def attribute_record(
    term: Term, *, link_entity: str, link_id: str, context: ExportContext
) -> dict:
    return {
        "id": hsds_id("attribute", link_entity, link_id, term.id),
        "link_id": link_id,
        "link_entity": link_entity,
        "link_type": term.taxonomy.link_type,
        "taxonomy_term_id": term.id,
        "taxonomy_term": taxonomy_term_record(term, context=context),
    }


def organisation_terms(page: OrganisationPage) -> list[Term]:
    return [theme_term(theme) for theme in page.themes.all()] + [
        target_group_term(group) for group in page.target_groups.all()
    ]


# Locations and schedules -----------------------------------------------------


def opening_hours_schedule(slot: OpeningHours, *, location_id: str) -> dict:
    opens, closes = hhmm(slot.opens), hhmm(slot.closes)
    return {
        "id": hsds_id("schedule", slot.pk),
        "location_id": location_id,
        "freq": "WEEKLY",
        "byday": BYDAY[slot.weekday],
        "opens_at": opens,
        "closes_at": closes,
        "description": f"{Weekday(slot.weekday).label} {opens}–{closes}",
    }


def exception_schedule(exception: OpeningHoursException, *, location_id: str) -> dict:
    day = exception.date.isoformat()
    record = {
        "id": hsds_id("schedule-exception", exception.pk),
        "location_id": location_id,
        "valid_from": day,
        "valid_to": day,
        "dtstart": day,
        "until": day,
        "freq": "WEEKLY",
        "byday": BYDAY[exception.date.weekday()],
    }
    human_date = date_format(exception.date, "j F Y")
    if exception.closed or exception.opens is None or exception.closes is None:
        record["description"] = _("Op %(date)s de hele dag gesloten.") % {
            "date": human_date
        }
    else:
        record["opens_at"] = hhmm(exception.opens)
        record["closes_at"] = hhmm(exception.closes)
        record["description"] = _(
            "Op %(date)s open van %(opens)s tot %(closes)s, in plaats van de "
            "gewone openingstijden."
        ) % {
            "date": human_date,
            "opens": record["opens_at"],
            "closes": record["closes_at"],
        }
    if exception.reason:
        record["notes"] = exception.reason
    return record


def location_record(location: Location, *, organization_id: str) -> dict:
    this_id = location_id(location)
    record = {
        "id": this_id,
        "location_type": "physical",
        "organization_id": organization_id,
        "name": location.name,
    }
    if location.latitude is not None and location.longitude is not None:
        record["latitude"] = float(location.latitude)
        record["longitude"] = float(location.longitude)
    record["addresses"] = [
        {
            "id": hsds_id("address", location.pk),
            "location_id": this_id,
            "address_1": location.street_address,
            "city": location.city,
            # Not kept on the sociale kaart; required by HSDS, so empty.
            "state_province": "",
            "postal_code": location.postcode,
            "country": COUNTRY,
            "address_type": "physical",
        }
    ]
    if location.accessibility_notes:
        record["accessibility"] = [
            {
                "id": hsds_id("accessibility", location.pk),
                "location_id": this_id,
                "description": location.accessibility_notes,
            }
        ]
    record["schedules"] = [
        opening_hours_schedule(slot, location_id=this_id)
        for slot in location.opening_hours.all()
    ] + [
        exception_schedule(exception, location_id=this_id)
        for exception in location.hours_exceptions.all()
    ]
    return record


# Organisations ---------------------------------------------------------------


def organization_summary(page: OrganisationPage, *, context: ExportContext) -> dict:
    """The one-to-one fields: an item of ``/organizations`` (organization_list)."""
    record = {
        "id": organisation_id(page),
        "name": page.title,
        "description": context.description(page),
    }
    if page.email:
        record["email"] = page.email
    if page.website:
        record["website"] = page.website
    if page.logo_id is not None and page.logo is not None:
        record["logo"] = context.absolute(page.logo.file.url)
    return record


def organisation_phones(page: OrganisationPage) -> list[dict]:
    if not page.phone:
        return []
    return [
        {
            "id": hsds_id("phone", "organization", page.translation_key),
            "organization_id": organisation_id(page),
            "number": page.phone,
            "type": "voice",
        }
    ]


def organization_record(
    page: OrganisationPage, *, context: ExportContext, full_services: bool = False
) -> dict:
    """A fully nested organisation: ``/organizations/{id}``.

    Its services are summaries unless ``full_services`` (``?full_service=true``).
    """
    this_id = organisation_id(page)
    record = organization_summary(page, context=context)
    record["phones"] = organisation_phones(page)
    record["locations"] = [
        location_record(location, organization_id=this_id)
        for location in page.locations.all()
    ]
    record["attributes"] = [
        attribute_record(
            term, link_entity="organization", link_id=this_id, context=context
        )
        for term in organisation_terms(page)
    ]
    services = page.services.all()
    if full_services:
        record["services"] = [
            service_record(service, page=page, context=context, with_organization=False)
            for service in services
        ]
    else:
        record["services"] = [
            service_summary(
                service, page=page, context=context, with_organization=False
            )
            for service in services
        ]
    return record


# Services --------------------------------------------------------------------


def service_summary(
    service: Service,
    *,
    page: OrganisationPage,
    context: ExportContext,
    with_organization: bool = True,
) -> dict:
    """The one-to-one fields: an item of ``/services`` (service_list)."""
    record = {
        "id": service_id(service),
        "organization_id": organisation_id(page),
        "name": service.name,
        "description": service.description,
        "status": "active",
        "eligibility_description": service.for_whom,
        "application_process": service.how_to_apply,
        "fees_description": service.cost,
    }
    url = page.get_url(request=context.request)
    if url:
        record["url"] = context.absolute(url)
    if page.email:
        record["email"] = page.email
    if page.last_checked is not None:
        record["assured_date"] = page.last_checked.isoformat()
    modified = timestamp(organisation_modified(page))
    if modified is not None:
        record["last_modified"] = modified
    if with_organization:
        record["organization"] = organization_summary(page, context=context)
    return record


def service_terms(service: Service, *, page: OrganisationPage) -> list[Term]:
    terms = organisation_terms(page)
    if service.support_level:
        terms.append(support_level_term(service.support_level))
    return terms


def service_record(
    service: Service,
    *,
    page: OrganisationPage,
    context: ExportContext,
    with_organization: bool = True,
) -> dict:
    """A fully nested service: ``/services/{id}``."""
    this_id = service_id(service)
    record = service_summary(
        service, page=page, context=context, with_organization=False
    )
    record["service_areas"] = [
        {
            "id": hsds_id("service-area", service.pk, neighbourhood.pk),
            "service_id": this_id,
            "name": neighbourhood.name,
        }
        for neighbourhood in page.neighbourhoods.all()
    ]
    record["service_at_locations"] = [
        {
            "id": hsds_id("service-at-location", service.pk, location.pk),
            "service_id": this_id,
            "location_id": location_id(location),
            "location": location_record(
                location, organization_id=organisation_id(page)
            ),
        }
        for location in page.locations.all()
    ]
    record["cost_options"] = (
        [
            {
                "id": hsds_id("cost-option", service.pk),
                "service_id": this_id,
                "amount": 0,
                "currency": CURRENCY,
                "amount_description": _("Gratis"),
            }
        ]
        if service.is_free
        else []
    )
    record["attributes"] = [
        attribute_record(term, link_entity="service", link_id=this_id, context=context)
        for term in service_terms(service, page=page)
    ]
    if with_organization:
        organization = organization_summary(page, context=context)
        organization["phones"] = organisation_phones(page)
        record["organization"] = organization
    return record
