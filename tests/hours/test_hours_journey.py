"""Journey in Chromium at 1280x800: the demo organisation's editor opens the
week grid, opens today from a little before now until a few hours later, and
sends it in; it skips the taalcheck; Communicatie sees exactly that change on
top of the editor and approves with one click; the public organisation page
and the sociale kaart's "nu open" filter follow.

Nothing is frozen: the hours are chosen around the real time in
Europe/Amsterdam, with room on both sides so the test may take minutes. The
setup closes the organisation around now first (outside the browser), so
the change is what makes it open.
"""

import datetime
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from wagtail.models import TaskState

from editorial.models import TaalcheckTaskState
from socialmap.models import OpeningHours, OpeningHoursException, OrganisationPage
from socialmap.opening import open_organisation_page_ids
from tests.journeys.test_approval_journey import log_in  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

SHOTS = (
    Path(os.environ.get("HOURS_SCREENSHOTS", ""))
    if os.environ.get("HOURS_SCREENSHOTS")
    else None
)


def shot(page, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def hours_around_now() -> tuple[int, str, str]:
    """Today's weekday and a period from two hours ago (not before midnight)
    until five hours from now (past midnight if need be)."""
    now = timezone.localtime()
    opens = max(now.hour - 2, 0)
    closes = (now.hour + 5) % 24
    return now.weekday(), f"{opens:02d}:00", f"{closes:02d}:00"


def close_around_now(organisation: OrganisationPage) -> None:
    today = timezone.localdate()
    days = {today.weekday(), (today - datetime.timedelta(days=1)).weekday()}
    OpeningHours.objects.filter(location__page=organisation, weekday__in=days).delete()
    OpeningHoursException.objects.filter(
        location__page=organisation,
        date__in=[today, today - datetime.timedelta(days=1)],
    ).delete()
    organisation.refresh_from_db()
    organisation.save_revision().publish()


def test_opening_hours_from_the_week_grid_to_nu_open(log_in, browser_server, settings):  # noqa: F811
    from django.contrib.auth import get_user_model

    settings.DEBUG = True  # the demo makes its users only then
    call_command("load_demo", stdout=StringIO())
    settings.DEBUG = False
    users = get_user_model().objects
    organisation = OrganisationPage.objects.get(slug="welzijn-merwestad")
    close_around_now(organisation)
    social_map = organisation.get_parent()
    public_url = f"{browser_server}{organisation.get_url_parts()[2]}"
    map_url = f"{browser_server}{social_map.get_url_parts()[2]}?open=1"
    assert organisation.pk not in open_organisation_page_ids(at=timezone.now())
    weekday, opens, closes = hours_around_now()

    # The editor: the whole week fits on the screen, each row named.
    editor, editor_errors = log_in(users.get(username="organisatie"))
    editor.set_viewport_size({"width": 1280, "height": 800})
    editor.goto(f"{browser_server}/admin/pages/{organisation.pk}/edit/")
    week = editor.locator("[data-hours-week]").first
    week.scroll_into_view_if_needed()
    box = week.bounding_box()
    assert box is not None and box["height"] < 800
    assert week.locator("th.bp-hours__name").all_inner_texts() == [
        "Maandag",
        "Dinsdag",
        "Woensdag",
        "Donderdag",
        "Vrijdag",
        "Zaterdag",
        "Zondag",
    ]
    today = week.locator(f"[data-hours-day='{weekday}']")
    assert today.locator("[data-hours-closed]").is_checked()
    shot(editor, "1-week-grid")
    today.locator("[data-hours-closed]").uncheck()
    period = today.locator("[data-hours-period]:visible")
    assert period.count() == 1
    period.locator("[data-hours-opens]").fill(opens)
    period.locator("[data-hours-closes]").fill(closes)
    shot(editor, "2-today-open")
    submit = editor.locator("footer button[name='action-submit']")
    if not submit.is_visible():
        editor.locator("footer .w-dropdown__toggle").click()
    submit.click()
    # The live taalcheck asks once more about tips on the (unchanged) text.
    send_anyway = editor.locator("dialog[open] .buurtplein-live-advice__buttons button")
    try:
        send_anyway.first.wait_for(timeout=5_000)
    except PlaywrightTimeout:
        pass
    else:
        send_anyway.first.click()
    editor.locator(".messages").filter(has_text="ter goedkeuring ingediend").wait_for()
    shot(editor, "2b-sent")
    organisation.refresh_from_db()
    assert organisation.current_workflow_task.name.startswith("Goedkeuring door")
    taalcheck = TaalcheckTaskState.objects.get(
        workflow_state=organisation.current_workflow_state
    )
    assert taalcheck.status == TaskState.STATUS_SKIPPED
    # Not live yet: the public page still says closed.
    assert organisation.pk not in open_organisation_page_ids(at=timezone.now())

    # Communicatie: the change, old → new, and one click.
    checker, checker_errors = log_in(users.get(username="communicatie"))
    checker.set_viewport_size({"width": 1280, "height": 800})
    checker.goto(f"{browser_server}/admin/pages/{organisation.pk}/edit/")
    changes = checker.locator("[data-fact-changes]")
    rows = changes.locator("[data-fact-change]")
    assert rows.count() == 1
    row = " ".join(rows.first.inner_text().split())
    day_name = [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ][weekday]
    assert day_name in row
    assert "gesloten" in row
    assert f"{opens}–{closes}" in row
    shot(checker, "3-communicatie-sees-the-change")
    changes.locator("[data-fact-changes-approve]").click()
    checker.locator(".messages").filter(
        has_text="'Welzijn Merwestad' is goedgekeurd en gepubliceerd."
    ).wait_for()
    shot(checker, "4-approved")
    organisation.refresh_from_db()
    assert organisation.live_revision_id == organisation.latest_revision_id
    # What was approved is what the editor sent: nobody else saved a version.
    assert organisation.live_revision.user.username == "organisatie"
    assert not organisation.workflow_in_progress

    # The public page and the sociale kaart's "nu open".
    checker.goto(public_url)
    assert checker.get_by_text("Nu open").count() > 0
    shot(checker, "5-public-page")
    checker.goto(map_url)
    assert checker.get_by_role("link", name=organisation.title).count() > 0
    shot(checker, "6-nu-open")

    assert editor_errors == []
    assert checker_errors == []
