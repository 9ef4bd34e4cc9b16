"""Writes for the agenda."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .recurrence import DateChange, default_horizon, expand_dates


@transaction.atomic
def event_occurrences_refresh(*, event, now: datetime | None = None) -> int:
    """Replace the stored occurrences of ``event`` with those its rule gives.

    Reads the event as stored, not the object in hand: saving a draft revision
    saves the page with the draft's values in memory but writes only a few
    columns, and the agenda must keep showing the published dates.

    Skipped dates are left out and moved dates are stored at their new time,
    with the date they replace in ``original_start``.

    Repeating events without an end date are expanded up to a horizon; a daily
    run of ``refresh_occurrences`` keeps that horizon ahead of today.
    """
    from .models import EventOccurrence, EventPage

    EventOccurrence.objects.filter(event_id=event.pk).delete()
    stored = EventPage.objects.filter(pk=event.pk).first()
    if stored is None or stored.start is None:
        return 0
    dates = expand_dates(
        start=stored.start,
        end=stored.end,
        repetition=stored.repetition,
        week_of_month=stored.week_of_month,
        until=stored.repeat_until,
        skipped=stored.skipped_dates.values_list("date", flat=True),
        changes=[
            DateChange(
                original_date=change.original_date,
                new_start=change.new_start,
                new_end=change.new_end,
            )
            for change in stored.changed_dates.all()
        ],
        horizon=default_horizon(now or timezone.now()),
    )
    EventOccurrence.objects.bulk_create(
        [
            EventOccurrence(
                event_id=stored.pk,
                start=expanded.start,
                end=expanded.end,
                original_start=expanded.original_start,
            )
            for expanded in dates
        ]
    )
    return len(dates)
