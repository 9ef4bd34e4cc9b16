"""A buurtverbinder's and an organisation editor's admin shows only what they
may touch: their pages, their drafts, their own collection's media."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document

from editorial.models import Team
from editorial.services import (
    buurtverbinder_grant,
    communicatie_grant,
    organisation_editor_grant,
)
from tests.factories import (
    ImageFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(site, neighbourhood, other_neighbourhood):
    wijken = NeighbourhoodIndexPageFactory(parent=site.root_page)
    own = NeighbourhoodPageFactory(
        parent=wijken, neighbourhood=neighbourhood, title="Centrum"
    )
    other = NeighbourhoodPageFactory(
        parent=wijken, neighbourhood=other_neighbourhood, title="West"
    )
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=site.root_page), title="De Brug"
    )
    NewsPageFactory(parent=own, title="Straatfeest Centrum", live=False)
    NewsPageFactory(parent=other, title="Straatfeest West", live=False)
    NewsPageFactory(parent=organisation, title="Open dag De Brug", live=False)
    for page, label in ((own, "centrum"), (other, "west"), (organisation, "brug")):
        collection = Team.objects.get(page=page).collection
        ImageFactory(title=f"Foto {label}", collection=collection)
        Document.objects.create(
            title=f"Folder {label}",
            collection=collection,
            file=ContentFile(b"%PDF-1.4\n", name=f"folder-{label}.pdf"),
        )
    return own, other, organisation


@pytest.fixture
def buurtverbinder(tree):
    user = get_user_model().objects.create_user("anouk", "anouk@example.org")
    buurtverbinder_grant(user=user, neighbourhood_page=tree[0])
    return user


@pytest.fixture
def organisation_editor(tree):
    user = get_user_model().objects.create_user("bram", "bram@example.org")
    organisation_editor_grant(user=user, organisation_page=tree[2])
    return user


def test_a_buurtverbinder_sees_only_their_own_wijk_and_media(
    client, tree, buurtverbinder
):
    own, _other, _organisation = tree
    client.force_login(buurtverbinder)

    explorer = client.get(reverse("wagtailadmin_explore", args=[own.pk]))
    search = client.get(reverse("wagtailadmin_pages:search"), {"q": "Straatfeest"})
    images = client.get(reverse("wagtailimages:index"))
    documents = client.get(reverse("wagtaildocs:index"))

    assert "Straatfeest Centrum" in explorer.content.decode()
    assert "Straatfeest Centrum" in search.content.decode()
    assert "Straatfeest West" not in search.content.decode()
    assert "Foto centrum" in images.content.decode()
    assert "Foto west" not in images.content.decode()
    assert "Foto brug" not in images.content.decode()
    assert "Folder centrum" in documents.content.decode()
    assert "Folder west" not in documents.content.decode()
    other_explorer = client.get(reverse("wagtailadmin_explore", args=[tree[1].pk]))
    assert "Straatfeest West" not in other_explorer.content.decode()


def test_an_organisation_editor_sees_only_their_organisation(
    client, tree, organisation_editor
):
    client.force_login(organisation_editor)

    search = client.get(reverse("wagtailadmin_pages:search"), {"q": "Straatfeest"})
    own = client.get(reverse("wagtailadmin_pages:search"), {"q": "Open dag"})
    images = client.get(reverse("wagtailimages:index"))

    assert "Straatfeest Centrum" not in search.content.decode()
    assert "Straatfeest West" not in search.content.decode()
    assert "Open dag De Brug" in own.content.decode()
    assert "Foto brug" in images.content.decode()
    assert "Foto centrum" not in images.content.decode()


def test_the_image_chooser_offers_only_the_own_collection(client, tree, buurtverbinder):
    client.force_login(buurtverbinder)

    chooser = client.get(reverse("wagtailimages_chooser:choose"))

    html = chooser.json()["html"]
    assert "Foto centrum" in html
    assert "Foto west" not in html


def test_the_dashboard_shows_tasks_only_to_the_sites_communicatie(
    client, site, other_site, tree, buurtverbinder
):
    own, _other, _organisation = tree
    draft = NewsPageFactory(parent=own, title="Buurtbarbecue", live=False)
    draft.save_revision(user=buurtverbinder)
    communicatie, elsewhere = (
        get_user_model().objects.create_user(name, f"{name}@example.org")
        for name in ("cor", "elders")
    )
    communicatie_grant(user=communicatie, site=site)
    communicatie_grant(user=elsewhere, site=other_site)
    draft.get_workflow().start(draft, buurtverbinder)

    dashboards = {}
    for user in (buurtverbinder, communicatie, elsewhere):
        client.force_login(user)
        dashboards[user.username] = client.get(reverse("wagtailadmin_home"))

    assert "Buurtbarbecue" in dashboards["cor"].content.decode()
    assert "Buurtbarbecue" not in dashboards["elders"].content.decode()
    # The author follows it among their own pages, without an approve button.
    # The dashboard approves through the same dialog as the editor
    # (editorial.approval_hooks).
    approve_url = reverse(
        "editorial_workflow_action",
        args=[draft.pk, "approve", draft.current_workflow_task_state.pk],
    )
    assert "Buurtbarbecue" in dashboards["anouk"].content.decode()
    assert approve_url not in dashboards["anouk"].content.decode()
    assert approve_url in dashboards["cor"].content.decode()
