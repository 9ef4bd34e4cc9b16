"""Words that mean the same to a resident looking for help, per platform.

A resident types "rekeningen" or "geldzorgen"; the organisations say
"schuldhulpverlening". Each row is a group of words that mean the same on one
platform: whoever searches one finds the others. Every platform starts with
the groups below (a data migration for the platforms that exist, a signal for
new ones) and its Beheerders add their own in the admin (Instellingen →
Zoekwoorden, ``socialmap/synonym_admin.py``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Site

from .text import stemmed_phrase

MAX_WORDS_LENGTH = 500

# The groups every platform starts with; plain words residents use first.
DEFAULT_SYNONYMS = (
    "schulden, schuld, geldzorgen, geldproblemen, rekeningen, schuldhulp, "
    "betalingsachterstand, achterstand, rondkomen, geldzaken, budget",
    "eenzaam, eenzaamheid, alleen, contact, ontmoeten, gezelschap, "
    "maatje, praatje, koffie",
    "boodschappen, supermarkt, eten, voedselbank, voedselpakket, voedsel, voedselhulp",
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
    "rolstoel, scootmobiel, rollator, hulpmiddelen, slecht ter been, toegankelijk",
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


def synonym_words(text: str) -> list[str]:
    """The words of a group as typed: split on commas, extra spaces removed."""
    seen = []
    for part in text.split(","):
        word = " ".join(part.split())
        if word and word.casefold() not in {w.casefold() for w in seen}:
            seen.append(word)
    return seen


class SearchSynonym(models.Model):
    """A group of words that mean the same on one platform's sociale kaart."""

    site = models.ForeignKey(
        Site,
        verbose_name=_("platform"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    words = models.CharField(
        _("woorden die hetzelfde betekenen"),
        max_length=MAX_WORDS_LENGTH,
        help_text=_(
            "Met een komma ertussen, bijvoorbeeld: schulden, geldzorgen, "
            "rekeningen. Wie één van deze woorden zoekt, vindt ook wat bij de "
            "andere woorden past."
        ),
    )

    panels = [FieldPanel("site"), FieldPanel("words")]

    class Meta:
        ordering = ["site", "words"]
        verbose_name = _("zoekwoorden met dezelfde betekenis")
        verbose_name_plural = _("zoekwoorden met dezelfde betekenis")

    def __str__(self) -> str:
        return self.words

    def clean(self) -> None:
        words = synonym_words(self.words or "")
        if len([w for w in words if stemmed_phrase(w)]) < 2:
            raise ValidationError(
                {"words": _("Vul minstens twee woorden in, met een komma ertussen.")}
            )
        self.words = ", ".join(words)


def synonym_groups(*, site: Site | None) -> list[frozenset[str]]:
    """The platform's groups as sets of stemmed phrases (one query)."""
    if site is None:
        return []
    groups = []
    for text in SearchSynonym.objects.filter(site=site).values_list("words", flat=True):
        phrases = frozenset(
            phrase for phrase in map(stemmed_phrase, synonym_words(text)) if phrase
        )
        if len(phrases) > 1:
            groups.append(phrases)
    return groups


def default_synonyms_create(*, site: Site) -> None:
    """Give ``site`` the default groups it lacks."""
    existing = set(
        SearchSynonym.objects.filter(site=site).values_list("words", flat=True)
    )
    SearchSynonym.objects.bulk_create(
        SearchSynonym(site=site, words=words)
        for words in DEFAULT_SYNONYMS
        if words not in existing
    )


@receiver(post_save, sender=Site, dispatch_uid="socialmap_default_synonyms")
def new_site_gets_default_synonyms(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        default_synonyms_create(site=instance)
