"""The help board's own categories: every platform gets the defaults, existing
posts were mapped by their words (migration 0006), and a Beheerder of one
platform manages that platform's categories only (through the admin)."""

import importlib

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from editorial.services import site_beheerder_grant
from helpboard.categories import DEFAULT_CATEGORIES
from helpboard.models import HelpCategory
from home.demo import data

pytestmark = pytest.mark.django_db

LIST = reverse("wagtailsnippets_helpboard_helpcategory:list")
ADD = reverse("wagtailsnippets_helpboard_helpcategory:add")
migration = importlib.import_module("helpboard.migrations.0006_default_help_categories")


def edit_url(category) -> str:
    return reverse("wagtailsnippets_helpboard_helpcategory:edit", args=[category.pk])


def test_every_platform_starts_with_practical_categories(site, other_site):
    for platform in (site, other_site):
        slugs = list(
            HelpCategory.objects.filter(site=platform).values_list("slug", flat=True)
        )
        assert slugs == [slug for slug, _name in DEFAULT_CATEGORIES]
    names = HelpCategory.objects.filter(site=site).values_list("name", flat=True)
    assert "Boodschappen" in names
    assert "Geldzaken" not in names


@pytest.mark.parametrize(
    ("title", "description", "theme", "expected"),
    [
        (
            "Oppas voor onze hond",
            "Als ik naar het ziekenhuis moet.",
            "",
            "oppas-en-dieren",
        ),
        ("Wie doet boodschappen?", "", "geldzaken", "boodschappen"),
        ("Hulp bij een brief", "Van de Belastingdienst.", "", "formulieren"),
        ("Ik breng je naar de dokter", "", "", "vervoer"),
        ("Even bijpraten", "", "eenzaamheid", "gezelschap"),
        ("Iets heel anders", "", "wonen", None),
    ],
)
def test_the_migration_maps_posts_by_their_words_then_their_theme(
    title, description, theme, expected
):
    assert migration.category_slug(title, description, theme) == expected


def test_the_migration_knows_the_same_defaults_as_new_sites():
    assert [slug for slug, _name in migration.DEFAULTS] == [
        slug for slug, _name in DEFAULT_CATEGORIES
    ]


def test_every_demo_post_has_a_default_category():
    titles = {title for title, _text, _name in data.HELP_REQUESTS + data.HELP_OFFERS}
    assert set(data.HELP_POST_CATEGORIES) == titles
    assert set(data.HELP_POST_CATEGORIES.values()) <= {
        slug for slug, _name in DEFAULT_CATEGORIES
    }
    assert data.HELP_POST_CATEGORIES["Oppas voor onze hond"] == "oppas-en-dieren"


@pytest.fixture
def beheerder(site):
    user = get_user_model().objects.create_user(
        "sam", "sam@example.org", password="Lange-zin-met-koffie-2026"
    )
    site_beheerder_grant(user=user, site=site)
    return user


def test_a_beheerder_manages_the_categories_of_their_own_platform_only(
    client, site, other_site, beheerder
):
    client.force_login(beheerder)
    here = HelpCategory.objects.get(site=site, slug="tuin")
    there = HelpCategory.objects.get(site=other_site, slug="tuin")

    listing = client.get(LIST)
    assert listing.status_code == 200
    assert list(listing.context["object_list"]) == list(
        HelpCategory.objects.filter(site=site).order_by("sort_order", "name")
    )
    assert client.get(edit_url(there)).status_code in (302, 403)

    form = client.get(ADD)
    assert list(form.context["form"].fields["site"].queryset) == [site]
    response = client.post(
        edit_url(here),
        {"site": site.pk, "name": "Tuin en balkon", "slug": "tuin", "sort_order": 5},
    )
    assert response.status_code == 302
    here.refresh_from_db()
    assert here.name == "Tuin en balkon"
    refused = client.post(
        ADD,
        {"site": other_site.pk, "name": "Elders", "slug": "elders", "sort_order": 1},
    )
    assert refused.status_code == 200
    assert not HelpCategory.objects.filter(slug="elders").exists()
