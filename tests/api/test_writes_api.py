"""An organisation keeps its profile up to date through the API with a token.

PATCH /api/v3/redactie/organisaties/{id}/ is the admin's edit for the token's
user: the same form and validators (422 with Dutch messages per field), a new
revision that leaves the live page alone, and the site's workflow, whose
approval by Communicatie in the admin publishes it.
"""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import APIToken, Page, Revision, TaskState, WorkflowState

from agenda.models import EventPage
from editorial.models import FourEyesApprovalTask
from editorial.page_writes import (
    FieldNotOnForm,
    editor_form_data,
    page_edit_form_data,
)
from editorial.services import (
    buurtverbinder_grant,
    communicatie_grant,
    organisation_editor_grant,
)
from socialmap.models import OrganisationPage
from tests.editorial.test_approval_entry_points import (
    browser_form_data,
    dashboard_button,
    dashboard_dialog,
)
from tests.factories import (
    EventPageFactory,
    LocationFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    OpeningHoursFactory,
    OrganisationPageFactory,
    ServiceFactory,
    SocialMapPageFactory,
    VacancyPageFactory,
)
from vacancies.models import VacancyPage

pytestmark = pytest.mark.django_db


def url(page) -> str:
    return f"/api/v3/redactie/organisaties/{page.pk}/"


def make_user(username):
    return get_user_model().objects.create_user(
        username, f"{username}@example.org", "x", first_name=username.title()
    )


def token_for(user) -> str:
    _token, plaintext = APIToken.create_token(user=user, name="koppeling")
    return plaintext


def patch(client, page, body, *, token, raw=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.patch(
        url(page),
        raw if raw is not None else json.dumps(body),
        content_type="application/json",
        **headers,
    )


@pytest.fixture
def platform(site, neighbourhood):
    home = site.root_page
    social_map = SocialMapPageFactory(parent=home)
    organisation = OrganisationPageFactory(parent=social_map, title="Buurtzorg West")
    service = ServiceFactory(page=organisation, name="Spreekuur")
    other_service = ServiceFactory(page=organisation, name="Koffieochtend")
    location = LocationFactory(page=organisation, name="De Schakel")
    OpeningHoursFactory(location=location, weekday=0, opens="09:00", closes="12:00")
    organisation.save_revision().publish()
    other = OrganisationPageFactory(parent=social_map, title="Andere stichting")
    other.save_revision().publish()
    wijk = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=home), neighbourhood=neighbourhood
    )
    editor = make_user("olga")
    organisation_editor_grant(user=editor, organisation_page=organisation)
    communicatie = make_user("petra")
    communicatie_grant(user=communicatie, site=site)
    buurtverbinder = make_user("bart")
    buurtverbinder_grant(user=buurtverbinder, neighbourhood_page=wijk)
    return {
        "organisation": OrganisationPage.objects.get(pk=organisation.pk),
        "other": other,
        "service": service,
        "other_service": other_service,
        "location": location,
        "editor": editor,
        "communicatie": communicatie,
        "buurtverbinder": buurtverbinder,
        "resident": make_user("rita"),
    }


@pytest.fixture
def editor_token(platform):
    return token_for(platform["editor"])


def latest(page) -> OrganisationPage:
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


# --- The form data ------------------------------------------------------------


def test_the_form_data_is_what_the_editor_posts_unchanged(client, platform):
    """The data built from the revision equals what the browser sends from the
    admin's edit form (the inputs' values as rendered)."""
    page, editor = platform["organisation"], platform["editor"]
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).text
    from_browser = browser_form_data(html, OrganisationPage)
    ours = page_edit_form_data(page=page, user=editor).data

    def posted(data) -> dict[str, list[str]]:
        # An empty value posts the same as none; the comments' inputs are made
        # by the editor's JavaScript, the CSRF token and "next" by the view.
        return {
            key: data.getlist(key)
            for key in data
            if data.getlist(key) not in ([], [""])
            and not key.startswith("comments-")
            and key not in ("csrfmiddlewaretoken", "next")
        }

    # The editor's view adds which revision it loaded (to warn of newer ones).
    for key in ("loaded_revision_id", "loaded_revision_created_at"):
        from_browser.pop(key)
    ours_lists, browser_lists = posted(ours), posted(from_browser)
    assert len(ours_lists) > 40
    differing = {
        key: (ours_lists.get(key), browser_lists.get(key))
        for key in ours_lists.keys() | browser_lists.keys()
        if ours_lists.get(key) != browser_lists.get(key)
    }
    assert not differing, "\n".join(f"{k}: {v}" for k, v in sorted(differing.items()))


def test_unchanged_data_is_a_valid_form_without_changes(platform):
    page, editor = platform["organisation"], platform["editor"]
    form_data = page_edit_form_data(page=page, user=editor)
    form = type(form_data.form)(
        form_data.data,
        {},
        instance=form_data.form.instance,
        parent_page=page.get_parent(),
        for_user=editor,
    )
    assert form.is_valid(), form.errors
    assert editor_form_data(form_data.form) == form_data.data


# --- A valid edit -------------------------------------------------------------


PROFILE = {
    "introduction": "Wij helpen met zorg in de wijk.",
    "phone": "0183 999 000",
    "website": "https://buurtzorgwest.example",
    "services": [
        {"id": None, "name": "Hulp bij formulieren", "is_free": True, "cost": ""},
    ],
    "locations": [
        {
            "name": "Buurthuis Oost",
            "street_address": "Dorpsstraat 3",
            "postcode": "4204 AB",
            "city": "Merwestad",
            "opening_hours": [
                {"weekday": 1, "opens": "10:00", "closes": "16:00"},
                {"weekday": 4, "opens": "22:00", "closes": "02:00"},
            ],
        }
    ],
}


def test_an_editor_submits_a_new_profile_for_approval(client, platform, editor_token):
    page = platform["organisation"]
    live_revision_id = page.live_revision_id

    response = patch(client, page, PROFILE, token=editor_token)

    assert response.status_code == 200, response.content
    body = response.json()
    page = OrganisationPage.objects.get(pk=page.pk)
    assert body["id"] == page.pk
    assert body["revision_id"] == page.latest_revision_id
    assert body["status"] == "ter goedkeuring"
    assert body["admin_url"].endswith(f"/admin/pages/{page.pk}/edit/")
    revision = Revision.objects.get(pk=body["revision_id"])
    assert revision.user == platform["editor"]

    # The live page is untouched.
    assert page.live_revision_id == live_revision_id
    assert page.phone == "0183 123 456"
    assert [s.name for s in page.services.all()] == ["Spreekuur", "Koffieochtend"]

    # The revision has the new values.
    draft = latest(page)
    assert draft.phone == "0183 999 000"
    assert draft.introduction == "Wij helpen met zorg in de wijk."
    assert draft.website == "https://buurtzorgwest.example"
    assert draft.email == page.email  # absent: unchanged
    assert [s.name for s in draft.services.all()] == ["Hulp bij formulieren"]
    [location] = draft.locations.all()
    assert (location.street_address, location.postcode) == ("Dorpsstraat 3", "4204 AB")
    assert sorted(
        (slot.weekday, slot.opens, slot.closes) for slot in location.opening_hours.all()
    ) == [
        (1, datetime.time(10), datetime.time(16)),
        (4, datetime.time(22), datetime.time(2)),
    ]

    # In the workflow, waiting for Communicatie (the taalcheck passed it on).
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == platform["editor"]
    task_state = state.current_task_state
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert task_state.revision_id == body["revision_id"]
    task = task_state.task.specific
    assert isinstance(task, FourEyesApprovalTask)
    assert task_state in task.get_task_states_user_can_moderate(
        platform["communicatie"]
    )
    assert task_state not in task.get_task_states_user_can_moderate(platform["editor"])


def test_approval_in_the_admin_publishes_the_new_values(client, platform, editor_token):
    page = platform["organisation"]
    assert patch(client, page, PROFILE, token=editor_token).status_code == 200

    admin = Client()
    button = dashboard_button(admin, platform["communicatie"], page, "approve")
    dashboard_dialog(admin, button, "")

    page = OrganisationPage.objects.get(pk=page.pk)
    assert page.live_revision_id == page.latest_revision_id
    assert page.phone == "0183 999 000"
    assert [s.name for s in page.services.all()] == ["Hulp bij formulieren"]
    assert [loc.street_address for loc in page.locations.all()] == ["Dorpsstraat 3"]


def test_submit_false_saves_a_draft_only(client, platform, editor_token):
    page = platform["organisation"]
    response = patch(
        client, page, {"phone": "010 1", "submit": False}, token=editor_token
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "concept"
    assert latest(page).phone == "010 1"
    assert not WorkflowState.objects.for_instance(page).exists()


def test_items_with_an_id_are_edited_in_place(client, platform, editor_token):
    page, service = platform["organisation"], platform["service"]
    location = platform["location"]
    response = patch(
        client,
        page,
        {
            "services": [
                {"name": "Nieuw"},
                {"id": service.pk, "cost": "€ 2,50"},
            ],
            "locations": [{"id": location.pk, "city": "Dorp"}],
        },
        token=editor_token,
    )
    assert response.status_code == 200, response.content
    draft = latest(page)
    services = list(draft.services.all())
    assert [(s.pk, s.name, s.cost) for s in services] == [
        (None, "Nieuw", ""),
        (service.pk, "Spreekuur", "€ 2,50"),
    ]
    [kept] = draft.locations.all()
    assert (kept.pk, kept.city, kept.name) == (location.pk, "Dorp", "De Schakel")
    # Its opening hours were not in the body: unchanged.
    assert [(s.weekday, s.opens) for s in kept.opening_hours.all()] == [
        (0, datetime.time(9))
    ]


# --- Invalid input -------------------------------------------------------------


def errors_of(response) -> list[tuple[list, str]]:
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    return [(error["loc"], error["msg"]) for error in response.json()["errors"]]


@pytest.mark.parametrize(
    ("body", "loc", "message"),
    [
        (
            {"website": "javascript:alert(1)"},
            ["body", "profile", "website"],
            "geldige url",
        ),
        (
            {"services": [{"description": "Zonder naam"}]},
            ["body", "profile", "services", 0, "name"],
            "verplicht",
        ),
        (
            {
                "locations": [
                    {"street_address": "A 1", "city": "B", "postcode": "1234 ABCD"}
                ]
            },
            ["body", "profile", "locations", 0, "postcode"],
            "te lang",
        ),
        (
            {
                "locations": [
                    {
                        "street_address": "A 1",
                        "city": "B",
                        "opening_hours": [
                            {"weekday": 2, "opens": "17:00", "closes": "08:00"}
                        ],
                    }
                ]
            },
            ["body", "profile", "locations", 0, "opening_hours", 0, "closes"],
            "eerder dan open vanaf",
        ),
        ({"services": "geen lijst"}, ["body", "profile", "services"], "lijst"),
        ({"colour": "rood"}, ["body", "profile", "colour"], "kennen we niet"),
        (
            {"services": [{"id": 999999, "name": "X"}]},
            ["body", "profile", "services", 0, "id"],
            "hoort niet bij deze organisatie",
        ),
        ({"email": "geen adres"}, ["body", "profile", "email"], "e-mailadres"),
    ],
    ids=[
        "javascript-url",
        "service-without-name",
        "postcode-too-long",
        "closes-before-opens",
        "not-a-list",
        "unknown-field",
        "unknown-id",
        "bad-email",
    ],
)
def test_invalid_input_is_a_422_with_where_and_why(
    client, platform, editor_token, body, loc, message
):
    page = platform["organisation"]
    revisions = Revision.objects.count()
    errors = errors_of(patch(client, page, body, token=editor_token))
    assert any(
        error_loc == loc and message in msg.lower() for error_loc, msg in errors
    ), errors
    assert Revision.objects.count() == revisions
    assert not WorkflowState.objects.exists()


@pytest.mark.parametrize(
    "raw",
    ["[]", "nul", '{"services": [1]}', '{"locations": [{"opening_hours": {}}]}', '"x"'],
)
def test_a_body_of_the_wrong_shape_is_never_a_500(client, platform, editor_token, raw):
    response = patch(
        client, platform["organisation"], None, token=editor_token, raw=raw
    )
    assert response.status_code in (400, 422), response.content
    assert not WorkflowState.objects.exists()


# --- Who may write ------------------------------------------------------------


def test_another_organisations_page_is_refused(client, platform, editor_token):
    response = patch(client, platform["other"], {"phone": "1"}, token=editor_token)
    assert response.status_code == 403
    assert Page.objects.get(pk=platform["other"].pk).revisions.count() == 1


@pytest.mark.parametrize("role", ["buurtverbinder", "resident"])
def test_other_roles_are_refused(client, platform, role):
    page = platform["organisation"]
    response = patch(client, page, {"phone": "1"}, token=token_for(platform[role]))
    assert response.status_code == 403
    assert latest(page).phone == "0183 123 456"


def test_no_or_a_revoked_token_is_a_401(client, platform):
    page = platform["organisation"]
    assert patch(client, page, {"phone": "1"}, token=None).status_code == 401
    token, plaintext = APIToken.create_token(user=platform["editor"], name="oud")
    token.revoke()
    assert patch(client, page, {"phone": "1"}, token=plaintext).status_code == 401
    assert patch(client, page, {"phone": "1"}, token="rommel").status_code == 401
    assert latest(page).phone == "0183 123 456"


def test_a_session_does_not_replace_the_token(client, platform):
    client.force_login(platform["editor"])
    response = patch(client, platform["organisation"], {"phone": "1"}, token=None)
    assert response.status_code == 401


def test_an_unknown_page_is_a_404(client, platform, editor_token):
    response = client.patch(
        "/api/v3/redactie/organisaties/999999/",
        "{}",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {editor_token}",
    )
    assert response.status_code == 404


# --- Events and vacancies -------------------------------------------------------


@pytest.fixture
def event(platform):
    page = EventPageFactory(parent=platform["organisation"], title="Koffieochtend")
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


@pytest.fixture
def vacancy(platform):
    page = VacancyPageFactory(parent=platform["organisation"], title="Chauffeur")
    page.save_revision().publish()
    return VacancyPage.objects.get(pk=page.pk)


def patch_at(client, path, body, *, token):
    return client.patch(
        path,
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_an_event_of_the_organisation_is_edited_and_submitted(
    client, platform, editor_token, event
):
    response = patch_at(
        client,
        f"/api/v3/redactie/evenementen/{event.pk}/",
        {
            "title": "Koffieochtend (nieuw)",
            "start": "2030-03-29T10:00:00+01:00",
            "end": "2030-03-29T12:00:00+01:00",
            "repetition": "weekly",
            "skipped_dates": [{"date": "2030-04-05"}],
            "registration_url": "https://aanmelden.example",
        },
        token=editor_token,
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "ter goedkeuring"
    draft = Page.objects.get(pk=event.pk).specific.get_latest_revision_as_object()
    assert draft.title == "Koffieochtend (nieuw)"
    assert draft.start == datetime.datetime(2030, 3, 29, 9, 0, tzinfo=datetime.UTC)
    assert draft.repetition == "weekly"
    assert [skip.date for skip in draft.skipped_dates.all()] == [
        datetime.date(2030, 4, 5)
    ]
    assert EventPage.objects.get(pk=event.pk).title == "Koffieochtend"


def test_an_event_with_a_bad_link_or_end_is_refused(
    client, platform, editor_token, event
):
    response = patch_at(
        client,
        f"/api/v3/redactie/evenementen/{event.pk}/",
        {"registration_url": "javascript:alert(1)", "title": ""},
        token=editor_token,
    )
    locs = [loc for loc, _msg in errors_of(response)]
    assert ["body", "event", "title"] in locs
    assert Page.objects.get(pk=event.pk).revisions.count() == 1


def test_a_vacancy_is_edited_and_another_organisations_is_refused(
    client, platform, editor_token, vacancy
):
    response = patch_at(
        client,
        f"/api/v3/redactie/vrijwilligerswerk/{vacancy.pk}/",
        {"time_commitment": "flexible", "skills": ["koken", "rijbewijs B"]},
        token=editor_token,
    )
    assert response.status_code == 200, response.content
    draft = Page.objects.get(pk=vacancy.pk).specific.get_latest_revision_as_object()
    assert draft.time_commitment == "flexible"
    assert sorted(tag.name for tag in draft.skills.all()) == ["koken", "rijbewijs B"]

    elsewhere = VacancyPageFactory(parent=platform["other"])
    response = patch_at(
        client,
        f"/api/v3/redactie/vrijwilligerswerk/{elsewhere.pk}/",
        {"time_commitment": "flexible"},
        token=editor_token,
    )
    assert response.status_code in (403, 404)
    # An organisation page is not a vacancy.
    response = patch_at(
        client,
        f"/api/v3/redactie/vrijwilligerswerk/{platform['organisation'].pk}/",
        {},
        token=editor_token,
    )
    assert response.status_code == 404


def post_at(client, path, body, *, token):
    return client.post(
        path,
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def test_a_new_event_is_added_under_the_organisation_and_submitted(
    client, platform, editor_token
):
    organisation = platform["organisation"]
    response = post_at(
        client,
        f"/api/v3/redactie/organisaties/{organisation.pk}/evenementen/",
        {
            "title": "Repair café",
            "introduction": "Samen spullen maken.",
            "start": "2030-05-02T14:00:00+02:00",
            "body": "<p>Neem mee wat kapot is.</p>",
        },
        token=editor_token,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "ter goedkeuring"
    page = EventPage.objects.get(pk=body["id"])
    assert page.get_parent().pk == organisation.pk
    assert (page.title, page.slug, page.live) == ("Repair café", "repair-cafe", False)
    assert page.latest_revision.user == platform["editor"]
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_new_vacancy_needs_what_the_admin_needs(client, platform, editor_token):
    organisation = platform["organisation"]
    path = f"/api/v3/redactie/organisaties/{organisation.pk}/vrijwilligerswerk/"
    errors = errors_of(
        post_at(client, path, {"title": "Gastvrouw"}, token=editor_token)
    )
    locs = [loc for loc, _msg in errors]
    assert ["body", "vacancy", "what_you_do"] in locs
    assert ["body", "vacancy", "time_commitment"] in locs
    assert not VacancyPage.objects.filter(title="Gastvrouw").exists()

    response = post_at(
        client,
        path,
        {
            "title": "Gastvrouw",
            "what_you_do": "<p>Je ontvangt bezoekers.</p>",
            "time_commitment": "week",
            "submit": False,
        },
        token=editor_token,
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "concept"
    assert not VacancyPage.objects.get(title="Gastvrouw").live


def test_nothing_is_added_under_another_organisation(client, platform):
    other = platform["other"]
    for role in ("editor", "buurtverbinder", "resident"):
        response = post_at(
            client,
            f"/api/v3/redactie/organisaties/{other.pk}/evenementen/",
            {"title": "Ongewenst", "start": "2030-05-02T14:00:00+02:00"},
            token=token_for(platform[role]),
        )
        assert response.status_code == 403, role
    assert not EventPage.objects.filter(title="Ongewenst").exists()


def test_opening_hours_of_a_kept_location_are_replaced(client, platform, editor_token):
    page, location = platform["organisation"], platform["location"]
    response = patch(
        client,
        page,
        {
            "locations": [
                {
                    "id": location.pk,
                    "opening_hours": [
                        {"weekday": 2, "opens": "13:00", "closes": "17:00"},
                        {"weekday": 2, "opens": "09:00", "closes": "12:00"},
                    ],
                }
            ]
        },
        token=editor_token,
    )
    assert response.status_code == 200, response.content
    [kept] = latest(page).locations.all()
    assert kept.pk == location.pk
    assert sorted((s.weekday, s.opens) for s in kept.opening_hours.all()) == [
        (2, datetime.time(9)),
        (2, datetime.time(13)),
    ]
    # Overlapping periods are refused as in the week grid, at the item sent.
    response = patch(
        client,
        page,
        {
            "locations": [
                {
                    "id": location.pk,
                    "opening_hours": [
                        {"weekday": 3, "opens": "09:00", "closes": "12:00"},
                        {"weekday": 3, "opens": "11:00", "closes": "14:00"},
                    ],
                }
            ]
        },
        token=editor_token,
    )
    [(loc, message)] = errors_of(response)
    assert loc == ["body", "profile", "locations", 0, "opening_hours", 1, "opens"]
    assert "overlappen" in message


def test_a_field_the_users_form_lacks_is_refused_not_written(platform):
    page, editor = platform["organisation"], platform["editor"]
    form_data = page_edit_form_data(page=page, user=editor)
    with pytest.raises(FieldNotOnForm):
        form_data.set_fields(form_data.form, {"owner": editor.pk})
