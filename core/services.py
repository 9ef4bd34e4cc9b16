"""Writes shared by every app: residents' tips for the agenda and sociale kaart."""

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.mail import send_mail
from wagtail.log_actions import log
from wagtail.models import Site
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.users.models import UserProfile

from .models import Neighbourhood, Suggestion
from .models.suggestions import HANDLED_STATUSES

logger = logging.getLogger(__name__)


@transaction.atomic
def suggestion_create(
    *,
    site: Site,
    kind: str,
    title: str,
    description: str,
    when: str = "",
    where: str = "",
    website: str = "",
    neighbourhood: Neighbourhood | None = None,
    name: str = "",
    email: str = "",
    contact_consent: bool = False,
    notify: bool = True,
) -> Suggestion:
    """Store a resident's tip for moderation; Communicatie of the site gets a mail
    once it is saved (``notify=False`` skips it)."""
    suggestion = Suggestion(
        site=site,
        kind=kind,
        title=title,
        description=description,
        when=when,
        where=where,
        website=website,
        neighbourhood=neighbourhood,
        name=name,
        email=email,
        contact_consent=contact_consent and bool(email),
    )
    suggestion.full_clean()
    suggestion.save()
    if notify:
        transaction.on_commit(
            lambda: suggestion_moderators_notify(suggestion=suggestion)
        )
    return suggestion


def suggestion_moderate(
    *, suggestion: Suggestion, status: str, moderator_note: str, user=None
) -> Suggestion:
    """Set a tip's status and note. It counts as handled from the moment it is
    processed or rejected; reopening it clears that moment."""
    suggestion.status = status
    suggestion.moderator_note = moderator_note
    if status in HANDLED_STATUSES:
        suggestion.handled_at = suggestion.handled_at or timezone.now()
    else:
        suggestion.handled_at = None
    suggestion.save(update_fields=["status", "moderator_note", "handled_at"])
    log(instance=suggestion, action="wagtail.edit", user=user)
    return suggestion


def suggestion_recipients(*, suggestion: Suggestion) -> list:
    """Communicatie of the tip's site: who may publish its root page (superusers
    see every site's tips in the admin and get no mail for each)."""
    users = PagePermissionPolicy().users_with_any_permission_for_instance(
        {"publish"}, suggestion.site.root_page, include_superusers=False
    )
    return [user for user in users.order_by("pk") if user.email]


def suggestion_moderators_notify(*, suggestion: Suggestion) -> int:
    """Mail Communicatie of the site that a tip waits; returns the number sent.

    The mail names the tip and links to it in the admin; the resident's contact
    details stay in the admin.
    """
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    context = {
        "suggestion": suggestion,
        "site_name": suggestion.site.site_name or suggestion.site.hostname,
        "admin_url": base_url + reverse("suggestion:edit", args=[suggestion.pk]),
    }
    sent = 0
    for recipient in suggestion_recipients(suggestion=suggestion):
        context["user"] = recipient
        language = UserProfile.get_for_user(recipient).get_preferred_language()
        with translation.override(language):
            subject = render_to_string(
                "core/email/suggestion_received_subject.txt", context
            )
            body = render_to_string("core/email/suggestion_received.txt", context)
        try:
            # One line, whatever the translation: a header may not break.
            send_mail(" ".join(subject.split()), body.strip(), [recipient.email])
        except Exception:  # the tip is saved: log and go on, as Wagtail does
            # The user's id, not their address: logs are kept longer than mail.
            logger.exception(
                "Mail about tip %s to user %s not sent", suggestion.pk, recipient.pk
            )
        else:
            sent += 1
    return sent
