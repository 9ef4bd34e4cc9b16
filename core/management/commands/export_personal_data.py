"""Export every record about one resident (by e-mail address) as JSON or CSV.

JSON: one object with the address, the moment of export and per kind the list
of records. CSV: a zip file with one CSV file per kind. The export is recorded
in the admin's audit log without the address (a keyed hash of it).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from core.personal_data import (
    EXPORT_ACTION,
    InvalidEmail,
    email_normalise,
    personal_data_csv_zip,
    personal_data_json,
    personal_data_log,
)


class Command(BaseCommand):
    help = (
        "Export every record about the resident with this e-mail address "
        "(JSON to standard output or --output; CSV as a zip, needs --output)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The resident's e-mail address.")
        parser.add_argument("--format", choices=("json", "csv"), default="json")
        parser.add_argument("--output", help="Write to this file instead.")

    def handle(self, *args, **options) -> None:
        try:
            email = email_normalise(options["email"])
        except InvalidEmail:
            raise CommandError(
                f"Not an e-mail address: {options['email']!r}."
            ) from None
        if options["format"] == "csv" and not options["output"]:
            raise CommandError("The CSV export is a zip file: give --output PATH.")
        export = personal_data_json(email=email)
        if options["format"] == "csv":
            content = personal_data_csv_zip(export["records"])
        else:
            content = (
                json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
                + "\n"
            ).encode()
        counts = {kind: len(rows) for kind, rows in export["records"].items()}
        if options["output"]:
            try:
                Path(options["output"]).write_bytes(content)
            except OSError as error:
                raise CommandError(
                    f"Cannot write {options['output']}: {error.strerror}."
                ) from None
        else:
            self.stdout.write(content.decode(), ending="")
        personal_data_log(
            action=EXPORT_ACTION, email=email, counts=counts, via="command"
        )
        if options["output"] and options["verbosity"] > 0:
            total = sum(counts.values())
            noun = "record" if total == 1 else "records"
            self.stdout.write(f"Exported {total} {noun} to {options['output']}.")
