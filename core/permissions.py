"""Who moderates what residents send in (tips, help posts): the page rights.

Communicatie of a site (who may publish its root page) sees every submission
of that site; a buurtverbinder sees the submissions about the wijken whose page
they may change; one without a wijk goes to Communicatie only. Beheerders and
organisation editors have no such page rights, so they see none. No model
permission is involved: a role in one site gives nothing in another.

A model with ``site`` and ``neighbourhood`` foreign keys gets this with
``ModerationPermissionPolicy(Model)`` (registered with Wagtail's
``register_permission_policy``).
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


def moderated_by(queryset: QuerySet, *, user) -> QuerySet:
    """The part of ``queryset`` (submissions with a site and a wijk) that
    ``user`` moderates."""
    if not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(
        Q(site__in=sites_moderated_by(user=user).values("pk"))
        | Q(
            neighbourhood__in=neighbourhoods_moderated_by(user=user).values("pk"),
            # A submission's wijk always belongs to its site; this keeps it so.
            neighbourhood__site=F("site"),
        )
    )


def suggestions_moderated_by(*, user) -> QuerySet[Suggestion]:
    """The tips ``user`` may see, change and delete in the admin."""
    return moderated_by(Suggestion.objects.all(), user=user)


def user_moderates(*, user) -> bool:
    """Whether ``user`` has a role that moderates submissions at all (even with
    none waiting now)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return (
        sites_moderated_by(user=user).exists()
        or neighbourhoods_moderated_by(user=user).exists()
    )


def moderators_of(submission) -> list:
    """The users who moderate ``submission``, with an e-mail address, to tell
    them it waits: Communicatie of its site and the buurtverbinders of its wijk
    (superusers see everything in the admin and get no mail for each)."""
    site = submission.site
    users = PagePermissionPolicy().users_with_any_permission_for_instance(
        {"publish"}, site.root_page, include_superusers=False
    )
    recipients = {user.pk: user for user in users if user.email}
    # The wijk's page (neighbourhoods.NeighbourhoodPage), if it has one.
    page = getattr(submission.neighbourhood, "page", None)
    if page is not None:
        editors = PagePermissionPolicy().users_with_any_permission_for_instance(
            {"change"}, page, include_superusers=False
        )
        recipients.update({user.pk: user for user in editors if user.email})
    return [recipients[pk] for pk in sorted(recipients)]


class ModerationPermissionPolicy(BasePermissionPolicy):
    """Moderators may view, change and delete the submissions they moderate;
    nobody adds one in the admin (residents send them with a public form)."""

    permission_cache_name = "_submission_moderation_actions"
    #: What a moderator may do; a subclass may leave out "delete".
    actions = MODERATION_ACTIONS

    def get_all_permissions_for_user(self, user):
        if user_moderates(user=user):
            return self.actions
        return frozenset()

    def user_has_permission(self, user, action):
        return action in self.get_cached_permissions_for_user(user)

    def user_has_any_permission(self, user, actions):
        return bool(set(actions) & self.get_cached_permissions_for_user(user))

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and self.moderated(user=user).filter(pk=instance.pk).exists()
        )

    def moderated(self, *, user) -> QuerySet:
        return moderated_by(self.model._default_manager.all(), user=user)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.moderated(user=user)

    def users_with_any_permission(self, actions):
        if not set(actions) & self.actions:
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
            pk__in=[user.pk for user in candidates if user_moderates(user=user)]
        )
