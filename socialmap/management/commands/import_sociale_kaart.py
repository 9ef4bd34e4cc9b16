"""Import a sociale kaart spreadsheet (CSV or XLSX) into one site.

Every problem is listed (in Dutch, by row and column) before anything is
written; with any problem nothing is written and the exit code is 1. The
column layout is in docs/sociale-kaart-import.md.
"""

import sys
from pathlib import Path

from django.core.management.base import CommandError
from tqdm import tqdm

from core.commands import loggers_quiet
from socialmap.management.importing import ImportCommand
from socialmap.services import sociale_kaart_import
from socialmap.spreadsheet import read_spreadsheet


class Command(ImportCommand):
    help = (
        "Leest de sociale kaart in uit een CSV- of Excel-bestand (.xlsx); zie "
        "docs/sociale-kaart-import.md. Imports the sociale kaart from a CSV or "
        "XLSX file: new organisations become drafts in the approval workflow, "
        "changed ones get a new draft, unchanged ones are left alone."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Het .csv- of .xlsx-bestand.")
        super().add_arguments(parser)
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="Geen voortgangsbalk tonen.",
        )
        parser.add_argument(
            "--max-rows",
            type=int,
            default=None,
            help="Hoeveel rijen er hooguit in het bestand mogen staan.",
        )

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        site = self.site(options["site"])
        user = self.user(options["user"], site=site)

        parsed = read_spreadsheet(
            path.read_bytes(), filename=path.name, max_rows=options["max_rows"]
        )
        show_progress = not options["no_progress"] and sys.stderr.isatty()
        with (
            loggers_quiet(),
            tqdm(
                total=len(parsed),
                unit="rij",
                desc="Controleren" if options["dry_run"] else "Importeren",
                file=sys.stderr,
                disable=not show_progress,
            ) as bar,
        ):
            report = sociale_kaart_import(
                site=site,
                rows=parsed,
                user=user,
                dry_run=options["dry_run"],
                max_rows=options["max_rows"],
                progress=bar.update,
            )

        for problem in report.problems:
            self.stdout.write(str(problem))
        if report.problems:
            raise CommandError(report.summary(), returncode=1)
        self.stdout.write(self.style.SUCCESS(report.summary()))
