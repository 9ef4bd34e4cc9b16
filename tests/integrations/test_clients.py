"""API clients: the key stored hashed and shown once, ``require_client``, the
admin scoped to a Beheerder's own site, and CORS per site from the clients'
origins."""

import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from ninja.errors import HttpError

from editorial.services import beheerder_grant, communicatie_grant, site_beheerder_grant
from integrations.clients import CLIENT_HEADER, require_client
from integrations.models import ApiClient
from integrations.validators import origin_normalise

pytestmark = pytest.mark.django_db

LIST = reverse("wagtailsnippets_integrations_apiclient:list")
ADD = reverse("wagtailsnippets_integrations_apiclient:add")
SHOWN_ONCE = reverse("integrations_shown_once")
ORIGIN = "https://www.teststad.nl"


def edit_url(client_record) -> str:
    return reverse(
        "wagtailsnippets_integrations_apiclient:edit", args=[client_record.pk]
    )


def delete_url(client_record) -> str:
    return reverse(
        "wagtailsnippets_integrations_apiclient:delete", args=[client_record.pk]
    )


def make_client(site, *, origins=(), active=True, name="Website"):
    record = ApiClient(
        site=site, name=name, allowed_origins=list(origins), is_active=active
    )
    key = record.key_set()
    record.save()
    return record, key


def make_user(username, **extra):
    return get_user_model().objects.create_user(
        username,
        f"{username}@example.org",
        password="Lange-zin-met-koffie-2026",
        **extra,
    )


@pytest.fixture
def site_beheerder(site):
    user = make_user("sam")
    site_beheerder_grant(user=user, site=site)
    return user


# --- The key ---------------------------------------------------------------------


def test_only_the_hash_of_the_key_is_stored(site):
    record, key = make_client(site)
    record.refresh_from_db()
    assert key.startswith("bpc_") and len(key) > 40
    assert record.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(ApiClient.objects.filter(pk=record.pk).values().get())
    assert record.key_hint == key[:8]


def request_with(key=None, host="localhost"):
    headers = {CLIENT_HEADER: key} if key is not None else {}
    return RequestFactory().post("/api/v3/tips/", headers=headers, HTTP_HOST=host)


def test_require_client_accepts_an_active_key_of_the_site_and_notes_its_use(site):
    record, key = make_client(site)
    assert require_client(request_with(key), site) == record
    record.refresh_from_db()
    assert record.last_used_at is not None


@pytest.mark.parametrize("sent", [None, "", "bpc_wrong", "x" * 500])
def test_require_client_refuses_a_missing_or_wrong_key(site, sent):
    make_client(site)
    with pytest.raises(HttpError) as raised:
        require_client(request_with(sent), site)
    assert raised.value.status_code == 403
    assert "X-Buurtplein-Client" in str(raised.value) or "sleutel" in str(raised.value)


def test_require_client_refuses_an_inactive_key_and_another_sites_key(site, other_site):
    _inactive, inactive_key = make_client(site, active=False)
    _theirs, their_key = make_client(other_site)
    for key in (inactive_key, their_key):
        with pytest.raises(HttpError) as raised:
            require_client(request_with(key), site)
        assert raised.value.status_code == 403


# --- Origins -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://WWW.Teststad.nl", "https://www.teststad.nl"),
        ("https://www.teststad.nl:443/", "https://www.teststad.nl"),
        ("https://app.teststad.nl:8443", "https://app.teststad.nl:8443"),
    ],
)
def test_origins_are_normalised(value, expected):
    assert origin_normalise(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "http://www.teststad.nl",
        "https://www.teststad.nl/pad",
        "https://user@www.teststad.nl",
        "www.teststad.nl",
        "https://www.teststad.nl?x=1",
        "javascript:alert(1)",
        "https://",
    ],
)
def test_anything_but_an_https_origin_is_refused(value):
    with pytest.raises(ValidationError):
        origin_normalise(value)


# --- The admin ------------------------------------------------------------------


def test_a_beheerder_makes_a_client_and_sees_the_key_once(client, site, site_beheerder):
    client.force_login(site_beheerder)
    form = client.get(ADD)
    assert form.status_code == 200
    assert list(form.context["form"].fields["site"].queryset) == [site]

    response = client.post(
        ADD,
        {
            "site": site.pk,
            "name": "Website gemeente",
            "allowed_origins": "https://www.teststad.nl\nhttps://App.teststad.nl/",
            "is_active": "on",
        },
    )
    # Post, redirect, get: a reload cannot make a second client.
    assert response.status_code == 302
    assert response["Location"] == SHOWN_ONCE
    assert "bpc_" not in str(response.cookies)
    shown = client.get(SHOWN_ONCE)
    assert shown.status_code == 200
    record = ApiClient.objects.get()
    key = shown.context["secret"]
    assert record.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key in shown.content.decode()
    # Once: a reload shows it no more.
    again = client.get(SHOWN_ONCE)
    assert again.status_code == 302
    assert "bpc_" not in client.get(SHOWN_ONCE, follow=True).content.decode()
    assert record.allowed_origins == [
        "https://www.teststad.nl",
        "https://app.teststad.nl",
    ]
    # Never again: not on the list, not on the edit page.
    assert key not in client.get(LIST).content.decode()
    assert key not in client.get(edit_url(record)).content.decode()


def test_a_bad_origin_is_a_form_error_in_dutch(client, site, site_beheerder):
    client.force_login(site_beheerder)
    response = client.post(
        ADD,
        {"site": site.pk, "name": "App", "allowed_origins": "http://app.nl/pad"},
    )
    assert response.status_code == 200
    assert "allowed_origins" in response.context["form"].errors
    assert not ApiClient.objects.exists()


def test_saving_without_a_new_key_shows_no_key(client, site, site_beheerder):
    record, _key = make_client(site)
    client.force_login(site_beheerder)
    response = client.post(
        edit_url(record),
        {"site": site.pk, "name": "Nieuwe naam", "allowed_origins": ORIGIN},
    )
    assert response.status_code == 302
    assert response["Location"] != SHOWN_ONCE
    record.refresh_from_db()
    assert (record.name, record.allowed_origins) == ("Nieuwe naam", [ORIGIN])


def test_a_new_key_replaces_the_old_one(client, site, site_beheerder):
    record, old_key = make_client(site)
    client.force_login(site_beheerder)
    response = client.post(
        edit_url(record),
        {"site": site.pk, "name": "Website", "allowed_origins": "", "new_key": "on"},
        follow=True,
    )
    new_key = response.context["secret"]
    record.refresh_from_db()
    assert new_key != old_key
    assert record.key_hash == hashlib.sha256(new_key.encode()).hexdigest()


def test_a_beheerder_of_one_site_never_reaches_another_sites_clients(
    client, site, other_site, site_beheerder
):
    mine, _key = make_client(site, name="Onze website")
    theirs, _key = make_client(other_site, name="Hun website")
    client.force_login(site_beheerder)

    listing = client.get(LIST)
    assert listing.status_code == 200
    assert list(listing.context["object_list"]) == [mine]
    assert "Hun website" not in listing.content.decode()
    assert client.get(edit_url(theirs)).status_code in (403, 404)
    assert client.get(delete_url(theirs)).status_code in (403, 404)
    assert client.post(delete_url(theirs)).status_code in (403, 404)
    assert ApiClient.objects.filter(pk=theirs.pk).exists()
    # Nor can a post make one for the other site.
    response = client.post(ADD, {"site": other_site.pk, "name": "Stiekem"})
    assert response.status_code == 200
    assert "site" in response.context["form"].errors
    assert not ApiClient.objects.filter(name="Stiekem").exists()


def test_a_beheerder_of_every_site_and_a_superuser_see_all_clients(
    client, site, other_site
):
    mine, _key = make_client(site)
    theirs, _key = make_client(other_site)
    everywhere = make_user("alle")
    beheerder_grant(user=everywhere)
    for user in (everywhere, make_user("root", is_superuser=True)):
        client.force_login(user)
        listing = client.get(LIST)
        assert set(listing.context["object_list"]) == {mine, theirs}
        assert client.get(edit_url(theirs)).status_code == 200


def test_other_roles_do_not_manage_clients(client, site):
    record, _key = make_client(site)
    communicatie = make_user("com")
    communicatie_grant(user=communicatie, site=site)
    client.force_login(communicatie)
    assert client.get(LIST).status_code in (302, 403)
    assert client.get(edit_url(record)).status_code in (302, 403, 404)


# --- CORS per site ------------------------------------------------------------------


def preflight(client, origin, host="localhost", path="/api/v3/pages/"):
    return client.options(
        path,
        HTTP_HOST=host,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-buurtplein-client, content-type",
    )


def test_a_listed_origin_may_call_its_sites_api(client, site, other_site):
    make_client(site, origins=[ORIGIN])
    response = preflight(client, ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "x-buurtplein-client" in response["Access-Control-Allow-Headers"]

    response = client.get("/api/v3/pages/", HTTP_HOST="localhost", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "etag" in response["Access-Control-Expose-Headers"]


def test_another_sites_origin_or_an_inactive_client_gets_no_cors(
    client, site, other_site
):
    theirs = "https://www.anderdorp.nl"
    make_client(other_site, origins=[theirs])
    make_client(site, origins=["https://oud.teststad.nl"], active=False)
    for origin in (theirs, "https://oud.teststad.nl", "https://evil.example"):
        response = client.get(
            "/api/v3/pages/", HTTP_HOST="localhost", HTTP_ORIGIN=origin
        )
        assert "Access-Control-Allow-Origin" not in response
        assert "Access-Control-Allow-Origin" not in preflight(client, origin)
    # The other site's own host answers its origin.
    response = preflight(client, theirs, host="other.localhost")
    assert response["Access-Control-Allow-Origin"] == theirs


def test_the_site_parameter_decides_like_the_api_does(client, site, other_site):
    theirs = "https://www.anderdorp.nl"
    make_client(other_site, origins=[theirs])
    response = client.get(
        "/api/v3/pages/?site=other.localhost", HTTP_HOST="localhost", HTTP_ORIGIN=theirs
    )
    assert response["Access-Control-Allow-Origin"] == theirs


def test_cors_stays_off_outside_the_api(client, site):
    make_client(site, origins=[ORIGIN])
    response = client.get("/", HTTP_HOST="localhost", HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response


def test_a_request_without_an_origin_costs_no_query_for_cors(
    client, site, django_assert_num_queries
):
    from integrations.cors import cors_allow_site_origins

    request = RequestFactory().get("/api/v3/pages/", HTTP_HOST="localhost")
    with django_assert_num_queries(0):
        assert cors_allow_site_origins(None, request=request) is False


def test_no_model_permissions_are_offered_on_the_groups_page():
    """The Beheerder's scope decides; a model permission would mislead."""
    from wagtail import hooks

    offered = [
        permission
        for hook in hooks.get_hooks("register_permissions")
        for permission in hook()
    ]
    assert offered
    assert not [p for p in offered if p.content_type.app_label == "integrations"]
