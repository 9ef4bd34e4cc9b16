"""Media scoping (issue 13): a team sees and downloads only its own files.

Through the admin's JSON endpoints and choosers, the document serve view and
the upload forms: a buurtverbinder lists only their wijk's images and
documents (not another wijk's, not the other site's); an unlinked document of
another team is a 404 however its URL is guessed, while one a live page links
to is public; uploads with too many pixels or bytes are refused in Dutch.
"""

import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from agenda.models import EventPage
from core.media import serve_media_in_development
from editorial.models import Team
from editorial.services import buurtverbinder_grant
from tests.factories import (
    EventPageFactory,
    ImageFactory,
    NeighbourhoodFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
)

pytestmark = pytest.mark.django_db

IMAGES_API = "/admin/api/main/images/"
DOCUMENTS_API = "/admin/api/main/documents/"


@pytest.fixture
def wijken(site, other_site, neighbourhood, other_neighbourhood):
    """Three wijk pages with a team each: Centrum and West of one site, Noord of
    the other; each team's collection holds a photo and a folder (PDF)."""
    index = NeighbourhoodIndexPageFactory(parent=site.root_page)
    other_index = NeighbourhoodIndexPageFactory(parent=other_site.root_page)
    pages = {
        "centrum": NeighbourhoodPageFactory(parent=index, neighbourhood=neighbourhood),
        "west": NeighbourhoodPageFactory(
            parent=index, neighbourhood=other_neighbourhood
        ),
        "noord": NeighbourhoodPageFactory(
            parent=other_index,
            neighbourhood=NeighbourhoodFactory(site=other_site, name="Noord"),
        ),
    }
    for label, page in pages.items():
        collection = Team.objects.get(page=page).collection
        ImageFactory(title=f"Foto {label}", collection=collection)
        Document.objects.create(
            title=f"Folder {label}",
            collection=collection,
            file=ContentFile(b"%PDF-1.4\n", name=f"folder-{label}.pdf"),
        )
    return pages


@pytest.fixture
def buurtverbinder(wijken):
    user = get_user_model().objects.create_user("anouk", "anouk@example.org")
    buurtverbinder_grant(user=user, neighbourhood_page=wijken["centrum"])
    return user


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.org", "x")


def folder(label: str) -> Document:
    return Document.objects.get(title=f"Folder {label}")


def titles(response) -> set[str]:
    assert response.status_code == 200, response.content[:500]
    return {item["title"] for item in response.json()["items"]}


# The admin's JSON endpoints.


def test_the_admin_json_lists_only_the_buurtverbinders_own_images_and_documents(
    client, buurtverbinder
):
    client.force_login(buurtverbinder)

    assert titles(client.get(IMAGES_API)) == {"Foto centrum"}
    assert titles(client.get(DOCUMENTS_API)) == {"Folder centrum"}
    # Searching or filtering does not widen it either.
    assert titles(client.get(IMAGES_API, {"search": "Foto"})) == {"Foto centrum"}
    assert titles(client.get(DOCUMENTS_API, {"title": "Folder west"})) == set()


def test_the_admin_json_detail_of_another_teams_file_is_not_found(
    client, buurtverbinder
):
    client.force_login(buurtverbinder)
    own_image = get_image_model().objects.get(title="Foto centrum")
    other_image = get_image_model().objects.get(title="Foto noord")

    assert client.get(f"{IMAGES_API}{own_image.pk}/").status_code == 200
    assert client.get(f"{IMAGES_API}{other_image.pk}/").status_code == 404
    assert client.get(f"{DOCUMENTS_API}{folder('west').pk}/").status_code == 404
    own = client.get(f"{DOCUMENTS_API}{folder('centrum').pk}/").json()
    assert own["meta"]["download_url"].endswith(folder("centrum").url)


def test_a_superuser_lists_every_teams_files(client, wijken, superuser):
    client.force_login(superuser)

    assert titles(client.get(IMAGES_API)) == {"Foto centrum", "Foto west", "Foto noord"}
    assert len(titles(client.get(DOCUMENTS_API))) == 3


def test_a_user_without_collection_rights_lists_nothing(client, wijken):
    user = get_user_model().objects.create_user("kees", "kees@example.org")
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    client.force_login(user)

    assert titles(client.get(IMAGES_API)) == set()
    assert titles(client.get(DOCUMENTS_API)) == set()


# The choosers.


def test_the_image_and_document_choosers_offer_only_the_own_collection(
    client, buurtverbinder
):
    client.force_login(buurtverbinder)

    images = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    documents = client.get(reverse("wagtaildocs_chooser:choose")).json()["html"]
    searched = client.get(
        reverse("wagtaildocs_chooser:choose_results"), {"q": "Folder"}
    ).content.decode()

    assert "Foto centrum" in images
    assert "Foto west" not in images
    assert "Foto noord" not in images
    assert "Folder centrum" in documents
    assert "Folder west" not in documents
    assert "Folder noord" not in documents
    assert "Folder centrum" in searched
    assert "Folder noord" not in searched


def test_choosing_another_teams_file_by_id_is_refused(client, buurtverbinder):
    client.force_login(buurtverbinder)
    other_image = get_image_model().objects.get(title="Foto west")

    image = client.get(reverse("wagtailimages_chooser:chosen", args=[other_image.pk]))
    document = client.get(
        reverse("wagtaildocs_chooser:chosen", args=[folder("west").pk])
    )

    # Wagtail refuses with a redirect to the dashboard (and a message).
    for response in (image, document):
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")


# Serving documents.


def link_from_a_live_page(document: Document, *, parent: Page, live: bool = True):
    """An event whose description links to ``document``, as Wagtail's reference
    index records it. The editors' rich text features do not offer document
    links yet (saving a page drops them, core.rich_text), so the link is
    written past the page's save, as the editor's "document-link" would store
    it, and the page reindexed."""
    page = EventPageFactory(
        parent=parent, title=f"Activiteit met {document.title}", live=live
    )
    EventPage.objects.filter(pk=page.pk).update(
        body=f'<p>Lees <a linktype="document" id="{document.pk}">de folder</a>.</p>'
    )
    page.refresh_from_db()
    ReferenceIndex.create_or_update_for_object(page)
    return page


def test_documents_are_served_through_the_serve_view_not_from_media(wijken):
    document = folder("west")

    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert document.url == reverse(
        "wagtaildocs_serve", args=[document.pk, document.filename]
    )


def test_an_unlinked_document_of_another_team_cannot_be_downloaded_by_guessing(
    client, buurtverbinder
):
    other = folder("west").url
    other_site = folder("noord").url

    assert client.get(other).status_code == 404
    client.force_login(buurtverbinder)
    assert client.get(other).status_code == 404
    assert client.get(other_site).status_code == 404
    assert client.get(folder("centrum").url).status_code == 200


def test_an_unlinked_document_is_only_for_its_team_not_for_anonymous(
    client, buurtverbinder, superuser
):
    own = folder("centrum").url

    assert client.get(own).status_code == 404
    client.force_login(superuser)
    assert client.get(own).status_code == 200


def test_a_document_linked_from_a_live_page_is_public_and_stops_being_when_unlinked(
    client, wijken
):
    document = folder("west")
    page = link_from_a_live_page(document, parent=wijken["west"])
    assert ReferenceIndex.get_references_to(document).exists()

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"

    page.unpublish()
    assert client.get(document.url).status_code == 404


def test_a_link_from_a_draft_page_does_not_make_a_document_public(client, wijken):
    document = folder("west")
    link_from_a_live_page(document, parent=wijken["west"], live=False)

    assert ReferenceIndex.get_references_to(document).exists()
    assert client.get(document.url).status_code == 404


def test_a_document_in_a_public_collection_is_public(client, wijken, settings):
    settings.BUURTPLEIN_PUBLIC_DOCUMENT_COLLECTIONS = [
        folder("west").collection.get_parent().name
    ]

    assert client.get(folder("west").url).status_code == 200
    assert client.get(folder("noord").url).status_code == 404


def make_document(name: str, content: bytes, *, collection) -> Document:
    return Document.objects.create(
        title=name, collection=collection, file=ContentFile(content, name=name)
    )


@pytest.mark.parametrize(
    ("name", "disposition"),
    [
        ("verslag.docx", "attachment"),
        ("adressen.csv", "attachment"),
        ("notulen.txt", "attachment"),
        ("folder.pdf", "inline"),
    ],
)
def test_only_pdf_is_shown_inline_everything_else_is_a_download(
    client, wijken, superuser, name, disposition
):
    document = make_document(
        name, b"%PDF-1.4\n", collection=folder("centrum").collection
    )
    client.force_login(superuser)

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].split(";")[0] == disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_images_are_inline_content_types_and_svg_is_not():
    assert "image/png" in settings.WAGTAILDOCS_INLINE_CONTENT_TYPES
    assert "image/svg+xml" not in settings.WAGTAILDOCS_INLINE_CONTENT_TYPES


@pytest.mark.parametrize(
    "path",
    [
        "documents/folder-west.pdf",
        "Documents/folder-west.pdf",
        "original_images/../documents/folder-west.pdf",
        "/documents/folder-west.pdf",
    ],
)
def test_development_media_never_serves_documents(wijken, path):
    request = RequestFactory().get("/media/" + path)

    with pytest.raises(Http404):
        serve_media_in_development(
            request, path, document_root=str(settings.MEDIA_ROOT)
        )


def test_development_media_still_serves_images(wijken):
    image = get_image_model().objects.get(title="Foto west")
    request = RequestFactory().get("/media/" + image.file.name)

    response = serve_media_in_development(
        request, image.file.name, document_root=str(settings.MEDIA_ROOT)
    )

    assert response.status_code == 200


# Upload limits.


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("1", (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_limits_default_to_40_megapixels_and_20_megabytes():
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024


def test_an_image_with_too_many_pixels_is_refused_with_a_dutch_message(
    client, buurtverbinder, recwarn
):
    client.force_login(buurtverbinder)
    collection = Team.objects.get(page__title="Centrum").collection
    before = get_image_model().objects.count()

    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Luchtfoto",
            "collection": collection.pk,
            "file": SimpleUploadedFile(
                "luchtfoto.png", png(11_000, 11_000), content_type="image/png"
            ),
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze afbeelding is te groot: ze heeft 121000000 pixels" in html
    assert "hoogstens 40 miljoen" in html
    assert get_image_model().objects.count() == before


def test_an_image_within_the_limit_is_accepted(client, buurtverbinder):
    client.force_login(buurtverbinder)
    collection = Team.objects.get(page__title="Centrum").collection

    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Straatfoto",
            "collection": collection.pk,
            "file": SimpleUploadedFile(
                "straat.png", png(1200, 800), content_type="image/png"
            ),
        },
    )

    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Straatfoto").exists()


def test_a_document_over_the_size_limit_is_refused_with_a_dutch_message(
    client, buurtverbinder
):
    client.force_login(buurtverbinder)
    collection = Team.objects.get(page__title="Centrum").collection
    too_large = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 1

    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Jaarverslag",
            "collection": collection.pk,
            "file": SimpleUploadedFile(
                "jaarverslag.pdf", b"%" * too_large, content_type="application/pdf"
            ),
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit bestand is te groot (20,0" in html
    assert "Een document mag hoogstens 20,0\xa0MB zijn" in html
    assert not Document.objects.filter(title="Jaarverslag").exists()


def test_the_multiple_uploader_refuses_too_many_pixels_as_well(client, buurtverbinder):
    client.force_login(buurtverbinder)
    collection = Team.objects.get(page__title="Centrum").collection

    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "collection": collection.pk,
            "files[]": SimpleUploadedFile(
                "luchtfoto.png", png(8_000, 6_000), content_type="image/png"
            ),
        },
    )

    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "hoogstens 40 miljoen" in response.json()["error_message"]
    assert not get_image_model().objects.filter(title__startswith="luchtfoto").exists()


def test_the_multiple_uploader_refuses_a_too_large_document(
    client, buurtverbinder, settings
):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    client.force_login(buurtverbinder)
    collection = Team.objects.get(page__title="Centrum").collection

    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "collection": collection.pk,
            "files[]": SimpleUploadedFile(
                "notulen.csv", b"a;b\n" * 1000, content_type="text/csv"
            ),
        },
    )

    assert response.json()["success"] is False
    assert "Een document mag hoogstens 1,0" in response.json()["error_message"]
    assert not Document.objects.filter(title__startswith="notulen").exists()
