"""Wagtail's database search backend, with queries cleaned before they reach it.

Search engines ignore punctuation anyway, and some characters break them: a
double quote ends an SQLite full-text term (a 500 in the API and the admin
search boxes), a NUL byte breaks PostgreSQL. Every search — the site search,
the API's ``?search=`` and the admin — goes through this backend.
"""

import unicodedata

from modelsearch.backends import database
from modelsearch.query import MATCH_NONE

MAX_SEARCH_QUERY_LENGTH = 200


def _is_word_character(character: str) -> bool:
    if character in "'-":
        return True
    return unicodedata.category(character)[0] not in "CPSZ"


def search_words(value: str) -> str:
    """The words of ``value``, separated by single spaces."""
    text = "".join(
        character if _is_word_character(character) else " " for character in value
    )
    return " ".join(text.split())


def clean_search_query(value: str) -> str:
    """Words only, capped in length."""
    return search_words(value)[:MAX_SEARCH_QUERY_LENGTH].strip()


class CleanQueryMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if isinstance(query, str):
            # Nothing left after cleaning matches nothing. (An empty string would
            # give results without a model, which the admin listings cannot show.)
            query = clean_search_query(query) or MATCH_NONE
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


def SearchBackend(params):
    """The database backend for this database (PostgreSQL, SQLite, ...), cleaned."""
    backend = database.SearchBackend(params)
    backend_class = type(backend)
    backend.__class__ = type(
        f"Clean{backend_class.__name__}", (CleanQueryMixin, backend_class), {}
    )
    return backend
