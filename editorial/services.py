"""Editorial roles as Wagtail groups and page permissions.

Who may edit what follows from where a page lives: a buurtverbinder gets their
wijk page's subtree, an organisation editor their organisation's subtree,
Communicatie a whole site. Each person is in a role group (admin access,
images, documents) and, for page rights, a group tied to one page.
A fuller role system (workflows, moderation per wijk) builds on this.
"""

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

# Rights on images and documents in the root collection (so in every collection).
CONTRIBUTOR_COLLECTION_PERMISSIONS = (
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
)
MANAGER_COLLECTION_PERMISSIONS = (
    *CONTRIBUTOR_COLLECTION_PERMISSIONS,
    "wagtailimages.change_image",
    "wagtailimages.delete_image",
    "wagtaildocs.change_document",
    "wagtaildocs.delete_document",
)
ROLE_COLLECTION_PERMISSIONS = {
    BUURTVERBINDERS: CONTRIBUTOR_COLLECTION_PERMISSIONS,
    ORGANISATION_EDITORS: CONTRIBUTOR_COLLECTION_PERMISSIONS,
    COMMUNICATIE: MANAGER_COLLECTION_PERMISSIONS,
    BEHEERDERS: MANAGER_COLLECTION_PERMISSIONS,
}

ROLE_MODEL_PERMISSIONS = {
    BUURTVERBINDERS: (),
    ORGANISATION_EDITORS: (),
    COMMUNICATIE: (
        "helpboard.view_helprequest",
        "helpboard.change_helprequest",
        "helpboard.view_helpoffer",
        "helpboard.change_helpoffer",
    ),
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


@transaction.atomic
def role_groups_ensure() -> dict[str, Group]:
    """Create (or complete) the four role groups; each may enter the admin."""
    access_admin = permissions_get(names=("wagtailadmin.access_admin",))
    root_collection = Collection.get_first_root_node()
    groups = {}
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *access_admin, *permissions_get(names=ROLE_MODEL_PERMISSIONS[role])
        )
        for permission in permissions_get(names=ROLE_COLLECTION_PERMISSIONS[role]):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
        groups[role] = group
    return groups


def _site_label(page: Page) -> str:
    site = page.get_site()
    if site is None:
        return ""
    return f" ({site.site_name or site.hostname})"


@transaction.atomic
def page_group_ensure(*, name: str, page: Page, codenames: tuple[str, ...]) -> Group:
    """A group with exactly these rights on ``page`` and everything below it."""
    group, _created = Group.objects.get_or_create(name=name)
    for permission in page_permissions_get(codenames=codenames):
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission
        )
    return group


@transaction.atomic
def buurtverbinder_grant(*, user, neighbourhood_page: Page) -> Group:
    """Let ``user`` draft and edit in one wijk (add and change, never publish)."""
    roles = role_groups_ensure()
    site_label = _site_label(neighbourhood_page)
    group = page_group_ensure(
        name=f"Buurtverbinders {neighbourhood_page.title}{site_label}",
        page=neighbourhood_page,
        codenames=EDITOR_PAGE_PERMISSIONS,
    )
    user.groups.add(roles[BUURTVERBINDERS], group)
    return group


@transaction.atomic
def organisation_editor_grant(*, user, organisation_page: Page) -> Group:
    """Let ``user`` edit one organisation and its events, vacancies and news."""
    roles = role_groups_ensure()
    group = page_group_ensure(
        name=f"Redactie {organisation_page.title}{_site_label(organisation_page)}",
        page=organisation_page,
        codenames=EDITOR_PAGE_PERMISSIONS,
    )
    user.groups.add(roles[ORGANISATION_EDITORS], group)
    return group


def communicatie_group_name(*, site: Site) -> str:
    return f"Communicatie {site.site_name or site.hostname}"


@transaction.atomic
def communicatie_grant(*, user, site: Site) -> Group:
    """Let ``user`` edit, publish and (un)lock every page of ``site``."""
    roles = role_groups_ensure()
    group = page_group_ensure(
        name=communicatie_group_name(site=site),
        page=site.root_page,
        codenames=COMMUNICATIE_PAGE_PERMISSIONS,
    )
    user.groups.add(roles[COMMUNICATIE], group)
    approval_workflow_ensure(site=site)
    return group


@transaction.atomic
def approval_workflow_ensure(*, site: Site) -> Workflow:
    """The site's "Goedkeuring" workflow: Communicatie of that site approves.

    It is attached to the site's root page, so every page of the site goes
    through it, and Communicatie of another site has no say in it.
    """
    label = site.site_name or site.hostname
    communicatie, _created = Group.objects.get_or_create(
        name=communicatie_group_name(site=site)
    )
    task, _created = GroupApprovalTask.objects.get_or_create(
        name=f"Goedkeuring door Communicatie ({label})"
    )
    task.groups.add(communicatie)
    workflow, _created = Workflow.objects.get_or_create(name=f"Goedkeuring ({label})")
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
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
