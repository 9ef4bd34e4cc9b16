"""The taalcheck, calibrated on real-looking texts: plain Dutch must score clearly
better than officialese, and each kind of advice must find what it looks for."""

import pytest

from editorial.plain_language import (
    plain_language_check,
    split_sentences,
    syllable_count,
)

PLAIN_TEXTS = [
    "Elke dinsdag drinken we koffie in het buurthuis. Je bent welkom vanaf tien "
    "uur. Neem gerust je buurvrouw mee. Het kost niets. Heb je vragen? Bel Anouk.",
    "Heb je hulp nodig bij je post? Kom dan naar het spreekuur. Een vrijwilliger "
    "leest met je mee. Samen kijken we wat je moet doen. Je hoeft geen afspraak "
    "te maken.",
    "De speeltuin in West is weer open. Er staan nieuwe schommels en een grote "
    "zandbak. Kinderen uit de hele wijk hebben mee bedacht wat er kwam. Kom je "
    "kijken?",
]

OFFICIALESE_TEXTS = [
    "Inzake de aanvraag van een maatwerkvoorziening in het kader van de Wet "
    "maatschappelijke ondersteuning dient de aanvrager, indien woonachtig binnen "
    "de gemeentegrenzen, middels het daartoe bestemde aanvraagformulier de "
    "noodzakelijke bewijsstukken te verstrekken, teneinde een zorgvuldige "
    "beoordeling mogelijk te maken.",
    "Teneinde de leefbaarheid van de openbare ruimte te waarborgen, wordt thans "
    "door de gemeentelijke organisatie in samenwerking met maatschappelijke "
    "partners een integrale gebiedsgerichte aanpak ontwikkeld, alsmede een "
    "uitvoeringsprogramma met betrekking tot de inrichting van speelvoorzieningen.",
    "Aangaande de subsidieverlening voor buurtinitiatieven wordt opgemerkt dat "
    "aanvragen uiterlijk zes weken voorafgaand aan de geplande activiteit dienen "
    "te worden ingediend, doch uitsluitend voor zover de begrotingssystematiek "
    "conform de subsidieverordening is vormgegeven.",
]


def test_plain_texts_score_clearly_better_than_officialese():
    plain = [plain_language_check(text=text).reading_ease for text in PLAIN_TEXTS]
    official = [
        plain_language_check(text=text).reading_ease for text in OFFICIALESE_TEXTS
    ]

    assert min(plain) - max(official) >= 30, (plain, official)
    assert all(score >= 70 for score in plain), plain
    assert all(score < 30 for score in official), official


def test_levels_follow_the_score():
    assert str(plain_language_check(text=PLAIN_TEXTS[0]).level) == "makkelijk"
    assert str(plain_language_check(text=OFFICIALESE_TEXTS[0]).level) == "moeilijk"


def test_syllables_come_from_the_dutch_hyphenation_dictionary():
    assert syllable_count("buurt") == 1
    assert syllable_count("buurtverbinder") == 4
    assert syllable_count("gemeentelijke") == 5
    assert syllable_count("2026") == 1


def test_sentences_split_on_punctuation_not_on_abbreviations():
    text = "Neem bijv. je paspoort mee. Kom om 10.30 uur! Vragen? Bel ons."

    assert split_sentences(text) == [
        "Neem bijv. je paspoort mee.",
        "Kom om 10.30 uur!",
        "Vragen?",
        "Bel ons.",
    ]


def test_long_sentences_and_long_words_are_listed():
    report = plain_language_check(text=OFFICIALESE_TEXTS[0] + " Bel ons gerust.")

    assert report.long_sentences == [" ".join(OFFICIALESE_TEXTS[0].split())]
    assert "maatwerkvoorziening" in report.long_words
    assert "ondersteuning" not in report.long_words  # 13 letters: long, not very


@pytest.mark.parametrize(
    ("sentence", "passive"),
    [
        ("De aanvraag wordt door de gemeente beoordeeld.", True),
        ("De brief werd gisteren verstuurd.", True),
        ("Het plan is door de raad goedgekeurd.", True),
        ("De gemeente beoordeelt je aanvraag.", False),
        ("Het wordt morgen koud.", False),
        ("Ik ben gisteren gevallen.", False),
    ],
)
def test_passive_constructions_are_found(sentence, passive):
    report = plain_language_check(text=sentence)

    assert (report.passive_sentences == [sentence]) is passive


def test_officialese_comes_with_a_plain_alternative():
    report = plain_language_check(
        text="Indien u woonachtig bent in Oost, kunt u middels dit formulier "
        "reageren. Met  betrekking tot de kosten: die zijn er niet."
    )

    assert [(hit.found, hit.alternative) for hit in report.officialese] == [
        ("Indien", "als"),
        ("Met  betrekking tot", "over"),
        ("middels", "met"),
        ("woonachtig", "wonen"),
    ]


def test_the_word_list_can_be_extended():
    report = plain_language_check(
        text="Wij verzoeken u vriendelijk te reageren.",
        extra_terms={"verzoeken": "vragen"},
    )

    assert [(hit.found, hit.alternative) for hit in report.officialese] == [
        ("verzoeken", "vragen")
    ]


def test_an_empty_text_gives_an_empty_report():
    report = plain_language_check(text="   ")

    assert (report.word_count, report.sentence_count, report.long_words) == (0, 0, [])
