"""Admin for residents' responses to vacancies ("Reacties op vrijwilligerswerk").

Read and delete only: editors never change a resident's words. A response is
visible only to those who may change its vacancy page (the organisation's
editors, the wijk's buurtverbinders, Communicatie of the site) and to
superusers. Page rights decide, no model permission is involved.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import GroupPagePermission
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import VacancyResponse
from .selectors import user_reads_responses, vacancy_responses_visible_to

# Actions that exist for a response in the admin; nobody adds or edits one there.
RESPONSE_ACTIONS = ("view", "delete")


class VacancyResponsePermissionPolicy(BasePermissionPolicy):
    """Page rights decide, not model permissions, as for residents' tips: who may
    change a vacancy page reads and deletes its responses. A role in one
    organisation, wijk or site gives nothing elsewhere."""

    def user_has_permission(self, user, action):
        return action in RESPONSE_ACTIONS and user_reads_responses(user=user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def instances_user_has_any_permission_for(self, user, actions):
        # The page rights in the query decide; no separate check first, so the
        # admin menu asks the database once whether there is anything to read.
        if not (set(actions) & set(RESPONSE_ACTIONS)) or not user.is_active:
            return VacancyResponse.objects.none()
        return vacancy_responses_visible_to(user=user)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.instances_user_has_permission_for(user, action)
            .filter(pk=instance.pk)
            .exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )

    def users_with_any_permission(self, actions):
        if not set(actions) & set(RESPONSE_ACTIONS):
            return get_user_model().objects.none()
        editors = GroupPagePermission.objects.filter(
            permission__codename="change_page"
        ).values("group")
        return (
            get_user_model()
            .objects.filter(
                Q(is_superuser=True) | Q(groups__in=editors), is_active=True
            )
            .distinct()
        )


# Registered before the viewset asks for a policy (Wagtail would make a default).
response_permission_policy = VacancyResponsePermissionPolicy(VacancyResponse)
register_permission_policy(VacancyResponse, response_permission_policy)


def visible_responses(request):
    return response_permission_policy.instances_user_has_any_permission_for(
        request.user, RESPONSE_ACTIONS
    ).select_related("vacancy")


class ResponseIndexView(generic.IndexView):
    def get_base_queryset(self):
        return visible_responses(self.request)


class ResponseInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(visible_responses(self.request), pk=self.pk)

    def get_message_display_value(self):
        # The resident's line breaks kept; linebreaks() escapes the text itself.
        return mark_safe(linebreaks(self.object.message, autoescape=True))  # noqa: S308


class ResponseDeleteView(generic.DeleteView):
    def get_queryset(self):
        return visible_responses(self.request)


class ResponseHistoryView(HistoryView):
    def get_base_object_queryset(self):
        return visible_responses(self.request)


class ResponseMenuItem(MenuItem):
    def is_shown(self, request):
        """Only for those who have a response to read."""
        return visible_responses(request).exists()


class VacancyResponseViewSet(ModelViewSet):
    model = VacancyResponse
    icon = "mail"
    menu_label = _("Reacties op vrijwilligerswerk")
    menu_order = 250
    add_to_admin_menu = True
    menu_item_class = ResponseMenuItem
    list_display = [
        "name",
        "vacancy",
        Column("contact_display", label=_("contact")),
        DateColumn("created_at", label=_("ontvangen op")),
    ]
    search_fields = ["name", "message"]
    # The model is not in the search index: search with the database instead.
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "vacancy",
        "name",
        "email",
        "phone",
        "message",
        "consent",
        "created_at",
        "emailed_at",
    ]
    # Responses refer to a vacancy, nothing refers to them: no page "usage" entries.
    add_to_reference_index = False
    # The add and edit views exist but the policy refuses them to everyone.
    form_fields: list[str] = []
    # A copy would duplicate a resident's personal data; editing changes their words.
    copy_view_enabled = False
    index_view_class = ResponseIndexView
    inspect_view_class = ResponseInspectView
    delete_view_class = ResponseDeleteView
    history_view_class = ResponseHistoryView

    def get_permissions_to_register(self):
        # Page rights decide who reads responses: no model permissions to hand out.
        return Permission.objects.none()


@hooks.register("register_admin_viewset")
def register_vacancy_response_viewset():
    return VacancyResponseViewSet()


@hooks.register("register_personal_data")
def register_vacancy_response_personal_data():
    from .personal_data import VacancyResponsePersonalData

    return VacancyResponsePersonalData()
