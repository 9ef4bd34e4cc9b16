"""Wagtail's user and group admin, with no way to exceed one's role.

Wagtail 8 lets a project swap the views behind Instellingen → Gebruikers and
→ Groepen through the ``wagtailusers`` app config (``user_viewset`` and
``group_viewset``; ``editorial.users_app.BuurtpleinUsersConfig``). Ours differ in this:

- A Beheerder's user forms have no superuser status and no groups (roles come
  from Instellingen → Rollen), and a forged POST of them is refused
  (``editorial.forms.RoleSafeUserFormMixin``).
- A Beheerder edits, deletes, deactivates or resets the password of only the
  accounts they could have given every role of (``role_access``): never a
  superuser's. Anything else is a 403.
- The bulk actions follow the same rule; "assign role" (any group) is for
  superusers only.
- Only superusers add, change or delete groups.
- When a superuser changes someone's groups or superuser status (form or bulk
  action), each change lands in the audit log, like a role given on Rollen.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from wagtail.users.views import groups, users
from wagtail.users.views.bulk_actions import (
    AssignRoleBulkAction,
    DeleteBulkAction,
    SetActiveStateBulkAction,
)

from . import services
from .forms import RoleSafeUserCreationForm, RoleSafeUserEditForm
from .role_access import account_manageable
from .selectors import role_choice_for_group


def _is_superuser(user) -> bool:
    return user.is_active and user.is_superuser


def _groups_and_superuser(user) -> tuple[set[int], bool]:
    """What is stored now (before a form writes its changes)."""
    stored = get_user_model()._default_manager.filter(pk=user.pk)
    return (
        set(user.groups.values_list("pk", flat=True)),
        bool(stored.values_list("is_superuser", flat=True).first()),
    )


class RoleSafeFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class CreateView(RoleSafeFormMixin, users.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        groups_after, superuser_after = _groups_and_superuser(instance)
        services.group_changes_log(
            user=instance,
            by=self.request.user,
            groups_before=set(),
            groups_after=groups_after,
            superuser_before=False,
            superuser_after=superuser_after,
            via=services.VIA_USER_FORM,
        )
        return instance


class EditView(RoleSafeFormMixin, users.EditView):
    def dispatch(self, request, *args, **kwargs):
        if not account_manageable(actor=request.user, account=self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        groups_before, superuser_before = _groups_and_superuser(self.object)
        instance = super().save_instance()
        groups_after, superuser_after = _groups_and_superuser(instance)
        services.group_changes_log(
            user=instance,
            by=self.request.user,
            groups_before=groups_before,
            groups_after=groups_after,
            superuser_before=superuser_before,
            superuser_after=superuser_after,
            via=services.VIA_USER_FORM,
        )
        return instance

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["role_labels"] = [
            " ".join(filter(None, [str(choice.label), choice.site_label]))
            for choice in map(role_choice_for_group, self.object.groups.all())
        ]
        return context


class DeleteView(users.DeleteView):
    def dispatch(self, request, *args, **kwargs):
        account = self.get_object()
        if not account_manageable(actor=request.user, account=account):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class IndexView(users.IndexView):
    """Accounts a Beheerder may not manage are listed without edit or delete links."""

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("groups")

    def get_edit_url(self, instance):
        if account_manageable(actor=self.request.user, account=instance):
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if account_manageable(actor=self.request.user, account=instance):
            return super().get_delete_url(instance)
        return None


class RoleSafeUserViewSet(users.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView

    def get_form_class(self, for_update=False):
        return RoleSafeUserEditForm if for_update else RoleSafeUserCreationForm


class SuperuserOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not _is_superuser(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class GroupCreateView(SuperuserOnlyMixin, groups.CreateView):
    pass


class GroupEditView(SuperuserOnlyMixin, groups.EditView):
    pass


class GroupDeleteView(SuperuserOnlyMixin, groups.DeleteView):
    pass


class SuperuserGroupViewSet(groups.GroupViewSet):
    """Beheerders may look at groups; only superusers change them."""

    add_view_class = GroupCreateView
    edit_view_class = GroupEditView
    delete_view_class = GroupDeleteView


# Bulk actions on the user listing, registered after Wagtail's (same
# action_type, so these replace them; see role_hooks).


class ManageableAccountsMixin:
    def check_perm(self, obj):
        return super().check_perm(obj) and account_manageable(
            actor=self.request.user, account=obj
        )


class RoleSafeDeleteBulkAction(ManageableAccountsMixin, DeleteBulkAction):
    pass


class RoleSafeSetActiveStateBulkAction(
    ManageableAccountsMixin, SetActiveStateBulkAction
):
    pass


class RoleSafeAssignRoleBulkAction(AssignRoleBulkAction):
    """Putting people in any group is for superusers, and logged."""

    def check_perm(self, obj):
        return _is_superuser(self.request.user)

    def get_execution_context(self):
        return {**super().get_execution_context(), "by": self.request.user}

    @classmethod
    def execute_action(cls, objects, role=None, by=None, **kwargs):
        if role is None or by is None or not _is_superuser(by):
            return 0, 0
        members = set(role.user_set.values_list("pk", flat=True))
        result = super().execute_action(objects, role=role, **kwargs)
        for account in objects:
            if account.pk not in members:
                services.group_changes_log(
                    user=account,
                    by=by,
                    groups_before=set(),
                    groups_after={role.pk},
                    superuser_before=account.is_superuser,
                    superuser_after=account.is_superuser,
                    via=services.VIA_BULK_ACTION,
                )
        return result


BULK_ACTIONS = (
    RoleSafeAssignRoleBulkAction,
    RoleSafeDeleteBulkAction,
    RoleSafeSetActiveStateBulkAction,
)
