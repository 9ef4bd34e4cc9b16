"""Reporting a post on the board, through HTTP: stored, logged, the moderators
told, and hidden from the board once enough unreviewed reports are in."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from editorial.services import communicatie_grant
from helpboard import log_actions
from helpboard.contact import HelpPostNotPublicError, help_report_create
from helpboard.models import HelpPost, HelpReport, HelpStatus
from helpboard.public_forms import HelpReportForm
from tests.antispam import human_post_data
from tests.factories import HelpBoardPageFactory, HelpRequestFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def help_board(home_page):
    return HelpBoardPageFactory(parent=home_page)


@pytest.fixture
def post(site, help_board):
    return HelpRequestFactory(
        site=site,
        status=HelpStatus.PUBLISHED,
        title="Wie helpt met de tuin?",
        first_name="Ans",
        email="ans.resident@example.org",
        phone="0612345678",
    )


@pytest.fixture
def communicatie(site):
    user = get_user_model().objects.create_user("cor", "cor@gemeente.example", "geheim")
    communicatie_grant(user=user, site=site)
    return user


@pytest.fixture
def threshold_two(settings):
    settings.BUURTPLEIN_HELP_REPORT_THRESHOLD = 2


def report_url(board, post) -> str:
    return board.url + board.reverse_subpage("report", args=[post.pk])


def detail_url(board, post) -> str:
    return board.url + board.reverse_subpage("post", args=[post.pk])


def report_data(**overrides) -> dict:
    data = {"reason": "spam", "explanation": "Hier wordt iets verkocht."}
    data.update(overrides)
    return human_post_data(HelpReportForm, data)


def report_from(client, board, post, address: str, **overrides):
    return client.post(
        report_url(board, post), report_data(**overrides), REMOTE_ADDR=address
    )


def test_the_report_form_offers_the_reasons(client, help_board, post):
    response = client.get(report_url(help_board, post))

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert "Meld dit bericht: Wie helpt met de tuin?" in content
    assert "<legend" in content  # the reasons are one group with its question
    for number, value in enumerate(("spam", "offensive", "privacy", "unsafe", "other")):
        assert f'type="radio" name="reason" value="{value}"' in content
        assert f'id="id_reason_{number}"' in content
    assert "Reclame of spam" in content
    assert 'maxlength="1000"' in content
    assert 'name="website_url"' in content
    assert "ans.resident@example.org" not in content
    assert "0612345678" not in content


def test_a_report_is_stored_logged_and_mailed_to_the_moderators(
    client, help_board, post, communicatie
):
    response = client.post(report_url(help_board, post), report_data())

    assert response.status_code == 302
    assert response["Location"] == detail_url(help_board, post)
    report = HelpReport.objects.get()
    assert (report.post, report.reason) == (post, "spam")
    assert report.explanation == "Hier wordt iets verkocht."
    assert report.reviewed_at is None
    entry = ModelLogEntry.objects.get(action=log_actions.REPORT)
    assert entry.object_id == str(post.pk)
    assert entry.data == {"report_id": report.pk, "reason": "spam"}

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["cor@gemeente.example"]
    assert message.subject == "Gemeld: Wie helpt met de tuin?"
    assert "Reclame of spam" in message.body
    assert "Hier wordt iets verkocht." in message.body
    assert f"/admin/helpboard/edit/{post.pk}/" in message.body

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Bedankt voor je melding." in page.content.decode()
    post.refresh_from_db()
    assert post.hidden_at is None


def test_enough_reports_hide_the_post_from_listing_and_detail(
    client, help_board, post, communicatie, threshold_two
):
    first = report_from(client, help_board, post, "192.0.2.1")
    assert first["Location"] == detail_url(help_board, post)
    assert client.get(detail_url(help_board, post)).status_code == 200

    second = report_from(client, help_board, post, "192.0.2.2", reason="unsafe")

    assert second.status_code == 302
    assert second["Location"] == help_board.url
    post.refresh_from_db()
    assert post.hidden_at is not None
    assert post.status == HelpStatus.PUBLISHED
    assert ModelLogEntry.objects.filter(action=log_actions.HIDE).count() == 1
    assert [m.subject for m in mail.outbox] == [
        "Gemeld: Wie helpt met de tuin?",
        "Gemeld: Wie helpt met de tuin?",
        "Verborgen na meldingen: Wie helpt met de tuin?",
    ]
    assert "2 keer gemeld" in mail.outbox[2].body

    thanks = client.get(second["Location"]).content.decode()
    assert "Tot die tijd staat het bericht niet meer op de site." in thanks
    assert "Wie helpt met de tuin?" not in thanks
    assert client.get(detail_url(help_board, post)).status_code == 404
    # A hidden post cannot be reported or answered again.
    assert report_from(client, help_board, post, "192.0.2.3").status_code == 410
    assert HelpReport.objects.count() == 2


def test_reviewed_reports_do_not_count(client, help_board, post, threshold_two):
    old = HelpReport.objects.create(post=post, reason="spam")
    old.reviewed_at = timezone.now()
    old.save()

    report_from(client, help_board, post, "192.0.2.1")

    post.refresh_from_db()
    assert post.hidden_at is None
    assert not ModelLogEntry.objects.filter(action=log_actions.HIDE).exists()

    report_from(client, help_board, post, "192.0.2.2")

    post.refresh_from_db()
    assert post.hidden_at is not None


def test_one_address_reporting_again_does_not_count_twice(
    client, help_board, post, threshold_two
):
    for _ in range(3):
        response = report_from(client, help_board, post, "192.0.2.1")
        assert response.status_code == 302

    assert HelpReport.objects.count() == 1
    post.refresh_from_db()
    assert post.hidden_at is None


def test_a_bot_filling_the_honeypot_is_refused(client, help_board, post):
    response = client.post(
        report_url(help_board, post),
        report_data(website_url="http://spam.example"),
    )

    assert response.status_code == 400
    assert HelpReport.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"reason": ""}, "reason", "Kies wat er mis is met dit bericht."),
        ({"reason": "boos"}, "reason", "Kies een van de redenen uit de lijst."),
        ({"explanation": "x" * 1001}, "explanation", "Dit is te lang"),
    ],
)
def test_invalid_input_comes_back_with_400(
    client, help_board, post, overrides, field, message
):
    response = client.post(report_url(help_board, post), report_data(**overrides))

    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert HelpReport.objects.count() == 0


def test_a_script_in_the_explanation_is_shown_escaped(client, help_board, post):
    response = client.post(
        report_url(help_board, post), report_data(reason="", explanation=SCRIPT)
    )

    assert response.status_code == 400
    content = response.content.decode()
    assert SCRIPT not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


@pytest.mark.parametrize("status", [HelpStatus.SUBMITTED, HelpStatus.CLOSED])
def test_a_post_off_the_board_cannot_be_reported(client, help_board, post, status):
    post.status = status
    post.save()

    shown = client.get(report_url(help_board, post))
    sent = client.post(report_url(help_board, post), report_data())

    assert shown.status_code == 200
    assert 'name="reason"' not in shown.content.decode()
    assert post.title not in shown.content.decode()
    assert sent.status_code == 410
    assert HelpReport.objects.count() == 0


def test_a_post_of_another_site_is_404(client, help_board, other_site):
    elsewhere = HelpRequestFactory(site=other_site, status=HelpStatus.PUBLISHED)

    url = help_board.url + f"{elsewhere.pk}/melden/"
    assert client.get(url).status_code == 404
    assert client.post(url, report_data()).status_code == 404


def test_the_service_refuses_a_hidden_post(post):
    HelpPost.objects.filter(pk=post.pk).update(hidden_at=timezone.now())
    post.refresh_from_db()

    with pytest.raises(HelpPostNotPublicError):
        help_report_create(post=post, reason="spam")

    assert HelpReport.objects.count() == 0
