"""Import Open Referral HSDS 3.0 organisation records into the sociale kaart.

What it reads: JSON files with HSDS **organization** records, fully nested as
``/api/hsds/organizations/{id}?full_service=true`` gives them (locations with
addresses and schedules, services with their attributes). A file holds one
record, a list of records, or an HSDS API page (``{"contents": [...]}``, as
from ``/api/hsds/organizations?full=true&full_service=true``); a directory is
every ``*.json`` file in it. Every record is first checked against the
official schemas (``organization.json``, and ``service.json`` for each
service); every problem is reported in Dutch with the file and the JSON path
(``$[0].locations[1].latitude``), and with any problem nothing is written.

Each organisation then goes through ``socialmap.services.organisation_upsert``
with the HSDS organisation ``id`` as its external id: new ones become drafts in
the site's approval workflow, changed ones get a new draft, unchanged ones are
left alone. The mapping is the export's (``serializers``), read backwards:

- ``description``: a first ``<p class="introduction">`` is the introduction,
  the rest the rich text (cleaned to the features the editor allows); without
  that paragraph all of it is the description. Plain text becomes paragraphs.
- phone: the first of the organisation's ``phones``; e-mail, website.
- themes and target groups: attributes (on the organisation or its services)
  with a term from Buurtplein's taxonomies, found by id, code (slug) or name.
  They must exist on the platform already. Terms of other taxonomies are
  skipped, with a notice.
- each service: name, description, ``eligibility_description`` (voor wie),
  ``fees_description`` (kosten), ``application_process`` (hoe aanvragen),
  free when a ``cost_option`` has amount 0, and its leefring from the
  attributes. A service summary without ``cost_options`` or ``attributes``
  keeps what the existing service has. "Laatst gecontroleerd" is the latest
  ``assured_date``; the wijken are the services' ``service_areas``, by name.
- each physical location with an address (the organisation's ``locations``,
  and any other found in the services' ``service_at_locations``): the
  physical address, coordinates, accessibility, and its schedules. A weekly
  schedule (``freq`` WEEKLY, ``byday``, ``opens_at``, ``closes_at``) becomes
  opening hours, one row per day; a schedule for one date (``valid_from`` =
  ``valid_to``, or ``dtstart`` = ``until``) an afwijkende dag, closed when it
  has no times, its ``notes`` the reason. Times are read as Dutch local time.
  What cannot be kept (monthly schedules, intervals, schedules of a service
  rather than a location, logos) is skipped with a notice.
"""

import datetime
import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.admin.rich_text.converters.db_html import DbHTMLConverter
from wagtail.models import Site

from core.models import Neighbourhood, TargetGroup, Theme
from socialmap.models import OrganisationPage, SocialMapPage, SupportLevel
from socialmap.notifications import submission_emails_collected
from socialmap.services import (
    HoursExceptionData,
    ImportProblem,
    ImportReport,
    LocationData,
    OpeningHoursData,
    OrganisationData,
    OrganisationUpsertError,
    ServiceData,
    UpsertAction,
    import_submissions_notify,
    organisation_upsert,
    plain_text_to_rich_text,
    social_map_page_for_site,
)

from .schema import json_path, schema_problems
from .serializers import BYDAY, INTRODUCTION_CLASS
from .taxonomies import SUPPORT_LEVELS, TARGET_GROUPS, TAXONOMIES, THEMES, Taxonomy

MAX_FILE_BYTES = 50 * 1024 * 1024
_INTRODUCTION = re.compile(
    rf"^\s*<p\s+class=[\"']{INTRODUCTION_CLASS}[\"']\s*>(.*?)</p>\s*",
    re.DOTALL | re.IGNORECASE,
)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


@dataclass
class HSDSImportReport(ImportReport):
    """What the import did; ``notices`` are what was skipped, not problems."""

    notices: list[str] = field(default_factory=list)


@dataclass
class Source:
    """One organisation record and where it came from."""

    record: dict
    file: str
    path: tuple


class _Problems(Exception):
    """A record could not be turned into data; the problems are collected."""


# Reading the files --------------------------------------------------------------


def read_sources(path: Path, *, report: HSDSImportReport) -> list[Source]:
    """The organisation records in a file, or in every ``*.json`` of a directory."""
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            report.problems.append(
                ImportProblem(_("%(path)s: geen .json-bestanden.") % {"path": path})
            )
    elif path.is_file():
        files = [path]
    else:
        report.problems.append(
            ImportProblem(_("%(path)s: bestand niet gevonden.") % {"path": path})
        )
        files = []
    sources = []
    for file in files:
        sources += _read_file(file, report=report)
    return sources


def _read_file(file: Path, *, report: HSDSImportReport) -> list[Source]:
    def problem(message: str) -> list[Source]:
        report.problems.append(ImportProblem(f"{file.name}: {message}"))
        return []

    if file.stat().st_size > MAX_FILE_BYTES:
        return problem(_("het bestand is groter dan 50 MB."))
    try:
        document = json.loads(file.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        return problem(_("het bestand is geen UTF-8-tekst."))
    except json.JSONDecodeError as error:
        return problem(
            _("geen geldige JSON (regel %(line)s, kolom %(column)s: %(error)s).")
            % {"line": error.lineno, "column": error.colno, "error": error.msg}
        )
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        return [
            Source(record, file.name, ("contents", index))
            for index, record in enumerate(document["contents"])
        ]
    if isinstance(document, list):
        return [
            Source(record, file.name, (index,)) for index, record in enumerate(document)
        ]
    if isinstance(document, dict):
        return [Source(document, file.name, ())]
    return problem(
        _(
            "verwacht een HSDS-organisatie, een lijst daarvan of een HSDS-pagina "
            "met 'contents'."
        )
    )


def validate_sources(sources: list[Source], *, report: HSDSImportReport) -> None:
    """Check every record against the official schemas; problems go in the report."""
    seen: dict[str, str] = {}
    for source in sources:
        for problem in schema_problems(
            source.record, name="organization", path=source.path
        ):
            report.problems.append(ImportProblem(f"{source.file}, {problem}"))
        if not isinstance(source.record, dict):
            continue
        services = source.record.get("services")
        if isinstance(services, list):
            for index, service in enumerate(services):
                for problem in schema_problems(
                    service, name="service", path=(*source.path, "services", index)
                ):
                    report.problems.append(ImportProblem(f"{source.file}, {problem}"))
        org_id = source.record.get("id")
        if isinstance(org_id, str):
            where = f"{source.file}, {json_path(source.path)}"
            if org_id in seen:
                report.problems.append(
                    ImportProblem(
                        _("%(where)s: de organisatie %(id)s staat ook in %(other)s.")
                        % {"where": where, "id": org_id, "other": seen[org_id]}
                    )
                )
            seen.setdefault(org_id, where)


# From HSDS to OrganisationData ---------------------------------------------------


class _Terms:
    """Finds the taxonomy of an HSDS term, and our themes and target groups."""

    def __init__(self) -> None:
        self.themes = _index(Theme.objects.all())
        self.target_groups = _index(TargetGroup.objects.all())

    @staticmethod
    def taxonomy_of(term: dict, link_type: object) -> Taxonomy | None:
        detail = term.get("taxonomy_detail")
        candidates = {
            term.get("taxonomy_id"),
            detail.get("id") if isinstance(detail, dict) else None,
        }
        names = {
            _casefold(term.get("taxonomy")),
            _casefold(detail.get("name")) if isinstance(detail, dict) else "",
        }
        for taxonomy in TAXONOMIES:
            if taxonomy.id in candidates or _casefold(taxonomy.name) in names:
                return taxonomy
        if not any(candidates) and not any(names):
            return next(
                (item for item in TAXONOMIES if item.link_type == link_type), None
            )
        return None


def _casefold(value: object) -> str:
    return " ".join(str(value).split()).casefold() if value else ""


def _index(items: Iterable) -> dict[str, Any]:
    found = {}
    for item in items:
        found[item.name.casefold()] = item
        found[item.slug.casefold()] = item
    return found


class RecordReader:
    """Turns one HSDS organisation record into ``OrganisationData``.

    Problems (which stop the import) and notices (what is skipped) are
    collected with the JSON path they are about.
    """

    def __init__(self, source: Source, *, site: Site, terms: _Terms) -> None:
        self.source = source
        self.site = site
        self.terms = terms
        self.problems: list[ImportProblem] = []
        self.notices: list[str] = []

    # Reporting

    def _where(self, *path) -> str:
        return f"{self.source.file}, {json_path((*self.source.path, *path))}"

    def problem(self, path: tuple, message: str) -> None:
        self.problems.append(ImportProblem(f"{self._where(*path)}: {message}"))

    def notice(self, path: tuple, message: str) -> None:
        notice = f"{self._where(*path)}: {message}"
        if notice not in self.notices:
            self.notices.append(notice)

    def text(self, value: object, path: tuple, *, max_length: int) -> str:
        text = str(value or "").strip()
        if len(text) > max_length:
            self.problem(
                path,
                _("langer dan %(max)s tekens (%(length)s).")
                % {"max": max_length, "length": len(text)},
            )
        return text

    # The organisation

    def read(self) -> OrganisationData:
        record = self.source.record
        introduction, description = self.description(record.get("description"))
        data = OrganisationData(
            external_id=self.text(record["id"], ("id",), max_length=100),
            title=self.text(record["name"], ("name",), max_length=255),
            introduction=introduction,
            description=description,
            phone=self.phone(record.get("phones")),
            # The export leaves out an empty e-mail address or website.
            email=self.text(record.get("email"), ("email",), max_length=254),
            website=self.website(record.get("website")),
            themes=None,
            target_groups=None,
        )
        if record.get("logo"):
            self.notice(("logo",), _("het logo wordt niet overgenomen."))
        services = record.get("services") or []
        if "services" in record:
            data.services = [
                self.service(service, ("services", index))
                for index, service in enumerate(services)
            ]
        if "attributes" in record or any("attributes" in item for item in services):
            data.themes, data.target_groups = self.organisation_terms(record, services)
        data.neighbourhoods = self.neighbourhoods(services)
        data.last_checked = self.last_checked(services)
        data.locations = self.locations(record, services)
        if self.problems:
            raise _Problems
        return data

    def description(self, value: object) -> tuple[str, str]:
        text = str(value or "")
        introduction = ""
        match = _INTRODUCTION.match(text)
        if match:
            introduction = html.unescape(strip_tags(match.group(1))).strip()
            text = text[match.end() :]
            if len(introduction) > 500:
                self.problem(
                    ("description",),
                    _("de inleiding is langer dan 500 tekens (%(length)s).")
                    % {"length": len(introduction)},
                )
        text = text.strip()
        if not text:
            return introduction, ""
        if not _HTML_TAG.search(text):
            return introduction, plain_text_to_rich_text(text)
        features = OrganisationPage._meta.get_field("description").features
        cleaned, _removals = DbHTMLConverter(features=features).clean(text)
        return introduction, cleaned

    def phone(self, phones: object) -> str | None:
        if phones is None:
            return None
        numbers = [
            phone.get("number", "")
            for phone in phones or []
            if isinstance(phone, dict) and phone.get("number")
        ]
        if len(numbers) > 1:
            self.notice(
                ("phones",),
                _("alleen het eerste telefoonnummer wordt overgenomen."),
            )
        return self.text(
            numbers[0] if numbers else "", ("phones", 0, "number"), max_length=30
        )

    def website(self, value: object) -> str:
        url = str(value or "").strip()
        if url:
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                self.problem(
                    ("website",),
                    _("'%(value)s' is geen webadres met http of https.")
                    % {"value": url[:60]},
                )
            if len(url) > 200:
                self.problem(("website",), _("het webadres is langer dan 200 tekens."))
        return url

    # Taxonomies

    def attribute_terms(
        self, attributes: object, path: tuple
    ) -> Iterator[tuple[Taxonomy, dict, tuple]]:
        for index, attribute in enumerate(attributes or []):
            if not isinstance(attribute, dict):
                continue
            term = attribute.get("taxonomy_term")
            where = (*path, index)
            if not isinstance(term, dict):
                continue
            taxonomy = self.terms.taxonomy_of(term, attribute.get("link_type"))
            if taxonomy is None:
                self.notice(
                    where,
                    _(
                        "de term '%(term)s' komt niet uit een taxonomie van "
                        "Buurtplein en wordt overgeslagen."
                    )
                    % {"term": term.get("name", "")},
                )
                continue
            yield taxonomy, term, where

    def organisation_terms(
        self, record: dict, services: list
    ) -> tuple[list[Theme], list[TargetGroup]]:
        """Themes and target groups of the organisation and all its services."""
        found: dict[str, list] = {THEMES.key: [], TARGET_GROUPS.key: []}
        places = [(record.get("attributes"), ("attributes",))] + [
            (service.get("attributes"), ("services", index, "attributes"))
            for index, service in enumerate(services)
        ]
        for attributes, path in places:
            for taxonomy, term, where in self.attribute_terms(attributes, path):
                if taxonomy == SUPPORT_LEVELS:
                    continue
                known = (
                    self.terms.themes
                    if taxonomy == THEMES
                    else self.terms.target_groups
                )
                item = known.get(_casefold(term.get("code"))) or known.get(
                    _casefold(term.get("name"))
                )
                if item is None:
                    message = (
                        _(
                            "het thema '%(name)s' bestaat niet op dit platform. "
                            "Laat een beheerder het eerst aanmaken."
                        )
                        if taxonomy == THEMES
                        else _(
                            "de doelgroep '%(name)s' bestaat niet op dit platform. "
                            "Laat een beheerder die eerst aanmaken."
                        )
                    )
                    self.problem(
                        (*where, "taxonomy_term"),
                        message % {"name": term.get("name", "")},
                    )
                elif item not in found[taxonomy.key]:
                    found[taxonomy.key].append(item)
        return found[THEMES.key], found[TARGET_GROUPS.key]

    def neighbourhoods(self, services: list) -> list[Neighbourhood] | None:
        if not any("service_areas" in service for service in services):
            return None
        known = _index(Neighbourhood.objects.filter(site=self.site))
        found: list[Neighbourhood] = []
        for index, service in enumerate(services):
            for area_index, area in enumerate(service.get("service_areas") or []):
                name = area.get("name") if isinstance(area, dict) else None
                wijk = known.get(_casefold(name))
                if wijk is None:
                    self.notice(
                        ("services", index, "service_areas", area_index),
                        _(
                            "de wijk '%(name)s' bestaat niet op dit platform en "
                            "wordt overgeslagen."
                        )
                        % {"name": name or ""},
                    )
                elif wijk not in found:
                    found.append(wijk)
        return found

    def last_checked(self, services: list) -> datetime.date | None:
        dates = []
        for index, service in enumerate(services):
            value = service.get("assured_date")
            if not value:
                continue
            try:
                dates.append(datetime.date.fromisoformat(str(value)[:10]))
            except ValueError:
                self.problem(
                    ("services", index, "assured_date"),
                    _("'%(value)s' is geen datum (JJJJ-MM-DD).") % {"value": value},
                )
        return max(dates, default=None)

    # Services

    def service(self, service: dict, path: tuple) -> ServiceData:
        def optional(key: str, max_length: int) -> str | None:
            if key not in service:
                return None
            return self.text(service[key], (*path, key), max_length=max_length)

        name = self.text(service.get("name"), (*path, "name"), max_length=150)
        if not name:
            self.problem((*path, "name"), _("een dienst heeft een naam nodig."))
        data = ServiceData(
            name=name,
            description=optional("description", 10_000),
            for_whom=optional("eligibility_description", 250),
            cost=optional("fees_description", 150),
            how_to_apply=optional("application_process", 10_000),
        )
        if "cost_options" in service:
            data.is_free = any(
                isinstance(option, dict) and option.get("amount") == 0
                for option in service["cost_options"] or []
            )
        if "attributes" in service:
            levels = [
                (term, where)
                for taxonomy, term, where in self.attribute_terms(
                    service["attributes"], (*path, "attributes")
                )
                if taxonomy == SUPPORT_LEVELS
            ]
            data.support_level = ""
            for term, where in levels[:1]:
                code = str(term.get("code") or "")
                if code not in SupportLevel.values:
                    self.problem(
                        (*where, "taxonomy_term", "code"),
                        _("'%(code)s' is geen leefring; kies uit %(choices)s.")
                        % {"code": code, "choices": ", ".join(SupportLevel.values)},
                    )
                data.support_level = code
            if len(levels) > 1:
                self.notice(
                    (*path, "attributes"),
                    _("een dienst heeft één leefring; de eerste telt."),
                )
        for key in ("schedules", "languages", "contacts", "phones"):
            if service.get(key):
                self.notice(
                    (*path, key),
                    _("'%(key)s' van een dienst wordt niet overgenomen.")
                    % {"key": key},
                )
        return data

    # Locations

    def locations(self, record: dict, services: list) -> list[LocationData] | None:
        places: list[tuple[dict, tuple]] = [
            (location, ("locations", index))
            for index, location in enumerate(record.get("locations") or [])
        ]
        seen = {location.get("id") for location, _path in places}
        for index, service in enumerate(services):
            for link_index, link in enumerate(
                service.get("service_at_locations") or []
            ):
                location = link.get("location") if isinstance(link, dict) else None
                if isinstance(location, dict) and location.get("id") not in seen:
                    seen.add(location.get("id"))
                    places.append(
                        (
                            location,
                            (
                                "services",
                                index,
                                "service_at_locations",
                                link_index,
                                "location",
                            ),
                        )
                    )
        if "locations" not in record and not places:
            return None
        locations = []
        for location, path in places:
            data = self.location(location, path)
            if data is not None:
                locations.append(data)
        return locations

    def location(self, location: dict, path: tuple) -> LocationData | None:
        addresses = [
            address
            for address in location.get("addresses") or []
            if isinstance(address, dict)
        ]
        address = next(
            (item for item in addresses if item.get("address_type") == "physical"),
            addresses[0] if addresses else None,
        )
        if address is None:
            self.notice(
                path,
                _("de locatie '%(name)s' heeft geen adres en wordt overgeslagen.")
                % {"name": location.get("name", "")},
            )
            return None
        index = addresses.index(address)
        address_path = (*path, "addresses", index)
        street = ", ".join(
            part.strip()
            for part in (address.get("address_1"), address.get("address_2"))
            if part and part.strip()
        )
        problems = len(self.problems)
        latitude = self.coordinate(location, "latitude", path, limit=90)
        longitude = self.coordinate(location, "longitude", path, limit=180)
        if (latitude is None) != (longitude is None) and len(self.problems) == problems:
            self.problem(path, _("een locatie heeft beide coördinaten nodig, of geen."))
        notes = "\n".join(
            " ".join(
                part.strip()
                for part in (item.get("description"), item.get("details"))
                if part and part.strip()
            )
            for item in location.get("accessibility") or []
            if isinstance(item, dict)
        ).strip()
        hours, exceptions = self.schedules(location.get("schedules") or [], path)
        return LocationData(
            street_address=self.text(
                street, (*address_path, "address_1"), max_length=200
            )
            or self._missing((*address_path, "address_1")),
            city=self.text(address.get("city"), (*address_path, "city"), max_length=100)
            or self._missing((*address_path, "city")),
            name=self.text(location.get("name"), (*path, "name"), max_length=150),
            postcode=self.text(
                address.get("postal_code"), (*address_path, "postal_code"), max_length=7
            ),
            latitude=latitude,
            longitude=longitude,
            accessibility_notes=notes,
            opening_hours=hours,
            exceptions=exceptions,
        )

    def _missing(self, path: tuple) -> str:
        self.problem(path, _("is leeg; een locatie heeft een adres en plaats nodig."))
        return ""

    def coordinate(
        self, location: dict, key: str, path: tuple, *, limit: int
    ) -> Decimal | None:
        value = location.get(key)
        if value is None:
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or abs(number) > limit:
            self.problem(
                (*path, key),
                _("%(value)s is geen coördinaat tussen -%(limit)s en %(limit)s.")
                % {"value": value, "limit": limit},
            )
            return None
        return number.quantize(Decimal("0.000001"))

    # Schedules

    def schedules(
        self, schedules: list, path: tuple
    ) -> tuple[list[OpeningHoursData], list[HoursExceptionData]]:
        hours: list[OpeningHoursData] = []
        exceptions: list[HoursExceptionData] = []
        for index, schedule in enumerate(schedules):
            if not isinstance(schedule, dict):
                continue
            where = (*path, "schedules", index)
            day = self.single_date(schedule, where)
            opens = self.time(schedule, "opens_at", where)
            closes = self.time(schedule, "closes_at", where)
            if day is not None:
                exceptions.append(
                    HoursExceptionData(
                        date=day,
                        closed=opens is None or closes is None,
                        opens=opens if closes is not None else None,
                        closes=closes if opens is not None else None,
                        reason=self.reason(schedule, where),
                    )
                )
                continue
            days = self.weekly_days(schedule, where)
            if days is None:
                continue
            if opens is None or closes is None:
                self.notice(
                    where,
                    _(
                        "een wekelijks rooster zonder openings- en sluitingstijd "
                        "wordt overgeslagen."
                    ),
                )
                continue
            if (
                schedule.get("valid_from")
                or schedule.get("valid_to")
                or schedule.get("until")
            ):
                self.notice(
                    where,
                    _(
                        "de geldigheid van dit rooster wordt niet overgenomen; de "
                        "tijden gelden voortaan elke week."
                    ),
                )
            hours += [
                OpeningHoursData(weekday=weekday, opens=opens, closes=closes)
                for weekday in days
            ]
        return hours, exceptions

    def single_date(self, schedule: dict, where: tuple) -> datetime.date | None:
        """The date of a schedule for one day (an afwijkende dag), else None."""
        candidates = []
        valid_from, valid_to = schedule.get("valid_from"), schedule.get("valid_to")
        if valid_from and valid_from == valid_to:
            candidates.append(("valid_from", valid_from))
        start = schedule.get("dtstart")
        if start and (schedule.get("until") == start or schedule.get("count") == 1):
            candidates.append(("dtstart", start))
        for key, value in candidates[:1]:
            try:
                return datetime.date.fromisoformat(str(value)[:10])
            except ValueError:
                self.problem(
                    (*where, key),
                    _("'%(value)s' is geen datum (JJJJ-MM-DD).") % {"value": value},
                )
        return None

    def weekly_days(self, schedule: dict, where: tuple) -> list[int] | None:
        freq = schedule.get("freq") or "WEEKLY"
        if freq != "WEEKLY":
            self.notice(
                where,
                _("alleen wekelijkse roosters worden overgenomen, geen '%(freq)s'.")
                % {"freq": freq},
            )
            return None
        interval = schedule.get("interval")
        if interval not in (None, 1):
            self.notice(
                where,
                _("een rooster om de %(interval)s weken wordt overgeslagen.")
                % {"interval": interval},
            )
            return None
        codes = [
            code.strip().upper() for code in str(schedule.get("byday") or "").split(",")
        ]
        codes = [code for code in codes if code]
        if not codes:
            self.notice(
                where, _("een rooster zonder dagen (byday) wordt overgeslagen.")
            )
            return None
        unknown = [code for code in codes if code not in BYDAY]
        if unknown:
            self.problem(
                (*where, "byday"),
                _("'%(codes)s' zijn geen dagen; gebruik MO, TU, WE, TH, FR, SA, SU.")
                % {"codes": ",".join(unknown)},
            )
            return None
        return sorted({BYDAY.index(code) for code in codes})

    def time(self, schedule: dict, key: str, where: tuple) -> datetime.time | None:
        value = schedule.get(key)
        if value in (None, ""):
            return None
        match = _TIME.match(str(value).strip())
        if match is None or int(match.group(1)) > 23:
            self.problem(
                (*where, key),
                _("'%(value)s' is geen tijd zoals 09:00.") % {"value": value},
            )
            return None
        return datetime.time(int(match.group(1)), int(match.group(2)))

    def reason(self, schedule: dict, where: tuple) -> str:
        reason = " ".join(str(schedule.get("notes") or "").split())
        if len(reason) > 100:
            self.notice(
                (*where, "notes"),
                _("de reden is ingekort tot 100 tekens."),
            )
            reason = reason[:99] + "…"
        return reason


# The import ------------------------------------------------------------------------


def hsds_import(*, site: Site, path: Path, user, dry_run: bool) -> HSDSImportReport:
    """Import the HSDS organisation records at ``path`` into ``site``, all or nothing.

    Every problem (the files, the schemas, the values, the database) is
    reported before anything is written; with any problem nothing is written.
    """
    report = HSDSImportReport(dry_run=dry_run)
    index_page = social_map_page_for_site(site=site)
    if index_page is None:
        report.problems.append(
            ImportProblem(
                _(
                    "%(site)s heeft nog geen pagina 'Sociale kaart'. Maak die "
                    "eerst aan; de organisaties komen eronder."
                )
                % {"site": site.site_name or site.hostname}
            )
        )
    sources = read_sources(path, report=report)
    validate_sources(sources, report=report)
    if report.problems:
        return report

    terms = _Terms()
    organisations: list[tuple[Source, OrganisationData]] = []
    for source in sources:
        reader = RecordReader(source, site=site, terms=terms)
        try:
            organisations.append((source, reader.read()))
        except _Problems:
            pass
        report.problems += reader.problems
        report.notices += reader.notices
    if report.problems:
        return report

    _write(index_page, organisations, site=site, path=path, user=user, report=report)
    return report


def _write(
    index_page: SocialMapPage,
    organisations: list[tuple[Source, OrganisationData]],
    *,
    site: Site,
    path: Path,
    user,
    report: HSDSImportReport,
) -> None:
    with submission_emails_collected() as submitted, transaction.atomic():
        for source, data in organisations:
            try:
                result = organisation_upsert(
                    index_page=index_page, data=data, user=user, dry_run=report.dry_run
                )
            except OrganisationUpsertError as error:
                report.problems.append(
                    ImportProblem(f"{source.file}, {json_path(source.path)}: {error}")
                )
                continue
            if result.action == UpsertAction.CREATED:
                report.created += 1
            elif result.action == UpsertAction.UPDATED:
                report.updated += 1
            else:
                report.unchanged += 1
        if report.problems:
            transaction.set_rollback(True)
            report.created = report.updated = report.unchanged = 0
    if submitted and not report.problems:
        import_submissions_notify(
            site=site, task_states=submitted, user=user, source=path.name
        )
