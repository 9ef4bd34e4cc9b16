"""Instellingen → Zoekwoorden: a Beheerder adds words with the same meaning in
the admin, and residents' searches on that platform (and only that one) find
them."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from editorial.services import communicatie_grant, site_beheerder_grant
from socialmap.synonyms import DEFAULT_SYNONYMS, SearchSynonym
from tests.factories import (
    OrganisationPageFactory,
    ServiceFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db

User = get_user_model()
LIST = reverse("wagtailsnippets_socialmap_searchsynonym:list")
ADD = reverse("wagtailsnippets_socialmap_searchsynonym:add")


def edit_url(synonym) -> str:
    return reverse("wagtailsnippets_socialmap_searchsynonym:edit", args=[synonym.pk])


def make_user(username):
    return User.objects.create_user(
        username, f"{username}@example.org", password="Lange-zin-met-koffie-2026"
    )


def organisation_with_service(parent, title, service):
    page = OrganisationPageFactory(parent=parent, title=title)
    ServiceFactory(page=page, name=service)
    page.save_revision().publish()
    return page


@pytest.fixture
def kaarten(site, other_site):
    here = SocialMapPageFactory(parent=site.root_page, slug="sociale-kaart")
    organisation_with_service(here, "Stichting Ommetje", "Wandelgroep")
    there = SocialMapPageFactory(parent=other_site.root_page, slug="kaart-elders")
    organisation_with_service(there, "Ommetje Anderdorp", "Wandelgroep")
    return here, there


@pytest.fixture
def beheerder(site):
    user = make_user("sam")
    site_beheerder_grant(user=user, site=site)
    return user


def found(client, url, query, host="localhost"):
    response = client.get(url, {"q": query}, HTTP_HOST=host)
    assert response.status_code == 200
    return [page.title for page in response.context["items"]]


def test_every_platform_starts_with_the_default_words(site, other_site):
    for platform in (site, other_site):
        words = set(
            SearchSynonym.objects.filter(site=platform).values_list("words", flat=True)
        )
        assert set(DEFAULT_SYNONYMS) <= words


def test_a_beheerder_adds_words_and_the_search_finds_them_on_that_platform_only(
    client, kaarten, beheerder, site, other_site
):
    assert found(client, "/sociale-kaart/", "frisse neus") == []

    client.force_login(beheerder)
    form = client.get(ADD)
    assert form.status_code == 200
    html = form.content.decode()
    assert "Woorden die hetzelfde betekenen" in html
    assert f'<option value="{other_site.pk}"' not in html

    response = client.post(
        ADD, {"site": site.pk, "words": " frisse neus ,wandelgroep,  ommetje "}
    )
    assert response.status_code == 302
    added = SearchSynonym.objects.get(words__startswith="frisse")
    assert added.site == site
    assert added.words == "frisse neus, wandelgroep, ommetje"

    client.logout()
    assert found(client, "/sociale-kaart/", "frisse neus") == ["Stichting Ommetje"]
    # The other platform has no such words: its Ommetje stays unfound.
    assert found(client, "/kaart-elders/", "frisse neus", host="other.localhost") == []


def test_a_beheerder_of_one_platform_never_sees_or_changes_anothers_words(
    client, beheerder, site, other_site
):
    theirs = SearchSynonym.objects.create(site=other_site, words="geheim, verborgen")
    ours = SearchSynonym.objects.create(site=site, words="bankje, zitplek")
    client.force_login(beheerder)

    listing = client.get(LIST, {"q": ""}).content.decode()
    assert "bankje, zitplek" in listing
    assert "geheim, verborgen" not in listing
    assert client.get(edit_url(theirs)).status_code == 404
    response = client.post(edit_url(theirs), {"site": other_site.pk, "words": "a, b"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.words == "geheim, verborgen"

    # Nor move one of theirs over, or add one to the other platform.
    response = client.post(ADD, {"site": other_site.pk, "words": "x-woord, y-woord"})
    assert response.status_code == 200
    assert not SearchSynonym.objects.filter(words__startswith="x-woord").exists()
    response = client.post(edit_url(ours), {"site": other_site.pk, "words": "a, b"})
    assert response.status_code == 200
    ours.refresh_from_db()
    assert ours.site == site


def test_one_word_is_no_group_and_says_so_in_dutch(client, beheerder, site):
    client.force_login(beheerder)
    response = client.post(ADD, {"site": site.pk, "words": "alleen-dit"})

    assert response.status_code == 200
    assert "Vul minstens twee woorden in, met een komma ertussen." in (
        response.content.decode()
    )
    assert not SearchSynonym.objects.filter(words="alleen-dit").exists()


def test_without_the_beheerder_role_there_is_no_word_list(client, site):
    communicatie = make_user("cor")
    communicatie_grant(user=communicatie, site=site)
    client.force_login(communicatie)

    assert client.get(LIST).status_code in (302, 403)
    assert client.post(ADD, {"site": site.pk, "words": "a, b"}).status_code in (
        302,
        403,
    )
    assert not SearchSynonym.objects.filter(words="a, b").exists()
