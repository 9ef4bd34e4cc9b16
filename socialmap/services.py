"""Writes for the sociale kaart: organisations from a spreadsheet or another source.

``organisation_upsert`` creates or updates one organisation from plain data
(``OrganisationData``); the spreadsheet import (``sociale_kaart_import``) and
the Open Referral (HSDS) import both go through it, so imported pages are
always drafts that go through the site's "Goedkeuring" workflow, and
importing the same data twice writes nothing the second time.
"""

import datetime
import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from html import escape
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.mail import send_mail
from wagtail.models import Revision, Site, TaskState, WorkflowState

from core.models import Neighbourhood, TargetGroup, Theme

from .models import (
    Location,
    OpeningHours,
    OpeningHoursException,
    OrganisationPage,
    Service,
    SocialMapPage,
)
from .notifications import submission_emails_collected, submission_recipients

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------
# The data an import gives for one organisation.
#
# ``None`` means "the source does not say": an existing organisation keeps
# what it has, a new one gets the field's default. An empty string or list
# means "empty": the import clears the field.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class OpeningHoursData:
    """One opening period; ``closes`` before ``opens`` runs past midnight."""

    weekday: int  # 0 = Monday
    opens: datetime.time
    closes: datetime.time


@dataclass(frozen=True)
class HoursExceptionData:
    """A date with other hours than usual (``OpeningHoursException``)."""

    date: datetime.date
    closed: bool = True
    opens: datetime.time | None = None
    closes: datetime.time | None = None
    reason: str = ""


@dataclass
class ServiceData:
    """A service; it is matched to an existing one by its name (any case)."""

    name: str
    description: str | None = None
    for_whom: str | None = None
    cost: str | None = None
    is_free: bool | None = None
    how_to_apply: str | None = None
    support_level: str | None = None  # a SupportLevel value, or ""


@dataclass
class LocationData:
    """A location; it is matched to an existing one by street, postcode and city.

    Coordinates left at ``None`` are kept from the matched location (a
    geocoder or an editor may have placed the pin); so are ``opening_hours``
    and ``exceptions`` when they are ``None``.
    """

    street_address: str
    city: str
    name: str | None = None
    postcode: str | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    accessibility_notes: str | None = None
    opening_hours: list[OpeningHoursData] | None = None
    exceptions: list[HoursExceptionData] | None = None


@dataclass
class OrganisationData:
    """One organisation as a source describes it, identified by ``external_id``.

    ``description`` is rich text (HTML); ``plain_text_to_rich_text`` turns
    plain text into it. ``services`` and ``locations`` replace the page's
    lists when given (in this order); ``None`` keeps them as they are.
    """

    external_id: str
    title: str
    introduction: str | None = None
    description: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    neighbourhoods: Sequence[Neighbourhood] | None = None
    themes: Sequence[Theme] | None = None
    target_groups: Sequence[TargetGroup] | None = None
    last_checked: datetime.date | None = None
    services: list[ServiceData] | None = None
    locations: list[LocationData] | None = None


class UpsertAction(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass
class UpsertResult:
    action: UpsertAction
    #: The organisation; None when a dry run would create it.
    page: OrganisationPage | None
    #: The new draft revision; None when nothing was written.
    revision: Revision | None = None


class OrganisationUpsertError(ValueError):
    """The data cannot be written; the message is Dutch, for the person importing."""


@dataclass(frozen=True)
class ImportProblem:
    """One problem in an import, where the municipality can find it.

    ``row`` is the row number as the spreadsheet shows it (the header is row
    1); ``column`` the column name. Either is None for a problem with the
    whole file.
    """

    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _("Rij %(row)s, kolom '%(column)s': %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row is not None:
            return _("Rij %(row)s: %(message)s") % {
                "row": self.row,
                "message": self.message,
            }
        if self.column:
            return _("Kolom '%(column)s': %(message)s") % {
                "column": self.column,
                "message": self.message,
            }
        return self.message


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def organisations(self) -> int:
        return self.created + self.updated + self.unchanged

    def summary(self) -> str:
        if self.problems:
            return ngettext(
                "%(count)s probleem gevonden; er is niets ingelezen.",
                "%(count)s problemen gevonden; er is niets ingelezen.",
                len(self.problems),
            ) % {"count": len(self.problems)}
        counts = _(
            "%(created)s nieuw, %(updated)s bijgewerkt, %(unchanged)s ongewijzigd"
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.dry_run:
            return _("Proef geslaagd, er is nog niets opgeslagen: %(counts)s.") % {
                "counts": counts
            }
        return _("Ingelezen: %(counts)s.") % {"counts": counts}


# --------------------------------------------------------------------------
# Helpers for sources.
# --------------------------------------------------------------------------


def plain_text_to_rich_text(text: str) -> str:
    """Plain text as rich text: a blank line starts a paragraph, a newline a line."""
    paragraphs = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip())
    return "".join(
        "<p>" + "<br/>".join(escape(line.strip()) for line in p.split("\n")) + "</p>"
        for p in paragraphs
        if p.strip()
    )


def social_map_page_for_site(*, site: Site) -> SocialMapPage | None:
    """The site's "Sociale kaart" page, where imported organisations go."""
    return SocialMapPage.objects.descendant_of(site.root_page).order_by("path").first()


# --------------------------------------------------------------------------
# Comparing the data with the organisation's latest revision.
# --------------------------------------------------------------------------

SCALAR_FIELDS = (
    "title",
    "introduction",
    "description",
    "phone",
    "email",
    "website",
    "last_checked",
)
TAXONOMY_FIELDS = ("neighbourhoods", "themes", "target_groups")
SERVICE_FIELDS = (
    "description",
    "for_whom",
    "cost",
    "is_free",
    "how_to_apply",
    "support_level",
)
SERVICE_DEFAULTS = {"is_free": False}
LOCATION_FIELDS = ("name", "postcode", "accessibility_notes")
LOCATION_MODEL_FIELDS = {
    "street_address",
    "city",
    "latitude",
    "longitude",
    *LOCATION_FIELDS,
}
_BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')


def _rich_text_key(html: str) -> str:
    """Rich text without what the editor adds by itself (block keys, spacing)."""
    return re.sub(r">\s+<", "><", _BLOCK_KEY.sub("", html or "")).strip()


def _time(value) -> datetime.time | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.time):
        return value
    return datetime.time.fromisoformat(value)


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    return Decimal(str(value)).quantize(Decimal("0.000001"))


def _address_key(street_address: str, postcode: str | None, city: str) -> tuple:
    return (
        " ".join((street_address or "").split()).casefold(),
        (postcode or "").replace(" ", "").upper(),
        " ".join((city or "").split()).casefold(),
    )


def _sorted_hours(hours: Iterable[OpeningHoursData]) -> list[OpeningHoursData]:
    return sorted(hours, key=lambda h: (h.weekday, h.opens, h.closes))


def _sorted_exceptions(
    exceptions: Iterable[HoursExceptionData],
) -> list[HoursExceptionData]:
    return sorted(exceptions, key=lambda e: (e.date, e.opens or datetime.time.min))


@dataclass
class _State:
    """An organisation in comparable form: every field filled, nothing lazy."""

    scalars: dict[str, Any]
    taxonomies: dict[str, tuple[int, ...]]
    services: list[ServiceData]
    locations: list[LocationData]

    def comparable(self) -> tuple:
        scalars = dict(self.scalars)
        scalars["description"] = _rich_text_key(scalars["description"])
        return (scalars, self.taxonomies, self.services, self.locations)


def _empty_state() -> _State:
    return _State(
        scalars={
            name: (None if name == "last_checked" else "") for name in SCALAR_FIELDS
        },
        taxonomies=dict.fromkeys(TAXONOMY_FIELDS, ()),
        services=[],
        locations=[],
    )


def _state_from_content(content: Mapping[str, Any]) -> _State:
    """The state of a page from its revision content (``serializable_data()``),
    read without a query."""
    scalars = {name: content.get(name) or "" for name in SCALAR_FIELDS}
    scalars["last_checked"] = _date(content.get("last_checked"))
    taxonomies = {
        name: tuple(sorted(int(pk) for pk in content.get(name) or ()))
        for name in TAXONOMY_FIELDS
    }
    services = [
        ServiceData(
            name=item.get("name") or "",
            **{
                name: item.get(name) or SERVICE_DEFAULTS.get(name, "")
                for name in SERVICE_FIELDS
            },
        )
        for item in content.get("services") or ()
    ]
    locations = [
        LocationData(
            street_address=item.get("street_address") or "",
            city=item.get("city") or "",
            name=item.get("name") or "",
            postcode=item.get("postcode") or "",
            latitude=_decimal(item.get("latitude")),
            longitude=_decimal(item.get("longitude")),
            accessibility_notes=item.get("accessibility_notes") or "",
            opening_hours=_sorted_hours(
                OpeningHoursData(
                    weekday=int(hours["weekday"]),
                    opens=_time(hours["opens"]),
                    closes=_time(hours["closes"]),
                )
                for hours in item.get("opening_hours") or ()
            ),
            exceptions=_sorted_exceptions(
                HoursExceptionData(
                    date=_date(exception["date"]),
                    closed=bool(exception.get("closed")),
                    opens=_time(exception.get("opens")),
                    closes=_time(exception.get("closes")),
                    reason=exception.get("reason") or "",
                )
                for exception in item.get("hours_exceptions") or ()
            ),
        )
        for item in content.get("locations") or ()
    ]
    return _State(scalars, taxonomies, services, locations)


def _resolved_services(
    services: list[ServiceData] | None, current: list[ServiceData]
) -> list[ServiceData]:
    if services is None:
        return current
    by_name = {service.name.casefold(): service for service in current}
    resolved = []
    for service in services:
        match = by_name.get(service.name.casefold())
        values = {}
        for name in SERVICE_FIELDS:
            value = getattr(service, name)
            if value is None:
                value = (
                    getattr(match, name)
                    if match is not None
                    else SERVICE_DEFAULTS.get(name, "")
                )
            values[name] = value
        resolved.append(ServiceData(name=service.name, **values))
    return resolved


def _resolved_locations(
    locations: list[LocationData] | None, current: list[LocationData]
) -> list[LocationData]:
    if locations is None:
        return current
    by_address = {
        _address_key(loc.street_address, loc.postcode, loc.city): loc for loc in current
    }
    # A source without postcodes matches on street and city alone.
    by_street = {
        _address_key(loc.street_address, None, loc.city): loc for loc in current
    }
    resolved = []
    for location in locations:
        match = (by_street if location.postcode is None else by_address).get(
            _address_key(location.street_address, location.postcode, location.city)
        )
        values = {}
        for name in LOCATION_FIELDS:
            value = getattr(location, name)
            if value is None:
                value = getattr(match, name) if match is not None else ""
            values[name] = value
        latitude, longitude = _decimal(location.latitude), _decimal(location.longitude)
        if latitude is None and longitude is None and match is not None:
            latitude, longitude = match.latitude, match.longitude
        hours = location.opening_hours
        if hours is None:
            hours = match.opening_hours if match is not None else []
        exceptions = location.exceptions
        if exceptions is None:
            exceptions = match.exceptions if match is not None else []
        resolved.append(
            LocationData(
                street_address=location.street_address,
                city=location.city,
                latitude=latitude,
                longitude=longitude,
                opening_hours=_sorted_hours(hours),
                exceptions=_sorted_exceptions(exceptions),
                **values,
            )
        )
    return resolved


def _state_from_data(data: OrganisationData, current: _State) -> _State:
    """What the page will say once ``data`` is applied to ``current``."""
    scalars = {}
    for name in SCALAR_FIELDS:
        value = getattr(data, name)
        scalars[name] = current.scalars[name] if value is None else value
    taxonomies = {}
    for name in TAXONOMY_FIELDS:
        value = getattr(data, name)
        taxonomies[name] = (
            current.taxonomies[name]
            if value is None
            else tuple(sorted({item.pk for item in value}))
        )
    return _State(
        scalars=scalars,
        taxonomies=taxonomies,
        services=_resolved_services(data.services, current.services),
        locations=_resolved_locations(data.locations, current.locations),
    )


# --------------------------------------------------------------------------
# Writing one organisation.
# --------------------------------------------------------------------------


def _check_data(*, site: Site, data: OrganisationData) -> None:
    if not (data.external_id or "").strip():
        raise OrganisationUpsertError(_("Een organisatie heeft een kenmerk nodig."))
    if not (data.title or "").strip():
        raise OrganisationUpsertError(
            _("De organisatie met kenmerk '%(id)s' heeft geen naam.")
            % {"id": data.external_id}
        )
    if data.neighbourhoods:
        foreign = [n.name for n in data.neighbourhoods if n.site_id != site.pk]
        if foreign:
            raise OrganisationUpsertError(
                _("De wijken %(names)s horen niet bij dit platform.")
                % {"names": ", ".join(foreign)}
            )


def _field_errors(instance, fields: Iterable[str]) -> list[str]:
    try:
        instance.clean_fields(
            exclude=[f.name for f in instance._meta.fields if f.name not in fields]
        )
    except ValidationError as error:
        return [
            f"{instance._meta.get_field(name).verbose_name}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def _check_fields(page: OrganisationPage) -> None:
    """The model's own validation of what the import sets (lengths, e-mail,
    URL, choices), before anything is written, also in a dry run."""
    errors = _field_errors(page, {*SCALAR_FIELDS, "external_id"})
    for service in page.services.all():
        errors += _field_errors(service, {"name", *SERVICE_FIELDS})
    for location in page.locations.all():
        errors += _field_errors(location, LOCATION_MODEL_FIELDS)
        for slot in location.opening_hours.all():
            errors += _field_errors(slot, {"weekday", "opens", "closes"})
        for exception in location.hours_exceptions.all():
            errors += _field_errors(
                exception, {"date", "closed", "opens", "closes", "reason"}
            )
    if errors:
        raise OrganisationUpsertError(
            _("De organisatie '%(title)s' kan zo niet worden opgeslagen: %(errors)s")
            % {"title": page.title, "errors": " ".join(dict.fromkeys(errors))}
        )


def _apply(page: OrganisationPage, data: OrganisationData, state: _State) -> None:
    """Put ``state`` (and ``data``'s taxonomies) on ``page``, in memory."""
    for name in SCALAR_FIELDS:
        setattr(page, name, state.scalars[name])
    page.external_id = data.external_id
    for name in TAXONOMY_FIELDS:
        value = getattr(data, name)
        if value is not None:
            setattr(page, name, list(value))
    page.services = [
        Service(
            sort_order=position,
            name=service.name,
            **{name: getattr(service, name) for name in SERVICE_FIELDS},
        )
        for position, service in enumerate(state.services)
    ]
    page.locations = [
        Location(
            sort_order=position,
            street_address=location.street_address,
            city=location.city,
            name=location.name,
            postcode=location.postcode,
            latitude=location.latitude,
            longitude=location.longitude,
            accessibility_notes=location.accessibility_notes,
            opening_hours=[
                OpeningHours(
                    sort_order=slot_position,
                    weekday=slot.weekday,
                    opens=slot.opens,
                    closes=slot.closes,
                )
                for slot_position, slot in enumerate(location.opening_hours)
            ],
            hours_exceptions=[
                OpeningHoursException(
                    date=exception.date,
                    closed=exception.closed,
                    opens=exception.opens,
                    closes=exception.closes,
                    reason=exception.reason,
                )
                for exception in location.exceptions
            ],
        )
        for position, location in enumerate(state.locations)
    ]


def _submit(*, page: OrganisationPage, user, new: bool) -> None:
    """Send the page's latest revision to its workflow, restarting a running one
    (as Wagtail's "restart workflow" does), so Communicatie reviews the import."""
    current = None if new else page.current_workflow_state
    if current is not None and current.status in (
        WorkflowState.STATUS_IN_PROGRESS,
        WorkflowState.STATUS_NEEDS_CHANGES,
    ):
        current.cancel(user=user)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user)


def _current_content(page: OrganisationPage) -> Mapping[str, Any]:
    if page.latest_revision_id is not None:
        return page.latest_revision.content
    return page.serializable_data()


def _upsert(
    *,
    index_page: SocialMapPage,
    site: Site,
    data: OrganisationData,
    user,
    page: OrganisationPage | None,
    dry_run: bool,
) -> UpsertResult:
    _check_data(site=site, data=data)
    if page is None:
        page = OrganisationPage(live=False, owner=user)
        _apply(page, data, _state_from_data(data, _empty_state()))
        _check_fields(page)
        if dry_run:
            return UpsertResult(UpsertAction.CREATED, None)
        index_page.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        _submit(page=page, user=user, new=True)
        return UpsertResult(UpsertAction.CREATED, page, revision)

    content = _current_content(page)
    current = _state_from_content(content)
    state = _state_from_data(data, current)
    if state.comparable() == current.comparable():
        return UpsertResult(UpsertAction.UNCHANGED, page)
    if page.locked and page.locked_by_id != getattr(user, "pk", None):
        raise OrganisationUpsertError(
            _(
                "De organisatie '%(title)s' is vergrendeld, iemand werkt eraan. "
                "Vraag om haar te ontgrendelen en importeer opnieuw."
            )
            % {"title": page.draft_title or page.title}
        )
    draft = page.with_content_json(content)
    _apply(draft, data, state)
    _check_fields(draft)
    if dry_run:
        return UpsertResult(UpsertAction.UPDATED, page)
    if not draft.live:
        # Like Wagtail's editor: a page that was never published keeps its
        # draft in the page row too.
        draft.save()
    revision = draft.save_revision(user=user, log_action=True)
    _submit(page=draft, user=user, new=False)
    return UpsertResult(UpsertAction.UPDATED, draft, revision)


def _existing_organisations(
    *, index_page: SocialMapPage, external_ids: Iterable[str]
) -> dict[str, list[OrganisationPage]]:
    """The organisations under ``index_page`` with these external ids, with
    their latest revision, in a few queries."""
    ids = sorted(set(external_ids))
    found: dict[str, list[OrganisationPage]] = {}
    chunk = 500  # stays under SQLite's limit on query parameters
    for start in range(0, len(ids), chunk):
        pages = (
            OrganisationPage.objects.child_of(index_page)
            .filter(external_id__in=ids[start : start + chunk])
            .select_related("latest_revision")
            .order_by("path")
        )
        for page in pages:
            found.setdefault(page.external_id, []).append(page)
    return found


def _duplicate_error(external_id: str, pages: list[OrganisationPage]) -> str:
    return _(
        "Het kenmerk '%(id)s' staat bij meer dan één organisatie op de sociale "
        "kaart (%(titles)s). Maak het kenmerk bij één van hen anders."
    ) % {
        "id": external_id,
        "titles": ", ".join(f"'{page.draft_title or page.title}'" for page in pages),
    }


@transaction.atomic
def organisation_upsert(
    *,
    index_page: SocialMapPage,
    data: OrganisationData,
    user,
    dry_run: bool = False,
) -> UpsertResult:
    """Create or update the organisation ``data.external_id`` under ``index_page``.

    - No organisation with that external id under ``index_page``: a new
      OrganisationPage is created as a draft (``live=False``, owned by
      ``user``) with a revision by ``user``, and submitted to its workflow.
    - One exists: ``data`` is compared with its latest revision (services by
      name, locations by address; fields left at ``None`` keep their value).
      When anything differs, a new draft revision by ``user`` is saved and
      submitted to the workflow (a running workflow is restarted); the live
      version stays until Communicatie approves. When nothing differs,
      nothing is written at all: no revision, no log entry.
    - ``dry_run`` says what would happen and writes nothing.

    Raises ``OrganisationUpsertError`` (a Dutch message) when the data cannot
    be written: no name, wijken of another site, the external id on two
    pages, or the page locked by someone else.
    """
    external_id = (data.external_id or "").strip()
    data = replace(data, external_id=external_id)
    pages = _existing_organisations(
        index_page=index_page, external_ids=[external_id]
    ).get(external_id, [])
    if len(pages) > 1:
        raise OrganisationUpsertError(_duplicate_error(external_id, pages))
    return _upsert(
        index_page=index_page,
        site=index_page.get_site(),
        data=data,
        user=user,
        page=pages[0] if pages else None,
        dry_run=dry_run,
    )


# --------------------------------------------------------------------------
# The spreadsheet import.
# --------------------------------------------------------------------------


def sociale_kaart_import(
    *,
    site: Site,
    rows,
    user,
    dry_run: bool,
    max_rows: int | None = None,
    progress: Callable[[int], object] | None = None,
) -> ImportReport:
    """Import a sociale kaart spreadsheet into ``site``, all or nothing.

    ``rows`` is what ``socialmap.spreadsheet.read_spreadsheet`` returns, or
    any iterable of mappings from column name to cell text (row 2 onwards).
    Every problem (the file, a cell, a conflict, the database) is reported
    before anything is written; with any problem nothing is written. Without
    problems (and without ``dry_run``) every organisation goes through
    ``organisation_upsert`` in one transaction. ``progress`` is called with
    the number of spreadsheet rows done after each organisation.
    """
    from . import spreadsheet

    parsed = (
        rows
        if isinstance(rows, spreadsheet.ParsedRows)
        else spreadsheet.ParsedRows.from_mappings(rows)
    )
    report = ImportReport(dry_run=dry_run)
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
    validated = spreadsheet.validate_rows(parsed, site=site, max_rows=max_rows)
    report.problems.extend(validated.problems)
    if report.problems or index_page is None:
        report.problems.sort(key=spreadsheet.problem_order)
        return report

    existing = _existing_organisations(
        index_page=index_page,
        external_ids=[plan.data.external_id for plan in validated.organisations],
    )
    with submission_emails_collected() as submitted, transaction.atomic():
        for plan in validated.organisations:
            pages = existing.get(plan.data.external_id, [])
            try:
                if len(pages) > 1:
                    raise OrganisationUpsertError(
                        _duplicate_error(plan.data.external_id, pages)
                    )
                result = _upsert(
                    index_page=index_page,
                    site=site,
                    data=plan.data,
                    user=user,
                    page=pages[0] if pages else None,
                    dry_run=dry_run,
                )
            except OrganisationUpsertError as error:
                report.problems.append(
                    ImportProblem(str(error), row=plan.rows[0], column="kenmerk")
                )
            else:
                if result.action == UpsertAction.CREATED:
                    report.created += 1
                elif result.action == UpsertAction.UPDATED:
                    report.updated += 1
                else:
                    report.unchanged += 1
            if progress is not None:
                progress(len(plan.rows))
        if report.problems:
            transaction.set_rollback(True)
            report.created = report.updated = report.unchanged = 0
    if submitted and not report.problems:
        import_submissions_notify(
            site=site,
            task_states=submitted,
            user=user,
            source=parsed.filename or _("een spreadsheet"),
        )
    report.problems.sort(key=spreadsheet.problem_order)
    return report


SUMMARY_LISTED = 50


def import_submissions_notify(
    *, site: Site, task_states: Sequence[TaskState], user, source: str
) -> int:
    """One e-mail per approver for a whole import: which organisations wait for
    their approval. Instead of Wagtail's mail per page (collected with
    ``socialmap.notifications.submission_emails_collected``). Returns the number sent.
    """
    pages = []
    seen = set()
    for task_state in task_states:
        page = task_state.workflow_state.content_object
        if page.pk not in seen:
            seen.add(page.pk)
            pages.append(page)
    recipients = submission_recipients(task_states=task_states, user=user)
    sent = 0
    for recipient in sorted(recipients, key=lambda person: person.pk):
        context = {
            "user": recipient,
            "site_name": site.site_name or site.hostname,
            "importer": user.get_full_name() or user.get_username(),
            "source": source,
            "pages": pages,
            "listed": pages[:SUMMARY_LISTED],
            "unlisted": max(len(pages) - SUMMARY_LISTED, 0),
        }
        with translation.override(
            recipient.wagtail_userprofile.get_preferred_language()
        ):
            subject = render_to_string(
                "socialmap/email/import_submitted_subject.txt", context
            ).strip()
            body = render_to_string(
                "socialmap/email/import_submitted.txt", context
            ).strip()
        try:
            send_mail(subject, body, [recipient.email])
        except Exception:  # the import is saved: log and go on (as Wagtail does)
            logger.exception("Import summary to %s not sent", recipient.email)
        else:
            sent += 1
    return sent
