"""Residents fill in the public forms in Chromium on a phone (360x740), with no
console errors: a request for help with groceries without an account (first
sent empty: the title says so and the summary's links lead to the fields),
"Ik wil helpen" with only a name and a phone number, and a response to a
vacancy. Screenshots go to /tmp/forms/ for a person to look at."""

from pathlib import Path

import pytest
from django.core import mail

from helpboard.models import HelpPost, HelpResponse
from tests.a11y import axe_violations, describe, horizontal_overflow
from vacancies.models import VacancyResponse

pytestmark = pytest.mark.django_db

PHONE = {"width": 360, "height": 740}
SHOTS = Path("/tmp/forms")  # noqa: S108 (screenshots for a person to view)


@pytest.fixture
def resident(browse, settings):
    """A phone-sized page without a login, and the console errors it gets."""
    # A person in a browser is quick here: no minimum fill time, no rate limit.
    settings.BUURTPLEIN_FORM_MIN_SECONDS = 0
    settings.BUURTPLEIN_FORM_RATE = "1000/h"
    page, _traffic = browse()
    page.set_viewport_size(PHONE)
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, errors


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


BAD_REQUEST = (
    "Failed to load resource: the server responded with a status of 400 (Bad Request)"
)


def expect_only_the_bad_request(errors: list[str]) -> None:
    """A form sent back with errors answers 400, which Chromium logs; nothing else."""
    assert errors == [BAD_REQUEST]
    errors.clear()


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    assert horizontal_overflow(page) == []


def test_a_resident_asks_for_help_with_groceries_without_an_account(
    resident, browser_server, help_board, categories
):
    page, errors = resident
    page.goto(browser_server + help_board.url)
    page.get_by_role("link", name="Vraag hulp").click()
    page.wait_for_url("**/plaatsen/?soort=vraag")
    assert page.get_by_label("Ik zoek hulp (hulpvraag)").is_checked()
    shot(page, "help-post-form")

    # Sent empty: the title says there is an error, the summary lists them.
    page.get_by_role("button", name="Verstuur mijn bericht").click()
    page.wait_for_selector("#error-summary")
    expect_only_the_bad_request(errors)
    assert page.title().startswith("Fout: ")
    summary = page.locator("#error-summary")
    assert summary.get_by_role("heading").inner_text().startswith("Nog niet verstuurd")
    assert_accessible(page)
    shot(page, "help-post-errors")
    summary.get_by_role("link", name="Geef je bericht een korte titel.").click()
    assert page.evaluate("document.activeElement.id") == "id_title"
    summary.get_by_role("link", name="Vink dit aan.").click()
    assert page.evaluate("document.activeElement.id") == "id_consent"

    page.get_by_label("Korte titel").fill("Wie doet boodschappen voor me?")
    page.get_by_label("Vertel er iets meer over").fill(
        "Ik kan niet goed lopen. Eén keer per week naar de supermarkt."
    )
    page.get_by_label("Waar gaat het over?").select_option(label="Boodschappen")
    page.get_by_label("Flexibel: het maakt niet uit wanneer").check()
    page.get_by_label("Je voornaam").fill("Truus")
    page.get_by_label("Je telefoonnummer").fill("06 12345678")
    page.get_by_label("Ik vind het goed").check()
    page.get_by_role("button", name="Verstuur mijn bericht").click()

    page.wait_for_url("**/verstuurd/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Bedankt voor je bericht!"
    )
    assert not page.title().startswith("Fout")
    shot(page, "help-post-sent")
    post = HelpPost.objects.get()
    assert (post.title, post.category.slug, post.phone) == (
        "Wie doet boodschappen voor me?",
        "boodschappen",
        "06 12345678",
    )
    assert errors == []


def test_i_want_to_help_with_only_a_name_and_a_phone_number(
    resident, browser_server, help_board, post
):
    page, errors = resident
    page.goto(browser_server + help_board.url + f"{post.pk}/")
    page.get_by_role("link", name="Ik wil helpen").click()
    page.wait_for_url("**/reageren/")
    shot(page, "respond-form")

    page.get_by_label("Je naam").fill("Kees")
    page.get_by_label("Je telefoonnummer").fill("06 87654321")
    page.get_by_label("Ik vind het goed").check()
    page.get_by_role("button", name="Verstuur mijn reactie").click()

    page.wait_for_url("**/reageren/verstuurd/")
    shot(page, "respond-sent")
    response = HelpResponse.objects.get()
    assert (response.name, response.phone, response.message) == (
        "Kees",
        "06 87654321",
        "",
    )
    assert "06 87654321" in mail.outbox[0].body
    assert errors == []


def test_a_resident_responds_to_a_vacancy(resident, browser_server, vacancy):
    page, errors = resident
    page.goto(browser_server + vacancy.url)
    page.get_by_role("link", name="Ik wil helpen").first.click()
    page.wait_for_url("**/reageren/")

    page.get_by_role("button", name="Verstuur mijn reactie").click()
    page.wait_for_selector("#error-summary")
    expect_only_the_bad_request(errors)
    assert page.title().startswith("Fout: ")
    assert_accessible(page)
    shot(page, "vacancy-errors")
    page.locator("#error-summary").get_by_role("link", name="Vul je naam in.").click()
    assert page.evaluate("document.activeElement.id") == "id_name"

    page.get_by_label("Je naam").fill("Jan Jansen")
    page.get_by_label("Je e-mailadres").fill("jan@example.org")
    page.get_by_label("Je bericht").fill("Ik rij graag, op dinsdag.")
    page.get_by_label("Ik vind het goed").check()
    page.get_by_role("button", name="Verstuur mijn reactie").click()

    page.wait_for_url("**/bedankt/**")
    shot(page, "vacancy-sent")
    assert VacancyResponse.objects.get().name == "Jan Jansen"
    assert errors == []
