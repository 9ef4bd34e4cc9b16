"""The help board's default categories: what neighbours ask each other for.

A new platform starts with these (``help_categories_ensure``, run when a Site
is created); its Beheerder renames, reorders, adds or removes them as a snippet
(Snippets → Categorieën vraag & aanbod). Migration 0006 gave every platform
that existed then the same list.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from .models import HelpCategory

#: (slug, name): the slug is what a resident sees in the address bar.
DEFAULT_CATEGORIES = (
    ("boodschappen", _("Boodschappen")),
    ("klusjes", _("Klusjes in en om het huis")),
    ("vervoer", _("Vervoer en meegaan naar afspraken")),
    ("gezelschap", _("Gezelschap en samen wandelen")),
    ("computerhulp", _("Computer, tablet en telefoon")),
    ("oppas-en-dieren", _("Oppas en dieren")),
    ("tuin", _("Tuin")),
    ("formulieren", _("Formulieren en post")),
    ("koken", _("Koken en eten")),
    ("leren", _("Leren en bijles")),
)


@transaction.atomic
def help_categories_ensure(*, site) -> dict[str, HelpCategory]:
    """Give ``site`` the default categories it does not have yet (by slug);
    returns all of its categories by slug. Never renames a Beheerder's ones."""
    existing = {category.slug: category for category in site.help_categories.all()}
    for order, (slug, name) in enumerate(DEFAULT_CATEGORIES):
        if slug not in existing:
            existing[slug] = HelpCategory.objects.create(
                site=site, slug=slug, name=str(name), sort_order=order * 10
            )
    return existing


@receiver(post_save, sender=Site, dispatch_uid="helpboard_default_categories")
def new_site_gets_default_categories(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        help_categories_ensure(site=instance)
