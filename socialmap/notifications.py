"""Wagtail's "submitted for approval" e-mails, collected during a bulk action.

Wagtail mails the approvers once per page that reaches a group approval task.
An import that sends 300 organisations to the workflow would flood Communicatie
with 300 mails, and send them even when the import is then rolled back. Inside
``submission_emails_collected()`` those mails are not sent; the task states are
collected so the caller sends one summary once its work is saved. Outside it,
Wagtail's notifier behaves exactly as before.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import TaskState
from wagtail.signals import task_submitted

# Wagtail's own dispatch_uid: connecting under it replaces Wagtail's receiver.
WAGTAIL_DISPATCH_UID = "group_approval_task_submitted_email_notification"

_collected: ContextVar[list[TaskState] | None] = ContextVar(
    "buurtplein_collected_submissions", default=None
)


class CollectingSubmissionEmailNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    def __call__(self, instance=None, **kwargs):
        collected = _collected.get()
        if collected is None:
            return super().__call__(instance=instance, **kwargs)
        if self.can_handle(instance, **kwargs):
            collected.append(instance)
        return True


submission_email_notifier = CollectingSubmissionEmailNotifier()


def connect() -> None:
    task_submitted.disconnect(sender=TaskState, dispatch_uid=WAGTAIL_DISPATCH_UID)
    task_submitted.connect(
        submission_email_notifier, sender=TaskState, dispatch_uid=WAGTAIL_DISPATCH_UID
    )


@contextmanager
def submission_emails_collected() -> Iterator[list[TaskState]]:
    """Collect, instead of mail, the group approval submissions made inside."""
    collected: list[TaskState] = []
    token = _collected.set(collected)
    try:
        yield collected
    finally:
        _collected.reset(token)


def submission_recipients(*, task_states: Iterable[TaskState], user) -> set:
    """Who Wagtail would have mailed about any of ``task_states`` (the approvers
    who want submission mails, with an address), not the importing user."""
    recipients = set()
    for task_state in task_states:
        recipients |= submission_email_notifier.get_valid_recipients(
            task_state, user=user
        )
    return recipients
