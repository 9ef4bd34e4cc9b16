"""Delete residents' responses to vacancies once their retention period is over.

Meant to run once a day (cron, or a scheduled task); running it twice deletes
nothing more. The period is BUURTPLEIN_VACANCY_RESPONSE_RETENTION_DAYS.
``purge_personal_data`` does this and the other kinds of personal data in one
go; this command remains for existing cron lines and does the responses only,
through the same code (their log entries lose their text too).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.personal_data import personal_data_purge


class Command(BaseCommand):
    # Operator-facing, like Django's own commands: English, not translated.
    help = (
        "Delete responses to vacancies older than "
        "BUURTPLEIN_VACANCY_RESPONSE_RETENTION_DAYS days. Run it daily "
        "(or run purge_personal_data, which includes them)."
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
        (result,) = personal_data_purge(
            kinds=["vacancy_responses"], dry_run=options["dry_run"]
        )
        count = result.deleted
        if options["verbosity"] > 0:
            verb = "Would delete" if options["dry_run"] else "Deleted"
            noun = "response" if count == 1 else "responses"
            unit = "day" if days == 1 else "days"
            self.stdout.write(
                f"{verb} {count} vacancy {noun} older than {days} {unit}."
            )
