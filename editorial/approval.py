"""Approving and sending back a page, from the editor and from the dashboard.

Wagtail tells Communicatie "Pagina … is gewijzigd" after "Goedkeuren" in the
editor, and nothing at all after approving from the dashboard, whose
"Goedkeuren" acts at once, without the dialog. Here:

- ``approval_outcome`` says what became of the page: published (or
  scheduled), waiting for the next step, or back with its writer;
- the editor's message is replaced by that one (``approval_hooks``);
- the dashboard's "Wachten op jouw beoordeling" lets "Goedkeuren" open the
  same dialog as "Wijzigingsverzoek" (the taalcheck, an optional comment and
  a button to confirm), through ``ApprovalActionView``, which says what
  happened afterwards.

Approval itself stays Wagtail's (the task's ``on_action``); the four-eyes
rule is the task's (``editorial.models.FourEyesApprovalTask``).
"""

from django.contrib import messages as django_messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.models import Page, TaskState, WorkflowState

from core.links import page_path

APPROVE = "approve"
REJECT = "reject"
ACTION_URL_NAME = "editorial_workflow_action"


def _writer_name(workflow_state: WorkflowState) -> str:
    user = workflow_state.requested_by
    if user is None:
        return _("de schrijver")
    return user.get_full_name() or user.get_username()


def approval_outcome(*, page: Page) -> tuple[str, list]:
    """What became of ``page`` after a workflow action, in one sentence, and
    the message's buttons (the live page, once it is published)."""
    page = page.specific_class.objects.get(pk=page.pk)
    title = get_latest_str(page)
    workflow_state = (
        WorkflowState.objects.for_instance(page)
        .select_related("requested_by", "current_task_state__task")
        .order_by("-created_at", "-pk")
        .first()
    )
    status = workflow_state.status if workflow_state else None
    if status == WorkflowState.STATUS_NEEDS_CHANGES:
        names = {"title": title, "writer": _writer_name(workflow_state)}
        task_state = workflow_state.current_task_state
        if task_state is not None and task_state.get_comment():
            message = _("'%(title)s' gaat terug naar %(writer)s, met je opmerking.")
        else:
            message = _("'%(title)s' gaat terug naar %(writer)s.")
        return message % names, []
    if status == WorkflowState.STATUS_IN_PROGRESS:
        return _("'%(title)s' is goedgekeurd en wacht nu op: %(task)s.") % {
            "title": title,
            "task": workflow_state.current_task_state.task.name,
        }, []
    if status == WorkflowState.STATUS_APPROVED:
        if page.live and page.live_revision_id == page.latest_revision_id:
            buttons = [messages.button(page_path(page), _("Bekijk op de site"), True)]
            return _("'%(title)s' is goedgekeurd en gepubliceerd.") % {
                "title": title
            }, (buttons if page.url else [])
        go_live_at = getattr(page.get_latest_revision(), "approved_go_live_at", None)
        if go_live_at:
            moment = date_format(timezone.localtime(go_live_at), "DATETIME_FORMAT")
            return _("'%(title)s' is goedgekeurd en komt online op %(moment)s.") % {
                "title": title,
                "moment": moment,
            }, []
    return _("'%(title)s' is bijgewerkt.") % {"title": title}, []


def message_replace(request, *, old: str, new: str, buttons=None) -> None:
    """Put ``new`` (a success message) where Wagtail said ``old``."""
    old_html = messages.render(old, None)
    storage = django_messages.get_messages(request)
    kept = [message for message in storage if message.message != old_html]
    for message in kept:  # reading the storage emptied it
        django_messages.add_message(
            request, message.level, message.message, extra_tags=message.extra_tags
        )
    messages.success(request, new, buttons=buttons)


class ApprovalActionView(WorkflowActionView):
    """Wagtail's workflow action (the dashboard's), which says what happened."""

    submit_url_name = ACTION_URL_NAME

    def check_action(self):
        super().check_action()
        if self.action_name == APPROVE:
            # Both of Wagtail's approve actions lead here: the dialog is called
            # after what its button does.
            self.action_modal = True
            self.action_verbose_name = _("Goedkeuren en publiceren")

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        acted = (
            TaskState.objects.filter(pk=self.task_state.pk)
            .exclude(status=TaskState.STATUS_IN_PROGRESS)
            .exists()
        )
        if acted:
            message, buttons = approval_outcome(page=self.object)
            messages.success(request, message, buttons=buttons)
        return response


class ApprovalDashboardPanel(WorkflowObjectsToModeratePanel):
    """ "Wachten op jouw beoordeling", with "Goedkeuren" through the dialog."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        for state in context["states"]:
            if not isinstance(state["obj"], Page):
                continue
            state["workflow_action_url_name"] = ACTION_URL_NAME
            actions, seen = [], set()
            for name, label, _modal in state["actions"]:
                if name in seen:
                    continue
                seen.add(name)
                actions.append((name, label, True))
            state["actions"] = actions
        return context
