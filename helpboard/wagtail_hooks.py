"""Admin of 'Vraag & aanbod': one moderation list for requests and offers.

Who sees what is ``core.permissions.ModerationPermissionPolicy`` (page rights,
not model permissions); the views are in ``helpboard.admin_views``.
"""

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from core.permissions import ModerationPermissionPolicy

from .admin_forms import HelpCategoryForm, HelpPostModerationForm
from .admin_views import (
    HelpPostDeleteView,
    HelpPostFilterSet,
    HelpPostHistoryView,
    HelpPostIndexView,
    HelpPostModerationView,
    HelpPostUsageView,
    ReportsColumn,
)
from .models import HelpCategory, HelpPost


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


class HelpCategoryPermissionPolicy(ModelPermissionPolicy):
    """Beheerders (model permissions) manage the categories of their own sites
    only; a Beheerder of every site, or a superuser, those of all sites."""

    def _covers(self, user, site_id) -> bool:
        from editorial.role_access import beheerder_scope

        return user.is_superuser or beheerder_scope(user=user).covers(site_id)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._covers(
            user, instance.site_id
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self._covers(
            user, instance.site_id
        )

    def instances_user_has_any_permission_for(self, user, actions):
        from editorial.role_access import beheerder_sites

        instances = super().instances_user_has_any_permission_for(user, actions)
        sites = None if user.is_superuser else beheerder_sites(user=user)
        return instances if sites is None else instances.filter(site__in=sites)


register_permission_policy(HelpCategory, HelpCategoryPermissionPolicy(HelpCategory))


class OwnSitesOnlyMixin:
    """An edit or delete view that refuses a category of another site."""

    def get_object(self, queryset=None):
        category = super().get_object(queryset)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, ["change", "delete"], category
        ):
            raise PermissionDenied
        return category


class HelpCategoryEditView(OwnSitesOnlyMixin, snippet_views.EditView):
    pass


class HelpCategoryDeleteView(OwnSitesOnlyMixin, snippet_views.DeleteView):
    pass


class HelpCategoryViewSet(SnippetViewSet):
    """Indeling → categories of the help board, per platform."""

    model = HelpCategory
    icon = "tag"
    menu_label = _("Categorieën vraag & aanbod")
    list_display = ["name", "site", "sort_order"]
    list_filter = ["site"]
    search_fields = ["name"]
    ordering = ["site", "sort_order", "name"]
    edit_view_class = HelpCategoryEditView
    delete_view_class = HelpCategoryDeleteView

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(
            request.user, ["change", "delete"]
        ).select_related("site")

    edit_handler = ObjectList(
        [FieldPanel(name) for name in ("site", "name", "slug", "sort_order")],
        base_form_class=HelpCategoryForm,
    )


register_snippet(HelpCategoryViewSet)


@hooks.register("register_admin_viewset")
def register_help_board_viewsets():
    return HelpPostViewSet("helpboard")


@hooks.register("register_personal_data")
def register_help_board_personal_data():
    from .personal_data import help_board_personal_data

    return help_board_personal_data()
