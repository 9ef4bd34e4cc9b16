"""Translations: Dutch is the source language, English comes from locale/en.

The .po files are read with a tiny parser (no polib) and compared with the
compiled .mo files through Python's own gettext, so a catalogue that was edited
but not compiled, or a string that was never translated, fails here.
"""

import ast
import re
from gettext import GNUTranslations
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from agenda.models import EventPage
from core.forms import ChooseNeighbourhoodForm
from tests.project.test_accessibility import structure_of

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}|</?\w+[^>]*>")


def catalogue(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def read_po(path: Path) -> list[dict]:
    """Every entry but the header: msgid, msgid_plural, msgstrs and flags."""
    entries, entry, key = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry is not None and entry["msgid"]:
                entries.append(entry)
            entry = None
            continue
        if entry is None:
            entry = {
                "msgctxt": None,
                "msgid": "",
                "msgid_plural": None,
                "msgstr": {},
                "flags": [],
            }
        if line.startswith("#,"):
            entry["flags"] += [flag.strip() for flag in line[2:].split(",")]
        elif line.startswith("#"):
            continue
        elif match := re.match(
            r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line
        ):
            key = match.group(1)
            text = ast.literal_eval(match.group(2))
            if key.startswith("msgstr"):
                entry["msgstr"][key] = text
            else:
                entry[key] = text
        else:
            text = ast.literal_eval(line)
            if key.startswith("msgstr"):
                entry["msgstr"][key] += text
            else:
                entry[key] += text
    return entries


@pytest.fixture(scope="module")
def english() -> list[dict]:
    return read_po(catalogue("en"))


def test_the_english_catalogue_translates_every_msgid(english):
    assert len(english) > 100
    untranslated = [
        entry["msgid"] for entry in english if not all(entry["msgstr"].values())
    ]
    fuzzy = [entry["msgid"] for entry in english if "fuzzy" in entry["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_translations_keep_placeholders_and_html(english):
    for entry in english:
        sources = [entry["msgid"], entry["msgid_plural"] or entry["msgid"]]
        for index, translated in enumerate(entry["msgstr"].values()):
            source = sources[min(index, 1)]
            assert sorted(PLACEHOLDER.findall(translated)) == sorted(
                PLACEHOLDER.findall(source)
            ), source


def test_the_compiled_english_catalogue_matches_the_po(english):
    with (LOCALE_DIR / "en" / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        compiled = GNUTranslations(mo)
    for entry in english:
        if entry["msgctxt"] is not None:
            assert (
                compiled.pgettext(entry["msgctxt"], entry["msgid"])
                == entry["msgstr"]["msgstr"]
            )
        elif entry["msgid_plural"] is None:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"]["msgstr"]
        else:
            one = compiled.ngettext(entry["msgid"], entry["msgid_plural"], 1)
            many = compiled.ngettext(entry["msgid"], entry["msgid_plural"], 2)
            assert [one, many] == [
                entry["msgstr"]["msgstr[0]"],
                entry["msgstr"]["msgstr[1]"],
            ]


def test_the_dutch_catalogue_exists_and_compiles():
    dutch = read_po(catalogue("nl"))
    english_msgids = {entry["msgid"] for entry in read_po(catalogue("en"))}
    assert {entry["msgid"] for entry in dutch} == english_msgids
    with (LOCALE_DIR / "nl" / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        GNUTranslations(mo)


def test_the_catalogue_holds_strings_from_models_templates_and_forms(english, site):
    msgids = {entry["msgid"] for entry in english}
    with translation.override("nl"):
        verbose_name = str(EventPage._meta.verbose_name)
        form = ChooseNeighbourhoodForm(data={"postcode": "abcd"}, site=site)
        assert not form.is_valid()
        postcode_error = form.errors["postcode"][0]
    base_template = (Path(settings.BASE_DIR) / "templates" / "base.html").read_text()
    assert "Direct naar de inhoud" in base_template
    assert {
        verbose_name,
        postcode_error,
        "Direct naar de inhoud",
        "Kies taal",
        "Hulpvragen",
    } <= msgids
    assert verbose_name == "activiteit"
    with translation.override("en"):
        assert str(EventPage._meta.verbose_name) == "event"
        form = ChooseNeighbourhoodForm(data={"postcode": "abcd"}, site=site)
        assert not form.is_valid()
        assert form.errors["postcode"][0].startswith("This is not a postcode.")


def test_the_home_page_is_dutch_by_default(client, home_page):
    response = client.get(home_page.url)
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Direct naar de inhoud" in html
    assert "Skip to content" not in html


def test_a_browser_asking_for_english_still_gets_dutch(client, home_page):
    """Dutch first: Accept-Language is not followed, only the resident's choice."""
    response = client.get(home_page.url, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Direct naar de inhoud" in html


def test_the_home_page_is_english_once_english_is_chosen(client, home_page):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(home_page.url)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "Direct naar de inhoud" not in html


def test_the_language_switch_sets_the_cookie_and_pages_follow(client, home_page):
    page = client.get(home_page.url).content.decode()
    assert f'action="{reverse("set_language")}"' in page
    assert '<option value="en" lang="en">English</option>' in page
    assert '<option value="nl" lang="nl" selected>Nederlands</option>' in page

    response = client.post(
        reverse("set_language"), {"language": "en", "next": home_page.url}
    )
    assert response.status_code == 302
    assert response.url == home_page.url
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    html = client.get(home_page.url).content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert '<option value="en" lang="en" selected>English</option>' in html
    assert "Choose language" in html


def test_every_page_type_in_english_keeps_its_structure(client, tree):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for label, page in tree.items():
        response = client.get(page.url)
        assert response.status_code == 200, label
        problems = structure_of(response).problems()
        assert problems == ["html lang is 'en'"], label
