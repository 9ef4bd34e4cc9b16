"""The taalcheck: advice for writing plain Dutch (language level B1).

It scores a text with the Flesch–Douma reading ease (the Dutch Flesch formula,
syllables counted with the nl_NL hyphenation dictionary) and lists what makes
it harder to read: sentences over 20 words, very long words, passive
constructions and officialese ("ambtelijke taal") with a plain alternative.
It advises; people decide.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

import pyphen
from django.utils.translation import gettext_lazy as _

LONG_SENTENCE_WORDS = 20
LONG_WORD_LETTERS = 15

# The built-in list; Beheerders extend it with OfficialeseTerm snippets.
OFFICIALESE: dict[str, str] = {
    "aangaande": "over",
    "alsmede": "en",
    "met betrekking tot": "over",
    "conform": "volgens",
    "derhalve": "daarom",
    "dienen te": "moeten",
    "doch": "maar",
    "indien": "als",
    "inzake": "over",
    "middels": "met",
    "omtrent": "over",
    "reeds": "al",
    "teneinde": "om",
    "ten behoeve van": "voor",
    "tevens": "ook",
    "thans": "nu",
    "verstrekken": "geven",
    "woonachtig": "wonen",
    "zulks": "dat",
}

ABBREVIATIONS = (
    "bijv.",
    "bv.",
    "o.a.",
    "d.w.z.",
    "m.b.t.",
    "t.a.v.",
    "z.s.m.",
    "enz.",
    "nr.",
    "ca.",
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n{2,}")
WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+(?:[.,]\d+)*")
PASSIVE_AUXILIARY = {"word", "wordt", "worden", "werd", "werden", "geworden"}
PERFECT_AUXILIARY = {"is", "zijn", "was", "waren"}
# A past participle: (separable part +) ge...d/t/en ("goedgekeurd", "ingediend"
# via "in-ge-diend"), or one with an unstressed prefix ("beoordeeld").
PARTICIPLE = re.compile(r"^(?:\w{0,8}?ge\w{2,}|(?:be|ver|ont|her|er)\w{2,})(?:d|t|en)$")


@dataclass(frozen=True)
class OfficialeseHit:
    found: str
    alternative: str


@dataclass
class PlainLanguageReport:
    reading_ease: float
    sentence_count: int
    word_count: int
    long_sentences: list[str] = field(default_factory=list)
    long_words: list[str] = field(default_factory=list)
    passive_sentences: list[str] = field(default_factory=list)
    officialese: list[OfficialeseHit] = field(default_factory=list)

    @property
    def level(self):
        """The reading ease in words, on the usual Flesch–Douma scale."""
        if self.reading_ease >= 80:
            return _("makkelijk")
        if self.reading_ease >= 60:
            return _("redelijk makkelijk")
        if self.reading_ease >= 45:
            return _("redelijk moeilijk")
        return _("moeilijk")

    @property
    def finding_count(self) -> int:
        return (
            len(self.long_sentences)
            + len(self.long_words)
            + len(self.passive_sentences)
            + len(self.officialese)
        )

    def as_dict(self) -> dict:
        """The report as JSON-ready data, to keep with a workflow task."""
        return {
            "reading_ease": self.reading_ease,
            "level": str(self.level),
            "sentence_count": self.sentence_count,
            "word_count": self.word_count,
            "long_sentences": self.long_sentences,
            "long_words": self.long_words,
            "passive_sentences": self.passive_sentences,
            "officialese": [
                {"found": hit.found, "alternative": hit.alternative}
                for hit in self.officialese
            ],
        }

    def summary(self) -> str:
        """One line for the workflow history, in the reader's language."""
        return _(
            "Taalcheck: leesgemak %(score)s (%(level)s); %(long)s lange zinnen, "
            "%(words)s lange woorden, %(passives)s keer lijdende vorm, "
            "%(officialese)s ambtelijke woorden."
        ) % {
            "score": self.reading_ease,
            "level": self.level,
            "long": len(self.long_sentences),
            "words": len(self.long_words),
            "passives": len(self.passive_sentences),
            "officialese": len(self.officialese),
        }


@cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")


def syllable_count(word: str) -> int:
    """Syllables of one Dutch word, from the nl_NL hyphenation dictionary."""
    if word[0].isdigit():
        return 1
    return len(_hyphenator().positions(word.lower())) + 1


def split_sentences(text: str) -> list[str]:
    protected = text
    for number, abbreviation in enumerate(ABBREVIATIONS):
        protected = re.sub(
            re.escape(abbreviation), f"\x00{number}\x00", protected, flags=re.IGNORECASE
        )
    sentences = []
    for part in SENTENCE_END.split(protected):
        for number, abbreviation in enumerate(ABBREVIATIONS):
            part = part.replace(f"\x00{number}\x00", abbreviation)
        if WORD.search(part):
            sentences.append(" ".join(part.split()))
    return sentences


def words_of(text: str) -> list[str]:
    return WORD.findall(text)


def _is_passive(words: list[str]) -> bool:
    lowered = [word.lower() for word in words]
    has_participle = any(PARTICIPLE.match(word) for word in lowered)
    if not has_participle:
        return False
    if PASSIVE_AUXILIARY.intersection(lowered):
        return True
    return bool(PERFECT_AUXILIARY.intersection(lowered)) and "door" in lowered


def _officialese_in(text: str, terms: Mapping[str, str]) -> list[OfficialeseHit]:
    hits = []
    for term, alternative in sorted(terms.items()):
        pattern = r"\b" + r"\s+".join(map(re.escape, term.split())) + r"\b"
        for match in re.finditer(pattern, text, flags=re.IGNORECASE):
            hits.append(OfficialeseHit(found=match.group(0), alternative=alternative))
    return hits


def plain_language_check(
    *, text: str, extra_terms: Mapping[str, str] | None = None
) -> PlainLanguageReport:
    """Score ``text`` and list what makes it hard to read."""
    sentences = split_sentences(text)
    words_per_sentence = [words_of(sentence) for sentence in sentences]
    words = [word for sentence_words in words_per_sentence for word in sentence_words]
    if not words:
        return PlainLanguageReport(reading_ease=100.0, sentence_count=0, word_count=0)

    syllables = sum(syllable_count(word) for word in words)
    reading_ease = (
        206.835 - 0.93 * (len(words) / len(sentences)) - 77 * (syllables / len(words))
    )
    terms = {**OFFICIALESE, **(extra_terms or {})}
    return PlainLanguageReport(
        reading_ease=round(reading_ease, 1),
        sentence_count=len(sentences),
        word_count=len(words),
        long_sentences=[
            sentence
            for sentence, sentence_words in zip(
                sentences, words_per_sentence, strict=True
            )
            if len(sentence_words) > LONG_SENTENCE_WORDS
        ],
        long_words=sorted(
            {word for word in words if len(word) >= LONG_WORD_LETTERS}, key=str.lower
        ),
        passive_sentences=[
            sentence
            for sentence, sentence_words in zip(
                sentences, words_per_sentence, strict=True
            )
            if _is_passive(sentence_words)
        ],
        officialese=_officialese_in(text, terms),
    )
