"""Passwords: at least 12 characters and not a common one, where people set them."""

import pytest
from django.core import mail

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def set_password_url(client, editor):
    """The link from the reset mail, opened: the form to choose a new password."""
    client.post("/admin/password_reset/", {"email": editor.email})
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/confirm/" in line
    )
    response = client.get(link[link.index("/admin/") :].strip())
    assert response.status_code == 302
    return response.url


def error_codes(response) -> list[str]:
    errors = response.context["form"].errors.as_data()
    return [error.code for error in errors.get("new_password2", [])]


def choose(client, url: str, new: str):
    return client.post(url, {"new_password1": new, "new_password2": new})


def test_a_password_of_eleven_characters_is_refused(client, editor, set_password_url):
    response = choose(client, set_password_url, "Kp9#vT2m!xQ")

    assert response.status_code == 200
    assert error_codes(response) == ["password_too_short"]
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_a_common_password_is_refused(client, editor, set_password_url):
    response = choose(client, set_password_url, "password1234")

    assert error_codes(response) == ["password_too_common"]
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_twelve_good_characters_are_accepted(client, editor, set_password_url):
    response = choose(client, set_password_url, "Kp9#vT2m!xQz")

    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password("Kp9#vT2m!xQz")
