"""Approval from every entry point publishes; a request for changes reaches
the writer with its comment; an untouched page is no change.

Every request is built the way the browser builds it: from the rendered edit
form (hidden inputs included), the StreamField's inputs from the state the
page gives its JavaScript, rich text as Draftail posts it back, and the
workflow buttons' own attributes (``data-workflow-action-name``, the dialog's
URL). Nothing is typed by hand except what a person types.

With ``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT``, a phantom change (a date
field with a callable default, rich text not in the editor's format) made
"Goedkeuren" save a revision and start the workflow again; these tests fail
on any such change, for every page type that goes through "Goedkeuring".
"""

import datetime
import json

import bs4
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import QueryDict
from django.urls import reverse
from wagtail.blocks import ListBlock, RichTextBlock, StreamBlock, StructBlock
from wagtail.fields import StreamField
from wagtail.models import Page, Revision, WorkflowState

from core.rich_text import rich_text_normalise, stored_rich_text_normalise
from editorial.services import (
    buurtverbinder_grant,
    communicatie_grant,
    organisation_editor_grant,
)
from news.models import NewsPage
from socialmap.models import Location, OpeningHours
from tests.factories import (
    ConnectorFactory,
    ContentPageFactory,
    EventPageFactory,
    ImageFactory,
    LocationFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsPageFactory,
    OpeningHoursFactory,
    OrganisationPageFactory,
    ServiceFactory,
    SocialMapPageFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db

COMMENT = 'Zet de tijd erbij & maak de titel korter: "kort".\nDank je!'

# Rich text as the imports and the demo write it: no block keys, <strong>,
# a line break without its slash, a list.
OUTSIDE_HTML = (
    "<p>Loop gerust <strong>binnen</strong>.<br>Koffie staat klaar.</p>"
    "<ul><li>Maandag</li><li>Dinsdag</li></ul>"
)


# --------------------------------------------------------------------------
# The browser


def draftail_posts(contentstate: str) -> str:
    """What Draftail writes into its input on load: "null" for an empty text
    (then stored as ""), else the content as it was given."""
    try:
        state = json.loads(contentstate)
    except ValueError:
        return contentstate
    if isinstance(state, dict) and all(
        not block.get("text", "").strip() and not block.get("entityRanges")
        for block in state.get("blocks", [])
    ):
        return "null"
    return contentstate


def _block_data(block, state, prefix: str, data: QueryDict) -> None:
    """The inputs Wagtail's block JavaScript makes from a block's state."""
    if isinstance(block, StreamBlock):
        data[f"{prefix}-count"] = str(len(state))
        for index, child in enumerate(state):
            child_prefix = f"{prefix}-{index}"
            data[f"{child_prefix}-type"] = child["type"]
            data[f"{child_prefix}-deleted"] = ""
            data[f"{child_prefix}-order"] = str(index)
            data[f"{child_prefix}-id"] = child.get("id") or ""
            _block_data(
                block.child_blocks[child["type"]],
                child["value"],
                f"{child_prefix}-value",
                data,
            )
    elif isinstance(block, ListBlock):
        data[f"{prefix}-count"] = str(len(state))
        for index, item in enumerate(state):
            item_prefix = f"{prefix}-{index}"
            data[f"{item_prefix}-deleted"] = ""
            data[f"{item_prefix}-order"] = str(index)
            data[f"{item_prefix}-id"] = item.get("id") or ""
            _block_data(block.child_block, item["value"], f"{item_prefix}-value", data)
    elif isinstance(block, StructBlock):
        for name, child_block in block.child_blocks.items():
            _block_data(child_block, (state or {}).get(name), f"{prefix}-{name}", data)
    elif isinstance(block, RichTextBlock):
        data[prefix] = draftail_posts(state or "")
    elif isinstance(state, list):  # a <select>: the chosen values
        for value in state:
            data.appendlist(prefix, str(value))
    elif isinstance(state, dict):  # a chooser: its state carries the id
        data[prefix] = str(state.get("id") or "")
    elif state is True:
        data[prefix] = "on"
    elif state is not False:  # an unticked checkbox is not posted; the rest is
        data[prefix] = "" if state is None else str(state)


def browser_form_data(html: str, model) -> QueryDict:
    """What Chromium posts from the page edit form as it was rendered."""
    soup = bs4.BeautifulSoup(html, "html.parser")
    form = soup.find("form", id="page-edit-form")
    assert form is not None
    data = QueryDict(mutable=True)
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or element.has_attr("disabled") or element.find_parent("template"):
            continue
        if element.name == "textarea":
            # A browser drops the newline that opens a <textarea>'s content.
            data.appendlist(name, element.get_text().removeprefix("\n"))
        elif element.name == "select":
            chosen = element.find_all("option", selected=True)
            if not chosen and not element.has_attr("multiple"):
                chosen = element.find_all("option")[:1]
            for option in chosen:
                data.appendlist(name, option.get("value", option.get_text()))
        else:
            kind = element.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio"):
                if element.has_attr("checked"):
                    data.appendlist(name, element.get("value", "on"))
                continue
            value = element.get("value", "")
            if element.has_attr("data-draftail-input"):
                value = draftail_posts(value)
            data.appendlist(name, value)
    for widget in form.find_all(attrs={"data-controller": "w-block"}):
        field = model._meta.get_field(widget["id"])
        assert isinstance(field, StreamField)
        state = json.loads(widget["data-w-block-arguments-value"])[0]
        _block_data(field.stream_block, state, widget["id"], data)
    return data


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def open_editor(client, page, user) -> tuple[str, QueryDict]:
    client.force_login(user)
    response = client.get(edit_url(page))
    assert response.status_code == 200
    html = response.content.decode()
    return html, browser_form_data(html, page.specific_class)


def workflow_button(html: str, action: str, *, modal: bool) -> bs4.Tag:
    soup = bs4.BeautifulSoup(html, "html.parser")
    for button in soup.select(f'[data-workflow-action-name="{action}"]'):
        if button.has_attr("data-workflow-action-modal-url") == modal:
            return button
    raise AssertionError(f"No {action!r} button (dialog: {modal}) in the editor")


def dialog_data(client, url: str, comment: str) -> dict:
    """Open a workflow dialog, type the comment, press its button: what the
    editor's JavaScript then receives."""
    xhr = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    dialog = client.get(url, **xhr).json()
    form = bs4.BeautifulSoup(dialog["html"], "html.parser").find("form")
    fields = {
        element["name"]: element.get("value", "")
        for element in form.find_all(["input", "textarea"])
        if element.get("name")
    }
    fields["comment"] = comment
    answer = client.post(form["action"], fields, **xhr).json()
    assert answer["step"] == "success", answer
    return answer["cleaned_data"]


def editor_action(client, page, user, action, *, comment=None):
    """``user`` opens the editor and clicks a workflow button: "Goedkeuren"
    at once, or through its dialog when there is a comment."""
    html, data = open_editor(client, page, user)
    button = workflow_button(html, action, modal=comment is not None)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = button["data-workflow-action-name"]
    if comment is not None:
        extra = dialog_data(client, button["data-workflow-action-modal-url"], comment)
        data["workflow-action-extra-data"] = json.dumps(extra)
    response = client.post(edit_url(page), data)
    assert response.status_code == 302, (
        response.context and response.context.get("form").errors
    )
    return response


def submit(client, page, user, *, title):
    """The writer changes the title in the editor and submits it."""
    _html, data = open_editor(client, page, user)
    data["title"] = title
    data["action-submit"] = "Ter goedkeuring indienen"
    response = client.post(edit_url(page), data)
    assert response.status_code == 302, response.context["form"].errors
    return Page.objects.get(pk=page.pk).specific


def published(title: str) -> str:
    return f"'{title}' is goedgekeurd en gepubliceerd. Bekijk op de site"


def said(client, response) -> list[str]:
    """The messages on the page the browser goes to next, as text."""
    if response.headers.get("Content-Type", "").startswith("application/json"):
        url = response.json()["redirect"]
    else:
        url = response["Location"]
    page = client.get(url)
    return [
        " ".join(bs4.BeautifulSoup(str(message), "html.parser").get_text().split())
        for message in page.context["messages"]
    ]


# --------------------------------------------------------------------------
# The platform


def make_user(username, first_name):
    return get_user_model().objects.create_user(
        username, f"{username}@example.org", first_name=first_name
    )


@pytest.fixture
def people(site, other_site, neighbourhood):
    home = site.root_page
    wijk = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=home), neighbourhood=neighbourhood
    )
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home), description=OUTSIDE_HTML
    )
    anouk = make_user("anouk", "Anouk")  # buurtverbinder
    bram = make_user("bram", "Bram")  # organisation editor
    petra = make_user("petra", "Petra")  # Communicatie
    sem = make_user("sem", "Sem")  # Communicatie, writes the gids
    buurtverbinder_grant(user=anouk, neighbourhood_page=wijk)
    organisation_editor_grant(user=bram, organisation_page=organisation)
    communicatie_grant(user=petra, site=site)
    communicatie_grant(user=sem, site=site)
    return {
        "home": home,
        "wijk": wijk,
        "organisation": organisation,
        "anouk": anouk,
        "bram": bram,
        "petra": petra,
        "sem": sem,
    }


def rich_body(people):
    """A body with every block type, made outside the editor."""
    return [
        ("heading", {"text": "Wat gaan we doen?", "level": "h2"}),
        ("paragraph", OUTSIDE_HTML),
        ("image", {"image": ImageFactory(), "alt_text": "Buren", "caption": ""}),
        (
            "call_to_action",
            {
                "title": "Doe mee",
                "text": "Iedereen is welkom.",
                "page": people["wijk"],
                "url": "",
                "button_text": "Meld je aan",
            },
        ),
        (
            "faq",
            {
                "heading": "Vragen",
                "items": [
                    {"question": "Kost het iets?", "answer": "<p>Nee.</p>"},
                    {"question": "Waar?", "answer": "<p>In <b>het</b> buurthuis</p>"},
                ],
            },
        ),
        ("contact_card", {"name": "Anouk", "role": "", "phone": "", "text": ""}),
    ]


def approved(page, user):
    """As after an earlier approval: the live page and its latest revision."""
    page = Page.objects.get(pk=page.pk).specific
    page.save_revision(user=user).publish(user=None)
    return Page.objects.get(pk=page.pk).specific


def news(people):
    page = NewsPageFactory(
        parent=people["wijk"], title="Buurtfeest", body=rich_body(people)
    )
    return approved(page, people["anouk"]), people["anouk"]


def event(people):
    page = EventPageFactory(parent=people["wijk"], body=OUTSIDE_HTML)
    return approved(page, people["anouk"]), people["anouk"]


def organisation(people):
    page = people["organisation"]
    ServiceFactory(page=page)
    location = LocationFactory(page=page)
    OpeningHoursFactory(location=location)
    return approved(page, people["bram"]), people["bram"]


def neighbourhood_page(people):
    page = people["wijk"]
    page.body = rich_body(people)
    page.save()
    ConnectorFactory(page=page)
    return approved(page, people["anouk"]), people["anouk"]


def vacancy(people):
    page = VacancyPageFactory(
        parent=people["organisation"],
        what_you_do=OUTSIDE_HTML,
        what_we_ask="",
        what_we_offer="Een goed gesprek",
    )
    return approved(page, people["bram"]), people["bram"]


def content_page(people):
    page = ContentPageFactory(parent=people["home"], body=rich_body(people))
    return approved(page, people["sem"]), people["sem"]


PAGE_TYPES = [news, event, organisation, neighbourhood_page, vacancy, content_page]


@pytest.fixture(params=PAGE_TYPES, ids=lambda make: make.__name__)
def waiting(request, client, people):
    """A live page of each type whose writer changed it and submitted it."""
    page, writer = request.param(people)
    page = submit(client, page, writer, title="Nieuwe titel")
    assert page.current_workflow_task.name.startswith("Goedkeuring door Communicatie")
    mail.outbox.clear()
    return page, writer


def revision_count(page) -> int:
    return Revision.objects.for_instance(page).count()


# --------------------------------------------------------------------------
# No phantom changes


@pytest.mark.parametrize("make", PAGE_TYPES, ids=lambda make: make.__name__)
def test_a_page_saved_unchanged_in_the_editor_is_no_change(client, people, make):
    page, _writer = make(people)
    _html, data = open_editor(client, page, people["petra"])
    form_class = page.get_edit_handler().get_form_class()

    form = form_class(
        data,
        instance=page.get_latest_revision_as_object(),
        parent_page=page.get_parent(),
        for_user=people["petra"],
    )

    assert form.is_valid(), form.errors
    changed = {
        name: [child.changed_data for child in formset.forms if child.has_changed()]
        for name, formset in form.formsets.items()
        if formset.has_changed()
    }
    assert (form.changed_data, changed) == ([], {})
    assert not form.has_changed()


def test_a_news_item_has_no_date_default_that_changes_by_itself():
    field = NewsPage._meta.get_field("date")

    assert not field.has_default()
    assert not field.formfield().show_hidden_initial


def test_a_new_news_item_starts_with_todays_date(client, people):
    client.force_login(people["anouk"])
    response = client.get(
        reverse(
            "wagtailadmin_pages:add",
            args=["news", "newspage", people["wijk"].pk],
        )
    )

    form = response.context["form"]
    assert form["date"].value() is not None
    assert "initial-date" not in response.content.decode()


def test_rich_text_from_outside_the_editor_is_stored_as_the_editor_stores_it(people):
    page = NewsPageFactory(parent=people["wijk"], body=[("paragraph", OUTSIDE_HTML)])

    stored = NewsPage.objects.get(pk=page.pk).body[0].value.source
    assert stored.count("data-block-key") == 3
    assert "<b>binnen</b>" in stored
    assert "<br/>" in stored
    features = NewsPage.body.field.stream_block.child_blocks["paragraph"].features
    assert rich_text_normalise(stored, features=features) == stored


def test_an_empty_rich_text_stays_empty(people):
    page = VacancyPageFactory(parent=people["wijk"], what_we_ask="<p> </p>")

    page.refresh_from_db()
    assert page.what_we_ask == ""


def test_pages_stored_before_are_put_in_the_editors_format(client, people):
    """The data migration: live rows and latest revisions of every page type."""
    page, _writer = vacancy(people)
    raw = "<p>Rijbewijs <strong>B</strong></p>"
    type(page).objects.filter(pk=page.pk).update(what_we_ask=raw)
    revision = page.latest_revision
    revision.content["what_we_ask"] = raw
    revision.save(update_fields=["content"])
    state = MigrationExecutor(connection).loader.project_state(
        ("news", "0004_rich_text_in_editor_format")
    )

    assert stored_rich_text_normalise(apps=state.apps) == 2

    page = type(page).objects.get(pk=page.pk)
    assert "data-block-key" in page.what_we_ask
    assert "<b>B</b>" in page.latest_revision.content["what_we_ask"]
    assert "<b>B</b>" in page.what_we_ask
    assert stored_rich_text_normalise() == 0


# --------------------------------------------------------------------------
# The editor


def test_approve_in_the_editor_publishes_and_says_so(client, people, waiting):
    page, writer = waiting
    revisions = revision_count(page)

    response = editor_action(client, page, people["petra"], "approve")

    page = Page.objects.get(pk=page.pk).specific
    assert page.live
    assert page.title == "Nieuwe titel"
    assert page.live_revision_id == page.latest_revision_id
    assert revision_count(page) == revisions
    assert not page.workflow_in_progress
    assert WorkflowState.objects.for_instance(page).get().status == "approved"
    assert said(client, response) == [published("Nieuwe titel")]
    assert [message.to for message in mail.outbox] == [[writer.email]]
    assert client.get(page.url).status_code == 200


def test_approve_with_a_comment_in_the_editor_publishes(client, people, waiting):
    page, writer = waiting

    editor_action(client, page, people["petra"], "approve", comment="Mooi!")

    page = Page.objects.get(pk=page.pk).specific
    assert page.live and page.live_revision_id == page.latest_revision_id
    assert not page.workflow_in_progress
    [message] = mail.outbox
    assert message.to == [writer.email]
    assert "Mooi!" in message.body


def test_request_changes_in_the_editor_sends_the_comment_to_the_writer(
    client, people, waiting
):
    page, writer = waiting
    revisions = revision_count(page)

    response = editor_action(client, page, people["petra"], "reject", comment=COMMENT)

    page = Page.objects.get(pk=page.pk).specific
    assert page.title != "Nieuwe titel"  # the live page is as it was
    assert revision_count(page) == revisions
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == "needs_changes"
    [message] = mail.outbox
    assert message.to == [writer.email]
    assert message.subject == 'Graag aanpassen: "Nieuwe titel"'
    assert f"Opmerking:\n{COMMENT}\n" in message.body
    assert said(client, response) == [
        f"'Nieuwe titel' gaat terug naar {writer.first_name}, met je opmerking."
    ]


def test_a_real_change_while_approving_asks_for_approval_again(client, people, waiting):
    """Not a phantom: an edit by the approver is saved and reviewed again."""
    page, _writer = waiting
    html, data = open_editor(client, page, people["petra"])
    data["title"] = "Titel van Petra"
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = workflow_button(html, "approve", modal=False)[
        "data-workflow-action-name"
    ]

    response = client.post(edit_url(page), data)

    page = Page.objects.get(pk=page.pk).specific
    assert page.workflow_in_progress
    assert page.latest_revision.user == people["petra"]
    assert said(client, response) == [
        "'Titel van Petra' is goedgekeurd en wacht nu op: "
        f"{page.current_workflow_task.name}."
    ]


# --------------------------------------------------------------------------
# The dashboard and the workflow report


def dashboard_button(client, user, page, action) -> bs4.Tag:
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    soup = bs4.BeautifulSoup(html, "html.parser")
    panel = soup.find(id="awaiting-review") or soup
    for button in panel.select("[data-workflow-action-url]"):
        if f"/{page.pk}/{action}/" in button["data-workflow-action-url"]:
            return button
    raise AssertionError(f"No {action!r} for page {page.pk} on the dashboard")


def dashboard_dialog(client, button, comment: str):
    """Press the row's button: its dialog opens; type, confirm, follow."""
    xhr = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    dialog = client.get(button["data-workflow-action-url"], **xhr).json()
    form = bs4.BeautifulSoup(dialog["html"], "html.parser").find("form")
    fields = {
        element["name"]: element.get("value", "")
        for element in form.find_all(["input", "textarea"])
        if element.get("name")
    }
    fields["comment"] = comment
    fields["next"] = reverse("wagtailadmin_home")
    answer = client.post(form["action"], fields, **xhr)
    assert answer.json()["step"] == "success"
    return answer, bs4.BeautifulSoup(dialog["html"], "html.parser")


@pytest.mark.parametrize("make", [news, organisation], ids=["news", "organisation"])
def test_approve_from_the_dashboard_opens_the_dialog_and_publishes(
    client, people, make
):
    page, writer = make(people)
    page = submit(client, page, writer, title="Van het dashboard")
    mail.outbox.clear()

    button = dashboard_button(client, people["petra"], page, "approve")
    assert button.has_attr("data-launch-modal")
    response, dialog = dashboard_dialog(client, button, "")

    assert "Goedkeuren en publiceren" in dialog.get_text()
    assert dialog.find("textarea", attrs={"name": "comment"}) is not None
    page = Page.objects.get(pk=page.pk).specific
    assert page.live and page.title == "Van het dashboard"
    assert page.live_revision_id == page.latest_revision_id
    assert not page.workflow_in_progress
    assert said(client, response) == [published("Van het dashboard")]
    assert [message.to for message in mail.outbox] == [[writer.email]]


def test_request_changes_from_the_dashboard_sends_the_comment(client, people):
    page, writer = news(people)
    page = submit(client, page, writer, title="Van het dashboard")
    mail.outbox.clear()

    button = dashboard_button(client, people["petra"], page, "reject")
    response, _dialog = dashboard_dialog(client, button, COMMENT)

    [message] = mail.outbox
    assert message.to == [writer.email]
    assert COMMENT in message.body
    assert said(client, response) == [
        "'Van het dashboard' gaat terug naar Anouk, met je opmerking."
    ]


def test_without_javascript_the_dashboards_approval_still_publishes(client, people):
    page, writer = news(people)
    page = submit(client, page, writer, title="Zonder JavaScript")

    button = dashboard_button(client, people["petra"], page, "approve")
    response = client.post(
        button["data-workflow-action-url"], {"next": reverse("wagtailadmin_home")}
    )

    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).live_revision_id == page.latest_revision_id
    assert said(client, response) == [published("Zonder JavaScript")]


def test_the_writer_cannot_approve_from_the_dashboard_url(client, people):
    page, writer = news(people)
    page = submit(client, page, writer, title="Eigen werk")
    task_state = page.current_workflow_task_state
    client.force_login(writer)

    response = client.post(
        reverse("editorial_workflow_action", args=[page.pk, "approve", task_state.pk])
    )

    # Wagtail's admin answers a refusal with a message on the dashboard.
    assert response.status_code in (302, 403)
    page = Page.objects.get(pk=page.pk).specific
    assert page.workflow_in_progress
    assert page.live_revision_id != page.latest_revision_id


def test_the_workflow_report_leads_to_the_editor(client, people):
    page, writer = news(people)
    page = submit(client, page, writer, title="In het rapport")
    client.force_login(people["petra"])

    html = client.get(reverse("wagtailadmin_reports:workflow")).content.decode()

    assert f'href="{edit_url(page)}"' in html


@pytest.mark.parametrize("autosave_first", [True, False], ids=["before", "after"])
def test_the_autosave_of_the_approving_form_neither_approves_nor_saves(
    client, people, waiting, autosave_first
):
    """ "Goedkeuren" adds hidden inputs to the editor's form; the editor's
    half-second poll sees them as a change and autosaves the same form (with
    ``Accept: application/json``) while the form itself is sent. Whichever
    arrives first, the page ends live on the approved revision, with no
    draft after it."""
    page, writer = waiting
    revisions = revision_count(page)
    html, data = open_editor(client, page, people["petra"])
    button = workflow_button(html, "approve", modal=False)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = button["data-workflow-action-name"]

    def autosave():
        return client.post(edit_url(page), data, HTTP_ACCEPT="application/json")

    if autosave_first:
        answer = autosave()
    submitted = client.post(edit_url(page), data)
    if not autosave_first:
        answer = autosave()

    assert submitted.status_code == 302
    assert answer.status_code == 400
    assert answer.json()["error_code"] == "blocked_by_hook"
    page = Page.objects.get(pk=page.pk).specific
    assert page.live and page.live_revision_id == page.latest_revision_id
    assert revision_count(page) == revisions
    assert not page.workflow_in_progress
    assert [message.to for message in mail.outbox] == [[writer.email]]


def test_an_ordinary_autosave_still_saves_a_draft(client, people):
    page, writer = news(people)
    _html, data = open_editor(client, page, writer)
    data["title"] = "Automatisch bewaard"

    answer = client.post(edit_url(page), data, HTTP_ACCEPT="application/json")

    assert answer.status_code == 200, answer.content
    assert answer.json()["success"] is True
    page = Page.objects.get(pk=page.pk).specific
    assert page.get_latest_revision_as_object().title == "Automatisch bewaard"


def test_the_autosave_of_a_new_page_being_sent_does_nothing(client, people):
    """On the add view, the autosave of a form that "Stuur door" is sending."""
    parent = news(people)[0].get_parent()
    client.force_login(people["anouk"])
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", parent.pk])
    before = Page.objects.count()

    answer = client.post(
        url,
        {"title": "Nieuw", "action-submit": "true"},
        HTTP_ACCEPT="application/json",
    )

    assert answer.status_code == 400
    assert answer.json()["error_code"] == "blocked_by_hook"
    assert Page.objects.count() == before


def test_children_that_live_only_in_the_draft_are_no_change(client, people):
    """A new opening-hours period and a new location (with its own period)
    exist only in the revision, without a primary key, as in every imported
    organisation that was never published. Approving in the editor publishes
    that revision as it is: no new revision, and the children reach the
    database."""
    page, writer = organisation(people)
    draft = page.get_latest_revision_as_object()
    [location] = draft.locations.all()
    location.opening_hours.add(
        OpeningHours(weekday=5, opens=datetime.time(19), closes=datetime.time(22))
    )
    new_location = Location(
        name="Bijkantoor", street_address="Markt 1", city="Teststad"
    )
    new_location.opening_hours.add(
        OpeningHours(weekday=2, opens=datetime.time(10), closes=datetime.time(12))
    )
    draft.locations = [location, new_location]
    draft.save_revision(user=writer)
    page = submit(client, page, writer, title="Nieuwe titel")
    revisions = revision_count(page)

    _html, data = open_editor(client, page, people["petra"])
    form = page.get_edit_handler().get_form_class()(
        data,
        instance=page.get_latest_revision_as_object(),
        parent_page=page.get_parent(),
        for_user=people["petra"],
    )
    assert form.is_valid(), form.errors
    assert not form.has_changed()

    editor_action(client, page, people["petra"], "approve")

    page = Page.objects.get(pk=page.pk).specific
    assert page.live and page.live_revision_id == page.latest_revision_id
    assert revision_count(page) == revisions
    assert not page.workflow_in_progress
    assert sorted(
        (hours.location.name, hours.weekday)
        for hours in OpeningHours.objects.filter(location__page=page)
    ) == sorted([(location.name, 0), (location.name, 5), ("Bijkantoor", 2)])
