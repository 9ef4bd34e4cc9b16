"""What moderators do with a help post, and what an organisation answers to a
referral: every step a service that checks the step is possible, stores it,
logs it in the post's history (``log_actions``) and only then sends its mails.

A step that is not possible (approving a closed post, deciding a referral
twice) raises ``ModerationError`` with a Dutch message for the screen. The
status changes are conditional updates, so two moderators clicking at once
cannot both succeed.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.mail import send_logged, templated_mail

from . import log_actions
from .emails import mail_moderators, mail_resident, post_context
from .links import help_board_for, referral_url
from .models import (
    OPEN_STATUSES,
    HelpCloseReason,
    HelpKind,
    HelpPost,
    HelpReferral,
    HelpReferralStatus,
    HelpReport,
    HelpStatus,
)

#: What a moderator may change of what the resident wrote.
TEXT_FIELDS = ("title", "description", "when", "neighbourhood", "category")
EDITABLE_FIELDS = (*TEXT_FIELDS, "moderation_note")

APPROVABLE = (HelpStatus.SUBMITTED, HelpStatus.CHANGES_REQUESTED)
CLOSABLE = (HelpStatus.PUBLISHED, HelpStatus.CHANGES_REQUESTED)


class ModerationError(Exception):
    """A step that is not possible now; ``message`` says why, in Dutch."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _status_refusal(status: str) -> str:
    return {
        HelpStatus.SUBMITTED: _("Dit bericht wacht nog op moderatie."),
        HelpStatus.CHANGES_REQUESTED: _(
            "De bewoner is al gevraagd dit bericht aan te passen."
        ),
        HelpStatus.PUBLISHED: _("Dit bericht staat al op de site."),
        HelpStatus.CLOSED: _("Dit bericht is afgesloten."),
        HelpStatus.REJECTED: _("Dit bericht is afgewezen."),
    }.get(status, _("Dit bericht bestaat niet meer."))


def _transition(post: HelpPost, *, allowed: tuple, refusal: str, **values) -> HelpPost:
    """Set ``values`` on ``post`` if its status (in the database) is one of
    ``allowed``; else raise ``ModerationError`` with the current state."""
    updated = HelpPost.objects.filter(pk=post.pk, status__in=allowed).update(**values)
    if not updated:
        current = HelpPost.objects.filter(pk=post.pk).values_list("status", flat=True)
        raise ModerationError(f"{_status_refusal(current.first())} {refusal}")
    for name, value in values.items():
        setattr(post, name, value)
    return post


def _required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError(_("Schrijf een reden: de bewoner krijgt die te lezen."))
    return reason


def help_post_edit(*, post: HelpPost, user, changed_fields) -> HelpPost:
    """Store a moderator's changes to the text (``post`` holds them, unsaved)."""
    fields = [name for name in EDITABLE_FIELDS if name in set(changed_fields)]
    if not fields:
        return post
    with transaction.atomic():
        post.save(update_fields=fields)
        log(instance=post, action="wagtail.edit", user=user, data={"fields": fields})
    return post


def help_post_approve(*, post: HelpPost, user, changed_fields=()) -> HelpPost:
    """Publish ``post`` (with the moderator's changes to its text) for
    ``BUURTPLEIN_HELP_POST_OPEN_DAYS`` days, and tell the resident."""
    now = timezone.now()
    fields = [name for name in EDITABLE_FIELDS if name in set(changed_fields)]
    with transaction.atomic():
        _transition(
            post,
            allowed=APPROVABLE,
            refusal=_("Je kunt het niet (opnieuw) goedkeuren."),
            status=HelpStatus.PUBLISHED,
            published_at=post.published_at or now,
            expires_at=open_until(now),
            hidden_at=None,
            **{name: getattr(post, name) for name in fields},
        )
        log(
            instance=post,
            action=log_actions.APPROVE,
            user=user,
            data={"fields": fields} if fields else None,
        )
    mail_resident(post, "approved")
    return post


def open_until(moment: datetime.datetime) -> datetime.datetime:
    """When a post on the board (or one waiting for a change) closes by itself."""
    return moment + datetime.timedelta(days=settings.BUURTPLEIN_HELP_POST_OPEN_DAYS)


def help_post_request_change(*, post: HelpPost, user, reason: str) -> HelpPost:
    """Take ``post`` off the board and ask the resident to change it."""
    reason = _required_reason(reason)
    with transaction.atomic():
        _transition(
            post,
            allowed=OPEN_STATUSES,
            refusal=_("Je kunt niet meer om een aanpassing vragen."),
            status=HelpStatus.CHANGES_REQUESTED,
            # The resident has as long to answer as a post stays on the board;
            # then it closes by itself (helpboard.expiry).
            expires_at=open_until(timezone.now()),
        )
        log(
            instance=post,
            action=log_actions.REQUEST_CHANGE,
            user=user,
            data={"reason": reason},
        )
    mail_resident(post, "changes_requested", reason=reason)
    return post


def help_post_reject(*, post: HelpPost, user, reason: str) -> HelpPost:
    """Refuse ``post`` for good, with a reason for the resident."""
    reason = _required_reason(reason)
    with transaction.atomic():
        _transition(
            post,
            allowed=OPEN_STATUSES,
            refusal=_("Je kunt het niet meer afwijzen."),
            status=HelpStatus.REJECTED,
            rejected_at=timezone.now(),
        )
        log(
            instance=post,
            action=log_actions.REJECT,
            user=user,
            data={"reason": reason},
        )
    mail_resident(post, "rejected", reason=reason)
    return post


def help_post_close(*, post: HelpPost, user) -> HelpPost:
    """Take a published post (or one waiting for the resident) off for good."""
    with transaction.atomic():
        _transition(
            post,
            allowed=CLOSABLE,
            refusal=_(
                "Sluiten kan alleen bij een gepubliceerd bericht. Wil je een "
                "nieuw bericht niet plaatsen? Wijs het dan af, met een reden."
            ),
            status=HelpStatus.CLOSED,
            closed_at=timezone.now(),
            closed_reason=HelpCloseReason.BY_MODERATOR,
        )
        log(instance=post, action=log_actions.MODERATOR_CLOSE, user=user)
    mail_resident(post, "closed_by_moderator")
    return post


def help_post_reports_reviewed(*, post: HelpPost, user) -> int:
    """Mark the post's new reports as seen; a post hidden after them comes back
    on the board (if it is published). Returns how many reports were new."""
    now = timezone.now()
    with transaction.atomic():
        count = HelpReport.objects.filter(post=post, reviewed_at__isnull=True).update(
            reviewed_at=now, reviewed_by=user
        )
        if not count:
            raise ModerationError(_("Er zijn geen nieuwe meldingen over dit bericht."))
        HelpPost.objects.filter(pk=post.pk).update(hidden_at=None)
        post.hidden_at = None
        log(
            instance=post,
            action=log_actions.REPORTS_REVIEWED,
            user=user,
            data={"count": count},
        )
    return count


# --- Referrals to organisations of the sociale kaart ----------------------


def referable_organisations(*, post: HelpPost):
    """The live organisations of the post's site (all of them; only those with
    an e-mail address can be chosen)."""
    from socialmap.models import OrganisationPage

    return (
        OrganisationPage.objects.live()
        .descendant_of(post.site.root_page)
        .order_by("title")
    )


def _mail_organisation(referral: HelpReferral, template: str, **extra) -> bool:
    message = templated_mail(
        f"helpboard/email/{template}",
        post_context(referral.post, referral=referral, **extra),
        to=[referral.sent_to],
    )
    return send_logged(message, what=f"{template} mail for help referral {referral.pk}")


def help_referral_create(
    *, post: HelpPost, organisation, note: str = "", user
) -> HelpReferral:
    """Pass a request on to ``organisation``: it gets the request (without the
    resident's contact details) and a link to accept or decline it."""
    if post.kind != HelpKind.REQUEST:
        raise ModerationError(_("Alleen een hulpvraag kun je doorverwijzen."))
    if post.status not in OPEN_STATUSES:
        raise ModerationError(
            f"{_status_refusal(post.status)} "
            + _("Je kunt het niet meer doorverwijzen.")
        )
    if not referable_organisations(post=post).filter(pk=organisation.pk).exists():
        raise ModerationError(
            _(
                "Deze organisatie staat niet (meer) op de sociale kaart van dit "
                "platform."
            )
        )
    if not organisation.email:
        raise ModerationError(
            _(
                "%(name)s heeft geen e-mailadres op de sociale kaart; doorverwijzen "
                "kan alleen per e-mail."
            )
            % {"name": organisation.title}
        )
    if help_board_for(post.site) is None:
        raise ModerationError(
            _(
                "Dit platform heeft geen pagina Vraag & aanbod: de organisatie zou "
                "de doorverwijzing niet kunnen beantwoorden."
            )
        )
    if post.referrals.filter(
        organisation=organisation, status=HelpReferralStatus.PENDING
    ).exists():
        raise ModerationError(
            _("Deze vraag wacht al op antwoord van %(name)s.")
            % {"name": organisation.title}
        )
    with transaction.atomic():
        referral = HelpReferral.objects.create(
            post=post,
            organisation=organisation,
            organisation_name=organisation.title,
            sent_to=organisation.email,
            note=(note or "").strip(),
            created_by=user,
        )
        log(
            instance=post,
            action=log_actions.REFER,
            user=user,
            data={"referral": referral.pk, "organisation": referral.organisation_name},
        )
    _mail_organisation(
        referral, "referral_to_organisation", referral_url=referral_url(referral)
    )
    mail_resident(post, "referred", organisation_name=referral.organisation_name)
    return referral


def _decide(referral: HelpReferral, **values) -> HelpReferral:
    if referral.post.status not in OPEN_STATUSES:
        raise ModerationError(_("Deze hulpvraag is inmiddels gesloten."))
    values["decided_at"] = timezone.now()
    updated = HelpReferral.objects.filter(
        pk=referral.pk, status=HelpReferralStatus.PENDING
    ).update(**values)
    if not updated:
        raise ModerationError(_("Op deze doorverwijzing is al geantwoord."))
    for name, value in values.items():
        setattr(referral, name, value)
    return referral


def help_referral_accept(*, referral: HelpReferral) -> HelpReferral:
    """The organisation takes the request on: it gets the resident's contact
    details and the resident hears who will get in touch."""
    post = referral.post
    with transaction.atomic():
        _decide(referral, status=HelpReferralStatus.ACCEPTED)
        log(
            instance=post,
            action=log_actions.REFERRAL_ACCEPT,
            user=None,
            data={"referral": referral.pk, "organisation": referral.organisation_name},
        )
    _mail_organisation(referral, "referral_accepted_organisation")
    mail_resident(
        post, "referral_accepted", organisation_name=referral.organisation_name
    )
    return referral


def help_referral_decline(*, referral: HelpReferral, reason: str = "") -> HelpReferral:
    """The organisation cannot take the request on: back to the moderators."""
    post = referral.post
    with transaction.atomic():
        _decide(
            referral,
            status=HelpReferralStatus.DECLINED,
            decline_reason=(reason or "").strip(),
        )
        log(
            instance=post,
            action=log_actions.REFERRAL_DECLINE,
            user=None,
            data={"referral": referral.pk, "organisation": referral.organisation_name},
        )
    mail_moderators(post, "referral_declined", referral=referral)
    return referral
