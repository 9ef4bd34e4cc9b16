"""Give sociale kaart locations without coordinates a pin, from PDOK's Locatieserver.

Locations that have coordinates keep them (an editor may have placed the pin
by hand) unless ``--force``. ``--dry-run`` looks the addresses up and prints
what it would store, without saving anything. Answers are cached, so running it
again soon after costs no requests.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from wagtail.models import Site

from socialmap.geocoding import geocoding_enabled, location_address, location_geocode
from socialmap.models import Location, OrganisationPage


class Command(BaseCommand):
    # Operator-facing, like Django's own commands: English, not translated.
    help = (
        "Fill in the coordinates of sociale kaart locations from their address "
        "(PDOK Locatieserver). Pins placed by hand are kept unless --force."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--site",
            metavar="HOST",
            help="Only the locations of this site (its hostname, e.g. "
            "dorpen.localhost, or hostname:port).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Look up every location again and overwrite its coordinates.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Look the addresses up and print the result; save nothing.",
        )

    def handle(self, *args, **options) -> None:
        if not geocoding_enabled():
            raise CommandError(
                "Geocoding is switched off: BUURTPLEIN_GEOCODER_URL is empty."
            )
        force, dry_run = options["force"], options["dry_run"]
        locations = self.locations(site_host=options["site"])
        total = locations.count()
        if not force:
            locations = locations.filter(
                Q(latitude__isnull=True) | Q(longitude__isnull=True)
            )
        prefix = "Would set" if dry_run else "Set"
        geocoded = not_found = 0
        for location in locations.select_related("page").order_by("pk").iterator():
            before = (location.latitude, location.longitude)
            if location_geocode(location=location, force=force, commit=not dry_run):
                geocoded += 1
                self.stdout.write(
                    f"{prefix} {location_address(location)}: "
                    f"{location.latitude}, {location.longitude}"
                )
            elif None not in before:
                self.stdout.write(
                    f"Kept: {location_address(location)} (no other coordinates found)"
                )
            else:
                not_found += 1
                self.stdout.write(f"Not found: {location_address(location)}")
        checked = geocoded + not_found
        kept = total - checked
        verb = "would be geocoded" if dry_run else "geocoded"
        self.stdout.write(
            f"{geocoded} of {total} locations {verb}, {not_found} not found, "
            f"{kept} kept their coordinates."
        )

    def locations(self, *, site_host: str | None):
        locations = Location.objects.all()
        if not site_host:
            return locations
        hostname, _, port = site_host.partition(":")
        sites = Site.objects.filter(hostname=hostname)
        if port:
            if not port.isdigit():
                raise CommandError(f"Not a port number: {port!r}.")
            sites = sites.filter(port=int(port))
        sites = list(sites.select_related("root_page"))
        if not sites:
            raise CommandError(f"No site with hostname {site_host!r}.")
        pages = OrganisationPage.objects.none()
        for site in sites:
            pages |= OrganisationPage.objects.descendant_of(
                site.root_page, inclusive=True
            )
        return locations.filter(page__in=pages.values("pk"))
