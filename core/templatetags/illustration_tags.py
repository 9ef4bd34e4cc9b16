"""``{% card_illustration page as name %}``: the drawn illustration a card
shows when its page has no image of its own.

Only a card that leads to a part of the site (the agenda, the sociale kaart,
the vacatures, the news, the wijken, the help board, a page of the gids) gets
one: a drawing of that part, as inline SVG in the site's own colours
(``templates/components/illustrations/``), so cards side by side show
different drawings. A single event, vacancy or news item without an image gets
none (an empty string): a list of them would repeat one drawing down the page.
``{% illustration_variant page %}`` gives 1, 2 or 3 by the page's id, for a
background that varies between neighbouring cards.
"""

from django import template

register = template.Library()

KINDS = {
    "AgendaPage": "agenda",
    "SocialMapPage": "sociale-kaart",
    "VacancyIndexPage": "vrijwilligerswerk",
    "NewsIndexPage": "nieuws",
    "NeighbourhoodIndexPage": "wijk",
    "NeighbourhoodPage": "wijk",
    "HelpBoardPage": "hulp",
    "ContentPage": "gids",
}


@register.simple_tag
def card_illustration(page) -> str:
    """The template name of the drawing for ``page``'s part of the site, or ""."""
    # specific_class comes from the content type cache: no query per card.
    model = getattr(page, "specific_class", None) or type(page)
    kind = KINDS.get(getattr(model, "__name__", ""))
    return f"components/illustrations/{kind}.svg" if kind else ""


@register.simple_tag
def illustration_variant(page) -> int:
    return (getattr(page, "pk", 0) or 0) % 3 + 1
