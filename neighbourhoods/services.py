"""Writes for the wijken: a resident's question to a buurtverbinder.

The question goes by mail to the buurtverbinder, with the resident's address
as Reply-To; the buurtverbinder's own address never reaches the resident's
browser, so it is only known once they answer. Nothing is stored: the mail is
the message (as with a letter through the door).
"""

from django.conf import settings
from django.utils import translation

from core.mail import send_logged, templated_mail

from .models import Connector


class ConnectorNotReachableError(Exception):
    """The buurtverbinder is not shown, or has no e-mail address for questions."""


def connector_is_reachable(connector: Connector) -> bool:
    return connector.consent and bool(connector.email)


def connector_question_send(
    *, connector: Connector, name: str, email: str, question: str, consent: bool
) -> bool:
    """Mail ``question`` to the buurtverbinder; True when the mail server took it.

    Raises ``ConnectorNotReachableError`` when the buurtverbinder cannot be
    asked, and ``ValueError`` without the sender's consent.
    """
    if not connector_is_reachable(connector):
        raise ConnectorNotReachableError(connector.pk)
    if not consent:
        raise ValueError("A question is only sent with the sender's consent")
    # In Dutch, whatever language the resident browsed in.
    with translation.override(settings.LANGUAGE_CODE):
        message = templated_mail(
            "neighbourhoods/email/connector_question",
            {
                "connector": connector,
                "wijk": connector.page,
                "name": name,
                "email": email,
                "question": question,
            },
            to=[connector.email],
            reply_to=[email],
        )
    return send_logged(message, what=f"question for buurtverbinder {connector.pk}")
