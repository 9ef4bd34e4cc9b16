"""Writes for what visitors do with a public post: answer it, or report it.

What a visitor sends is stored first and mailed afterwards; a mail server that
fails is logged (core.mail.send_logged) and the data stays, for the moderators
to find in the admin. The resident's contact details never go to the visitor:
an answer reaches the resident by mail with the visitor's address as Reply-To,
so the visitor only learns the resident's address if the resident writes back.

A report counts once per network (``first_report_from``), whether it comes
from the post's page or through the API.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from wagtail.log_actions import log

from core.antispam import client_ip
from core.mail import send_logged, templated_mail

from .emails import mail_moderators, post_context
from .log_actions import HIDE, REPORT, RESPOND
from .models import HelpPost, HelpReport, HelpResponse
from .report_networks import report_network

# How long one network's report of a post is remembered, so one person
# cannot hide a post alone by reporting it again and again (from fresh
# addresses of their IPv6 /64, too).
REPORT_MEMORY_SECONDS = 30 * 24 * 60 * 60


class HelpPostNotPublicError(Exception):
    """The post is no longer on the board: nobody can answer or report it."""


def _ensure_public(post: HelpPost) -> None:
    if not post.is_public:
        raise HelpPostNotPublicError(post.pk)


def responses_go_to_moderators(post: HelpPost) -> bool:
    """Whether an answer goes to the moderators, who pass it on by phone: the
    resident left no e-mail address."""
    return not post.email


def _forward_to_resident(response: HelpResponse) -> bool:
    post = response.post
    # In Dutch, whatever language the visitor browsed in: it goes to a resident.
    with translation.override(settings.LANGUAGE_CODE):
        message = templated_mail(
            "helpboard/email/response_forwarded",
            post_context(post, response=response),
            to=[post.email],
            # Without an address the resident phones: the mail says the number.
            reply_to=[response.email] if response.email else None,
        )
    return send_logged(
        message, what=f"response {response.pk} forwarded for help post {post.pk}"
    )


def help_response_create(
    *,
    post: HelpPost,
    name: str,
    consent: bool,
    email: str = "",
    phone: str = "",
    message: str = "",
) -> HelpResponse:
    """Store a neighbour's answer to ``post``, log it, then forward it.

    The resident gets it by mail with Reply-To the neighbour's address (or
    their phone number in the text); a resident who left only a phone number
    is reached through the moderators. The message is optional.
    ``forwarded_at`` is set when a mail went out. The neighbour gets no mail
    (the form must not be a way to send anyone a text). Raises
    ``HelpPostNotPublicError`` when the post is no longer on the board,
    ``ValueError`` without consent and ``ValidationError`` for data the model
    refuses.
    """
    _ensure_public(post)
    if not consent:
        raise ValueError("A response is only forwarded with the sender's consent")
    response = HelpResponse(
        post=post, name=name, email=email, phone=phone, message=message
    )
    response.full_clean()
    with transaction.atomic():
        response.save()
        # No personal data in the log: the response itself holds it.
        log(instance=post, action=RESPOND, data={"response_id": response.pk})

    if responses_go_to_moderators(post):
        forwarded = mail_moderators(post, "response_for_moderators", response=response)
    else:
        forwarded = _forward_to_resident(response)
    if forwarded:
        response.forwarded_at = timezone.now()
        response.save(update_fields=["forwarded_at"])
    return response


def unreviewed_report_count(post: HelpPost) -> int:
    return post.reports.filter(reviewed_at__isnull=True).count()


def first_report_from(request: HttpRequest, post: HelpPost) -> bool:
    """Whether this network (an IPv6 /64, an IPv4 address) has not reported
    ``post`` lately, and remember that it has now. Call it before
    ``help_report_create`` and store the report only when it says True, so
    one network cannot hide a post alone (from the page or the API alike;
    the thanks are the same either way). Only a hash of the network is kept,
    in the cache."""
    network = report_network(address=client_ip(request))
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{network}".encode()).hexdigest()
    return cache.add(
        f"helpboard.report.{post.pk}.{digest}", True, REPORT_MEMORY_SECONDS
    )


def help_report_create(
    *, post: HelpPost, reason: str, explanation: str = ""
) -> HelpReport:
    """Store a visitor's report of ``post``, log it and tell the moderators.

    When the post's unreviewed reports reach
    ``BUURTPLEIN_HELP_REPORT_THRESHOLD`` it is hidden from the board until a
    moderator looks (``hidden_at``), logged and the moderators hear so.
    Raises ``HelpPostNotPublicError`` when the post is no longer on the board
    and ``ValidationError`` for data the model refuses.
    """
    _ensure_public(post)
    report = HelpReport(post=post, reason=reason, explanation=explanation)
    report.full_clean()
    hidden = False
    with transaction.atomic():
        report.save()
        log(
            instance=post,
            action=REPORT,
            data={"report_id": report.pk, "reason": report.reason},
        )
        count = unreviewed_report_count(post)
        if count >= settings.BUURTPLEIN_HELP_REPORT_THRESHOLD:
            now = timezone.now()
            # Only once, even when two reports arrive at the same moment.
            hidden = bool(
                HelpPost.objects.filter(pk=post.pk, hidden_at__isnull=True).update(
                    hidden_at=now
                )
            )
            if hidden:
                post.hidden_at = now
                log(instance=post, action=HIDE, data={"reports": count})

    mail_moderators(post, "report_received", report=report, report_count=count)
    if hidden:
        mail_moderators(post, "post_hidden", report_count=count)
    return report
