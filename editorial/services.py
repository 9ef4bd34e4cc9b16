"""Editorial roles as Wagtail groups and page permissions.

Who may edit what follows from where a page lives: a buurtverbinder gets their
wijk page's subtree, an organisation editor their organisation's subtree,
Communicatie a whole site. Each person is in a role group (admin access,
images, documents) and, for page rights, a group tied to one page.
Each wijk, organisation and site has a team (``editorial.models.Team``): a
group with page rights on that page's subtree and its own collection for
images and documents, so a team sees only its own media.

Beheerders are either of one site (a member of that site's Beheerders team,
given on Instellingen → Rollen) or, without such a team, of every site.
Nobody but a superuser edits groups or superusers: a Beheerder gives people
roles here, within the sites they administer (``editorial.role_access``), and
every role given or taken away is logged in Wagtail's audit log with who,
whom, what and when (``role_change_log``).
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import (
    FourEyesApprovalTask,
    TaalcheckTask,
    Team,
    TeamCollection,
    TeamRole,
)

BUURTVERBINDERS = "Buurtverbinders"
ORGANISATION_EDITORS = "Organisatie-redacteuren"
COMMUNICATIE = "Communicatie"
BEHEERDERS = "Beheerders"
ROLES = (BUURTVERBINDERS, ORGANISATION_EDITORS, COMMUNICATIE, BEHEERDERS)

# Page rights per role. Nobody but Communicatie publishes: drafts go to approval.
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
COMMUNICATIE_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
)

# Rights on images and documents, given on a team's own collection.
TEAM_COLLECTION_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtailimages.change_image",
    "wagtailimages.delete_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
    "wagtaildocs.change_document",
    "wagtaildocs.delete_document",
)

# The pages that get a team of their own when they are created.
TEAM_PAGE_MODELS = {
    "neighbourhoods.NeighbourhoodPage": TeamRole.BUURTVERBINDERS,
    "socialmap.OrganisationPage": TeamRole.ORGANISATION_EDITORS,
}
TEAM_PAGE_PERMISSIONS = {
    TeamRole.BUURTVERBINDERS: EDITOR_PAGE_PERMISSIONS,
    TeamRole.ORGANISATION_EDITORS: EDITOR_PAGE_PERMISSIONS,
    TeamRole.COMMUNICATIE: COMMUNICATIE_PAGE_PERMISSIONS,
    # A site's Beheerders edit no pages: the team says which site they administer.
    TeamRole.BEHEERDERS: (),
}
TEAM_ROLE_GROUP = {
    TeamRole.BUURTVERBINDERS: BUURTVERBINDERS,
    TeamRole.ORGANISATION_EDITORS: ORGANISATION_EDITORS,
    TeamRole.COMMUNICATIE: COMMUNICATIE,
    TeamRole.BEHEERDERS: BEHEERDERS,
}

# An organisation's editors keep its profile, events and vacancies up to date
# from their own system: they make, rename and revoke their OWN API tokens
# (Wagtail lets only holders of auth.change_user manage others' tokens, so no
# role that can manage users may carry these: a Beheerder would otherwise make
# a token for Communicatie and act as them).
API_TOKEN_PERMISSIONS = (
    "wagtailcore.add_apitoken",
    "wagtailcore.change_apitoken",
    "wagtailcore.delete_apitoken",
)

ROLE_MODEL_PERMISSIONS = {
    BUURTVERBINDERS: (),
    ORGANISATION_EDITORS: API_TOKEN_PERMISSIONS,
    # Help posts follow page rights (helpboard.wagtail_hooks), not model permissions.
    COMMUNICATIE: (),
    BEHEERDERS: (
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_user",
        # Never add, change or delete a group: whoever edits a group's
        # permissions can give themselves any role (GROUP_MANAGEMENT_PERMISSIONS).
        "auth.view_group",
        "wagtailcore.add_site",
        "wagtailcore.change_site",
        "wagtailcore.delete_site",
        "wagtailcore.view_site",
        "wagtailcore.add_collection",
        "wagtailcore.change_collection",
        "wagtailcore.delete_collection",
        "core.add_neighbourhood",
        "core.change_neighbourhood",
        "core.delete_neighbourhood",
        "core.view_neighbourhood",
        "core.add_theme",
        "core.change_theme",
        "core.delete_theme",
        "core.view_theme",
        "core.add_targetgroup",
        "core.change_targetgroup",
        "core.delete_targetgroup",
        "core.view_targetgroup",
        # The help board's categories, of their own sites (helpboard.wagtail_hooks).
        "helpboard.add_helpcategory",
        "helpboard.change_helpcategory",
        "helpboard.delete_helpcategory",
        "helpboard.view_helpcategory",
        "core.change_platformsettings",
        # Instellingen → Persoonsgegevens: export and erase on a resident's request.
        "core.manage_personal_data",
        # Instellingen → Zoekwoorden: words with the same meaning, per platform.
        "socialmap.add_searchsynonym",
        "socialmap.change_searchsynonym",
        "socialmap.delete_searchsynonym",
        "socialmap.view_searchsynonym",
    ),
}


# What no role carries: group management is for superusers only.
GROUP_MANAGEMENT_PERMISSIONS = (
    "auth.add_group",
    "auth.change_group",
    "auth.delete_group",
)


def permissions_get(*, names: tuple[str, ...]) -> list[Permission]:
    """Permissions for 'app_label.codename' names; unknown names are an error."""
    permissions = []
    for name in names:
        app_label, codename = name.split(".", 1)
        permissions.append(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return permissions


def page_permissions_get(*, codenames: tuple[str, ...]) -> list[Permission]:
    return permissions_get(names=tuple(f"wagtailcore.{code}" for code in codenames))


def team_page_models() -> list[type[Page]]:
    return [apps.get_model(label) for label in TEAM_PAGE_MODELS]


@transaction.atomic
def role_groups_ensure() -> dict[str, Group]:
    """Create (or complete) the four role groups; each may enter the admin.

    Role groups carry no page or collection rights: those come with a team.
    """
    access_admin = permissions_get(names=("wagtailadmin.access_admin",))
    groups = {}
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *access_admin, *permissions_get(names=ROLE_MODEL_PERMISSIONS[role])
        )
        group.permissions.remove(*permissions_get(names=GROUP_MANAGEMENT_PERMISSIONS))
        if "auth.change_user" in ROLE_MODEL_PERMISSIONS[role]:
            group.permissions.remove(*permissions_get(names=API_TOKEN_PERMISSIONS))
        groups[role] = group
    root_collection = Collection.get_first_root_node()
    for permission in permissions_get(names=TEAM_COLLECTION_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(
            group=groups[BEHEERDERS], collection=root_collection, permission=permission
        )
    return groups


def site_label(site: Site) -> str:
    return site.site_name or site.hostname


def communicatie_group_name(*, site: Site) -> str:
    return f"Communicatie {site_label(site)}"


def _team_group_name(*, page: Page, role: str, site: Site | None) -> str:
    if role == TeamRole.COMMUNICATIE:
        return communicatie_group_name(site=site)
    if role == TeamRole.BEHEERDERS:
        name = f"Beheerders {site_label(site) if site else page.title}"
    else:
        prefix = "Buurtverbinders" if role == TeamRole.BUURTVERBINDERS else "Redactie"
        name = f"{prefix} {page.title}" + (f" ({site_label(site)})" if site else "")
    if Group.objects.filter(name=name).exists():
        name = f"{name} [{page.pk}]"
    return name[:150]


def _team_collection_create(
    *, page: Page, role: str, site: Site | None
) -> Collection | None:
    root = Collection.get_first_root_node()
    if role == TeamRole.BEHEERDERS:
        return None  # Beheerders have the root collection through their role
    if role == TeamRole.COMMUNICATIE:
        return root.add_child(name=site_label(site))
    parent = (site and communicatie_team_ensure(site=site).collection) or root
    return TeamCollection.objects.get(pk=parent.pk).add_child(name=page.title)


@transaction.atomic
def team_ensure(*, page: Page, role: str, site: Site | None = None) -> Team:
    """The team of ``page``: its group, page rights and collection (idempotent).

    ``site`` is the page's site, when the caller knows it better than Wagtail's
    cache of site roots (a site being saved).
    """
    team = (
        Team.objects.select_related("group", "collection")
        .filter(page=page, role=role)
        .first()
    )
    if team is None:
        site = site or page.get_site()
        name = _team_group_name(page=page, role=role, site=site)
        group, _created = Group.objects.get_or_create(name=name)
        team = Team.objects.create(
            role=role,
            page=page,
            group=group,
            collection=_team_collection_create(page=page, role=role, site=site),
        )
    for permission in page_permissions_get(codenames=TEAM_PAGE_PERMISSIONS[role]):
        GroupPagePermission.objects.get_or_create(
            group=team.group, page=page, permission=permission
        )
    if team.collection is not None:
        for permission in permissions_get(names=TEAM_COLLECTION_PERMISSIONS):
            GroupCollectionPermission.objects.get_or_create(
                group=team.group, collection=team.collection, permission=permission
            )
    return team


def page_team_ensure(*, page: Page) -> Team | None:
    """The team a newly created wijk or organisation page needs, if it needs one."""
    for label, role in TEAM_PAGE_MODELS.items():
        if isinstance(page, apps.get_model(label)):
            return team_ensure(page=page, role=role)
    return None


@transaction.atomic
def communicatie_team_ensure(*, site: Site) -> Team:
    return team_ensure(page=site.root_page, role=TeamRole.COMMUNICATIE, site=site)


@transaction.atomic
def team_member_add(*, user, team: Team) -> None:
    """Give ``user`` the team's rights and the admin access of its role."""
    roles = role_groups_ensure()
    user.groups.add(roles[TEAM_ROLE_GROUP[team.role]], team.group)
    if team.role == TeamRole.COMMUNICATIE:
        approval_workflow_ensure(site=Site.objects.get(root_page=team.page))


@transaction.atomic
def team_member_remove(*, user, team: Team) -> None:
    """Take ``user`` out of the team, and out of its role if no team of it is left."""
    user.groups.remove(team.group)
    still_in_role = Team.objects.filter(
        role=team.role, group__in=user.groups.all()
    ).exists()
    if not still_in_role:
        user.groups.remove(*Group.objects.filter(name=TEAM_ROLE_GROUP[team.role]))


@transaction.atomic
def buurtverbinder_grant(*, user, neighbourhood_page: Page) -> Group:
    """Let ``user`` draft and edit in one wijk (add and change, never publish)."""
    team = team_ensure(page=neighbourhood_page, role=TeamRole.BUURTVERBINDERS)
    team_member_add(user=user, team=team)
    return team.group


@transaction.atomic
def organisation_editor_grant(*, user, organisation_page: Page) -> Group:
    """Let ``user`` edit one organisation and its events, vacancies and news."""
    team = team_ensure(page=organisation_page, role=TeamRole.ORGANISATION_EDITORS)
    team_member_add(user=user, team=team)
    return team.group


@transaction.atomic
def communicatie_grant(*, user, site: Site) -> Group:
    """Let ``user`` edit, publish and (un)lock every page of ``site``."""
    team = communicatie_team_ensure(site=site)
    team_member_add(user=user, team=team)
    return team.group


@transaction.atomic
def approval_workflow_ensure(*, site: Site) -> Workflow:
    """The site's "Goedkeuring" workflow: the taalcheck, then Communicatie.

    It is attached to the site's root page, so every page of the site goes
    through it, and Communicatie of another site has no say in it.
    """
    label = site_label(site)
    communicatie = communicatie_team_ensure(site=site).group
    taalcheck, _created = TaalcheckTask.objects.get_or_create(
        name=f"Taalcheck ({label})"
    )
    approval, _created = FourEyesApprovalTask.objects.get_or_create(
        name=f"Goedkeuring door Communicatie ({label})"
    )
    approval.groups.add(communicatie)
    workflow, _created = Workflow.objects.get_or_create(name=f"Goedkeuring ({label})")
    for sort_order, task in enumerate((taalcheck, approval)):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": sort_order}
        )
    WorkflowPage.objects.update_or_create(
        page=site.root_page, defaults={"workflow": workflow}
    )
    return workflow


@transaction.atomic
def beheerder_grant(*, user) -> Group:
    """Let ``user`` administer every site: people (through their roles), sites,
    settings and taxonomies. A Beheerder of every site is of no site in
    particular, so their site Beheerder teams go."""
    group = role_groups_ensure()[BEHEERDERS]
    user.groups.add(group)
    user.groups.remove(*Group.objects.filter(editorial_team__role=TeamRole.BEHEERDERS))
    return group


@transaction.atomic
def site_beheerder_team_ensure(*, site: Site) -> Team:
    """The team of the Beheerders of ``site`` (created the first time it is given)."""
    return team_ensure(page=site.root_page, role=TeamRole.BEHEERDERS, site=site)


@transaction.atomic
def site_beheerder_grant(*, user, site: Site) -> Group:
    """Let ``user`` administer ``site``: its people's roles and residents' data."""
    team = site_beheerder_team_ensure(site=site)
    team_member_add(user=user, team=team)
    return team.group


def user_is_beheerder(user) -> bool:
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=BEHEERDERS).exists()
    )


def user_is_global_beheerder(user) -> bool:
    """A Beheerder of every site: in the Beheerders role and in no site's team."""
    return user_is_beheerder(user) and (
        user.is_superuser
        or not user.groups.filter(editorial_team__role=TeamRole.BEHEERDERS).exists()
    )


# Role keys, as role_choices() offers them and the audit log records them.
BEHEERDER_KEY = "beheerder"
SITE_BEHEERDER_KEY_PREFIX = "beheerder:"
TEAM_KEY_PREFIX = "team:"
GROUP_KEY_PREFIX = "group:"
SUPERUSER_KEY = "superuser"

# Log actions (registered in editorial/role_hooks.py); the entry's object is
# the person, its user who gave or took the role, its data what and where.
ROLE_GRANT_ACTION = "buurtplein.role_grant"
ROLE_REVOKE_ACTION = "buurtplein.role_revoke"
ROLE_ACTIONS = (ROLE_GRANT_ACTION, ROLE_REVOKE_ACTION)
VIA_ROLES_PAGE = "rollen"
VIA_USER_FORM = "gebruikersformulier"
VIA_BULK_ACTION = "bulkactie"


def site_beheerder_key(site_id: int) -> str:
    return f"{SITE_BEHEERDER_KEY_PREFIX}{site_id}"


class RoleChangeRefused(PermissionDenied):
    """A role change the acting user may not make; the message says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _team_for_key(key: str) -> Team | None:
    prefix, _sep, pk = key.partition(":")
    if prefix != "team" or not pk.isdigit():
        return None
    return Team.objects.select_related("page").filter(pk=int(pk)).first()


def _site_for_beheerder_key(key: str) -> Site | None:
    if not key.startswith(SITE_BEHEERDER_KEY_PREFIX):
        return None
    pk = key.removeprefix(SITE_BEHEERDER_KEY_PREFIX)
    if not pk.isdigit():
        return None
    return Site.objects.select_related("root_page").filter(pk=int(pk)).first()


def _group_ids(user) -> set[int]:
    return set(user.groups.values_list("pk", flat=True))


def role_change_log(*, action: str, user, by, choice, via: str) -> None:
    """Record in Wagtail's audit log that ``by`` gave (or took) ``choice`` to
    (from) ``user``; the person's history in the admin shows it too."""
    log(
        instance=user,
        action=action,
        user=by,
        data={
            "role": choice.key,
            "role_label": str(choice.label),
            "site_id": choice.site_id,
            "site": choice.site_label,
            "via": via,
        },
    )


def _refuse_if_not_allowed(*, by, user, key: str, grant: bool) -> None:
    if by is None:
        return  # the system itself (the demo, a management command)
    from .role_access import role_change_refusal

    refusal = role_change_refusal(actor=by, person=user, key=key, grant=grant)
    if refusal:
        raise RoleChangeRefused(refusal)


@transaction.atomic
def role_grant(*, user, key: str, by=None, via: str = VIA_ROLES_PAGE) -> bool:
    """Give ``user`` the role a ``role_choices()`` key stands for.

    ``by`` is who gives it: they must be allowed to (``RoleChangeRefused``
    says why not), and the change is logged. Returns whether anything changed.
    """
    from .selectors import role_choice_for_key

    choice = role_choice_for_key(key)
    if choice is None:
        raise ValueError(f"Unknown role {key!r}")
    _refuse_if_not_allowed(by=by, user=user, key=key, grant=True)
    before = _group_ids(user)
    if key == BEHEERDER_KEY:
        beheerder_grant(user=user)
    elif site := _site_for_beheerder_key(key):
        if user_is_global_beheerder(user) and not user.is_superuser:
            raise RoleChangeRefused(
                _("Deze persoon is al beheerder van alle platforms.")
            )
        site_beheerder_grant(user=user, site=site)
    else:
        team_member_add(user=user, team=_team_for_key(key))
    changed = _group_ids(user) != before
    if changed:
        role_change_log(
            action=ROLE_GRANT_ACTION, user=user, by=by, choice=choice, via=via
        )
    return changed


@transaction.atomic
def role_revoke(*, user, key: str, by=None, via: str = VIA_ROLES_PAGE) -> bool:
    """Take the role a ``role_choices()`` key stands for away from ``user``;
    checked and logged like ``role_grant``. Returns whether anything changed."""
    from .selectors import role_choice_for_key

    choice = role_choice_for_key(key)
    if choice is None:
        raise ValueError(f"Unknown role {key!r}")
    _refuse_if_not_allowed(by=by, user=user, key=key, grant=False)
    before = _group_ids(user)
    if key == BEHEERDER_KEY:
        user.groups.remove(*Group.objects.filter(name=BEHEERDERS))
    elif site := _site_for_beheerder_key(key):
        team = Team.objects.filter(page=site.root_page, role=TeamRole.BEHEERDERS)
        if team.exists():
            team_member_remove(user=user, team=team.get())
    else:
        team_member_remove(user=user, team=_team_for_key(key))
    changed = _group_ids(user) != before
    if changed:
        role_change_log(
            action=ROLE_REVOKE_ACTION, user=user, by=by, choice=choice, via=via
        )
    return changed


def group_changes_log(
    *,
    user,
    by,
    groups_before: set[int],
    groups_after: set[int],
    superuser_before: bool,
    superuser_after: bool,
    via: str,
) -> None:
    """Log what a superuser changed directly (the user form, a bulk action):
    each group added or removed, and superuser status given or taken."""
    from .selectors import role_choice_for_group, superuser_choice

    if superuser_after != superuser_before:
        role_change_log(
            action=ROLE_GRANT_ACTION if superuser_after else ROLE_REVOKE_ACTION,
            user=user,
            by=by,
            choice=superuser_choice(),
            via=via,
        )
    changes = [(ROLE_GRANT_ACTION, pk) for pk in groups_after - groups_before] + [
        (ROLE_REVOKE_ACTION, pk) for pk in groups_before - groups_after
    ]
    groups = Group.objects.in_bulk([pk for _action, pk in changes])
    for action, pk in changes:
        if pk in groups:
            role_change_log(
                action=action,
                user=user,
                by=by,
                choice=role_choice_for_group(groups[pk]),
                via=via,
            )
