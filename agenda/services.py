"""Writes for the agenda."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .recurrence import default_horizon, occurrence_starts


@transaction.atomic
def event_occurrences_refresh(*, event, now: datetime | None = None) -> int:
    """Replace the stored occurrences of ``event`` with those its rule gives.

    Reads the event as stored, not the object in hand: saving a draft revision
    saves the page with the draft's values in memory but writes only a few
    columns, and the agenda must keep showing the published dates.

    Repeating events without an end date are expanded up to a horizon; a daily
    run of ``refresh_occurrences`` keeps that horizon ahead of today.
    """
    from .models import EventOccurrence, EventPage

    EventOccurrence.objects.filter(event_id=event.pk).delete()
    stored = EventPage.objects.filter(pk=event.pk).first()
    if stored is None or stored.start is None:
        return 0
    skipped = stored.skipped_dates.values_list("date", flat=True)
    starts = occurrence_starts(
        start=stored.start,
        repetition=stored.repetition,
        week_of_month=stored.week_of_month,
        until=stored.repeat_until,
        skipped=skipped,
        horizon=default_horizon(now or timezone.now()),
    )
    duration = (stored.end - stored.start) if stored.end else None
    EventOccurrence.objects.bulk_create(
        [
            EventOccurrence(
                event_id=stored.pk,
                start=start,
                end=(start + duration) if duration else None,
            )
            for start in starts
        ]
    )
    return len(starts)
