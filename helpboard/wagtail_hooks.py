"""Admin of 'Vraag & aanbod': one moderation list for requests and offers.

Who sees what is ``core.permissions.ModerationPermissionPolicy`` (page rights,
not model permissions); the views are in ``helpboard.admin_views``.
"""

from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.permissions import ModerationPermissionPolicy

from .admin_forms import HelpPostModerationForm
from .admin_views import (
    HelpPostDeleteView,
    HelpPostFilterSet,
    HelpPostHistoryView,
    HelpPostIndexView,
    HelpPostModerationView,
    HelpPostUsageView,
    ReportsColumn,
)
from .models import HelpPost


class HelpPostPermissionPolicy(ModerationPermissionPolicy):
    """Moderators view and change posts but never delete one: the
    municipality's report counts every post, so a post leaves by rejecting or
    closing it, and its personal data by anonymising (helpboard.personal_data)."""

    actions = frozenset({"view", "change"})


# Registered before any view asks for it, so Wagtail does not fall back to
# model permissions.
register_permission_policy(HelpPost, HelpPostPermissionPolicy(HelpPost))


class HelpPostViewSet(ModelViewSet):
    """Requests and offers in one list; the edit view is the moderation screen."""

    model = HelpPost
    icon = "help"
    menu_label = _("Vraag & aanbod")
    menu_name = "helpboard"
    add_to_admin_menu = True
    menu_order = 260
    list_display = [
        "title",
        "kind",
        Column(
            "neighbourhood",
            label=_("Wijk"),
            accessor=lambda post: post.neighbourhood or _("Hele gemeente"),
            sort_key="neighbourhood__name",
        ),
        "status",
        DateColumn("created_at", label=_("Ingediend"), sort_key="created_at"),
        ReportsColumn(
            "open_reports", label=_("Nieuwe meldingen"), sort_key="open_reports"
        ),
    ]
    filterset_class = HelpPostFilterSet
    search_fields = ["title", "description"]
    # The model is not in the search index: search with the database instead.
    search_backend_name = None
    # A copy would duplicate a resident's personal data.
    copy_view_enabled = False
    index_view_class = HelpPostIndexView
    edit_view_class = HelpPostModerationView
    delete_view_class = HelpPostDeleteView
    history_view_class = HelpPostHistoryView
    usage_view_class = HelpPostUsageView

    def get_edit_handler(self):
        # The moderation form, not the model's panels (which hold contact details).
        return None

    def get_form_class(self, for_update=False):
        return HelpPostModerationForm

    def get_permissions_to_register(self):
        # Page rights decide (core.permissions); model permissions on the
        # groups page would suggest otherwise.
        return Permission.objects.none()


@hooks.register("register_admin_viewset")
def register_help_board_viewsets():
    return HelpPostViewSet("helpboard")


@hooks.register("register_personal_data")
def register_help_board_personal_data():
    from .personal_data import help_board_personal_data

    return help_board_personal_data()
