"""Help posts close by themselves: a published post has its time on the board
(``BUURTPLEIN_HELP_POST_OPEN_DAYS``, set when it is approved); afterwards it
closes and its resident hears so, with a link to place it again. A post whose
resident was asked for a change gets as long to answer, then closes too.

It leaves the board the moment its time is up (``HelpPost.objects.public()``);
``close_expired_help_posts``, run daily, closes it for good and sends the mail.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .emails import mail_resident
from .log_actions import EXPIRE
from .models import HelpCloseReason, HelpPost, HelpStatus


def help_posts_expire(
    *, now: datetime.datetime | None = None, dry_run: bool = False
) -> list[HelpPost]:
    """Close every published post whose time has passed at ``now``; tell each
    resident by mail. Returns the posts (with ``dry_run``, the ones it would
    close, untouched). Running it twice closes nothing more."""
    now = now or timezone.now()
    expired = list(
        HelpPost.objects.expired(now=now)
        .select_related("site", "neighbourhood", "category")
        .order_by("expires_at", "pk")
    )
    if dry_run:
        return expired
    closed = []
    for post in expired:
        with transaction.atomic():
            # Only if nobody closed it in the meantime (a resident, a moderator).
            updated = HelpPost.objects.filter(
                pk=post.pk, status=post.status, expires_at__lte=now
            ).update(
                status=HelpStatus.CLOSED,
                closed_at=now,
                closed_reason=HelpCloseReason.EXPIRED,
            )
            if not updated:
                continue
            waited_for_change = post.status == HelpStatus.CHANGES_REQUESTED
            post.status = HelpStatus.CLOSED
            post.closed_at = now
            post.closed_reason = HelpCloseReason.EXPIRED
            log(
                instance=post,
                action=EXPIRE,
                data={"expires_at": post.expires_at.isoformat()},
            )
        mail_resident(post, "expired", waited_for_change=waited_for_change)
        closed.append(post)
    return closed
