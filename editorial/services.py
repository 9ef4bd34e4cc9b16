"""Editorial roles as Wagtail groups and page permissions.

Who may edit what follows from where a page lives: a buurtverbinder gets their
wijk page's subtree, an organisation editor their organisation's subtree,
Communicatie a whole site. Each person is in a role group (admin access,
images, documents) and, for page rights, a group tied to one page.
Each wijk, organisation and site has a team (``editorial.models.Team``): a
group with page rights on that page's subtree and its own collection for
images and documents, so a team sees only its own media.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import TaalcheckTask, Team, TeamCollection, TeamRole

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
}
TEAM_ROLE_GROUP = {
    TeamRole.BUURTVERBINDERS: BUURTVERBINDERS,
    TeamRole.ORGANISATION_EDITORS: ORGANISATION_EDITORS,
    TeamRole.COMMUNICATIE: COMMUNICATIE,
}

ROLE_MODEL_PERMISSIONS = {
    BUURTVERBINDERS: (),
    ORGANISATION_EDITORS: (),
    # Help posts follow page rights (helpboard.wagtail_hooks), not model permissions.
    COMMUNICATIE: (),
    BEHEERDERS: (
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_user",
        "auth.add_group",
        "auth.change_group",
        "auth.delete_group",
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
        "core.change_platformsettings",
        # Instellingen → Persoonsgegevens: export and erase on a resident's request.
        "core.manage_personal_data",
    ),
}


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
    prefix = "Buurtverbinders" if role == TeamRole.BUURTVERBINDERS else "Redactie"
    name = f"{prefix} {page.title}" + (f" ({site_label(site)})" if site else "")
    if Group.objects.filter(name=name).exists():
        name = f"{name} [{page.pk}]"
    return name[:150]


def _team_collection_create(*, page: Page, role: str, site: Site | None) -> Collection:
    root = Collection.get_first_root_node()
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
    team = Team.objects.select_related("group", "collection").filter(page=page).first()
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
    approval, _created = GroupApprovalTask.objects.get_or_create(
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
    """Let ``user`` manage users, groups, sites, settings and taxonomies."""
    group = role_groups_ensure()[BEHEERDERS]
    user.groups.add(group)
    return group


def user_is_beheerder(user) -> bool:
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=BEHEERDERS).exists()
    )


BEHEERDER_KEY = "beheerder"


def _team_for_key(key: str) -> Team | None:
    prefix, _sep, pk = key.partition(":")
    if prefix != "team" or not pk.isdigit():
        return None
    return Team.objects.select_related("page").filter(pk=int(pk)).first()


@transaction.atomic
def role_grant(*, user, key: str) -> None:
    """Give ``user`` the role a ``role_choices()`` key stands for."""
    if key == BEHEERDER_KEY:
        beheerder_grant(user=user)
        return
    team = _team_for_key(key)
    if team is None:
        raise ValueError(f"Unknown role {key!r}")
    team_member_add(user=user, team=team)


@transaction.atomic
def role_revoke(*, user, key: str) -> None:
    """Take the role a ``role_choices()`` key stands for away from ``user``."""
    if key == BEHEERDER_KEY:
        user.groups.remove(*Group.objects.filter(name=BEHEERDERS))
        return
    team = _team_for_key(key)
    if team is None:
        raise ValueError(f"Unknown role {key!r}")
    team_member_remove(user=user, team=team)
