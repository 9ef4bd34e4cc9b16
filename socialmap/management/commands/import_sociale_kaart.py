"""Import a sociale kaart spreadsheet (CSV or XLSX) into one site.

Every problem is listed (in Dutch, by row and column) before anything is
written; with any problem nothing is written and the exit code is 1. The
column layout is in docs/sociale-kaart-import.md.
"""

import logging
import sys
from contextlib import contextmanager
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm
from wagtail.models import Site

from core.selectors import sites_moderated_by
from socialmap.services import sociale_kaart_import
from socialmap.spreadsheet import read_spreadsheet

# Every page save logs a background task and Wagtail logs each page change:
# thousands of lines that would hide the progress bar and the problems.
CHATTY_LOGGERS = ("django_tasks", "wagtail")


@contextmanager
def loggers_quiet(names=CHATTY_LOGGERS):
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Leest de sociale kaart in uit een CSV- of Excel-bestand (.xlsx); zie "
        "docs/sociale-kaart-import.md. Imports the sociale kaart from a CSV or "
        "XLSX file: new organisations become drafts in the approval workflow, "
        "changed ones get a new draft, unchanged ones are left alone."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="Het .csv- of .xlsx-bestand.")
        parser.add_argument(
            "--site",
            required=True,
            metavar="HOST[:PORT]",
            help="Het platform: hostnaam, eventueel met poort (localhost:8000).",
        )
        parser.add_argument(
            "--user",
            required=True,
            metavar="USERNAME",
            help="Wie de import doet; moet op dat platform mogen publiceren.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen controleren en tellen; niets opslaan.",
        )
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

    def site(self, value: str) -> Site:
        hostname, _sep, port = value.partition(":")
        sites = Site.objects.filter(hostname=hostname)
        if port:
            if not port.isdigit():
                raise CommandError(f"Geen poortnummer: {port!r}.")
            sites = sites.filter(port=int(port))
        sites = list(sites.select_related("root_page"))
        if not sites:
            raise CommandError(f"Geen platform met hostnaam {value!r}.")
        if len(sites) > 1:
            choices = ", ".join(f"{s.hostname}:{s.port}" for s in sites)
            raise CommandError(f"Meer dan één platform past; kies uit {choices}.")
        return sites[0]

    def user(self, username: str, *, site: Site):
        user = (
            get_user_model()
            .objects.filter(**{get_user_model().USERNAME_FIELD: username})
            .first()
        )
        if user is None or not user.is_active:
            raise CommandError(f"Geen actieve gebruiker {username!r}.")
        if not sites_moderated_by(user=user).filter(pk=site.pk).exists():
            raise CommandError(
                f"{username} mag op {site.site_name or site.hostname} niet "
                "publiceren, en kan dus niet importeren."
            )
        return user
