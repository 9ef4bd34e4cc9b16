"""Load the demo town: two fictional municipality platforms with content and users."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.commands import loggers_quiet
from home.demo.builder import demo_load
from home.demo.data import ADMIN_URL, PLATFORMS


class Command(BaseCommand):
    help = (
        "Bouwt de demo: twee verzonnen gemeenten met wijken, organisaties, "
        "activiteiten, nieuws, vacatures en een gebruiker per rol. "
        "Builds the demo town. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Doe niets als er al een homepage is. / Skip if any HomePage exists.",
        )
        parser.add_argument(
            "--no-users",
            action="store_true",
            help="Alleen inhoud, geen gebruikers. / Content only, no users.",
        )

    def handle(self, *args, if_empty: bool, no_users: bool, **options):
        if not no_users and not settings.DEBUG:
            raise CommandError(
                "Ik maak geen demo-gebruikers met een bekend wachtwoord als DEBUG uit "
                "staat. Gebruik --no-users om alleen de inhoud te laden.\n"
                "Refusing to create users with a known password while DEBUG is "
                "False. Use --no-users to load the content only."
            )
        with loggers_quiet():
            report = demo_load(with_users=not no_users, if_empty=if_empty)

        if if_empty and report.skipped == ["*"]:
            self.stdout.write("Er is al inhoud; de demo is niet opnieuw geladen.")
        else:
            for name in report.built:
                self.stdout.write(self.style.SUCCESS(f"Gebouwd: {name}"))
            for name in report.skipped:
                self.stdout.write(f"Bestond al, niets veranderd: {name}")
            self.write_counts(report.counts)
        if report.users:
            self.write_logins(report.users)

    def write_counts(self, counts: dict[str, int]) -> None:
        self.stdout.write("")
        self.stdout.write("In de database / in the database:")
        width = max(len(name) for name in counts)
        for name, count in counts.items():
            self.stdout.write(f"  {name.ljust(width)}  {count:>5}")

    def write_logins(self, users: list[tuple[str, str, str]]) -> None:
        sites = ", ".join(
            f"http://{'127.0.0.1' if p.is_default_site else p.hostname}:{p.port}/"
            f" ({p.site_name})"
            for p in PLATFORMS
        )
        rows = [("gebruiker", "wachtwoord", "rol"), *users]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Inloggen / log in: {ADMIN_URL}"))
        self.stdout.write(f"Sites: {sites}")
        self.stdout.write(line)
        for number, row in enumerate(rows):
            cells = " | ".join(
                value.ljust(width) for value, width in zip(row, widths, strict=True)
            )
            self.stdout.write(f"| {cells} |")
            if number == 0:
                self.stdout.write(line)
        self.stdout.write(line)
        self.stdout.write(
            "Communicatie, beheerder en admin loggen in met een tweede stap: de "
            "code van `make code USER=communicatie`. / These roles log in with a "
            "two-factor code: `make code USER=<gebruiker>` prints it."
        )
        self.stdout.write(
            "Alleen voor een demo op je eigen computer. / Demo use on your own "
            "machine only."
        )
