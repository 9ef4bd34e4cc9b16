"""Who manages a site's API clients and webhooks: its Beheerders.

A Beheerder of one site (a member of that site's Beheerders team) sees and
manages only that site's clients, webhooks and deliveries; a Beheerder of every
site and a superuser all of them. No model permission is involved (so nothing
to add to the Beheerders role): the scope is ``editorial.role_access``'s.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from wagtail.models import Site
from wagtail.permission_policies.base import BasePermissionPolicy

from editorial.role_access import beheerder_scope

ACTIONS = frozenset({"add", "change", "delete", "view"})


def integration_sites_for(*, user) -> QuerySet[Site]:
    """The sites whose clients and webhooks ``user`` manages."""
    scope = beheerder_scope(user=user)
    if not scope.is_beheerder:
        return Site.objects.none()
    if scope.all_sites:
        return Site.objects.all()
    return Site.objects.filter(pk__in=scope.site_ids)


class BeheerderSitePermissionPolicy(BasePermissionPolicy):
    """Beheerders act on the records of their own sites.

    ``site_field`` is the lookup from the model to its site (``"site"``, or
    ``"webhook__site"`` for a delivery); ``actions`` what they may do at all.
    """

    # beheerder_scope keeps its answer on the user already.
    permission_cache_name = ""

    def __init__(self, model, *, site_field: str = "site", actions=ACTIONS):
        super().__init__(model)
        self.site_field = site_field
        self.actions = frozenset(actions)

    def get_all_permissions_for_user(self, user):
        if beheerder_scope(user=user).is_beheerder:
            return self.actions
        return frozenset()

    def user_has_permission(self, user, action):
        return action in self.get_cached_permissions_for_user(user)

    def user_has_any_permission(self, user, actions):
        return bool(set(actions) & self.get_cached_permissions_for_user(user))

    def scoped(self, *, user) -> QuerySet:
        scope = beheerder_scope(user=user)
        queryset = self.model._default_manager.all()
        if not scope.is_beheerder:
            return queryset.none()
        if scope.all_sites:
            return queryset
        return queryset.filter(**{f"{self.site_field}__in": scope.site_ids})

    def _site_id(self, instance):
        target = instance
        parts = self.site_field.split("__")
        for part in parts[:-1]:
            target = getattr(target, part)
        return getattr(target, f"{parts[-1]}_id")

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and beheerder_scope(
            user=user
        ).covers(self._site_id(instance))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and beheerder_scope(
            user=user
        ).covers(self._site_id(instance))

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.scoped(user=user)

    def users_with_any_permission(self, actions):
        from editorial.services import BEHEERDERS

        if not set(actions) & self.actions:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(
                Q(is_superuser=True) | Q(groups__name=BEHEERDERS), is_active=True
            )
            .distinct()
        )
