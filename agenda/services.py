"""Writes for the agenda."""

from django.db import transaction
from django.utils import timezone

from .recurrence import default_horizon, occurrence_starts


@transaction.atomic
def event_occurrences_refresh(*, event) -> int:
    """Replace the stored occurrences of ``event`` with those its rule gives.

    Repeating events without an end date are expanded up to a horizon; a daily
    run of ``refresh_occurrences`` keeps that horizon ahead of today.
    """
    from .models import EventOccurrence

    EventOccurrence.objects.filter(event=event).delete()
    if event.start is None:
        return 0
    skipped = [skipped.date for skipped in event.skipped_dates.all()]
    starts = occurrence_starts(
        start=event.start,
        repetition=event.repetition,
        week_of_month=event.week_of_month,
        until=event.repeat_until,
        skipped=skipped,
        horizon=default_horizon(timezone.now()),
    )
    duration = (event.end - event.start) if event.end else None
    EventOccurrence.objects.bulk_create(
        [
            EventOccurrence(
                event=event, start=start, end=(start + duration) if duration else None
            )
            for start in starts
        ]
    )
    return len(starts)
