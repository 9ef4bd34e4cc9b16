"""Mail out of the request: an e-mail backend that queues, and the queue's format.

In production every mail (moderation notices, residents' confirmations, password
resets) goes through ``TaskEmailBackend``: the request only stores the message as
a background task (``core.tasks.send_email_message``), in the same database
transaction as the data it is about, and the worker hands it to the real mail
server later, with retries. A slow or failing mail server then never slows down
or fails an editor's approval or a resident's submission, and a password reset
takes the same time for a known and an unknown address.

A message is stored as plain JSON (``email_message_to_data``): the task queue
holds no pickles, and what it holds is readable and can be pruned.
"""

import base64
import re
from email.mime.base import MIMEBase

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django_tasks import TaskResultStatus

# The local part of an address, masked wherever a task's data or error is shown.
EMAIL_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@((?:[\w-]+\.)+[\w-]+)")


def mask_email_addresses(text: str) -> str:
    """``anna@example.org`` becomes ``…@example.org``."""
    return EMAIL_ADDRESS.sub(r"…@\1", text)


class DeliveryFailed(OSError):
    """A mail that did not reach the mail server, with the addresses masked.

    An OSError like smtplib's own errors, so a caller that catches a failing mail
    server (``core.mail.send_logged``) catches this one too.
    """


def _content_to_data(content) -> dict:
    if isinstance(content, bytes):
        return {"base64": base64.b64encode(content).decode("ascii")}
    return {"text": str(content)}


def _content_from_data(data: dict):
    if "base64" in data:
        return base64.b64decode(data["base64"])
    return data["text"]


def _attachment_to_data(attachment) -> dict:
    if isinstance(attachment, MIMEBase):
        payload = attachment.get_payload(decode=True)
        if payload is None:  # a multipart part, e.g. a forwarded message
            return {
                "filename": None,
                "content": _content_to_data(attachment.as_bytes()),
                "mimetype": "message/rfc822",
            }
        return {
            "filename": attachment.get_filename(),
            "content": _content_to_data(payload),
            "mimetype": attachment.get_content_type(),
        }
    filename, content, mimetype = attachment
    return {
        "filename": filename,
        "content": _content_to_data(content),
        "mimetype": mimetype,
    }


def email_message_to_data(message: EmailMessage) -> dict:
    """Everything needed to send ``message`` again, as JSON-ready values."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(address) for address in message.to],
        "cc": [str(address) for address in message.cc],
        "bcc": [str(address) for address in message.bcc],
        "reply_to": [str(address) for address in message.reply_to],
        "headers": {
            str(name): str(value) for name, value in message.extra_headers.items()
        },
        "content_subtype": message.content_subtype,
        "mixed_subtype": message.mixed_subtype,
        "encoding": str(message.encoding) if message.encoding else None,
        "alternatives": [
            {"content": _content_to_data(content), "mimetype": mimetype}
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [
            _attachment_to_data(attachment) for attachment in message.attachments
        ],
    }


def email_message_from_data(data: dict) -> EmailMultiAlternatives:
    """The message ``email_message_to_data`` stored, ready to send."""
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[
            (_content_from_data(alternative["content"]), alternative["mimetype"])
            for alternative in data["alternatives"]
        ],
    )
    message.content_subtype = data["content_subtype"]
    message.mixed_subtype = data["mixed_subtype"]
    if data["encoding"]:
        message.encoding = data["encoding"]
    for attachment in data["attachments"]:
        message.attach(
            attachment["filename"],
            _content_from_data(attachment["content"]),
            attachment["mimetype"],
        )
    return message


class TaskEmailBackend(BaseEmailBackend):
    """Queue each message for ``core.tasks.send_email_message``.

    With the database task backend the call returns as soon as the task is
    stored. Where tasks run at once (the ImmediateBackend) the delivery has
    already been tried when ``enqueue`` returns: a failure then counts as not
    sent and, unless ``fail_silently``, raises ``DeliveryFailed`` as a mail
    server's error would.
    """

    def send_messages(self, email_messages) -> int:
        # core.tasks imports this module's (de)serialisers: import it late.
        from .tasks import send_email_message

        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            result = send_email_message.enqueue(message=email_message_to_data(message))
            if result.status == TaskResultStatus.FAILED:
                if not self.fail_silently:
                    error = result.errors[-1] if result.errors else None
                    raise DeliveryFailed(
                        mask_email_addresses(
                            error.traceback.strip().splitlines()[-1]
                            if error
                            else "delivery failed"
                        )
                    )
                continue
            sent += 1
        return sent
