"""Dutch words as the sociale kaart's search compares them.

The same few rules turn an organisation's text and a resident's query into
"stems": lower case, no accents, a light Dutch stemmer (plurals, diminutives,
doubled letters). Both sides go through this Python code, so the search works
the same on SQLite and PostgreSQL: the database only compares plain strings.
"""

import re
import unicodedata

from django.utils.html import strip_tags

# Words that say nothing about the help someone looks for.
STOPWORDS = frozenset(
    """
    aan al alle als ben bij dat de deze die dit door een en er geen had heb
    hebben heeft het hier hij hoe hun ik in is je jij jou jouw kan kun kunnen
    maar me meer met mij mijn moet na naar niet nog nu of om ook op over te
    tegen tot u uit van veel voor waar wat we wel welke wie wij wil wilt
    word wordt ze zich zij zijn zo zoek zoeken
    """.split()
)
MIN_STEM_LENGTH = 2
_VOWELS = "aeiouy"
_SPLIT = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Lower case without accents: 'Taalcafé' -> 'taalcafe', 'coöperatie' ->
    'cooperatie'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str) -> str:
    """A light Dutch stem: 'schulden' -> 'schuld', 'boodschappen' ->
    'bodschap', 'klusjes' -> 'klus', 'eenzaam' -> 'enzam'.

    Not linguistics: the same word in other forms gets the same stem, and a
    stem is a prefix of the stems of its compounds ('schuldhulpverlening'
    starts with 'schuld'), which is what the search relies on.
    """
    for ending, minimum in (
        ("heden", 7),
        ("ingen", 7),
        ("jes", 6),
        ("je", 5),
        ("en", 5),
        ("s", 5),
        ("e", 5),
    ):
        if len(word) >= minimum and word.endswith(ending):
            if ending == "en" and word.endswith("een"):
                break  # 'alleen', 'geen': no plural
            rest = word[: -len(ending)]
            if ending == "heden":
                rest += "heid"
            elif ending == "ingen":
                rest += "ing"
            elif ending == "s" and rest[-1] in _VOWELS + "s'":
                continue
            word = rest
            break
    # A doubled consonant at the end: 'boodschapp' (boodschappen) -> 'boodschap'.
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in _VOWELS:
        word = word[:-1]
    # Doubled vowels: 'praat' and 'praten' both become 'prat'.
    return re.sub(r"([aeou])\1", r"\1", word)


def folded_words(text: str) -> list[str]:
    """The words of ``text`` (plain text or an editor's HTML), folded, in order;
    single letters left out."""
    words = _SPLIT.split(fold(strip_tags(text)).replace("_", " "))
    return [word for word in words if len(word) >= MIN_STEM_LENGTH]


def stems(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """The stems of the words of ``text``, in order."""
    return [
        stem(word)
        for word in folded_words(text)
        if keep_stopwords or word not in STOPWORDS
    ]


def stemmed_phrase(text: str) -> str:
    """A phrase as space-separated stems: 'Huiselijk geweld' -> 'huiselijk
    geweld'."""
    return " ".join(stems(text, keep_stopwords=True))
