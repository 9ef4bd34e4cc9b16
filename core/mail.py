"""Sending the platform's mails to residents and organisations.

A mail server that fails is logged, never the resident's problem: what they
sent is stored first and waits in the admin.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def one_line(text: str) -> str:
    """A header value: no line breaks, whatever a title holds."""
    return " ".join(str(text).split())


def templated_mail(
    template: str,
    context: dict,
    *,
    to: list[str],
    reply_to: list[str] | None = None,
) -> EmailMessage:
    """A plain-text mail from ``<template>.txt`` and ``<template>_subject.txt``."""
    return EmailMessage(
        subject=one_line(render_to_string(f"{template}_subject.txt", context)),
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to or None,
    )


def send_logged(message: EmailMessage, *, what: str) -> bool:
    """Send ``message``; True when the mail server took it.

    ``what`` names the mail in the log, e.g. "confirmation for help post 12";
    it must not hold personal data.
    """
    try:
        message.send()
    except OSError as error:  # smtplib.SMTPException and socket errors
        # Not the traceback: a refused recipient's address is in it.
        logger.error("Could not send the %s (%s)", what, type(error).__name__)
        return False
    return True
