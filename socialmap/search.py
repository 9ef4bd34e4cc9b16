"""The sociale kaart's word search: residents' words find the help.

Every live organisation has a search entry: the stems (``socialmap.text``) of
its name, introduction, description, services, themes and target groups, as
one space-separated string. A query becomes a list of terms, each with the
stems that may stand for it:

- the word itself, also as the start of a longer word ("schuld" finds
  "schuldhulpverlening", "taal" finds "taalcafé"), and for longer words
  anywhere inside one ("administratie" finds "thuisadministratie");
- the platform's words with the same meaning (``socialmap.synonyms``);
- for a word found nowhere: the words of the sociale kaart within one or two
  typing errors ("schludhulp"), or a known word it starts with ("taalcafés").

An organisation is found when every term matches (or, when no organisation
matches every term, when some do: the best first). The database only compares
plain lower-case strings (``LIKE``), so SQLite and PostgreSQL find the same.

An entry is rebuilt when the page's live revision changed since, just before a
search, in a fixed number of queries however many changed; all of them when a
theme or target group changes. ``manage.py build_search_index`` builds them
ahead (after a deploy with many organisations).
"""

from dataclasses import dataclass, field

from django.db import models
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from rapidfuzz import process
from rapidfuzz.distance import OSA

from core.models import TargetGroup, Theme

from .models import OrganisationPage, Service
from .synonyms import synonym_groups
from .text import STOPWORDS, folded_words, stem, stems

EXACT = 1.0
SYNONYM = 0.7
COMPOUND = 0.6
FUZZY = 0.5
# A match in the organisation's name counts this much more.
TITLE_FACTOR = 2.0
# Shorter stems only match at the start of a word ("eten" is inside "weten").
MIN_INFIX_LENGTH = 5
MIN_SYNONYM_PREFIX = 6
MIN_FUZZY_LENGTH = 4
MIN_COMPOUND_PART = 4
LONGEST_PHRASE = 3
BUILD_BATCH = 500


class OrganisationSearchEntry(models.Model):
    """What the search compares for one organisation: the stems of its texts,
    as of its live revision."""

    page = models.OneToOneField(
        OrganisationPage,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_entry",
    )
    # The live revision these words come from (0: a page without revisions).
    indexed_revision = models.BigIntegerField(default=0)
    title_words = models.TextField(blank=True)
    words = models.TextField(blank=True)

    class Meta:
        verbose_name = _("zoekgegevens van een organisatie")
        verbose_name_plural = _("zoekgegevens van organisaties")

    def __str__(self) -> str:
        return f"{self.page_id}: {self.title_words.strip()}"


def _joined(parts: list[str]) -> str:
    return " " + " ".join(parts) + " " if parts else " "


def _entries_build(page_ids: list[int]) -> list[OrganisationSearchEntry]:
    """Entries for these pages, from their saved (live) fields: five queries."""
    texts: dict[int, list[str]] = {pk: [] for pk in page_ids}
    pages = OrganisationPage.objects.filter(pk__in=page_ids).values_list(
        "pk", "title", "introduction", "description", "live_revision_id"
    )
    titles, revisions = {}, {}
    for pk, title, introduction, description, revision in pages:
        titles[pk] = title
        revisions[pk] = revision or 0
        texts[pk] += [title, introduction, description]
    for page_id, *values in Service.objects.filter(page_id__in=page_ids).values_list(
        "page_id", "name", "description", "for_whom"
    ):
        texts[page_id] += values
    themes = OrganisationPage.themes.through.objects.filter(
        organisationpage_id__in=page_ids
    ).values_list("organisationpage_id", "theme__name", "theme__description")
    for page_id, *values in themes:
        texts[page_id] += values
    groups = OrganisationPage.target_groups.through.objects.filter(
        organisationpage_id__in=page_ids
    ).values_list("organisationpage_id", "targetgroup__name")
    for page_id, name in groups:
        texts[page_id].append(name)
    return [
        OrganisationSearchEntry(
            page_id=pk,
            indexed_revision=revisions[pk],
            title_words=_joined(stems(titles[pk], keep_stopwords=True)),
            words=_joined(
                [
                    word
                    for text in texts[pk]
                    if text
                    for word in stems(text, keep_stopwords=True)
                ]
            ),
        )
        for pk in titles
    ]


def search_index_refresh(*, organisations: QuerySet) -> int:
    """Rebuild the entries of ``organisations`` whose live revision changed
    (or that have none yet). One query when nothing changed."""
    stale = list(
        organisations.annotate(
            indexed=Coalesce(F("search_entry__indexed_revision"), Value(-1))
        )
        .exclude(indexed=Coalesce(F("live_revision_id"), Value(0)))
        .values_list("pk", flat=True)
    )
    for start in range(0, len(stale), BUILD_BATCH):
        batch = stale[start : start + BUILD_BATCH]
        OrganisationSearchEntry.objects.filter(page_id__in=batch).delete()
        OrganisationSearchEntry.objects.bulk_create(
            _entries_build(batch), ignore_conflicts=True
        )
    return len(stale)


@receiver(post_save, sender=Theme, dispatch_uid="socialmap_search_theme_saved")
@receiver(post_delete, sender=Theme, dispatch_uid="socialmap_search_theme_gone")
@receiver(post_save, sender=TargetGroup, dispatch_uid="socialmap_search_group_saved")
@receiver(post_delete, sender=TargetGroup, dispatch_uid="socialmap_search_group_gone")
def taxonomy_changed(sender, raw=False, **kwargs):
    """A theme or target group renamed or removed changes the words of the
    organisations that have it, not their revisions: every entry is rebuilt
    at its next search (themes change rarely)."""
    if not raw:
        OrganisationSearchEntry.objects.all().delete()


@dataclass
class Term:
    """One thing the resident asked for, and the stems that may stand for it."""

    typed: str
    stem: str
    alternatives: dict[str, float] = field(default_factory=dict)

    def add(self, phrase: str, weight: float) -> None:
        if weight > self.alternatives.get(phrase, 0):
            self.alternatives[phrase] = weight

    def is_typed(self, phrase: str) -> bool:
        """The resident's own word (not a synonym or a correction): it may
        also match inside longer words."""
        return self.alternatives.get(phrase) == EXACT


def _add_synonyms(term: Term, phrase: str, groups, weight: float) -> None:
    for group in groups:
        if phrase in group or any(
            len(member) >= MIN_INFIX_LENGTH
            and " " not in member
            and phrase.startswith(member)
            for member in group
        ):
            for member in group:
                term.add(member, weight)


def query_terms(query: str, groups: list[frozenset[str]]) -> list[Term]:
    """The query's terms; phrases of the synonym list ("huiselijk geweld")
    stay one term. Stop words alone ("de", "ik") are no terms."""
    words = folded_words(query)
    tokens = [stem(word) for word in words]
    phrases = set().union(*groups) if groups else set()
    terms: list[Term] = []
    index = 0
    while index < len(tokens):
        for size in range(LONGEST_PHRASE, 1, -1):
            phrase = " ".join(tokens[index : index + size])
            if index + size <= len(tokens) and phrase in phrases:
                term = Term(typed=" ".join(words[index : index + size]), stem=phrase)
                term.add(phrase, EXACT)
                _add_synonyms(term, phrase, groups, SYNONYM)
                terms.append(term)
                index += size
                break
        else:
            typed, token = words[index], tokens[index]
            index += 1
            if typed in STOPWORDS:
                continue
            term = Term(typed=typed, stem=token)
            term.add(token, EXACT)
            _add_synonyms(term, token, groups, SYNONYM)
            terms.append(term)
    return terms


def _match_factor(words: str, phrase: str, *, typed: bool) -> float:
    """1 for the whole word, less for the start of a longer word (a compound
    or another form) and less again for inside one. A synonym or a correction
    must be a whole word, or a long one the start of a compound: "huis"
    (for "wonen") must not find "huisarts"."""
    if f" {phrase} " in words:
        return 1.0
    if (typed or len(phrase) >= MIN_SYNONYM_PREFIX) and f" {phrase}" in words:
        return 0.8
    if typed and len(phrase) >= MIN_INFIX_LENGTH and phrase in words:
        return 0.5
    return 0.0


def _term_score(term: Term, title_words: str, words: str) -> float:
    best = 0.0
    for phrase, weight in term.alternatives.items():
        typed = term.is_typed(phrase)
        factor = max(
            _match_factor(words, phrase, typed=typed),
            TITLE_FACTOR * _match_factor(title_words, phrase, typed=typed),
        )
        best = max(best, weight * factor)
    return best


def _any_alternative(terms: list[Term]) -> Q:
    condition = Q()
    for phrase in {p for term in terms for p in term.alternatives}:
        needle = phrase if len(phrase) >= MIN_INFIX_LENGTH else f" {phrase}"
        condition |= Q(words__contains=needle)
    return condition


def _vocabulary(entries: QuerySet, groups) -> list[str]:
    words = {phrase for group in groups for phrase in group if " " not in phrase}
    for text in entries.values_list("words", flat=True):
        words.update(text.split())
    return sorted(word for word in words if len(word) >= 3)


def _max_typos(stem_: str) -> int:
    return 1 if len(stem_) < 8 else 2


def _expand_unknown(term: Term, vocabulary: list[str], groups) -> None:
    """A term found nowhere: perhaps a typing error, or a compound of a known
    word."""
    if len(term.stem) < MIN_FUZZY_LENGTH or " " in term.stem:
        return
    close = process.extract(
        term.stem,
        vocabulary,
        scorer=OSA.distance,
        score_cutoff=_max_typos(term.stem),
        limit=None,
    )
    if close:
        nearest = min(distance for _word, distance, _index in close)
        for word, distance, _index in close:
            if distance == nearest:
                term.add(word, FUZZY)
                _add_synonyms(term, word, groups, FUZZY * SYNONYM)
        return
    heads = [
        word
        for word in vocabulary
        if len(word) >= MIN_COMPOUND_PART
        and len(term.stem) - len(word) >= MIN_COMPOUND_PART - 1
        and term.stem.startswith(word)
    ]
    if heads:
        head = max(heads, key=len)
        term.add(head, COMPOUND)
        _add_synonyms(term, head, groups, COMPOUND * SYNONYM)


@dataclass(frozen=True)
class SearchOutcome:
    """The organisations found, best first; ``partial`` when none matched every
    term and these match some."""

    ids: list[int]
    terms: list[Term]
    partial: bool = False


def _scored(rows, terms: list[Term]) -> dict[int, list[float]]:
    return {
        page_id: [_term_score(term, title_words, words) for term in terms]
        for page_id, title_words, words in rows
    }


def organisation_search(*, organisations: QuerySet, site, query: str) -> SearchOutcome:
    """The ids of ``organisations`` that match ``query``, best match first.

    A fixed number of queries: the entries' freshness, the synonyms, the
    matching entries; and only for a word found nowhere, the vocabulary and
    the matching entries once more.
    """
    groups = synonym_groups(site=site)
    terms = query_terms(query, groups)
    if not terms:
        return SearchOutcome(ids=[], terms=[])
    search_index_refresh(organisations=organisations)
    entries = OrganisationSearchEntry.objects.filter(
        page__in=organisations.values("pk")
    )
    columns = ("page_id", "title_words", "words")
    scores = _scored(
        entries.filter(_any_alternative(terms)).values_list(*columns), terms
    )
    unknown = [
        index
        for index, _term in enumerate(terms)
        if not any(row[index] for row in scores.values())
    ]
    if unknown:
        vocabulary = _vocabulary(entries, groups)
        for index in unknown:
            _expand_unknown(terms[index], vocabulary, groups)
        scores = _scored(
            entries.filter(_any_alternative(terms)).values_list(*columns), terms
        )
    every = {pk: row for pk, row in scores.items() if all(row)}
    partial = not every
    found = every or {pk: row for pk, row in scores.items() if any(row)}
    ranked = sorted(
        found,
        key=lambda pk: (-sum(1 for s in found[pk] if s), -sum(found[pk]), pk),
    )
    return SearchOutcome(ids=ranked, terms=terms, partial=partial and bool(found))
