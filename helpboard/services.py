"""Writes for vraag & aanbod on the resident's side: sending a post in, and
changing, closing, deleting or erasing it through the private link.

Every step lands in the post's history (helpboard.log_actions). Mails go out
after the data is stored: a mail server that fails is logged (core.mail) and
never undoes what the resident did.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Site

from core.models import Neighbourhood
from core.personal_data import (
    ERASE_ACTION,
    KindCount,
    log_entries_scrub,
    personal_data_erase,
    personal_data_log,
)

from .emails import mail_moderators, mail_resident
from .log_actions import RESIDENT_CLOSE, RESIDENT_DELETE, RESIDENT_EDIT, SUBMIT
from .models import (
    OPEN_STATUSES,
    HelpCategory,
    HelpCloseReason,
    HelpPost,
    HelpStatus,
)
from .personal_data import HelpPostPersonalData


class HelpPostNotOpen(Exception):
    """The post is closed or rejected: its resident can no longer change it."""


def help_post_submit(
    *,
    site: Site,
    kind: str,
    title: str,
    description: str,
    first_name: str,
    neighbourhood: Neighbourhood | None = None,
    category: HelpCategory | None = None,
    when: str = "",
    email: str = "",
    phone: str = "",
) -> HelpPost:
    """Store a resident's request or offer; it waits for moderation.

    The resident gets a confirmation with their private link (when they gave
    an e-mail address), the moderators of its wijk a notice. Raises
    ``ValidationError`` for data the model refuses (a wijk of another site).
    """
    post = HelpPost(
        site=site,
        kind=kind,
        title=title,
        description=description,
        neighbourhood=neighbourhood,
        category=category,
        when=when,
        first_name=first_name,
        email=email,
        phone=phone,
        status=HelpStatus.SUBMITTED,
    )
    post.full_clean()
    with transaction.atomic():
        post.save()
        log(instance=post, action=SUBMIT, user=None)
    mail_resident(post, "submitted")
    mail_moderators(post, "moderation_waiting")
    return post


def help_post_edit_by_resident(
    *,
    post: HelpPost,
    kind: str,
    title: str,
    description: str,
    first_name: str,
    neighbourhood: Neighbourhood | None = None,
    category: HelpCategory | None = None,
    when: str = "",
    phone: str = "",
) -> HelpPost:
    """Save the resident's changes; the post goes back to moderation (and off
    the board, if it was on it). The e-mail address stays: the private link
    belongs to it. Raises ``HelpPostNotOpen`` for a closed or
    rejected post and ``ValidationError`` for data the model refuses."""
    with transaction.atomic():
        current = HelpPost.objects.select_for_update().get(pk=post.pk)
        if not current.is_open:
            raise HelpPostNotOpen(post.pk)
        previous_status = current.status
        current.kind = kind
        current.title = title
        current.description = description
        current.neighbourhood = neighbourhood
        current.category = category
        current.when = when
        current.first_name = first_name
        current.phone = phone
        current.status = HelpStatus.SUBMITTED
        current.updated_at = timezone.now()
        current.full_clean()
        current.save()
        log(
            instance=current,
            action=RESIDENT_EDIT,
            user=None,
            data={"previous_status": previous_status},
        )
    mail_moderators(current, "moderation_waiting", edited=True)
    return current


def help_post_close_by_resident(*, post: HelpPost) -> HelpPost:
    """The resident was helped (or no longer offers help): the post closes and
    leaves the board. Raises ``HelpPostNotOpen`` if it was closed already."""
    now = timezone.now()
    with transaction.atomic():
        closed = HelpPost.objects.filter(pk=post.pk, status__in=OPEN_STATUSES).update(
            status=HelpStatus.CLOSED,
            closed_at=now,
            closed_reason=HelpCloseReason.BY_RESIDENT,
        )
        if not closed:
            raise HelpPostNotOpen(post.pk)
        post.status = HelpStatus.CLOSED
        post.closed_at = now
        post.closed_reason = HelpCloseReason.BY_RESIDENT
        log(instance=post, action=RESIDENT_CLOSE, user=None)
    mail_resident(
        post, "closed", retention_days=settings.BUURTPLEIN_HELP_POST_RETENTION_DAYS
    )
    return post


def _posts_erase(*, pks: list[int]) -> None:
    """Take these posts off the board and out of the moderators' queue, keep
    only what the reports count, and scrub their text from their history.
    HelpPostPersonalData also deletes neighbours' answers to them and makes
    their private links invalid."""
    HelpPostPersonalData().erase(records=HelpPost.objects.filter(pk__in=pks))
    log_entries_scrub(model=HelpPost, pks=pks)


def help_post_delete_by_resident(*, post: HelpPost) -> None:
    """The resident removes their post: it leaves the board and is anonymised
    (the reports keep counting it); neighbours' answers to it are deleted."""
    with transaction.atomic():
        log(instance=post, action=RESIDENT_DELETE, user=None)
        _posts_erase(pks=[post.pk])
    post.refresh_from_db()


def help_post_erase_everything(*, post: HelpPost) -> list[KindCount]:
    """Erase everything about the resident ("Verwijder alles over mij"): what
    the platform keeps about the e-mail address of this post (every provider
    of core.personal_data: other posts, tips, responses), or just this post
    when it has no address.

    The link was mailed to that address, so whoever holds it reads its mail.
    """
    if not post.email:
        help_post_delete_by_resident(post=post)
        return []
    email = post.email
    with transaction.atomic():
        log(instance=post, action=RESIDENT_DELETE, user=None, data={"all": True})
        # Every provider, this post and its answers included (it has this
        # address); its history loses its text.
        counts = personal_data_erase(email=email)
        personal_data_log(
            action=ERASE_ACTION,
            email=email,
            counts={count.kind: count.found for count in counts},
            via="resident_link",
        )
    post.refresh_from_db()
    return counts
