"""Signed, expiring links: a resident's private link to their post, and an
organisation's link to accept or decline a referral.

Nobody has an account, so the link is the key. It is signed with the
SECRET_KEY (Django's signing), holds no personal data and expires
(``BUURTPLEIN_HELP_LINK_MAX_AGE_DAYS``; referrals
``BUURTPLEIN_HELP_REFERRAL_LINK_MAX_AGE_DAYS``). A resident's link also carries
the post's ``link_version``: raising it makes every link sent so far invalid
(after "delete everything about me", for instance).
"""

import base64
import binascii
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from .models import HelpBoardPage, HelpPost, HelpReferral

MANAGE_SALT = "buurtplein.helpboard.manage"
REFERRAL_SALT = "buurtplein.helpboard.referral"


class LinkError(Exception):
    """The link is broken or unknown (404), or has expired (``expired``)."""

    def __init__(self, *, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


@dataclass(frozen=True)
class _Signed:
    salt: str
    max_age_setting: str

    def dumps(self, payload: list) -> str:
        # Wagtail routes only [\w-] path segments and a signed value holds
        # ":", so the link carries it base64-encoded (URL-safe, no padding).
        signed = signing.dumps(payload, salt=self.salt)
        return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")

    def loads(self, token: str) -> list:
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            signed = raw.decode("ascii")
        except (binascii.Error, ValueError):
            raise LinkError() from None
        # One spelling per link: base64 ignores the spare bits of the last
        # character, so another last character could decode the same.
        if base64.urlsafe_b64encode(raw).decode().rstrip("=") != token:
            raise LinkError()
        max_age = datetime.timedelta(days=getattr(settings, self.max_age_setting))
        try:
            payload = signing.loads(signed, salt=self.salt, max_age=max_age)
        except signing.SignatureExpired as error:
            raise LinkError(expired=True) from error
        except signing.BadSignature as error:
            raise LinkError() from error
        if not isinstance(payload, list) or not all(
            isinstance(part, int) and not isinstance(part, bool) for part in payload
        ):
            raise LinkError()
        return payload


_MANAGE = _Signed(MANAGE_SALT, "BUURTPLEIN_HELP_LINK_MAX_AGE_DAYS")
_REFERRAL = _Signed(REFERRAL_SALT, "BUURTPLEIN_HELP_REFERRAL_LINK_MAX_AGE_DAYS")


def manage_token(post: HelpPost) -> str:
    return _MANAGE.dumps([post.pk, post.link_version])


def post_from_manage_token(token: str, *, site) -> HelpPost:
    """The post of a resident's private link on ``site``; raises ``LinkError``."""
    payload = _MANAGE.loads(token)
    if len(payload) != 2:
        raise LinkError()
    post_id, version = payload
    post = (
        HelpPost.objects.filter(pk=post_id, site=site, link_version=version)
        .select_related("neighbourhood", "category", "site")
        .first()
    )
    if post is None:
        raise LinkError()
    return post


def referral_token(referral: HelpReferral) -> str:
    return _REFERRAL.dumps([referral.pk])


def referral_from_token(token: str, *, site) -> HelpReferral:
    """The referral of an organisation's link on ``site``; raises ``LinkError``."""
    payload = _REFERRAL.loads(token)
    if len(payload) != 1:
        raise LinkError()
    referral = (
        HelpReferral.objects.filter(pk=payload[0], post__site=site)
        .select_related("post", "post__neighbourhood", "post__category", "organisation")
        .first()
    )
    if referral is None:
        raise LinkError()
    return referral


def help_board_for(site) -> HelpBoardPage | None:
    """The live help board of ``site``, where the links lead."""
    return (
        HelpBoardPage.objects.live()
        .descendant_of(site.root_page, inclusive=True)
        .first()
    )


def _board_url(board: HelpBoardPage, route: str, *args) -> str:
    return board.get_full_url() + board.reverse_subpage(route, args=args)


def manage_url(post: HelpPost, *, board: HelpBoardPage | None = None) -> str:
    """The full private link of ``post``; empty when its site has no board."""
    board = board or help_board_for(post.site)
    return _board_url(board, "manage", manage_token(post)) if board else ""


def referral_url(referral: HelpReferral, *, board: HelpBoardPage | None = None) -> str:
    board = board or help_board_for(referral.post.site)
    return _board_url(board, "referral", referral_token(referral)) if board else ""


def post_url(post: HelpPost, *, board: HelpBoardPage | None = None) -> str:
    """The public page of ``post`` (only shown while it is published)."""
    board = board or help_board_for(post.site)
    return _board_url(board, "post", post.pk) if board else ""
