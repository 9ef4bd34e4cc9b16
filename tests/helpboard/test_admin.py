import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission

from editorial.services import communicatie_grant
from helpboard.models import HelpOffer, HelpRequest, HelpStatus
from tests.factories import HelpOfferFactory, HelpRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="beheer", email="beheer@example.org", password="geheim"
    )


def admin_user(*permissions: str):
    """An admin user (may use the Wagtail admin) with only these extra permissions."""
    user = get_user_model().objects.create_user(
        username="redacteur", email="redacteur@example.org", password="geheim"
    )
    group = Group.objects.create(name="Redactie")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in permissions:
        group.permissions.add(Permission.objects.get(codename=codename))
    user.groups.add(group)
    return user


@pytest.fixture
def posts(site, neighbourhood):
    request = HelpRequestFactory(
        site=site,
        title="Hulp bij boodschappen",
        description="Ik kan even niet lopen.",
        first_name="Ans",
        neighbourhood=neighbourhood,
    )
    published = HelpRequestFactory(
        site=site,
        title="Wie wil de kat voeren?",
        description="Twee weken in juli.",
        status=HelpStatus.PUBLISHED,
    )
    offer = HelpOfferFactory(site=site, title="Ik repareer fietsen", first_name="Mo")
    return request, published, offer


def test_help_request_listing_for_a_superuser(client, superuser, posts):
    client.force_login(superuser)

    response = client.get(reverse("helprequest:index"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Hulp bij boodschappen" in content
    assert "Wie wil de kat voeren?" in content
    assert "Ans" in content
    assert "Centrum" in content
    assert "Ik repareer fietsen" not in content


def test_help_offer_listing_for_a_superuser(client, superuser, posts):
    client.force_login(superuser)

    response = client.get(reverse("helpoffer:index"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Ik repareer fietsen" in content
    assert "Hulp bij boodschappen" not in content


def test_help_request_listing_filters_on_status_and_searches(client, superuser, posts):
    client.force_login(superuser)

    published = client.get(reverse("helprequest:index"), {"status": "published"})
    searched = client.get(reverse("helprequest:index"), {"q": "kat"})

    assert published.status_code == 200
    assert [post.title for post in published.context["object_list"]] == [
        "Wie wil de kat voeren?"
    ]
    assert [post.title for post in searched.context["object_list"]] == [
        "Wie wil de kat voeren?"
    ]


def test_help_request_edit_form_uses_the_model_panels(client, superuser, posts):
    client.force_login(superuser)
    request = posts[0]

    response = client.get(reverse("helprequest:edit", args=[request.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    for field in ["first_name", "email", "phone", "status", "moderation_note"]:
        assert f'name="{field}"' in content, field


def test_admin_user_without_permission_cannot_see_help_requests(client, posts):
    client.force_login(admin_user())

    response = client.get(reverse("helprequest:index"))

    assert response.status_code in (302, 403)
    assert "Hulp bij boodschappen" not in response.content.decode()


def test_anonymous_visitor_is_sent_to_the_login(client, posts):
    response = client.get(reverse("helprequest:index"))

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_user_with_the_model_permission_sees_help_requests_only(client, site, posts):
    user = admin_user("change_helprequest")
    GroupPagePermission.objects.create(
        group=user.groups.get(),
        page=site.root_page,
        permission=Permission.objects.get(codename="publish_page"),
    )
    client.force_login(user)

    requests = client.get(reverse("helprequest:index"))
    offers = client.get(reverse("helpoffer:index"))

    assert requests.status_code == 200
    assert "Hulp bij boodschappen" in requests.content.decode()
    assert offers.status_code in (302, 403)


def test_menu_shows_vraag_en_aanbod_only_with_permission(client, superuser):
    client.force_login(superuser)
    assert (
        "Vraag \\u0026 aanbod"
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )

    client.force_login(admin_user())
    assert "Vraag \\u0026 aanbod" not in (
        client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_help_post_models_have_admin_permissions():
    for model in (HelpRequest, HelpOffer):
        codenames = set(
            Permission.objects.filter(content_type__app_label="helpboard")
            .filter(codename__endswith=model._meta.model_name)
            .values_list("codename", flat=True)
        )
        assert {
            f"add_{model._meta.model_name}",
            f"change_{model._meta.model_name}",
            f"delete_{model._meta.model_name}",
        } <= codenames


def test_communicatie_sees_and_edits_only_its_own_sites_posts(
    client, site, other_site, posts
):
    elsewhere = HelpRequestFactory(site=other_site, title="Lift naar het ziekenhuis")
    communicatie = get_user_model().objects.create_user("cor", "cor@example.org")
    communicatie_grant(user=communicatie, site=other_site)
    client.force_login(communicatie)

    listing = client.get(reverse("helprequest:index"))
    titles = [post.title for post in listing.context["object_list"]]

    assert titles == ["Lift naar het ziekenhuis"]
    assert (
        client.get(reverse("helprequest:edit", args=[elsewhere.pk])).status_code == 200
    )
    assert (
        client.get(reverse("helprequest:edit", args=[posts[0].pk])).status_code == 404
    )
    response = client.post(reverse("helprequest:delete", args=[posts[0].pk]))
    assert response.status_code == 404
    assert HelpRequest.objects.filter(pk=posts[0].pk).exists()


@pytest.mark.parametrize("view", ["history", "history_results", "usage"])
def test_history_and_usage_of_another_sites_post_are_not_found(
    client, site, other_site, posts, view
):
    elsewhere = HelpRequestFactory(site=other_site, title="Lift naar het ziekenhuis")
    communicatie = get_user_model().objects.create_user("cor", "cor@example.org")
    communicatie_grant(user=communicatie, site=other_site)
    client.force_login(communicatie)

    own = client.get(reverse(f"helprequest:{view}", args=[elsewhere.pk]))
    other = client.get(reverse(f"helprequest:{view}", args=[posts[0].pk]))

    assert own.status_code == 200
    assert other.status_code == 404
    assert "Hulp bij boodschappen" not in other.content.decode()
