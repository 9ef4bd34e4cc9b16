"""Who moderates residents' tips (``Suggestion``): it follows the page rights.

Communicatie of a site (who may publish its root page) sees every tip of that
site; a buurtverbinder sees the tips about the wijken whose page they may
change; a tip without a wijk goes to Communicatie only. Beheerders and
organisation editors have no such page rights, so they see none. No model
permission is involved: a role in one site gives nothing in another.
"""

from django.contrib.auth import get_user_model
from django.db.models import F, Q, QuerySet
from wagtail.models import GroupPagePermission
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import Neighbourhood, Suggestion
from .selectors import sites_moderated_by

MODERATION_ACTIONS = frozenset({"view", "change", "delete"})


def neighbourhoods_moderated_by(*, user) -> QuerySet[Neighbourhood]:
    """The wijken whose page ``user`` may change (a buurtverbinder's own wijken)."""
    if not user.is_active:
        return Neighbourhood.objects.none()
    if user.is_superuser:
        return Neighbourhood.objects.all()
    changeable = PagePermissionPolicy().instances_user_has_permission_for(
        user, "change"
    )
    return Neighbourhood.objects.filter(page__in=changeable.values("pk"))


def suggestions_moderated_by(*, user) -> QuerySet[Suggestion]:
    """The tips ``user`` may see, change and delete in the admin."""
    if not user.is_active:
        return Suggestion.objects.none()
    if user.is_superuser:
        return Suggestion.objects.all()
    return Suggestion.objects.filter(
        Q(site__in=sites_moderated_by(user=user).values("pk"))
        | Q(
            neighbourhood__in=neighbourhoods_moderated_by(user=user).values("pk"),
            # A tip's wijk always belongs to its site; this keeps it so.
            neighbourhood__site=F("site"),
        )
    )


def user_moderates_suggestions(*, user) -> bool:
    """Whether ``user`` has a role that moderates tips at all (even with none now)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return (
        sites_moderated_by(user=user).exists()
        or neighbourhoods_moderated_by(user=user).exists()
    )


class SuggestionPermissionPolicy(BasePermissionPolicy):
    """Moderators may view, change and delete the tips they moderate; nobody adds
    one in the admin (residents send them with the form at /tip/)."""

    permission_cache_name = "_suggestion_moderation_actions"

    def get_all_permissions_for_user(self, user):
        if user_moderates_suggestions(user=user):
            return MODERATION_ACTIONS
        return frozenset()

    def user_has_permission(self, user, action):
        return action in self.get_cached_permissions_for_user(user)

    def user_has_any_permission(self, user, actions):
        return bool(set(actions) & self.get_cached_permissions_for_user(user))

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and suggestions_moderated_by(user=user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Suggestion.objects.none()
        return suggestions_moderated_by(user=user)

    def users_with_any_permission(self, actions):
        if not set(actions) & MODERATION_ACTIONS:
            return get_user_model().objects.none()
        groups = GroupPagePermission.objects.filter(
            permission__codename__in=["change_page", "publish_page"]
        ).values("group")
        candidates = (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__in=groups), is_active=True)
            .distinct()
        )
        return candidates.filter(
            pk__in=[
                user.pk for user in candidates if user_moderates_suggestions(user=user)
            ]
        )
