"""Moderation e-mails: Communicatie of the page's own site hears of a submission,
the author of an approval or a request for changes, with the comment.

The workflow runs through the admin views, as editors use it; the mails are
Wagtail's own (``wagtail.admin.mail``) with Dutch templates from
``templates/wagtailadmin/notifications``.
"""

import secrets

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)
from wagtail.users.models import UserProfile

from editorial.services import buurtverbinder_grant, communicatie_grant
from tests.factories import (
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsPageFactory,
)
from tests.project.test_settings import run_manage

pytestmark = pytest.mark.django_db

TRICKY_TITLE = 'Straatfeest <b>& "BBQ"</b>'
TRICKY_COMMENT = "Maak de <i>titel</i> korter & zet de tijd erbij.\nDank je!"


def make_user(username, **extra):
    return get_user_model().objects.create_user(
        username, f"{username}@example.org", **extra
    )


@pytest.fixture
def people(site, other_site, neighbourhood):
    wijk = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=site.root_page),
        neighbourhood=neighbourhood,
    )
    anouk = make_user("anouk", first_name="Anouk", last_name="Bakker")
    petra = make_user("petra", first_name="Petra", last_name="de Vries")
    sem = make_user("sem", first_name="Sem")
    elsewhere = make_user("elders")
    buurtverbinder_grant(user=anouk, neighbourhood_page=wijk)
    communicatie_grant(user=petra, site=site)
    communicatie_grant(user=sem, site=site)
    communicatie_grant(user=elsewhere, site=other_site)
    get_user_model().objects.create_superuser("beheer", "beheer@example.org")
    return {
        "wijk": wijk,
        "anouk": anouk,
        "petra": petra,
        "sem": sem,
        "elsewhere": elsewhere,
    }


@pytest.fixture
def draft(people):
    page = NewsPageFactory(parent=people["wijk"], title=TRICKY_TITLE, live=False)
    page.save_revision(user=people["anouk"])
    return page


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def submit(client, page, user, **changes):
    """``user`` opens the page in the editor and clicks "Ter goedkeuring indienen"."""
    client.force_login(user)
    form = client.get(edit_url(page)).content.decode()
    data = querydict_from_html(form, form_id="page-edit-form")
    for name, value in data.items():
        # A browser drops the newline that opens a <textarea>'s content.
        data[name] = value.removeprefix("\n")
    # The StreamField's inputs are drawn by JavaScript; send them as a browser would.
    data.update(
        nested_form_data(
            {"body": streamfield([("paragraph", rich_text("<p>Iedereen welkom.</p>"))])}
        )
    )
    data.update(changes)
    data["action-submit"] = "Ter goedkeuring indienen"
    response = client.post(edit_url(page), data)
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    return page


def act(client, page, user, action, comment=""):
    """``user`` approves (``"approve"``) or asks for changes (``"reject"``)."""
    task_state = page.current_workflow_state.current_task_state
    client.force_login(user)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, action, task_state.pk],
        ),
        {"comment": comment},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    return page


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


# Who is mailed


def test_a_submission_mails_every_communicatie_member_of_that_site(
    client, people, draft
):
    submit(client, draft, people["anouk"])

    # Not Communicatie of the other site, not the author, not the superuser.
    assert recipients() == ["petra@example.org", "sem@example.org"]


def test_a_rejection_mails_only_the_author(client, people, draft):
    submit(client, draft, people["anouk"])
    mail.outbox.clear()

    act(client, draft, people["petra"], "reject", comment="Korter graag.")

    assert recipients() == ["anouk@example.org"]


def test_an_approval_mails_only_the_author(client, people, draft):
    submit(client, draft, people["anouk"])
    mail.outbox.clear()

    act(client, draft, people["petra"], "approve")

    assert draft.live is True
    assert recipients() == ["anouk@example.org"]


def test_a_resubmission_after_changes_mails_communicatie_again(client, people, draft):
    submit(client, draft, people["anouk"])
    act(client, draft, people["petra"], "reject", comment="Korter graag.")
    mail.outbox.clear()

    submit(client, draft, people["anouk"], title="Straatfeest")

    assert recipients() == ["petra@example.org", "sem@example.org"]
    assert mail.outbox[0].subject == 'Ter goedkeuring: "Straatfeest"'


def test_nobody_is_mailed_who_turned_the_mails_off(client, people, draft):
    profile = UserProfile.get_for_user(people["sem"])
    profile.submitted_notifications = False
    profile.save()

    submit(client, draft, people["anouk"])

    assert recipients() == ["petra@example.org"]


# What they read


def test_the_submission_mail_says_who_asks_and_links_to_preview_and_editor(
    client, people, draft, settings
):
    submit(client, draft, people["anouk"])

    message = next(m for m in mail.outbox if m.to == ["petra@example.org"])
    task_id = draft.current_workflow_task.pk  # Communicatie's approval
    assert message.from_email == settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL
    assert message.subject == f'Ter goedkeuring: "{TRICKY_TITLE}"'
    assert message.body == (
        "Hallo Petra,\n"
        "\n"
        "Anouk Bakker vraagt je om een nieuwsbericht goed te keuren: "
        f'"{TRICKY_TITLE}".\n'
        "\n"
        "Bekijk het:\n"
        f"http://testserver/admin/pages/workflow/preview/{draft.pk}/{task_id}/\n"
        "\n"
        "Keur het goed of vraag om wijzigingen:\n"
        f"http://testserver/admin/pages/{draft.pk}/edit/\n"
        "\n"
        "Wil je deze e-mails niet meer krijgen? Dat stel je in bij je account:\n"
        "http://testserver/admin/account/#tab-notifications"
    )


def test_the_request_for_changes_carries_the_comment_and_the_edit_link(
    client, people, draft
):
    submit(client, draft, people["anouk"])
    mail.outbox.clear()

    act(client, draft, people["petra"], "reject", comment=TRICKY_COMMENT)

    [message] = mail.outbox
    assert message.subject == f'Graag aanpassen: "{TRICKY_TITLE}"'
    assert message.body == (
        "Hallo Anouk,\n"
        "\n"
        f'Je nieuwsbericht "{TRICKY_TITLE}" is nog niet goedgekeurd. '
        "Petra de Vries vraagt je om iets aan te passen.\n"
        "\n"
        "Opmerking:\n"
        f"{TRICKY_COMMENT}\n"
        "\n"
        "Pas het aan en stuur het opnieuw in:\n"
        f"http://testserver/admin/pages/{draft.pk}/edit/\n"
        "\n"
        "Wil je deze e-mails niet meer krijgen? Dat stel je in bij je account:\n"
        "http://testserver/admin/account/#tab-notifications"
    )


def test_the_approval_carries_the_comment_the_page_and_the_edit_link(
    client, people, draft
):
    submit(client, draft, people["anouk"])
    mail.outbox.clear()

    act(client, draft, people["sem"], "approve", comment="Mooi stuk & goede foto.")

    [message] = mail.outbox
    assert message.subject == f'Goedgekeurd: "{TRICKY_TITLE}"'
    assert message.body == (
        "Hallo Anouk,\n"
        "\n"
        f'Je nieuwsbericht "{TRICKY_TITLE}" is goedgekeurd door Sem.\n'
        "\n"
        "Opmerking:\n"
        "Mooi stuk & goede foto.\n"
        "\n"
        "Bekijk het op de site:\n"
        f"{draft.full_url}\n"
        "\n"
        "Wil je nog iets veranderen? Dan moet het opnieuw worden goedgekeurd:\n"
        f"http://testserver/admin/pages/{draft.pk}/edit/\n"
        "\n"
        "Wil je deze e-mails niet meer krijgen? Dat stel je in bij je account:\n"
        "http://testserver/admin/account/#tab-notifications"
    )


def test_an_approval_without_comment_leaves_the_comment_out(client, people, draft):
    submit(client, draft, people["anouk"])
    mail.outbox.clear()

    act(client, draft, people["sem"], "approve")

    [message] = mail.outbox
    assert "Opmerking" not in message.body
    assert f"is goedgekeurd door Sem.\n\nBekijk het op de site:\n{draft.full_url}" in (
        message.body
    )


# Plain text and HTML


def test_text_mails_show_titles_and_comments_as_typed_and_carry_no_html(
    client, people, draft
):
    submit(client, draft, people["anouk"])
    act(client, draft, people["petra"], "reject", comment=TRICKY_COMMENT)

    for message in mail.outbox:
        assert message.alternatives == []  # plain text unless asked for
        assert TRICKY_TITLE in message.body
        assert TRICKY_TITLE in message.subject
        assert "&amp;" not in message.body
        assert "&lt;" not in message.body
    assert TRICKY_COMMENT in mail.outbox[-1].body


def test_html_mails_escape_titles_and_comments(client, people, draft, settings):
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True

    submit(client, draft, people["anouk"])
    act(client, draft, people["petra"], "reject", comment=TRICKY_COMMENT)

    submitted, rejected = mail.outbox[0], mail.outbox[-1]
    for message in (submitted, rejected):
        [(html, mimetype)] = message.alternatives
        assert mimetype == "text/html"
        assert '<html lang="nl">' in html
        assert "<b>" not in html
        assert "Straatfeest &lt;b&gt;&amp; &quot;BBQ&quot;&lt;/b&gt;" in html
        assert TRICKY_TITLE in message.body
    submitted_html = submitted.alternatives[0][0]
    assert "Anouk Bakker vraagt je om een nieuwsbericht goed te keuren" in (
        submitted_html
    )
    rejected_html = rejected.alternatives[0][0]
    assert "<i>" not in rejected_html
    assert (
        "Maak de &lt;i&gt;titel&lt;/i&gt; korter &amp; zet de tijd erbij.<br>"
        "Dank je!" in rejected_html
    )
    assert f'<a href="http://testserver/admin/pages/{draft.pk}/edit/">' in rejected_html


# Settings


def test_production_mails_through_the_smtp_server_from_the_environment(tmp_path):
    env = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "buurtplein.example.nl",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "EMAIL_HOST": "smtp.example.nl",
        "EMAIL_PORT": "587",
        "EMAIL_HOST_USER": "buurtplein",
        "EMAIL_HOST_PASSWORD": "geheim",
        "EMAIL_USE_TLS": "true",
        "DEFAULT_FROM_EMAIL": "Samen Merwestad <noreply@merwestad.example.nl>",
    }
    show = (
        "from django.conf import settings as s; print(s.EMAIL_BACKEND,"
        " s.BUURTPLEIN_EMAIL_DELIVERY_BACKEND, s.EMAIL_HOST,"
        " s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_TIMEOUT,"
        " s.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL, sep='|')"
    )

    result = run_manage("shell", "--no-imports", "-c", show, env=env)

    assert result.returncode == 0, result.stderr
    # Queued (docs/tasks.md); the worker delivers through SMTP.
    assert result.stdout.strip().split("|") == [
        "core.email_backends.TaskEmailBackend",
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.nl",
        "587",
        "True",
        "10",
        "Samen Merwestad <noreply@merwestad.example.nl>",
    ]

    env["EMAIL_USE_SSL"] = "true"
    refused = run_manage("check", env=env)
    assert refused.returncode != 0
    assert "EMAIL_USE_SSL" in refused.stderr


def test_development_prints_mails_in_the_terminal():
    show = "from django.conf import settings as s; print(s.EMAIL_BACKEND)"

    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        show,
        env={"DJANGO_SETTINGS_MODULE": "buurtplein.settings.dev"},
    )

    assert result.stdout.strip() == "django.core.mail.backends.console.EmailBackend"
