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

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from core.selectors import sites_moderated_by
from socialmap.hsds.importer import hsds_import


class Command(BaseCommand):
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
            choices = ", ".join(f"{site.hostname}:{site.port}" for site in sites)
            raise CommandError(f"Meer dan één platform past; kies uit {choices}.")
        return sites[0]

    def user(self, username: str, *, site: Site):
        model = get_user_model()
        user = model.objects.filter(**{model.USERNAME_FIELD: username}).first()
        if user is None or not user.is_active:
            raise CommandError(f"Geen actieve gebruiker {username!r}.")
        if not sites_moderated_by(user=user).filter(pk=site.pk).exists():
            raise CommandError(
                f"{username} mag op {site.site_name or site.hostname} niet "
                "publiceren, en kan dus niet importeren."
            )
        return user
