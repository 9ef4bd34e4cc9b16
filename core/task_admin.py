"""Instellingen → Achtergrondtaken: the background tasks that failed or wait.

Beheerders and superusers see which tasks failed for good (after their retries)
and which wait, and queue a failed one again ("Opnieuw proberen"). A task's data
holds residents' personal data (a mail's addresses and text): the page shows
none of it, only the task's kind, times, attempts, the error with the addresses
masked, and for a mail how many recipients at which domains.

Loaded from core/wagtail_hooks.py; the reads and the retry live in core/tasks.py.
"""

import uuid

from django.conf import settings
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_tasks import default_task_backend
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from editorial.services import user_is_beheerder

from .email_backends import mask_email_addresses
from .tasks import (
    task_result_attempt,
    task_result_retry,
    task_results_failed,
    task_results_waiting,
)

SEND_EMAIL_MESSAGE = "core.tasks.send_email_message"

# What each kind of task does, in words a Beheerder reads; others show their name.
TASK_LABELS = {
    SEND_EMAIL_MESSAGE: gettext_lazy("E-mail versturen"),
    "wagtail.tasks.update_reference_index_task": gettext_lazy("Verwijzingen bijwerken"),
    "wagtail.tasks.delete_file_from_storage_task": gettext_lazy("Bestand verwijderen"),
    "wagtail.images.tasks.set_image_focal_point_task": gettext_lazy(
        "Focuspunt van een afbeelding bepalen"
    ),
    "modelsearch.tasks.insert_or_update_object_task": gettext_lazy(
        "Zoekindex bijwerken"
    ),
    "wagtail.contrib.frontend_cache.tasks.purge_urls_from_cache_task": gettext_lazy(
        "Cache legen"
    ),
    "integrations.webhooks.deliver_webhook": gettext_lazy("Webhook versturen"),
}
ERROR_LENGTH = 300


def user_sees_tasks(user) -> bool:
    """Beheerders and superusers (asked once per request: the view and the menu)."""
    if not hasattr(user, "_buurtplein_sees_tasks"):
        user._buurtplein_sees_tasks = user_is_beheerder(user)
    return user._buurtplein_sees_tasks


def tasks_are_queued() -> bool:
    """False where tasks run at once, inside the request (development)."""
    return isinstance(default_task_backend, DatabaseBackend)


def _error_text(db_result: DBTaskResult) -> str:
    lines = [line for line in db_result.traceback.splitlines() if line.strip()]
    if not lines:
        return ""
    text = mask_email_addresses(lines[-1].strip())
    if len(text) > ERROR_LENGTH:
        text = text[: ERROR_LENGTH - 1] + "…"
    return text


def _recipients_text(db_result: DBTaskResult) -> str:
    """For a mail: how many recipients, at which domains; never the addresses."""
    if db_result.task_path != SEND_EMAIL_MESSAGE:
        return ""
    message = db_result.args_kwargs.get("kwargs", {}).get("message") or {}
    addresses = [
        str(address)
        for field in ("to", "cc", "bcc")
        for address in message.get(field, [])
    ]
    if not addresses:
        return ""
    masked = sorted({mask_email_addresses(address) for address in addresses})
    return f"{len(addresses)}: {', '.join(masked)}"


def task_row(db_result: DBTaskResult) -> dict:
    """What the page shows of one task."""
    run_after = None if db_result.run_after == get_date_max() else db_result.run_after
    # From the path, not DBTaskResult.task_name: that imports and validates the
    # task, which fails for a task removed from the code.
    name = db_result.task_path.rsplit(".", 1)[-1]
    return {
        "id": db_result.pk,
        "label": TASK_LABELS.get(db_result.task_path, name),
        "name": name,
        "enqueued_at": db_result.enqueued_at,
        "finished_at": db_result.finished_at,
        "run_after": run_after,
        "attempt": task_result_attempt(db_result),
        "is_mail": db_result.task_path == SEND_EMAIL_MESSAGE,
        "recipients": _recipients_text(db_result),
        "error": _error_text(db_result),
    }


class TaskAdminView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/task_admin/index.html"
    page_title = gettext_lazy("Achtergrondtaken")
    header_icon = "cogs"
    http_method_names = ["get", "post"]

    def dispatch(self, request, *args, **kwargs):
        if not user_sees_tasks(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            failed=[task_row(result) for result in task_results_failed()],
            waiting=[task_row(result) for result in task_results_waiting()],
            tasks_are_queued=tasks_are_queued(),
            max_attempts=settings.BUURTPLEIN_TASK_MAX_ATTEMPTS,
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            task_result_id = uuid.UUID(request.POST.get("task", ""))
        except ValueError:
            task_result_id = None
        result = (
            task_result_retry(task_result_id=task_result_id, user=request.user)
            if task_result_id
            else None
        )
        if result is None:
            messages.error(
                request,
                _(
                    "Deze taak kon niet opnieuw worden geprobeerd: iemand anders "
                    "deed dat al, of de taak bestaat niet meer."
                ),
            )
        else:
            messages.success(request, _("De taak staat weer in de wachtrij."))
        return redirect("core_tasks")


class TaskAdminMenuItem(MenuItem):
    """Only for Beheerders and superusers."""

    def is_shown(self, request):
        return user_sees_tasks(request.user)


@hooks.register("register_admin_urls")
def register_task_admin_urls():
    return [path("achtergrondtaken/", TaskAdminView.as_view(), name="core_tasks")]


@hooks.register("register_settings_menu_item")
def register_task_admin_menu_item():
    return TaskAdminMenuItem(
        gettext_lazy("Achtergrondtaken"),
        reverse("core_tasks"),
        icon_name="cogs",
        order=650,
    )
