"""Who may give which role, and whose account a Beheerder may manage.

The rule is one sentence: a Beheerder may do to a person only what they could
have done through Instellingen → Rollen. So a Beheerder

- gives and takes only the roles of the sites they administer (every site for
  a Beheerder of all platforms), never superuser status, never to themselves;
- manages (edits, resets the password of, deactivates, deletes) only accounts
  whose every group is a role they could have given: never a superuser, never
  someone in a group a superuser made by hand, and a Beheerder of one site
  never a Beheerder of every site or someone with a role on another site.

Superusers may do everything. The results are kept on the acting user object
for the rest of the request, so a listing asks the database once.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Site

from .models import Team, TeamRole
from .selectors import RoleChoice, role_choice_for_key, role_choices
from .services import BEHEERDER_KEY, BEHEERDERS, ROLES


@dataclass(frozen=True)
class BeheerderScope:
    """What a user administers: nothing, some sites, or every site."""

    is_beheerder: bool
    all_sites: bool
    site_ids: frozenset[int]

    def covers(self, site_id: int | None) -> bool:
        """Whether a role or record of this site (None: of no site) is theirs."""
        if not self.is_beheerder:
            return False
        return self.all_sites or (site_id is not None and site_id in self.site_ids)


NO_SCOPE = BeheerderScope(is_beheerder=False, all_sites=False, site_ids=frozenset())
ALL_SITES = BeheerderScope(is_beheerder=True, all_sites=True, site_ids=frozenset())


def beheerder_scope(*, user) -> BeheerderScope:
    """Superusers and Beheerders without a site team administer every site; a
    member of sites' Beheerders teams those sites; anyone else none."""
    cached = getattr(user, "_editorial_beheerder_scope", None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        scope = NO_SCOPE
    elif user.is_superuser:
        scope = ALL_SITES
    elif not user.groups.filter(name=BEHEERDERS).exists():
        scope = NO_SCOPE
    else:
        root_ids = Team.objects.filter(
            role=TeamRole.BEHEERDERS, group__in=user.groups.all()
        ).values("page_id")
        site_ids = frozenset(
            Site.objects.filter(root_page_id__in=root_ids).values_list("pk", flat=True)
        )
        has_teams = Team.objects.filter(
            role=TeamRole.BEHEERDERS, group__in=user.groups.all()
        ).exists()
        scope = (
            BeheerderScope(is_beheerder=True, all_sites=False, site_ids=site_ids)
            if has_teams
            else ALL_SITES
        )
    user._editorial_beheerder_scope = scope
    return scope


def beheerder_sites(*, user) -> list[Site] | None:
    """The sites ``user`` administers; None for every site."""
    scope = beheerder_scope(user=user)
    if scope.all_sites:
        return None
    return list(Site.objects.filter(pk__in=scope.site_ids).order_by("site_name"))


def grantable_role_choices(*, user) -> list[RoleChoice]:
    """The roles ``user`` may give and take on Instellingen → Rollen."""
    scope = beheerder_scope(user=user)
    if not scope.is_beheerder:
        return []
    return [
        choice
        for choice in role_choices()
        if scope.all_sites
        or (choice.key != BEHEERDER_KEY and scope.covers(choice.site_id))
    ]


def role_change_refusal(*, actor, person, key: str, grant: bool) -> str | None:
    """Why ``actor`` may not give (``grant``) or take this role; None if they may."""
    if actor.is_active and actor.is_superuser:
        return None
    scope = beheerder_scope(user=actor)
    if not scope.is_beheerder:
        return _("Alleen beheerders geven rollen.")
    if person.is_superuser:
        return _("De rollen van een superuser beheer je hier niet.")
    if grant and person.pk == actor.pk:
        return _("Je kunt jezelf geen rol geven. Vraag een andere beheerder.")
    choice = role_choice_for_key(key)
    if choice is None:
        return _("Deze rol bestaat niet (meer).")
    if key == BEHEERDER_KEY and not scope.all_sites:
        return _("Alleen een beheerder van alle platforms geeft deze rol.")
    if key != BEHEERDER_KEY and not scope.covers(choice.site_id):
        return _("Deze rol hoort bij een platform dat je niet beheert.")
    return None


def _team_groups_in_scope(scope: BeheerderScope) -> set[int]:
    teams = Team.objects.all()
    if not scope.all_sites:
        roots = Site.objects.filter(pk__in=scope.site_ids).values_list(
            "root_page__path", flat=True
        )
        query = Q()
        for path in roots:
            query |= Q(page__path__startswith=path)
        teams = teams.filter(query) if query else teams.none()
    return set(teams.values_list("group_id", flat=True))


@dataclass(frozen=True)
class ManageableGroups:
    team_group_ids: frozenset[int]
    site_beheerder_group_ids: frozenset[int]
    role_group_ids: dict[str, int]


def _manageable_groups(actor, scope: BeheerderScope) -> ManageableGroups:
    cached = getattr(actor, "_editorial_manageable_groups", None)
    if cached is not None:
        return cached
    in_scope = _team_groups_in_scope(scope)
    beheerder_teams = set(
        Team.objects.filter(
            role=TeamRole.BEHEERDERS, group_id__in=in_scope
        ).values_list("group_id", flat=True)
    )
    result = ManageableGroups(
        team_group_ids=frozenset(in_scope),
        site_beheerder_group_ids=frozenset(beheerder_teams),
        role_group_ids=dict(
            Group.objects.filter(name__in=ROLES).values_list("name", "pk")
        ),
    )
    actor._editorial_manageable_groups = result
    return result


def account_manageable(*, actor, account) -> bool:
    """Whether ``actor`` may edit, deactivate, reset or delete ``account``.

    Uses ``account.groups.all()``, so a listing can prefetch them.
    """
    if not actor.is_active:
        return False
    if actor.is_superuser:
        return True
    scope = beheerder_scope(user=actor)
    if not scope.is_beheerder or account.is_superuser:
        return False
    if account.pk == actor.pk:
        return True  # their own name, address and password; never their roles
    groups = _manageable_groups(actor, scope)
    group_ids = {group.pk for group in account.groups.all()}
    beheerders_id = groups.role_group_ids.get(BEHEERDERS)
    if beheerders_id in group_ids and not scope.all_sites:
        # A Beheerder of every site, or of a site not theirs, is out of reach.
        if not group_ids & groups.site_beheerder_group_ids:
            return False
        group_ids.discard(beheerders_id)
    allowed = set(groups.team_group_ids) | set(groups.role_group_ids.values())
    if not scope.all_sites:
        allowed.discard(beheerders_id)
    return group_ids <= allowed
