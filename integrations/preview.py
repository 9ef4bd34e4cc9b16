"""Drafts in an external front end: a short-lived signed preview token.

wagtail-headless-preview is not used. Its 0.9.0 source could not be read here
(its repository's newest snapshot here is main of March 2025, after 0.8): up to
there it stores a copy of each previewed page as JSON in a table of its own,
needs a mixin on every page model, has the front end fetch the preview through
a Django REST framework endpoint of the v2 API (its test app), and checks its
token's signature without an age limit (old copies are deleted after a day).
Serving previews through Wagtail 8's v3 API is an open issue upstream
(torchbox/wagtail-headless-preview#80, opened June 2026), and 0.9.0 declares
no Wagtail 8 support that could be verified.

Instead an editor asks for a preview in the admin ("Voorbeeld in front-end" in
the page's action menu). That makes a token with ``django.core.signing``
naming the page, its latest revision and the editor; it is valid for 30
minutes (``PREVIEW_MAX_AGE``) and nothing is stored. The front end gets the
draft, as the page API shows a page, from ``GET /api/v3/preview/?token=…``
(``integrations.api``). A token stops working early when its editor is no
longer active or may no longer edit the page.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.contrib.auth import get_user_model
from django.core import signing
from wagtail.models import Page, Revision

PREVIEW_SALT = "buurtplein.integrations.preview"
PREVIEW_MAX_AGE = datetime.timedelta(minutes=30)


class PreviewTokenInvalid(Exception):
    """Not a token we made, or its editor may no longer see the draft (401)."""


class PreviewTokenExpired(Exception):
    """A real token that is too old, or whose page or revision is gone (410)."""


@dataclass(frozen=True)
class Preview:
    page: Page  # the latest revision's content, as a page object
    revision: Revision


def user_may_preview(*, user, page: Page) -> bool:
    """Editors and publishers of a page see its draft; nobody else."""
    if not user.is_active:
        return False
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() or permissions.can_publish()


def preview_token_create(*, page: Page, user) -> str:
    """A token for the page's latest revision, for ``user`` (who may edit it)."""
    revision = page.get_latest_revision()
    if revision is None:
        raise ValueError("page has no revision to preview")
    return signing.dumps(
        {"page": page.pk, "revision": revision.pk, "user": user.pk},
        salt=PREVIEW_SALT,
    )


def preview_from_token(token: str) -> Preview:
    """The draft a token shows; raises PreviewTokenInvalid or PreviewTokenExpired."""
    try:
        data = signing.loads(
            token, salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE.total_seconds()
        )
    except signing.SignatureExpired:
        raise PreviewTokenExpired from None
    except signing.BadSignature:
        raise PreviewTokenInvalid from None
    if not isinstance(data, dict) or not all(
        isinstance(data.get(key), int) for key in ("page", "revision", "user")
    ):
        raise PreviewTokenInvalid
    page = Page.objects.filter(pk=data["page"]).specific().first()
    if page is None:
        raise PreviewTokenExpired
    revision = (
        Revision.page_revisions.filter(pk=data["revision"], object_id=str(page.pk))
        .select_related("content_type", "base_content_type")
        .first()
    )
    if revision is None:
        raise PreviewTokenExpired
    user = get_user_model().objects.filter(pk=data["user"]).first()
    if user is None or not user_may_preview(user=user, page=page):
        raise PreviewTokenInvalid
    return Preview(page=revision.as_object(), revision=revision)


def preview_link(*, base_url: str, token: str) -> str:
    """``base_url`` with ``token=…`` added to its query."""
    parts = urlsplit(base_url)
    query = f"{parts.query}&" if parts.query else ""
    query += urlencode({"token": token})
    return urlunsplit(parts._replace(query=query))
