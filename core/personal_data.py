"""Residents' personal data (AVG): find, export, erase and purge, for every app.

Core knows no feature app. Each app that stores a resident's personal data
registers a ``PersonalDataProvider`` per model with the Wagtail hook
``register_personal_data`` (in its ``wagtail_hooks.py``); the hook function
returns one provider or a list of them. The functions here (used by the
admin page ``Instellingen → Persoonsgegevens`` and the management commands
``export_personal_data``, ``erase_personal_data`` and ``purge_personal_data``)
ask every provider in turn.

A provider says how to find a person's records by e-mail address, how to
export one record as a plain dict, which records are past their retention
period, and whether erasing means deleting the row or anonymising it (when
the row must stay for the municipality's reports). Copies are handled here,
for every provider alike: the admin's log entries of an erased record lose
their text, revisions are deleted and search-index entries removed (none of
today's models keeps revisions or is indexed, but a later one may).

Every record belongs to a site (``PersonalDataProvider.site_field``). The
admin page asks the hook ``personal_data_sites_for_user`` which sites a user
may see residents' data of (``personal_data_sites_for``): a Beheerder of one
site finds, exports and erases only that site's records. The management
commands see every site.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import ModelLogEntry, Revision, RevisionMixin
from wagtail.search import index

from .exports import spreadsheet_safe
from .models import Suggestion

HOOK_NAME = "register_personal_data"
# Hook functions take a user and return the sites whose residents' data that
# user may see (a list of Site), or None when they do not limit it.
SITES_HOOK_NAME = "personal_data_sites_for_user"

# Log actions (registered in core/wagtail_hooks.py). Their entries hold a keyed
# hash of the address, never the address itself.
EXPORT_ACTION = "buurtplein.personal_data.export"
ERASE_ACTION = "buurtplein.personal_data.erase"
PERMISSION = "core.manage_personal_data"

# The legal bases (AVG article 6) a provider's ``statement_legal_basis`` names.
LEGAL_BASIS_CONSENT = _(
    "Jouw toestemming (AVG artikel 6 lid 1 sub a). Je geeft die met het vinkje "
    "in het formulier, en je kunt hem altijd weer intrekken."
)
LEGAL_BASIS_LEGITIMATE_INTEREST = _(
    "Gerechtvaardigd belang (AVG artikel 6 lid 1 sub f): een veilig platform "
    "zonder misbruik."
)

# What an anonymised text field and an erased record's log label read.
ERASED_TEXT = "[verwijderd]"
EMAIL_MAX_LENGTH = 254


class InvalidEmail(ValueError):
    """The given text is not an e-mail address."""


def email_normalise(value: str) -> str:
    """The address trimmed and lower-cased; ``InvalidEmail`` if it is none."""
    email = (value or "").strip()
    if not email or len(email) > EMAIL_MAX_LENGTH:
        raise InvalidEmail(value)
    try:
        validate_email(email)
    except ValidationError as error:
        raise InvalidEmail(value) from error
    return email.lower()


def email_fingerprint(email: str) -> str:
    """A keyed hash of the address for the audit log: it proves which address
    a request concerned to whoever knows the address (and the secret key),
    and tells nobody else anything."""
    return salted_hmac(
        "buurtplein.personal_data", email_normalise(email), algorithm="sha256"
    ).hexdigest()[:32]


@dataclass
class KindCount:
    """What happened (or would happen) to one kind of record."""

    kind: str
    label: str
    found: int = 0
    deleted: int = 0
    anonymised: int = 0
    log_entries_scrubbed: int = 0
    retention_days: int | None = None

    @property
    def changed(self) -> int:
        return self.deleted + self.anonymised


class PersonalDataProvider:
    """How one model's personal data is found, exported, erased and purged.

    Subclasses set ``kind`` (a stable English key, also the export's list
    name), ``label`` (Dutch, for the admin page), ``model``, and implement
    ``export_record`` and ``expired``. Set ``anonymise_fields`` (field name →
    value) to keep erased rows for the reports instead of deleting them.
    """

    kind: ClassVar[str]
    label: ClassVar[Any]
    model: ClassVar[type[models.Model]]
    email_field: ClassVar[str] = "email"
    # The path to the record's site, for limiting a Beheerder to their sites.
    site_field: ClassVar[str] = "site"
    retention_setting: ClassVar[str] = ""
    # Empty: erasing deletes the row. Else these values overwrite the fields.
    anonymise_fields: ClassVar[dict[str, Any]] = {}

    # What the privacy statement (core/statements.py) tells residents about
    # this kind, in plain Dutch: which form, what we ask, why, on which legal
    # basis (LEGAL_BASIS_CONSENT or LEGAL_BASIS_LEGITIMATE_INTEREST), who sees
    # it, and from when the retention period counts. "%(area)s" and
    # "%(the_area)s" become the platform's word ("je dorp", "het dorp").
    statement_form: ClassVar[Any] = ""
    statement_data: ClassVar[Any] = ""
    statement_purpose: ClassVar[Any] = ""
    statement_legal_basis: ClassVar[Any] = ""
    statement_recipients: ClassVar[Any] = ""
    statement_retention_from: ClassVar[Any] = ""

    # Finding and exporting

    def base_queryset(self) -> QuerySet:
        """Every row that still holds personal data (not yet anonymised)."""
        queryset = self.model._default_manager.all()
        if self.anonymise_fields:
            queryset = queryset.exclude(self.anonymised_q())
        return queryset

    def anonymised_q(self) -> Q:
        return Q(**self.anonymise_fields)

    def records_for(self, *, email: str) -> QuerySet:
        return self.base_queryset().filter(
            **{f"{self.email_field}__iexact": email_normalise(email)}
        )

    def records_in_sites(self, *, email: str, sites: Sequence | None) -> QuerySet:
        """``records_for``, limited to ``sites`` (None: every site)."""
        records = self.records_for(email=email)
        if sites is None:
            return records
        return records.filter(**{f"{self.site_field}__in": list(sites)})

    def export_record(self, record: models.Model) -> dict[str, Any]:
        raise NotImplementedError

    # Retention

    def retention_days(self) -> int:
        return int(getattr(settings, self.retention_setting))

    def expired(self, *, now: datetime.datetime) -> QuerySet:
        """The records past their retention period at ``now``."""
        raise NotImplementedError

    def cutoff(self, *, now: datetime.datetime) -> datetime.datetime:
        return now - datetime.timedelta(days=self.retention_days())

    # Erasing

    def erase(self, *, records: QuerySet) -> tuple[int, int]:
        """Delete or anonymise ``records``; returns (deleted, anonymised)."""
        pks = list(records.values_list("pk", flat=True))
        if not pks:
            return 0, 0
        rows = self.model._default_manager.filter(pk__in=pks)
        if self.anonymise_fields:
            count = rows.update(**self.anonymise_values())
            self.after_anonymise(pks=pks)
            return 0, count
        rows.delete()
        return len(pks), 0

    def anonymise_values(self) -> dict[str, Any]:
        return dict(self.anonymise_fields)

    def after_anonymise(self, *, pks: list) -> None:
        """Bring copies of anonymised rows up to date (search index)."""
        if issubclass(self.model, index.Indexed):
            for instance in self.model._default_manager.filter(pk__in=pks):
                index.insert_or_update_object(instance)


def personal_data_providers() -> list[PersonalDataProvider]:
    """Every registered provider, in hook order; kinds are unique."""
    providers: list[PersonalDataProvider] = []
    for hook in hooks.get_hooks(HOOK_NAME):
        result = hook()
        providers.extend(
            result if isinstance(result, list | tuple) else [result]  # type: ignore[arg-type]
        )
    kinds = [provider.kind for provider in providers]
    duplicates = {kind for kind in kinds if kinds.count(kind) > 1}
    if duplicates:
        raise ValueError(f"Personal data kinds registered twice: {sorted(duplicates)}")
    return providers


def _selected(kinds: Iterable[str] | None) -> list[PersonalDataProvider]:
    providers = personal_data_providers()
    if kinds is None:
        return providers
    wanted = set(kinds)
    unknown = wanted - {provider.kind for provider in providers}
    if unknown:
        raise ValueError(f"Unknown personal data kinds: {sorted(unknown)}")
    return [provider for provider in providers if provider.kind in wanted]


# Copies: log entries, revisions, the search index


def _content_type(model: type[models.Model]) -> ContentType:
    return ContentType.objects.get_for_model(model, for_concrete_model=False)


def _erased_label(model: type[models.Model], pk: Any) -> str:
    return f"{capfirst(str(model._meta.verbose_name))} #{pk} {ERASED_TEXT}"


def _scrub_log_entries(
    model: type[models.Model], entries: QuerySet, pks: Iterable[Any]
) -> int:
    """Replace the label and data of ``entries`` of these objects; the fact
    that someone acted, when and how stays in the audit trail. Returns how
    many entries still held text."""
    count = 0
    for pk in {str(pk) for pk in pks}:
        label = _erased_label(model, pk)
        count += (
            entries.filter(object_id=pk)
            .exclude(label=label, data={})
            .update(label=label, data={})
        )
    return count


def log_entries_scrub(*, model: type[models.Model], pks: Iterable[Any]) -> int:
    """Take the text out of the admin's log entries about these records."""
    pks = list(pks)
    if not pks:
        return 0
    content_type = _content_type(model)
    entries = ModelLogEntry.objects.filter(
        content_type=content_type, object_id__in=[str(pk) for pk in pks]
    )
    return _scrub_log_entries(model, entries, pks)


def log_entries_of_deleted_records_scrub(*, model: type[models.Model]) -> int:
    """Log entries of records that no longer exist (deleted by a moderator,
    or by an older purge) keep no copy of their text either."""
    content_type = _content_type(model)
    entries = ModelLogEntry.objects.filter(content_type=content_type)
    existing = {str(pk) for pk in model._default_manager.values_list("pk", flat=True)}
    orphans = set(entries.values_list("object_id", flat=True).distinct()) - existing
    return _scrub_log_entries(model, entries, orphans) if orphans else 0


def log_entries_mentioning_scrub(
    *, model: type[models.Model], email: str, keep_object_ids: Iterable[Any] = ()
) -> int:
    """Log entries of this model whose label or data mention the address,
    except those of ``keep_object_ids`` (records outside the eraser's sites)."""
    content_type = _content_type(model)
    entries = (
        ModelLogEntry.objects.filter(content_type=content_type)
        .exclude(object_id__in=[str(pk) for pk in keep_object_ids])
        .annotate(data_text=Cast("data", TextField()))
        .filter(Q(label__icontains=email) | Q(data_text__icontains=email))
    )
    pks = set(entries.values_list("object_id", flat=True))
    base = ModelLogEntry.objects.filter(content_type=content_type)
    return _scrub_log_entries(model, base, pks) if pks else 0


def _copies_erase(provider: PersonalDataProvider, *, pks: list, deleted: bool) -> int:
    """Revisions and search-index entries go; log entries lose their text."""
    model = provider.model
    if issubclass(model, RevisionMixin):
        Revision.objects.filter(
            content_type=_content_type(model), object_id__in=[str(pk) for pk in pks]
        ).delete()
    if deleted and issubclass(model, index.Indexed):
        # A deleted row leaves the index through Wagtail's own signal; an
        # explicit removal costs nothing and covers a queryset delete.
        for pk in pks:
            index.remove_object(model(pk=pk))
    return log_entries_scrub(model=model, pks=pks)


# The operations. ``sites`` limits each to the records of those sites; None
# (the default) means every site.


def personal_data_sites_for(*, user) -> list | None:
    """The sites whose residents' data ``user`` may see; None for every site.

    Superusers see every site. For anyone else, each ``personal_data_sites_for_user``
    hook may limit the sites; with several, only sites all of them allow remain.
    """
    if user.is_superuser:
        return None
    sites = None
    for hook in hooks.get_hooks(SITES_HOOK_NAME):
        allowed = hook(user)
        if allowed is None:
            continue
        allowed = list(allowed)
        sites = (
            allowed
            if sites is None
            else [site for site in sites if site.pk in {s.pk for s in allowed}]
        )
    return sites


def personal_data_find(
    *, email: str, sites: Sequence | None = None
) -> list[tuple[PersonalDataProvider, QuerySet]]:
    """Per provider, the records about the person with this address."""
    email = email_normalise(email)
    return [
        (provider, provider.records_in_sites(email=email, sites=sites))
        for provider in personal_data_providers()
    ]


def personal_data_counts(
    *, email: str, sites: Sequence | None = None
) -> list[KindCount]:
    """How many records of each kind are about this address."""
    return [
        KindCount(kind=provider.kind, label=str(provider.label), found=records.count())
        for provider, records in personal_data_find(email=email, sites=sites)
    ]


def personal_data_export(
    *, email: str, sites: Sequence | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Every record about the person, as plain dicts, one list per kind."""
    return {
        provider.kind: [provider.export_record(record) for record in records]
        for provider, records in personal_data_find(email=email, sites=sites)
    }


@transaction.atomic
def personal_data_erase(
    *, email: str, sites: Sequence | None = None
) -> list[KindCount]:
    """Delete or anonymise every record about the person, and their copies.

    With ``sites``, only the records of those sites; log entries of the
    person's records on other sites keep their text.
    """
    email = email_normalise(email)
    counts = []
    for provider, records in personal_data_find(email=email, sites=sites):
        pks = list(records.values_list("pk", flat=True))
        elsewhere = (
            []
            if sites is None
            else list(
                provider.records_for(email=email)
                .exclude(**{f"{provider.site_field}__in": list(sites)})
                .values_list("pk", flat=True)
            )
        )
        deleted, anonymised = provider.erase(records=records)
        scrubbed = _copies_erase(provider, pks=pks, deleted=bool(deleted))
        scrubbed += log_entries_mentioning_scrub(
            model=provider.model, email=email, keep_object_ids=elsewhere
        )
        # Records a moderator deleted earlier can no longer be found by
        # address; their log entries may still carry their title.
        scrubbed += log_entries_of_deleted_records_scrub(model=provider.model)
        counts.append(
            KindCount(
                kind=provider.kind,
                label=str(provider.label),
                found=len(pks),
                deleted=deleted,
                anonymised=anonymised,
                log_entries_scrubbed=scrubbed,
            )
        )
    return counts


def personal_data_purge(
    *,
    now: datetime.datetime | None = None,
    dry_run: bool = False,
    kinds: Sequence[str] | None = None,
) -> list[KindCount]:
    """Delete or anonymise what is past its retention period, with its copies.

    Idempotent: anonymised rows are not counted again, and log entries that
    were scrubbed before are left alone. With ``dry_run`` nothing changes.
    """
    now = now or timezone.now()
    counts = []
    for provider in _selected(kinds):
        days = provider.retention_days()
        if days < 1:
            raise ValueError(
                f"{provider.retention_setting} must be at least 1 (it is {days})."
            )
        expired = provider.expired(now=now)
        count = KindCount(
            kind=provider.kind, label=str(provider.label), retention_days=days
        )
        if dry_run:
            count.found = expired.count()
            if provider.anonymise_fields:
                count.anonymised = count.found
            else:
                count.deleted = count.found
        else:
            with transaction.atomic():
                pks = list(expired.values_list("pk", flat=True))
                count.found = len(pks)
                count.deleted, count.anonymised = provider.erase(records=expired)
                count.log_entries_scrubbed = _copies_erase(
                    provider, pks=pks, deleted=bool(count.deleted)
                ) + log_entries_of_deleted_records_scrub(model=provider.model)
        counts.append(count)
    return counts


# Export formats


def personal_data_json(*, email: str, sites: Sequence | None = None) -> dict[str, Any]:
    """The export as one JSON-ready object: the address, when, and per kind
    the list of records."""
    email = email_normalise(email)
    return {
        "email": email,
        "exported_at": isoformat(timezone.now()),
        "records": personal_data_export(email=email, sites=sites),
    }


def personal_data_csv_zip(export: dict[str, list[dict[str, Any]]]) -> bytes:
    """The export as a zip with one CSV file per kind (UTF-8 with a byte-order
    mark, so spreadsheets read the accents). Cells that a spreadsheet would run
    as a formula start with an apostrophe."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for kind, rows in export.items():
            text = io.StringIO()
            columns: list[str] = []
            for row in rows:
                columns.extend(key for key in row if key not in columns)
            writer = csv.writer(text)
            writer.writerow(columns)
            for row in rows:
                writer.writerow(
                    [spreadsheet_safe(row.get(column)) for column in columns]
                )
            archive.writestr(f"{kind}.csv", "\ufeff" + text.getvalue())
    return buffer.getvalue()


def isoformat(value: datetime.datetime | datetime.date | None) -> str | None:
    """Dates in an export: ISO 8601, in Dutch local time for datetimes."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat()


def personal_data_log(
    *,
    action: str,
    email: str,
    counts: dict[str, int],
    user=None,
    via: str,
    sites: Sequence | None = None,
) -> None:
    """Record an export or erasure in Wagtail's audit log, against the
    permission that allows it (a fixed object that holds no personal data).
    ``sites``: the sites it was limited to (None: every site)."""
    from django.contrib.auth.models import Permission
    from wagtail.log_actions import log

    app_label, codename = PERMISSION.split(".")
    permission = Permission.objects.get(
        content_type__app_label=app_label, codename=codename
    )
    log(
        instance=permission,
        action=action,
        user=user,
        title=str(_("Persoonsgegevens van bewoners")),
        data={
            "email_hash": email_fingerprint(email),
            "counts": counts,
            "via": via,
            **({} if sites is None else {"site_ids": [site.pk for site in sites]}),
        },
    )


def site_name(site) -> str:
    return (site.site_name or site.hostname) if site is not None else ""


# Core's own resident data: tips ("Tips van bewoners").


class SuggestionPersonalData(PersonalDataProvider):
    """Tips are deleted: no report counts them. Retention runs from when the
    tip was handled, or from when it came in if nobody handled it."""

    kind = "suggestions"
    label = _("Tips van bewoners")
    model = Suggestion
    retention_setting = "BUURTPLEIN_SUGGESTION_RETENTION_DAYS"
    statement_form = _("Een tip insturen voor de agenda of de sociale kaart")
    statement_data = _(
        "Je tip (wat, wanneer, waar, website). Als je wilt ook je naam en je "
        "e-mailadres: dat is niet verplicht."
    )
    statement_purpose = _(
        "Activiteiten en organisaties die nog ontbreken op de site zetten, en "
        "je kunnen mailen als we een vraag hebben over je tip."
    )
    statement_legal_basis = LEGAL_BASIS_CONSENT
    statement_recipients = _(
        "De redactie van de gemeente (Communicatie) en de buurtverbinders van "
        "%(the_area)s van je tip. Je naam en e-mailadres komen niet op de site."
    )
    statement_retention_from = _("nadat we je tip hebben afgehandeld")

    def base_queryset(self) -> QuerySet:
        return super().base_queryset().select_related("site", "neighbourhood")

    def export_record(self, record) -> dict[str, Any]:
        return {
            "id": record.pk,
            "platform": site_name(record.site),
            "soort": record.get_kind_display(),
            "titel": record.title,
            "omschrijving": record.description,
            "wanneer": record.when,
            "waar": record.where,
            "website": record.website,
            "wijk": record.neighbourhood.name if record.neighbourhood else "",
            "naam": record.name,
            "email": record.email,
            "mag_gemaild_worden": record.contact_consent,
            "status": record.get_status_display(),
            "notitie_moderator": record.moderator_note,
            "ingestuurd_op": isoformat(record.created_at),
            "afgehandeld_op": isoformat(record.handled_at),
        }

    def expired(self, *, now: datetime.datetime) -> QuerySet:
        return (
            self.model._default_manager.annotate(
                retention_from=Coalesce("handled_at", "created_at")
            )
            .filter(retention_from__lt=self.cutoff(now=now))
            .order_by()
        )
