"""Every existing platform gets the default help categories, and every existing
post the category its words point to (its old theme as a fallback).

The lists are copied here on purpose: a migration must not change when
helpboard.categories does.
"""

from django.db import migrations

DEFAULTS = (
    ("boodschappen", "Boodschappen"),
    ("klusjes", "Klusjes in en om het huis"),
    ("vervoer", "Vervoer en meegaan naar afspraken"),
    ("gezelschap", "Gezelschap en samen wandelen"),
    ("computerhulp", "Computer, tablet en telefoon"),
    ("oppas-en-dieren", "Oppas en dieren"),
    ("tuin", "Tuin"),
    ("formulieren", "Formulieren en post"),
    ("koken", "Koken en eten"),
    ("leren", "Leren en bijles"),
)

# First match wins, so the more telling words come first (a dog sitter who
# mentions the hospital is still "oppas").
KEYWORDS = (
    ("oppas-en-dieren", ("hond", "kat ", "katten", "oppas", "huisdier", "dieren")),
    ("boodschappen", ("boodschap", "supermarkt")),
    ("tuin", ("tuin", "heg", "gras", "snoei", "onkruid")),
    ("computerhulp", ("computer", "tablet", "laptop", "smartphone", "internet", "digid")),
    ("formulieren", ("formulier", "brief", "belasting", "toeslag", "aanvraag")),
    ("vervoer", ("vervoer", "rijden", "breng", "ophalen", "dokter", "ziekenhuis")),
    ("klusjes", ("klus", "lamp", "fiets", "kast", "repar", "verhuiz")),
    ("koken", ("koken", "kook", "maaltijd", "eten")),
    ("leren", ("bijles", "huiswerk", "taalles", "leren")),
    ("gezelschap", ("wandel", "gezelschap", "maatje", "koffie", "praatje", "eenzaam")),
)
THEMES = {"eenzaamheid": "gezelschap", "geldzaken": "formulieren"}


def category_slug(title, description, theme_slug):
    text = f"{title} {description}".lower()
    for slug, words in KEYWORDS:
        if any(word in text for word in words):
            return slug
    return THEMES.get(theme_slug or "")


def forwards(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    HelpCategory = apps.get_model("helpboard", "HelpCategory")
    HelpPost = apps.get_model("helpboard", "HelpPost")
    for site in Site.objects.all():
        categories = {}
        for order, (slug, name) in enumerate(DEFAULTS):
            category, _created = HelpCategory.objects.get_or_create(
                site=site, slug=slug, defaults={"name": name, "sort_order": order * 10}
            )
            categories[slug] = category
        posts = HelpPost.objects.filter(site=site, category__isnull=True)
        for post in posts.select_related("theme").iterator():
            slug = category_slug(
                post.title, post.description, post.theme.slug if post.theme else ""
            )
            if slug:
                post.category = categories[slug]
                post.save(update_fields=["category"])


class Migration(migrations.Migration):
    dependencies = [
        ("helpboard", "0005_help_categories"),
        ("core", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
