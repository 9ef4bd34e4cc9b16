"""Admin hooks for approving: the editor and the dashboard say what became of
the page, and the dashboard approves through the dialog (``approval``)."""

from django.urls import path
from django.utils.translation import gettext as wagtail_gettext
from wagtail import hooks
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

from .approval import (
    ACTION_URL_NAME,
    ApprovalActionView,
    ApprovalDashboardPanel,
    approval_outcome,
    message_replace,
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
