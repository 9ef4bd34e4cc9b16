"""Build the sociale kaart's search entries of every platform ahead of the
first search (socialmap/search.py builds missing ones on the fly, which takes
a while for the first search after a deploy with thousands of organisations).
"""

from django.core.management.base import BaseCommand
from wagtail.models import Site

from core.selectors import live_pages_in_site
from socialmap.models import OrganisationPage
from socialmap.search import search_index_refresh


class Command(BaseCommand):
    help = "Bouw de zoekgegevens van de sociale kaart van elk platform."

    def handle(self, *args, **options):
        for site in Site.objects.order_by("pk"):
            built = search_index_refresh(
                organisations=live_pages_in_site(OrganisationPage, site=site)
            )
            self.stdout.write(f"{site.site_name or site.hostname}: {built}")
