"""Background tasks the platform queues (django-tasks), their retries, and the queue
as Beheerders see it (docs/tasks.md).

``send_email_message`` delivers one mail that ``core.email_backends.TaskEmailBackend``
queued, with the real mail backend (BUURTPLEIN_EMAIL_DELIVERY_BACKEND). A failed
attempt queues the next one for later (``retry_later``: a growing pause, up to
BUURTPLEIN_TASK_MAX_ATTEMPTS in all) and ends as ``RetryScheduled``; only the last
attempt stays failed, and that is what Beheerders see and can try again
(Instellingen → Achtergrondtaken, ``core/task_admin.py``). Where tasks run at once
(the ImmediateBackend of development and the tests) nothing is retried.

Each attempt is its own row in django-tasks-db's ``DBTaskResult``; what a failed
row keeps as its error has the e-mail addresses masked.
"""

import dataclasses
import datetime
import logging
from typing import NoReturn

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import TaskContext, TaskResult, TaskResultStatus, task
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from .email_backends import (
    DeliveryFailed,
    email_message_from_data,
    mask_email_addresses,
)

logger = logging.getLogger(__name__)


class RetryScheduled(Exception):
    """This attempt failed and the next one is queued: nothing to act on yet."""


RETRY_SCHEDULED = f"{RetryScheduled.__module__}.{RetryScheduled.__qualname__}"


def describe_error(error: BaseException) -> str:
    """An error's class and message, safe to store and show: addresses masked."""
    return mask_email_addresses(f"{type(error).__name__}: {error}")[:500]


def retry_delay(*, attempt: int) -> datetime.timedelta:
    """The pause after failed attempt ``attempt``: 1, 4, 16, 64… times the base."""
    return datetime.timedelta(
        seconds=settings.BUURTPLEIN_TASK_RETRY_DELAY * 4 ** (attempt - 1)
    )


def retries_left(*, task: Task, attempt: int) -> bool:
    """Whether a failed attempt ``attempt`` of ``task`` gets another one."""
    return (
        attempt < settings.BUURTPLEIN_TASK_MAX_ATTEMPTS
        and task.get_backend().supports_defer
    )


def retry_later(
    *, task: Task, kwargs: dict, attempt: int, error: BaseException
) -> NoReturn:
    """End failed attempt ``attempt`` of ``task``: queue the next one, or fail.

    The task takes ``attempt`` as a keyword argument besides ``kwargs``. The row
    of a last attempt keeps ``error`` (raised without its context, so it must be
    safe to store: see ``describe_error``).
    """
    if retries_left(task=task, attempt=attempt):
        run_after = timezone.now() + retry_delay(attempt=attempt)
        task.using(run_after=run_after).enqueue(**kwargs, attempt=attempt + 1)
        raise RetryScheduled(
            f"attempt {attempt} failed; attempt {attempt + 1} is queued "
            f"for {run_after.isoformat()}"
        ) from error
    raise error from None


def _forget_message(context: TaskContext, *, attempt: int) -> None:
    """Drop the mail's addresses and text from this task's own row.

    Once a mail is sent (or handed on to the next attempt) the queue need not
    keep it: Buurtplein keeps no copies of the mails it sends (docs/privacy.md).
    The worker records the outcome afterwards with ``save(update_fields=...)``
    that leave the arguments alone (tests/core/test_tasks.py checks it).
    """
    db_result = getattr(context.task_result, "db_result", None)
    if db_result is None:  # run at once (ImmediateBackend): no row to clean
        return
    DBTaskResult.objects.filter(pk=db_result.pk).update(
        args_kwargs={"args": [], "kwargs": {"message": None, "attempt": attempt}}
    )


@task(takes_context=True)
def send_email_message(
    context: TaskContext, *, message: dict, attempt: int = 1
) -> dict:
    """Deliver a mail ``TaskEmailBackend`` queued (``email_message_to_data``).

    Only the row of a mail that failed for good keeps the message, so that a
    Beheerder can try it again.
    """
    email = email_message_from_data(message)
    try:
        connection = get_connection(
            settings.BUURTPLEIN_EMAIL_DELIVERY_BACKEND, fail_silently=False
        )
        sent = connection.send_messages([email])
    except Exception as error:
        if retries_left(task=send_email_message, attempt=attempt):
            _forget_message(context, attempt=attempt)  # the next attempt has it
        retry_later(
            task=send_email_message,
            kwargs={"message": message},
            attempt=attempt,
            error=DeliveryFailed(describe_error(error)),
        )
    _forget_message(context, attempt=attempt)
    return {"sent": sent or 0, "attempt": attempt}


# The queue as Beheerders see it


def task_results_failed(*, limit: int = 50) -> QuerySet[DBTaskResult]:
    """The most recent tasks that failed for good (not attempts retried later)."""
    return (
        DBTaskResult.objects.failed()
        .exclude(exception_class_path=RETRY_SCHEDULED)
        .order_by("-finished_at")[:limit]
    )


def task_results_waiting(*, limit: int = 50) -> QuerySet[DBTaskResult]:
    """Tasks not yet run: new ones first in line, then retries by their time."""
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY).order_by(
        "run_after", "enqueued_at"
    )[:limit]


def task_result_attempt(db_result: DBTaskResult) -> int:
    """Which attempt a row is: a retried task counts its own, others their runs."""
    attempt = db_result.args_kwargs.get("kwargs", {}).get("attempt")
    if isinstance(attempt, int):
        return attempt
    return max(len(db_result.worker_ids), 1)


def task_result_retry(*, task_result_id, user) -> TaskResult | None:
    """Queue a task that failed for good once more, as a fresh first attempt.

    The failed row goes and the new task takes its place; None when there is no
    such failed row (already retried by someone else) or its task no longer
    exists in the code.
    """
    with transaction.atomic():
        db_result = (
            DBTaskResult.objects.failed()
            .exclude(exception_class_path=RETRY_SCHEDULED)
            .filter(pk=task_result_id)
            .first()
        )
        if db_result is None:
            return None
        try:
            retried_task = dataclasses.replace(db_result.task, run_after=None)
        except (ImportError, SuspiciousOperation):
            return None
        # Delete first, conditionally: of two Beheerders clicking at once, only
        # the one whose delete took the row queues the task again.
        deleted, _rows = DBTaskResult.objects.filter(
            pk=db_result.pk, status=TaskResultStatus.FAILED
        ).delete()
        if not deleted:
            return None
        kwargs = dict(db_result.args_kwargs["kwargs"])
        if "attempt" in kwargs:
            kwargs["attempt"] = 1
        result = retried_task.enqueue(*db_result.args_kwargs["args"], **kwargs)
    logger.info(
        "Task %s (%s) queued again as %s by user %s",
        db_result.pk,
        db_result.task_path,
        result.id,
        user.pk,
    )
    return result
