"""Import Open Referral HSDS 3.0 organisation records into one site.

    manage.py import_hsds FILE_OR_DIR --site HOST[:PORT] --user USERNAME [--dry-run]

FILE_OR_DIR: a JSON file with HSDS organization records (one, a list, or an
HSDS API page with "contents", as /api/hsds/organizations?full=true&
full_service=true gives them), or a directory of such files. Every record is
checked against the official HSDS schemas first; every problem is listed in
Dutch with its file and JSON path, and with any problem nothing is written
(exit code 1). See ``socialmap/hsds/importer.py`` for the mapping.
"""

from pathlib import Path

from django.core.management.base import CommandError

from socialmap.hsds.importer import hsds_import
from socialmap.management.importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Leest organisaties in uit Open Referral HSDS 3.0 (JSON). Imports HSDS "
        "organization records: new organisations become drafts in the approval "
        "workflow, changed ones get a new draft, unchanged ones are left alone."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "path",
            metavar="FILE_OR_DIR",
            help="Een .json-bestand, of een map met .json-bestanden.",
        )
        super().add_arguments(parser)

    def handle(self, *args, **options) -> None:
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"Bestand of map niet gevonden: {path}")
        site = self.site(options["site"])
        user = self.user(options["user"], site=site)

        report = hsds_import(
            site=site, path=path, user=user, dry_run=options["dry_run"]
        )

        for notice in report.notices:
            self.stdout.write(self.style.WARNING(notice))
        for problem in report.problems:
            self.stdout.write(str(problem))
        if report.problems:
            raise CommandError(report.summary(), returncode=1)
        self.stdout.write(self.style.SUCCESS(report.summary()))
