"""Bots against every public form: the honeypot and the minimum fill time
refuse them, a person is never refused, and the per-IP rate limit holds (the
cache is the test settings' local memory; tests/core/test_antispam.py covers
the real Redis and Redis being down)."""

import pytest

from core.antispam import HONEYPOT_FIELD, TOO_MANY_REQUESTS
from tests.antispam import human_post_data
from tests.security.test_hostile_input import FORMS, world  # noqa: F401

pytestmark = pytest.mark.django_db

BY_NAME = pytest.mark.parametrize("form", FORMS, ids=lambda form: form.name)


@BY_NAME
def test_a_person_gets_through(client, world, form):  # noqa: F811
    before = form.stored().count()

    response = client.post(form.url(world), form.data())

    assert response.status_code == 302
    assert form.stored().count() == before + 1


@BY_NAME
def test_a_filled_honeypot_is_refused(client, world, form):  # noqa: F811
    before = form.stored().count()

    response = client.post(
        form.url(world), form.data(**{HONEYPOT_FIELD: "https://spam.example"})
    )

    assert response.status_code == 400
    assert form.stored().count() == before


@BY_NAME
def test_a_form_sent_within_a_second_is_refused_and_keeps_the_text(
    client,
    world,  # noqa: F811
    form,
):
    before = form.stored().count()
    data = human_post_data(form.form_class, form.valid, seconds_ago=0.5)

    response = client.post(form.url(world), data)

    assert response.status_code == 400
    assert form.stored().count() == before
    typed = next(value for value in form.valid.values() if len(value) > 12)
    assert typed in response.content.decode()


@BY_NAME
def test_the_rate_limit_holds_per_form(client, world, form, settings):  # noqa: F811
    settings.BUURTPLEIN_FORM_RATE = "3/h"
    before = form.stored().count()

    statuses = [client.post(form.url(world), form.data()).status_code for _ in range(5)]

    assert statuses == [302, 302, 302, TOO_MANY_REQUESTS, TOO_MANY_REQUESTS]
    # One address reports a post once (helpboard.contact): the repeats are
    # thanked, not stored.
    stored = 1 if form.name == "help report" else 3
    assert form.stored().count() == before + stored


@BY_NAME
def test_more_links_than_allowed_are_refused(client, world, form):  # noqa: F811
    before = form.stored().count()
    links = "zie https://a.example en https://b.example en https://c.example"
    field = next(
        name
        for name in ("message", "description", "explanation")
        if name in form.text_fields
    )

    response = client.post(form.url(world), form.data(**{field: links}))

    assert response.status_code == 400
    assert "te veel webadressen" in response.content.decode()
    assert form.stored().count() == before
