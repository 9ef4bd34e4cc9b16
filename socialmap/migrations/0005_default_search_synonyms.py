"""Every platform that exists gets the default words with the same meaning;
platforms made later get them on creation (socialmap.synonyms)."""

from django.db import migrations

# A copy, so this migration stays as it was when the list in
# socialmap/synonyms.py changes.
DEFAULT_SYNONYMS = (
    "schulden, schuld, geldzorgen, geldproblemen, rekeningen, schuldhulp, "
    "betalingsachterstand, achterstand, rondkomen, geldzaken, budget",
    "eenzaam, eenzaamheid, alleen, contact, ontmoeten, gezelschap, "
    "maatje, praatje, koffie",
    "boodschappen, supermarkt, eten, voedselbank, voedselpakket, voedsel, "
    "voedselhulp",
    "vervoer, rijden, lift, buurtbus, taxi, dokter brengen, rit",
    "mantelzorg, mantelzorger, zorgen voor, respijtzorg, ontlasten",
    "huiselijk geweld, mishandeling, geweld thuis, veilig thuis, onveilig",
    "taal, nederlands, taalles, inburgering, inburgeren, lezen, schrijven, "
    "taalcafe, taalmaatje, taalhuis",
    "werk, baan, sollicitatie, solliciteren, werkloos, uitkering, werkcoach",
    "vrijwilligerswerk, vrijwilliger, meedoen",
    "wonen, woning, huis, huren, huur, verhuizen, huurwoning",
    "opvoeding, opvoeden, kinderen, kind, opvoedspreekuur, pubers",
    "gezondheid, gezond, ziek, huisarts, dokter",
    "dementie, alzheimer, vergeetachtig, geheugen",
    "rolstoel, scootmobiel, rollator, hulpmiddelen, slecht ter been, "
    "toegankelijk",
    "formulieren, brieven, administratie, belastingaangifte, toeslagen",
    "klusjes, klussen, reparatie, repareren, kapot",
    "rouw, overlijden, verlies",
    "jongeren, tieners, jeugd, jongerenwerk",
    "ouderen, senioren, 55-plussers, ouderenadviseur",
    "kleding, kleren, kledingbank",
    "computer, digitaal, internet, tablet, digid",
    "sport, bewegen, zwemmen, wandelen",
    "overlast, ruzie, buren, buurtbemiddeling",
)


def add_defaults(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    SearchSynonym = apps.get_model("socialmap", "SearchSynonym")
    for site in Site.objects.all():
        existing = set(
            SearchSynonym.objects.filter(site=site).values_list("words", flat=True)
        )
        SearchSynonym.objects.bulk_create(
            SearchSynonym(site=site, words=words)
            for words in DEFAULT_SYNONYMS
            if words not in existing
        )


class Migration(migrations.Migration):
    dependencies = [
        ("socialmap", "0004_search_entries_and_synonyms"),
    ]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
