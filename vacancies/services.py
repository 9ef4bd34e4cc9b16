"""Writes for vrijwilligerswerk: storing, e-mailing and purging residents' responses."""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import Site

from .models import VacancyPage, VacancyResponse
from .selectors import (
    VacancyRecipient,
    vacancy_recipient,
    vacancy_responses_older_than,
)

logger = logging.getLogger(__name__)


class VacancyClosedError(Exception):
    """The vacancy closed: nobody can respond to it any more."""


def _one_line(text: str) -> str:
    """A header value: no line breaks, whatever the page title holds."""
    return " ".join(str(text).split())


def _send(message: EmailMessage, *, response: VacancyResponse, what: str) -> bool:
    """Send one mail; a mail server that fails is logged, never the resident's
    problem: the response is stored and waits in the admin."""
    try:
        message.send()
    except OSError:  # smtplib.SMTPException and socket errors
        logger.exception(
            "Could not send the %s for vacancy response %s", what, response.pk
        )
        return False
    return True


def _mail_context(
    *, response: VacancyResponse, recipient: VacancyRecipient, site: Site
) -> dict:
    vacancy = response.vacancy
    return {
        "response": response,
        "vacancy": vacancy,
        "recipient": recipient,
        "platform_name": site.site_name or site.hostname,
        "vacancy_url": vacancy.get_full_url(),
        "retention_days": settings.BUURTPLEIN_VACANCY_RESPONSE_RETENTION_DAYS,
    }


def _organisation_mail(
    *, response: VacancyResponse, recipient: VacancyRecipient, context: dict
) -> EmailMessage:
    return EmailMessage(
        subject=_one_line(
            render_to_string(
                "vacancies/email/response_to_organisation_subject.txt", context
            )
        ),
        body=render_to_string("vacancies/email/response_to_organisation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        reply_to=[response.email] if response.email else None,
    )


def _confirmation_mail(*, response: VacancyResponse, context: dict) -> EmailMessage:
    return EmailMessage(
        subject=_one_line(
            render_to_string("vacancies/email/confirmation_subject.txt", context)
        ),
        body=render_to_string("vacancies/email/confirmation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[response.email],
    )


def vacancy_response_create(
    *,
    vacancy: VacancyPage,
    site: Site,
    name: str,
    email: str = "",
    phone: str = "",
    message: str,
    consent: bool,
) -> VacancyResponse:
    """Store a resident's "Ik wil helpen", then e-mail it.

    The vacancy's contact (or else its organisation) gets the response, with
    Reply-To the resident's address; the resident gets a confirmation when they
    gave an address. Mails go out after the response is safely stored; a mail
    that fails is logged and the response stays, to be read in the admin.
    Raises ``VacancyClosedError`` for a closed vacancy and ``ValidationError``
    for data the model refuses.
    """
    if not vacancy.is_open:
        raise VacancyClosedError(vacancy.pk)
    response = VacancyResponse(
        vacancy=vacancy,
        site=site,
        name=name,
        email=email,
        phone=phone,
        message=message,
        consent=consent,
    )
    response.full_clean()
    with transaction.atomic():
        response.save()

    recipient = vacancy_recipient(vacancy=vacancy)
    context = _mail_context(response=response, recipient=recipient, site=site)
    if recipient.email:
        # Dutch, whatever language the resident browsed in: it goes to a Dutch
        # organisation. The confirmation is in the resident's own language.
        with translation.override(settings.LANGUAGE_CODE):
            mail = _organisation_mail(
                response=response, recipient=recipient, context=context
            )
        if _send(mail, response=response, what="mail to the organisation"):
            response.emailed_at = timezone.now()
            response.save(update_fields=["emailed_at"])
    if response.email:
        _send(
            _confirmation_mail(response=response, context=context),
            response=response,
            what="confirmation",
        )
    return response


def vacancy_responses_purge(
    *, retention_days: int, now: datetime.datetime | None = None, dry_run: bool = False
) -> int:
    """Delete the responses received more than ``retention_days`` days ago.

    Returns how many there were; with ``dry_run`` nothing is deleted.
    """
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days)
    expired = vacancy_responses_older_than(moment=cutoff)
    if dry_run:
        return expired.count()
    _total, per_model = expired.delete()
    return per_model.get(VacancyResponse._meta.label, 0)
