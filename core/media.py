"""Who may see which images and documents, and how documents are served.

Each team (wijk, organisation, site) has its own collection, so a person's
collection permissions decide which media they may list: the admin's JSON
endpoints (``/admin/api/main/images/`` and ``documents/``) use the same rule as
the choosers (choose or change rights on the file's collection, superusers
everything), instead of Wagtail's default of every file in every unrestricted
collection.

Documents are served only through Wagtail's serve view
(``WAGTAILDOCS_SERVE_METHOD = "serve_view"``, never straight from
``/media/documents/``), and only when a live, public page refers to them
(Wagtail's reference index), when they are in a public collection
(``BUURTPLEIN_PUBLIC_DOCUMENT_COLLECTIONS``), or to an admin user with rights on
their collection. Anyone else gets a 404, so guessing a URL finds nothing, not
even whether the file exists.

The upload forms (``WAGTAILIMAGES_IMAGE_FORM_BASE``,
``WAGTAILDOCS_DOCUMENT_FORM_BASE``) say in plain Dutch why an image has too
many pixels or a file is too large (limits in ``settings/security_media.py``).
"""

import posixpath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.static import serve as static_serve
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.forms import BaseImageForm
from wagtail.models import Collection, Page, ReferenceIndex
from wagtail.permissions import policy_registry

from .page_forms import ALT_TEXT_HELP_TEXT, ALT_TEXT_LABEL

# Rights on a file's collection that let someone see the file in a listing:
# to choose it for a page, or to edit it (which includes delete).
LISTING_ACTIONS = ("choose", "change")
# Folder of MEDIA_ROOT where Wagtail stores documents (Document.file upload_to).
DOCUMENTS_FOLDER = "documents"


def images_visible_to(*, user) -> QuerySet:
    """The images ``user`` may list: those in collections they may choose from
    or edit (and their own uploads in collections they may add to)."""
    return policy_registry.get_by_type(
        get_image_model()
    ).instances_user_has_any_permission_for(user, LISTING_ACTIONS)


def documents_visible_to(*, user) -> QuerySet:
    """The documents ``user`` may list, by the same rule as images."""
    return policy_registry.get_by_type(
        get_document_model()
    ).instances_user_has_any_permission_for(user, LISTING_ACTIONS)


def document_is_public(*, document) -> bool:
    """Whether anyone may download ``document``: a live page that anyone may see
    refers to it, or it is in a public collection (or below one)."""
    if _in_public_collection(document.collection):
        return True
    page_ids = list(
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    page_ids = [int(page_id) for page_id in page_ids if page_id.isdigit()]
    return (
        bool(page_ids) and Page.objects.live().public().filter(pk__in=page_ids).exists()
    )


def user_may_download_document(*, user, document) -> bool:
    """Whether an admin user's collection rights cover ``document``."""
    if not (user.is_authenticated and user.is_active):
        return False
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission_for_instance(
        user, list(LISTING_ACTIONS), document
    )


def document_serve_check(document, request: HttpRequest) -> None:
    """``before_serve_document``: a 404 for a document this request may not
    download. Wagtail's own collection privacy check runs as well."""
    if document_is_public(document=document):
        return
    if user_may_download_document(user=request.user, document=document):
        return
    raise Http404


def _in_public_collection(collection: Collection) -> bool:
    names = settings.BUURTPLEIN_PUBLIC_DOCUMENT_COLLECTIONS
    if not names:
        return False
    return collection.get_ancestors(inclusive=True).filter(name__in=names).exists()


class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    """The admin's image endpoint, listing only the user's images (also the
    detail view, which looks up in the same queryset)."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(pk__in=images_visible_to(user=self.request.user).values("pk"))
        )


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    """The admin's document endpoint, listing only the user's documents."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(pk__in=documents_visible_to(user=self.request.user).values("pk"))
        )


class ImageForm(BaseImageForm):
    """Wagtail's image form, with a plain Dutch message for too many pixels."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:  # the alt text (core.page_forms)
            self.fields["description"].label = ALT_TEXT_LABEL
            self.fields["description"].help_text = ALT_TEXT_HELP_TEXT
        field = self.fields.get("file")
        max_pixels = getattr(field, "max_image_pixels", None)
        if field is None or not max_pixels:
            return
        # Wagtail fills in %(num_pixels)s and %(max_pixels_count)s itself.
        field.error_messages["file_too_many_pixels"] = _(
            "Deze afbeelding is te groot: ze heeft %(num_pixels)s pixels, en er "
            "mogen er hoogstens %(max_megapixels)s miljoen zijn. Maak de afbeelding "
            "kleiner (minder pixels breed en hoog) en probeer het opnieuw."
        ).replace("%(max_megapixels)s", _megapixels(max_pixels))


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, with a plain Dutch message for too large files."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        max_size = getattr(field, "max_upload_size", None)
        if field is None or not max_size:
            return
        # Wagtail fills in %(file_size)s and %(max_filesize)s itself.
        field.error_messages["file_too_large"] = _(
            "Dit bestand is te groot (%(file_size)s). Een document mag hoogstens "
            "%(max_filesize)s zijn. Maak het bestand kleiner, bijvoorbeeld door "
            "afbeeldingen erin te verkleinen, en probeer het opnieuw."
        )
        field.error_messages["file_too_large_unknown_size"] = _(
            "Dit bestand is te groot. Een document mag hoogstens %(max_filesize)s zijn."
        ) % {"max_filesize": filesizeformat(max_size)}


def _megapixels(pixels: int) -> str:
    value = pixels / 1_000_000
    return f"{value:g}".replace(".", ",")


def serve_media_in_development(
    request: HttpRequest, path: str, document_root: str
) -> HttpResponse:
    """MEDIA_URL in development (DEBUG), except documents: they go through
    Wagtail's serve view and its access rules. ``path`` is normalised first,
    so ``images/../documents/x.pdf`` is refused too."""
    normalised = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    if normalised.split("/", 1)[0].lower() == DOCUMENTS_FOLDER:
        raise Http404
    return static_serve(request, normalised, document_root=document_root)
