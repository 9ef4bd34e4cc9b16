"""Themes, target groups and leefringen as HSDS taxonomies and taxonomy terms.

Buurtplein publishes three embedded taxonomies:

- "Buurtplein thema's": one term per :class:`core.models.Theme`;
- "Buurtplein doelgroepen": one term per :class:`core.models.TargetGroup`;
- "Buurtplein leefringen": one term per :class:`socialmap.models.SupportLevel`.

A term's ``code`` is the theme's or target group's slug, or the leefring's
code (``self``, ``network``, ``general``, ``individual``). Themes and target
groups belong to an organisation; the export attaches them, through HSDS
attributes, to the organisation and to each of its services. The leefring
belongs to the service.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.models import TargetGroup, Theme
from socialmap.models import SupportLevel

from .ids import hsds_id

#: The language of the terms' names and descriptions.
TERM_LANGUAGE = "nl"


@dataclass(frozen=True)
class Taxonomy:
    key: str
    name: str | Promise
    description: str | Promise
    #: What the term says about the object it is attached to (attribute.link_type).
    link_type: str

    @property
    def id(self) -> str:
        return hsds_id("taxonomy", self.key)


THEMES = Taxonomy(
    key="themes",
    name=_("Buurtplein thema's"),
    description=_(
        "Waar de hulp over gaat, zoals wonen, geldzaken of gezondheid. Een "
        "organisatie heeft een of meer thema's; haar diensten ook."
    ),
    link_type="category",
)
TARGET_GROUPS = Taxonomy(
    key="target-groups",
    name=_("Buurtplein doelgroepen"),
    description=_(
        "Voor wie de hulp bedoeld is, zoals ouderen, jongeren of mantelzorgers."
    ),
    link_type="audience",
)
SUPPORT_LEVELS = Taxonomy(
    key="support-levels",
    name=_("Buurtplein leefringen"),
    description=_(
        "Wat voor hulp een dienst is, van licht naar zwaar: wat je zelf kunt "
        "doen, hulp uit je eigen netwerk, algemene voorzieningen voor iedereen, "
        "en maatwerk via de gemeente."
    ),
    link_type="support_level",
)
TAXONOMIES = [THEMES, TARGET_GROUPS, SUPPORT_LEVELS]

SUPPORT_LEVEL_DESCRIPTIONS = {
    SupportLevel.SELF: _("Informatie en zelfhulp: wat je zelf kunt doen."),
    SupportLevel.NETWORK: _(
        "Hulp van familie, vrienden, buren of vrijwilligers uit je eigen netwerk."
    ),
    SupportLevel.GENERAL: _(
        "Algemene voorzieningen: voor iedereen, zonder verwijzing of indicatie."
    ),
    SupportLevel.INDIVIDUAL: _(
        "Maatwerk via de gemeente (Wmo of Jeugdwet), na een aanvraag."
    ),
}


@dataclass(frozen=True)
class Term:
    taxonomy: Taxonomy
    code: str
    name: str | Promise
    description: str | Promise

    @property
    def id(self) -> str:
        return term_id(self.taxonomy, self.code)


def term_id(taxonomy: Taxonomy, code: str) -> str:
    prefix = {
        THEMES.key: "theme",
        TARGET_GROUPS.key: "target-group",
        SUPPORT_LEVELS.key: "support-level",
    }[taxonomy.key]
    return hsds_id(prefix, code)


def theme_term(theme: Theme) -> Term:
    return Term(THEMES, theme.slug, theme.name, theme.description)


def target_group_term(target_group: TargetGroup) -> Term:
    return Term(TARGET_GROUPS, target_group.slug, target_group.name, "")


def support_level_term(level: str) -> Term:
    support_level = SupportLevel(level)
    return Term(
        SUPPORT_LEVELS,
        support_level.value,
        support_level.label,
        SUPPORT_LEVEL_DESCRIPTIONS[support_level],
    )


def all_terms(*, taxonomy: Taxonomy | None = None) -> list[Term]:
    """Every term, taxonomy by taxonomy; at most two queries."""
    terms: list[Term] = []
    if taxonomy in (None, THEMES):
        terms += [theme_term(theme) for theme in Theme.objects.order_by("name", "pk")]
    if taxonomy in (None, TARGET_GROUPS):
        terms += [
            target_group_term(group)
            for group in TargetGroup.objects.order_by("name", "pk")
        ]
    if taxonomy in (None, SUPPORT_LEVELS):
        terms += [support_level_term(level) for level in SupportLevel]
    return terms


def taxonomy_by_id(value: str) -> Taxonomy | None:
    return next((taxonomy for taxonomy in TAXONOMIES if taxonomy.id == value), None)
