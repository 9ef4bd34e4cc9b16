"""Delete or anonymise residents' personal data past its retention period.

Asks every registered provider (core/personal_data.py): responses to
vacancies, residents' tips, help requests and offers, and whatever a later app
registers, and takes the text out of the admin's log entries about them.
Meant to run once a day (cron); running it twice changes nothing more.
"""

from django.core.management.base import BaseCommand, CommandError

from core.personal_data import personal_data_providers, personal_data_purge


class Command(BaseCommand):
    # Operator-facing, like Django's own commands: English, not translated.
    help = (
        "Delete or anonymise residents' personal data past its retention period "
        "(every kind registered with the register_personal_data hook). Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count what would be deleted or anonymised.",
        )

    def handle(self, *args, **options) -> None:
        for provider in personal_data_providers():
            days = provider.retention_days()
            if days < 1:
                raise CommandError(
                    f"{provider.retention_setting} must be at least 1 (it is {days})."
                )
        dry_run = options["dry_run"]
        counts = personal_data_purge(dry_run=dry_run)
        if options["verbosity"] < 1:
            return
        for count in counts:
            unit = "day" if count.retention_days == 1 else "days"
            parts = []
            if count.deleted or not count.anonymised:
                verb = "would delete" if dry_run else "deleted"
                parts.append(f"{verb} {count.deleted}")
            if count.anonymised:
                verb = "would anonymise" if dry_run else "anonymised"
                parts.append(f"{verb} {count.anonymised}")
            line = (
                f"{count.kind.replace('_', ' ')}: {', '.join(parts)} past the "
                f"retention of {count.retention_days} {unit}"
            )
            if not dry_run:
                line += f"; {count.log_entries_scrubbed} log entries scrubbed"
            self.stdout.write(line + ".")
