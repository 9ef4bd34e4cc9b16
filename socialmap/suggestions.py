"""Name suggestions for the sociale kaart's search box, forgiving typos.

A resident types "taalhuys" or "schludhulp" and still gets "Taalhuis" and
"Schuldhulp Merwestad". Full-text search (stemmed words) does not forgive a
typo in a name, so names are matched here with rapidfuzz's weighted ratio
against the site's live organisation names, in one query. A name with a word
that starts with what was typed always comes first.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from rapidfuzz import fuzz, process, utils
from wagtail.models import Site

from core.search import clean_search_query
from core.selectors import live_pages_in_site

from .models import OrganisationPage

MIN_QUERY_LENGTH = 2
# Below this length a typo cannot be told from another word: prefixes only.
MIN_FUZZY_LENGTH = 4
FUZZY_CUTOFF = 75
SUGGESTIONS_LIMIT = 8


@dataclass(frozen=True)
class Suggestion:
    name: str
    url: str


def _starts_a_word(query: str, name: str) -> bool:
    return any(word.startswith(query) for word in name.split())


def organisation_name_matches(
    *, query: str, names: dict[int, str], limit: int = SUGGESTIONS_LIMIT
) -> list[int]:
    """Keys of ``names`` that match ``query``, best first: names with a word
    starting with the query (alphabetically), then close spellings."""
    typed = utils.default_process(clean_search_query(query))
    if len(typed) < MIN_QUERY_LENGTH:
        return []
    processed = {key: utils.default_process(name) for key, name in names.items()}
    prefixed = sorted(
        (key for key, name in processed.items() if _starts_a_word(typed, name)),
        key=lambda key: (processed[key], key),
    )
    if len(prefixed) >= limit or len(typed) < MIN_FUZZY_LENGTH:
        return prefixed[:limit]
    close = process.extract(
        typed,
        {key: name for key, name in processed.items() if key not in set(prefixed)},
        scorer=fuzz.WRatio,
        processor=None,
        limit=limit - len(prefixed),
        score_cutoff=FUZZY_CUTOFF,
    )
    return prefixed + [key for _name, _score, key in close]


def organisation_suggestions(
    *, query: str, site: Site | None, request: HttpRequest | None = None
) -> list[Suggestion]:
    """Live organisations of ``site`` whose name looks like ``query``."""
    if len(clean_search_query(query)) < MIN_QUERY_LENGTH:
        return []
    organisations = live_pages_in_site(OrganisationPage, site=site)
    names = dict(organisations.values_list("pk", "title"))
    keys = organisation_name_matches(query=query, names=names)
    pages = organisations.in_bulk(keys)
    return [
        Suggestion(name=pages[key].title, url=pages[key].get_url(request=request))
        for key in keys
        if key in pages
    ]
