"""Password reset: rate-limited, and the same answer and work for every address."""

import pytest
from django.core import mail
from django.test import RequestFactory

from accounts.password_reset import RateLimitedPasswordResetView

pytestmark = pytest.mark.django_db

RESET_URL = "/admin/password_reset/"
DONE_URL = "/admin/password_reset/done/"


def ask(client, address: str, **extra):
    return client.post(RESET_URL, {"email": address}, **extra)


def test_known_and_unknown_addresses_get_the_same_answer(client, editor):
    known = ask(client, editor.email)
    unknown = ask(client, "niemand@teststad.example")

    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url == DONE_URL
    assert known.content == unknown.content
    assert sorted(known.headers) == sorted(unknown.headers)
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "/admin/password_reset/confirm/" in mail.outbox[0].body


@pytest.mark.parametrize("known", [True, False], ids=["known", "unknown"])
def test_the_request_does_the_same_work_for_every_address(
    editor, known, django_assert_num_queries
):
    """No query and no mail before the response has gone out, for a known and an
    unknown address alike; the lookup and the mail happen when the server closes
    the response (WSGI close), after the body was sent."""
    request = RequestFactory().post(
        RESET_URL,
        {"email": editor.email if known else "niemand@teststad.example"},
    )
    request._dont_enforce_csrf_checks = True
    view = RateLimitedPasswordResetView.as_view()

    with django_assert_num_queries(0):
        response = view(request)

    assert response.status_code == 302
    assert mail.outbox == []
    response.close()
    assert len(mail.outbox) == (1 if known else 0)


def test_flooding_one_address_is_rate_limited(client, editor):
    answers = [ask(client, editor.email).status_code for _ in range(5)]

    assert answers == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3
    refused = ask(client, editor.email.upper())
    assert refused.status_code == 429
    assert "al vaak een nieuw wachtwoord aangevraagd" in refused.content.decode()


def test_flooding_from_one_address_is_rate_limited(client, editor):
    answers = [
        ask(client, f"iemand{n}@teststad.example").status_code for n in range(10)
    ]
    assert answers == [302] * 10

    assert ask(client, editor.email).status_code == 429
    assert mail.outbox == []
    assert ask(client, editor.email, REMOTE_ADDR="198.51.100.7").status_code == 302
    assert len(mail.outbox) == 1


def test_unknown_addresses_count_towards_the_limit_as_known_ones_do(client):
    answers = [ask(client, "niemand@teststad.example").status_code for _ in range(4)]

    assert answers == [302, 302, 302, 429]
