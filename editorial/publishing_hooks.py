"""Admin hooks for four-eyes: nobody approves their own work, and publishing
past the workflow is a per-site setting, off by default.

The rule itself is in ``publishing`` (``direct_publishing_permitted``); this
module puts it on every way the admin and API v3 can make a page live:

- the editor's "Publiceren" button is not offered (``construct_page_action_menu``),
  and a forged POST with ``action-publish`` to the edit, create or
  "revert to this version" view is refused before anything is saved;
- the bulk action "Publiceren" treats such pages as pages the user may not
  publish; copying with "publish copies" or as an alias is refused;
- API v3 uses page actions that refuse it (``publishing_actions``).

A workflow action the user is not offered (approving one's own work) is
refused in the editor too, instead of being saved as a draft. Every refusal
goes to the "buurtplein.security" log. Each publish Wagtail logs is checked by
``publishing.direct_publish_record``; direct ones land in the page history and
in Rapporten → "Direct gepubliceerd".
"""

import logging

from django import forms
from django.contrib import messages
from django.db.models.signals import post_save
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page, PageLogEntry

from . import publishing_report
from .models import FourEyesApprovalTask
from .publishing import (
    direct_publish_record,
    direct_publishing_permitted,
    log_actions,
    refusal_message,
)
from .publishing_actions import PAGE_ACTIONS, FourEyesPublishBulkAction
from .reports import ReportMenuItem

security_log = logging.getLogger("buurtplein.security")


# The log


@hooks.register("register_log_actions")
def register_direct_publish_log_action(actions):
    for action, label, message in log_actions():
        actions.register_action(action, label, message)


def record_direct_publish(sender, instance, created, raw=False, **kwargs):
    """Thin link from Wagtail's page log to ``publishing.direct_publish_record``."""
    if created and not raw:
        direct_publish_record(entry=instance)


# Connected when Wagtail loads the hooks, which ``log()`` makes it do before it
# writes its first entry: no publish by a person goes unseen.
post_save.connect(
    record_direct_publish,
    sender=PageLogEntry,
    dispatch_uid="editorial_record_direct_publish",
)


# Refusing direct publishes in the admin


def _refuse(request, *, page: Page, what: str):
    security_log.warning(
        "Direct publish refused: user_id=%s page_id=%s via=%s path=%s",
        request.user.pk,
        page.pk,
        what,
        request.path,
    )
    messages.error(request, refusal_message())
    return redirect(request.get_full_path())


def _posted(request, name: str) -> bool:
    """A checkbox or button in the POST, read as Django's form would."""
    return forms.CheckboxInput().value_from_datadict(request.POST, None, name)


@hooks.register("construct_page_action_menu")
def hide_direct_publishing(menu_items, request, context):
    creating = context.get("view") == "create"
    page = context.get("parent_page") if creating else context.get("page")
    if page is not None and not direct_publishing_permitted(
        user=request.user, page=page, new_child=creating
    ):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_edit_page")
def refuse_direct_publish_on_edit(request, page):
    """The editor and "revert to this version" (the same view) alike."""
    if request.method != "POST":
        return None
    if request.POST.get("action-publish") and not direct_publishing_permitted(
        user=request.user, page=page
    ):
        return _refuse(request, page=page, what="edit")
    posted_workflow_action = request.POST.get("action-workflow-action")
    task = page.current_workflow_task if posted_workflow_action else None
    if (
        request.POST.get("workflow-action-name") == "approve"
        and isinstance(task, FourEyesApprovalTask)
        and task.is_own_work(page, request.user)
    ):
        security_log.warning(
            "Approval of own work refused: user_id=%s page_id=%s path=%s",
            request.user.pk,
            page.pk,
            request.path,
        )
        messages.error(
            request,
            gettext(
                "Je keurt je eigen werk niet goed: een collega van Communicatie "
                "doet dat."
            ),
        )
        return redirect(request.get_full_path())
    return None


@hooks.register("before_create_page")
def refuse_direct_publish_on_create(request, parent_page, page_class):
    if (
        request.method == "POST"
        and request.POST.get("action-publish")
        and not direct_publishing_permitted(
            user=request.user, page=parent_page, new_child=True
        )
    ):
        return _refuse(request, page=parent_page, what="create")
    return None


@hooks.register("before_copy_page")
def refuse_direct_publish_on_copy(request, page):
    """A copy that stays live, or an alias (live when its page is), is a publish
    at the destination."""
    if request.method != "POST":
        return None
    if not (_posted(request, "publish_copies") or _posted(request, "alias")):
        return None
    destination_id = request.POST.get("new_parent_page", "")
    destination = (
        Page.objects.filter(pk=int(destination_id)).first()
        if destination_id.isdigit()
        else None
    ) or page.get_parent()
    if not direct_publishing_permitted(
        user=request.user, page=destination, new_child=True
    ):
        return _refuse(request, page=page, what="copy")
    return None


# After Wagtail's own bulk actions (order 0), so this one replaces "publish".
hooks.register("register_bulk_action", FourEyesPublishBulkAction, order=1)


@hooks.register("register_actions")
def register_four_eyes_page_actions(registry):
    for action_class in PAGE_ACTIONS:
        registry.register(Page, action_class)


# The report


@hooks.register("register_admin_urls")
def register_direct_publish_report_url():
    return [
        path(
            "editorial-reports/direct-published/",
            include(
                (publishing_report.urlpatterns, publishing_report.URL_NAMESPACE),
                namespace=publishing_report.URL_NAMESPACE,
            ),
        )
    ]


@hooks.register("register_reports_menu_item")
def register_direct_publish_report_menu_item():
    return ReportMenuItem(
        _("Direct gepubliceerd"),
        reverse(f"{publishing_report.URL_NAMESPACE}:direct_publishes"),
        name="editorial-direct-published",
        icon_name="upload",
        order=1390,
    )
