"""A too-short password is refused in the language of the page.

Django's Dutch catalogue lacks the msgid Django 5.2's MinimumLengthValidator
uses, so without the project's validator (accounts.password_validation) the
error read "This password is too short…" on a Dutch page.
"""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

ELEVEN = "Kp9#vT2m!xQ"
DUTCH = "Dit wachtwoord is te kort. Het moet minstens 12 tekens hebben."
ENGLISH = "This password is too short. It must contain at least 12 characters."


def set_password_url(client, user) -> str:
    """The link from the reset mail, opened: the form to choose a new password."""
    client.post("/admin/password_reset/", {"email": user.email})
    link = next(
        line for line in mail.outbox[-1].body.splitlines() if "/confirm/" in line
    )
    response = client.get(link[link.index("/admin/") :].strip())
    assert response.status_code == 302
    return response.url


def errors_of(response) -> list[str]:
    return response.context["form"].errors.get("new_password2", [])


def test_the_reset_confirm_page_says_it_in_dutch(client, editor):
    url = set_password_url(client, editor)

    response = client.post(url, {"new_password1": ELEVEN, "new_password2": ELEVEN})

    assert response.status_code == 200
    assert errors_of(response) == [DUTCH]
    html = response.content.decode()
    assert DUTCH in html
    assert "too short" not in html
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_the_reset_confirm_page_says_it_in_english_once_chosen(client, editor):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = set_password_url(client, editor)

    response = client.post(url, {"new_password1": ELEVEN, "new_password2": ELEVEN})

    assert errors_of(response) == [ENGLISH]


def test_changing_the_password_on_the_account_page_says_it_in_dutch(client, editor):
    client.force_login(editor)

    response = client.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-first_name": "Bea",
            "name_email-last_name": "Verbinder",
            "name_email-email": editor.email,
            "locale-preferred_language": "nl",
            "locale-current_time_zone": "Europe/Amsterdam",
            "password-old_password": PASSWORD,
            "password-new_password1": ELEVEN,
            "password-new_password2": ELEVEN,
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert DUTCH in html
    assert "too short" not in html
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)
