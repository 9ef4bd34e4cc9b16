"""Re-expand the dates of every live event, so repeating events stay ahead of today.

Meant to run once a day (cron, or a scheduled task): the dates of a repeating
event without an end are stored up to a horizon that moves with today.
"""

from django.core.management.base import BaseCommand

from agenda.models import EventPage
from agenda.services import event_occurrences_refresh


class Command(BaseCommand):
    # Operator-facing, like Django's own commands: English, not translated.
    help = "Re-expand the stored dates of every live event. Run it daily."

    def handle(self, *args, **options) -> None:
        events = EventPage.objects.live().only("pk").order_by("pk")
        event_count = occurrence_count = 0
        for event in events.iterator():
            occurrence_count += event_occurrences_refresh(event=event)
            event_count += 1
        if options["verbosity"] > 0:
            self.stdout.write(
                f"Refreshed {event_count} events: {occurrence_count} dates stored."
            )
