"""Delete residents' responses to vacancies once their retention period is over.

Meant to run once a day (cron, or a scheduled task); running it twice deletes
nothing more. The period is BUURTPLEIN_VACANCY_RESPONSE_RETENTION_DAYS.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from vacancies.services import vacancy_responses_purge


class Command(BaseCommand):
    # Operator-facing, like Django's own commands: English, not translated.
    help = (
        "Delete responses to vacancies older than "
        "BUURTPLEIN_VACANCY_RESPONSE_RETENTION_DAYS days. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the responses that would be deleted.",
        )

    def handle(self, *args, **options) -> None:
        days = settings.BUURTPLEIN_VACANCY_RESPONSE_RETENTION_DAYS
        if days < 1:
            raise CommandError(
                "BUURTPLEIN_VACANCY_RESPONSE_RETENTION_DAYS must be at least 1 "
                f"(it is {days})."
            )
        count = vacancy_responses_purge(retention_days=days, dry_run=options["dry_run"])
        if options["verbosity"] > 0:
            verb = "Would delete" if options["dry_run"] else "Deleted"
            noun = "response" if count == 1 else "responses"
            unit = "day" if days == 1 else "days"
            self.stdout.write(
                f"{verb} {count} vacancy {noun} older than {days} {unit}."
            )
