"""Facts-only changes skip the taalcheck and go straight to Communicatie, who
see old → new on top of the editor and approve with one click; any change to
text goes the full way. Through the real editor, as people click it."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import TaskState

from editorial.models import TaalcheckTaskState
from editorial.services import (
    approval_workflow_ensure,
    communicatie_grant,
    organisation_editor_grant,
)
from tests.factories import (
    LocationFactory,
    OpeningHoursExceptionFactory,
    OpeningHoursFactory,
    OrganisationPageFactory,
    ServiceFactory,
    SocialMapPageFactory,
)
from tests.hours.test_week_grid import HOURS, add_period, edit_url, open_form

pytestmark = pytest.mark.django_db

EXCEPTIONS = "locations-0-hours_exceptions"
SUBMIT = {"action-submit": "1"}
APPROVE = {"action-workflow-action": "true", "workflow-action-name": "approve"}


@pytest.fixture
def people(site):
    approval_workflow_ensure(site=site)
    page = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=site.root_page),
        title="Buurthuis De Brug",
        phone="0183 123 456",
        website="https://debrug.example",
    )
    ServiceFactory(page=page, name="Koffieochtend")
    location = LocationFactory(
        page=page,
        name="De Brug",
        street_address="Kerkstraat 1",
        postcode="4201 AB",
        city="Merwestad",
    )
    OpeningHoursFactory(location=location, weekday=0, opens="09:00", closes="17:00")
    OpeningHoursExceptionFactory(
        location=location, date=datetime.date(2027, 4, 27), reason="Koningsdag"
    )
    page.save_revision().publish()
    users = {
        name: get_user_model().objects.create_user(name, f"{name}@example.org")
        for name in ("bram", "cor")
    }
    organisation_editor_grant(user=users["bram"], organisation_page=page)
    communicatie_grant(user=users["cor"], site=site)
    return {"page": page, **users}


def submit(client, people, change) -> None:
    """Bram opens his organisation in the editor, changes it, "Stuur door"."""
    page = people["page"]
    client.force_login(people["bram"])
    _html, data = open_form(client, page)
    change(data)
    data.update(SUBMIT)
    response = client.post(edit_url(page), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.workflow_in_progress


def taalcheck_state(page) -> TaalcheckTaskState:
    return TaalcheckTaskState.objects.get(workflow_state=page.current_workflow_state)


def set_to(name, value):
    def change(data):
        data[name] = value

    return change


def add_hours(data):
    add_period(data, 2, "10:00", "16:00")


def change_exception(data):
    data[f"{EXCEPTIONS}-0-date"] = "2027-12-25"
    data[f"{EXCEPTIONS}-0-reason"] = "Kerst"


def add_exception(data):
    index = int(data[f"{EXCEPTIONS}-TOTAL_FORMS"])
    data.update(
        {
            f"{EXCEPTIONS}-{index}-id": "",
            f"{EXCEPTIONS}-{index}-date": "2027-05-05",
            f"{EXCEPTIONS}-{index}-closed": "on",
            f"{EXCEPTIONS}-{index}-reason": "Bevrijdingsdag",
            f"{EXCEPTIONS}-{index}-DELETE": "",
        }
    )
    data[f"{EXCEPTIONS}-TOTAL_FORMS"] = str(index + 1)


def close_monday(data):
    data[f"{HOURS}-0-DELETE"] = "1"


FACT_CHANGES = {
    "phone": (
        set_to("phone", "0183 999 999"),
        "Telefoon",
        "0183 123 456",
        "0183 999 999",
    ),
    "email": (
        set_to("email", "hallo@debrug.example"),
        "E-mail",
        None,
        "hallo@debrug.example",
    ),
    "website": (
        set_to("website", "https://brug.example"),
        "Website",
        "https://debrug.example",
        "https://brug.example",
    ),
    "street": (
        set_to("locations-0-street_address", "Markt 5"),
        "De Brug: adres",
        "Kerkstraat 1, 4201 AB Merwestad",
        "Markt 5, 4201 AB Merwestad",
    ),
    "postcode": (
        set_to("locations-0-postcode", "4202 CD"),
        "De Brug: adres",
        "Kerkstraat 1, 4201 AB Merwestad",
        "Kerkstraat 1, 4202 CD Merwestad",
    ),
    "city": (
        set_to("locations-0-city", "Arkel"),
        "De Brug: adres",
        None,
        "Kerkstraat 1, 4201 AB Arkel",
    ),
    "new period": (add_hours, "De Brug: woensdag", "gesloten", "10:00–16:00"),
    "changed period": (
        set_to(f"{HOURS}-0-closes", "12:30"),
        "De Brug: maandag",
        "09:00–17:00",
        "09:00–12:30",
    ),
    "closed day": (close_monday, "De Brug: maandag", "09:00–17:00", "gesloten"),
    "moved exception": (
        change_exception,
        "De Brug: zaterdag 25 december 2027",
        "—",
        "de hele dag dicht (Kerst)",
    ),
    "new exception": (
        add_exception,
        "De Brug: woensdag 5 mei 2027",
        "—",
        "de hele dag dicht (Bevrijdingsdag)",
    ),
}


@pytest.mark.parametrize("case", FACT_CHANGES, ids=list(FACT_CHANGES))
def test_a_facts_only_change_skips_the_taalcheck_and_shows_old_and_new(
    client, people, case
):
    change, label, old, new = FACT_CHANGES[case]
    submit(client, people, change)
    page = people["page"]
    state = taalcheck_state(page)
    assert state.status == TaskState.STATUS_SKIPPED
    assert "Alleen feiten gewijzigd" in state.comment
    assert page.current_workflow_task.name.startswith("Goedkeuring door")

    client.force_login(people["cor"])
    html = client.get(edit_url(page)).content.decode()
    assert "data-fact-changes" in html
    rows = [row.split("</tr>", 1)[0] for row in html.split("data-fact-change>")[1:]]
    [row] = [row for row in rows if f">{label}</th>" in row]
    assert new in row
    if old is not None:
        assert old in row
    # Only what changed: one line, two for a moved date (gone, and new).
    assert len(rows) == (2 if case == "moved exception" else 1)


TEXT_CHANGES = {
    "description": set_to("description", '{"blocks": [], "entityMap": {}}'),
    "title": set_to("title", "Buurthuis De Nieuwe Brug"),
    "introduction": set_to("introduction", "Iedereen is welkom."),
    "service": set_to("services-0-name", "Koffie en een praatje"),
    "accessibility": set_to("locations-0-accessibility_notes", "Er is een lift."),
    "location name": set_to("locations-0-name", "De Nieuwe Brug"),
    "phone and title": lambda data: data.update(
        {"phone": "0183 999 999", "title": "Buurthuis De Nieuwe Brug"}
    ),
}


@pytest.mark.parametrize("case", TEXT_CHANGES, ids=list(TEXT_CHANGES))
def test_a_change_to_text_goes_the_full_way(client, people, case):
    submit(client, people, TEXT_CHANGES[case])
    page = people["page"]
    assert taalcheck_state(page).status == TaskState.STATUS_APPROVED
    client.force_login(people["cor"])
    html = client.get(edit_url(page)).content.decode()
    assert "data-fact-changes" not in html


def test_communicatie_approves_in_one_click_and_never_the_submitter(client, people):
    page = people["page"]
    submit(client, people, set_to("phone", "0183 999 999"))

    # Bram sees no panel and his forged "approve" publishes nothing.
    html = client.get(edit_url(page)).content.decode()
    assert "data-fact-changes" not in html
    _html, data = open_form(client, page)
    data.update(APPROVE)
    client.post(edit_url(page), data)
    task_state = page.current_workflow_task_state
    forged = client.post(
        reverse("editorial_workflow_action", args=[page.pk, "approve", task_state.pk])
    )
    assert forged.status_code in (302, 403)
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert page.specific.phone == "0183 123 456"

    # Cor's one button sends the edit form to the approval action.
    revisions = page.revisions.count()
    client.force_login(people["cor"])
    html, data = open_form(client, page)
    [approve_url] = re.findall(
        r'formaction="([^"]+)"[^>]*data-fact-changes-approve', html
    )
    response = client.post(approve_url, data)
    assert response.status_code == 302
    assert page.revisions.count() == revisions
    page.refresh_from_db()
    assert not page.workflow_in_progress
    assert page.live_revision_id == page.latest_revision_id
    assert page.specific.phone == "0183 999 999"
    public = client.get(page.url).content.decode()
    assert "0183 999 999" in public


def test_a_page_never_published_goes_the_full_way(client, people):
    page = people["page"]
    page.unpublish()
    submit(client, people, set_to("phone", "0183 999 999"))
    assert taalcheck_state(page).status == TaskState.STATUS_APPROVED


def test_a_forged_bad_website_is_refused_and_nothing_is_submitted(client, people):
    page = people["page"]
    client.force_login(people["bram"])
    _html, data = open_form(client, page)
    data["website"] = "javascript:alert(1)"
    data.update(SUBMIT)
    response = client.post(edit_url(page), data)
    assert response.status_code == 200
    page.refresh_from_db()
    assert not page.workflow_in_progress
