"""Erase every record about one resident (by e-mail address), with --yes.

Without --yes it shows what would be erased and stops with exit code 1.
Records are deleted, or anonymised where a report still counts them; the
admin's log entries about them lose their text. The erasure is recorded in the
audit log without the address (a keyed hash of it).
"""

from django.core.management.base import BaseCommand, CommandError

from core.personal_data import (
    ERASE_ACTION,
    InvalidEmail,
    email_normalise,
    personal_data_counts,
    personal_data_erase,
    personal_data_log,
)


class Command(BaseCommand):
    help = (
        "Erase every record about the resident with this e-mail address "
        "(deleted, or anonymised where reports count them). Needs --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The resident's e-mail address.")
        parser.add_argument(
            "--yes", action="store_true", help="Really erase (there is no undo)."
        )

    def handle(self, *args, **options) -> None:
        try:
            email = email_normalise(options["email"])
        except InvalidEmail:
            raise CommandError(
                f"Not an e-mail address: {options['email']!r}."
            ) from None
        found = personal_data_counts(email=email)
        total = sum(count.found for count in found)
        if not options["yes"]:
            for count in found:
                self.stdout.write(f"{count.kind.replace('_', ' ')}: {count.found}")
            raise CommandError(
                f"Nothing erased: run again with --yes to erase these {total} records."
            )
        counts = personal_data_erase(email=email)
        personal_data_log(
            action=ERASE_ACTION,
            email=email,
            counts={count.kind: count.found for count in counts},
            via="command",
        )
        if options["verbosity"] < 1:
            return
        for count in counts:
            self.stdout.write(
                f"{count.kind.replace('_', ' ')}: deleted {count.deleted}, "
                f"anonymised {count.anonymised}, "
                f"{count.log_entries_scrubbed} log entries scrubbed."
            )
