"""Admin hooks for approving: the editor and the dashboard say what became of
the page, and the dashboard approves through the dialog (``approval``)."""

from django.http import JsonResponse
from django.urls import path
from django.utils.translation import gettext as wagtail_gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

from .approval import (
    ACTION_URL_NAME,
    ApprovalActionView,
    ApprovalDashboardPanel,
    approval_outcome,
    message_replace,
)

# The hidden inputs the editor's buttons add to the form just before it is sent.
SUBMIT_ONLY_FIELDS = (
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-cancel-workflow",
    "action-workflow-action",
    "workflow-action-name",
)


@hooks.register("before_create_page")
def autosave_of_a_new_page_never_acts(request, parent_page, page_class):
    """The same on the add view, where "Stuur door" sends a new page."""
    return autosave_never_acts(request, None)


@hooks.register("before_edit_page")
def autosave_never_acts(request, page):
    """An autosave saves a draft and does nothing else.

    Wagtail's editor polls its form every half second and autosaves what
    changed. "Goedkeuren" adds hidden inputs to the form and sends it; the poll
    sees those inputs as a change and autosaves the same form alongside. Of the
    two requests, one approves and publishes, and the other, finding no task to
    approve any more, saves the page again as a new draft (live + concept), or
    the other way round. The form's own submit carries the action; the
    autosave that copies it is refused.
    """
    if request.method != "POST" or request.accepts("text/html"):
        return None
    if not any(name in request.POST for name in SUBMIT_ONLY_FIELDS):
        return None
    return JsonResponse(
        {
            "success": False,
            # A code the editor knows: it shows the message, not "server error".
            "error_code": "blocked_by_hook",
            "error_message": str(
                _("De pagina wordt al verstuurd; automatisch opslaan wacht.")
            ),
        },
        status=400,
    )


@hooks.register("after_edit_page")
def say_what_the_workflow_action_did(request, page):
    """After "Goedkeuren" or "Wijzigingsverzoek" in the editor, instead of
    Wagtail's "Pagina … is gewijzigd"."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    message, buttons = approval_outcome(page=page)
    message_replace(
        request,
        # Wagtail's own message, in Wagtail's catalogue: the alias keeps
        # makemessages from copying its msgid into the project's.
        old=wagtail_gettext("Page '%(page_title)s' has been updated.")
        % {"page_title": page.get_admin_display_title()},
        new=message,
        buttons=buttons,
    )
    return None


@hooks.register("register_admin_urls")
def approval_action_url():
    return [
        path(
            "goedkeuring/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
            ApprovalActionView.as_view(),
            name=ACTION_URL_NAME,
        )
    ]


@hooks.register("construct_homepage_panels")
def approve_from_the_dashboard_through_the_dialog(request, panels):
    panels[:] = [
        ApprovalDashboardPanel()
        if type(panel) is WorkflowObjectsToModeratePanel
        else panel
        for panel in panels
    ]
