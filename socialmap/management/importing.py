"""What the sociale kaart's import commands share: --site, --user, --dry-run."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from core.commands import site_from_option
from core.selectors import sites_moderated_by


class ImportCommand(BaseCommand):
    def add_arguments(self, parser) -> None:
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

    def site(self, value: str) -> Site:
        return site_from_option(value)

    def user(self, username: str, *, site: Site):
        """An active user who may publish on ``site`` (so may import into it)."""
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
