"""Four-eyes publishing: who may make a page live without the workflow, and the
log of every page that went live that way.

Every page of a site goes live through the site's "Goedkeuring" workflow: the
taalcheck, then approval by someone of Communicatie who neither submitted it
nor wrote the version (``editorial.models.FourEyesApprovalTask``). Publishing
past it ("direct") is for superusers, and for Communicatie only where the
site's Redactie-instellingen allow it (``EditorialSettings``, off by default).

Communicatie keeps Wagtail's ``publish_page`` permission: the approval in the
workflow publishes with it, and unpublishing, scheduling and moving live pages
need it. So this module does not take the permission away; the admin views
and API v3 ask ``direct_publishing_permitted`` before they publish
(``publishing_hooks``, ``publishing_actions``).

Whatever path a publish takes, Wagtail logs it ("wagtail.publish", or
"wagtail.publish.schedule" for a later moment, or "wagtail.create_alias" for a
live alias). ``direct_publish_record`` reads those entries: a publish by a
person of a revision that no finished workflow approved is a direct publish,
and gets a "buurtplein.direct_publish" entry in the page's history, which the
report "Direct gepubliceerd" lists. Publishes without a person (scheduled
publishing at its moment, the demo loader) are not direct publishes.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry, Site, WorkflowState

from .models import EditorialSettings

DIRECT_PUBLISH = "buurtplein.direct_publish"

# Wagtail's log actions that make a page live (or schedule it) by a person.
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.schedule")
ALIAS_ACTION = "wagtail.create_alias"

# How a direct publish happened, for the report.
HOW_PUBLISHED = "published"
HOW_SCHEDULED = "scheduled"
HOW_ALIAS = "alias"


def refusal_message() -> str:
    return str(
        _(
            "Direct publiceren staat uit op dit platform. Dien de pagina in ter "
            "goedkeuring: een collega van Communicatie keurt haar goed."
        )
    )


def site_for_page(*, page: Page) -> Site | None:
    """The site whose tree holds ``page`` (a saved page: for a new one, ask
    for its parent)."""
    steplen = Page.steplen
    ancestor_paths = [
        page.path[:length] for length in range(steplen, len(page.path) + 1, steplen)
    ]
    return (
        Site.objects.filter(root_page__path__in=ancestor_paths)
        .order_by("-root_page__depth")
        .first()
    )


def site_allows_direct_publishing(*, site: Site) -> bool:
    return EditorialSettings.for_site(site).communicatie_may_publish_directly


def direct_publishing_permitted(*, user, page: Page, new_child: bool = False) -> bool:
    """Whether ``user`` may publish ``page`` (``new_child``: a new page under
    it) without the workflow: Wagtail's publish permission, and then the
    four-eyes rule: a superuser always, anyone else only where the page's site
    allows it."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    permissions = page.permissions_for_user(user)
    if not (
        permissions.can_publish_subpage() if new_child else permissions.can_publish()
    ):
        return False
    if user.is_superuser:
        return True
    site = site_for_page(page=page)
    return site is not None and site_allows_direct_publishing(site=site)


def approved_in_workflow(*, page: Page, revision_id: int | None) -> bool:
    """Whether a finished workflow approved this revision of ``page``: a person
    (not the taalcheck) approved a task on it and the workflow was approved."""
    if revision_id is None:
        return False
    return WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=str(page.pk),
        status=WorkflowState.STATUS_APPROVED,
        task_states__revision_id=revision_id,
        task_states__status="approved",
        task_states__finished_by__isnull=False,
    ).exists()


def _how(entry: PageLogEntry) -> str | None:
    if entry.action == "wagtail.publish":
        return HOW_PUBLISHED
    if entry.action == "wagtail.publish.schedule":
        return HOW_SCHEDULED
    if entry.action == ALIAS_ACTION:
        return HOW_ALIAS
    return None


def direct_publish_record(*, entry: PageLogEntry) -> PageLogEntry | None:
    """Log a direct publish if Wagtail's log ``entry`` is one (see the module
    docstring); returns the new entry, or None."""
    how = _how(entry)
    if how is None or entry.user_id is None:
        return None
    page = Page.objects.filter(pk=entry.page_id).first()
    if page is None:
        return None
    if how == HOW_ALIAS:
        if not page.live:
            return None
    elif approved_in_workflow(page=page, revision_id=entry.revision_id):
        return None
    user = entry.user
    return log(
        instance=page.specific_deferred,
        action=DIRECT_PUBLISH,
        user=user,
        revision=entry.revision,
        uuid=entry.uuid,
        data={
            "how": how,
            "superuser": user.is_superuser,
            "permitted": direct_publishing_permitted(user=user, page=page),
            "wagtail_log_entry_id": entry.pk,
        },
    )


def log_actions() -> tuple[tuple[str, str, str], ...]:
    return (
        (
            DIRECT_PUBLISH,
            _("Direct gepubliceerd"),
            _("Gepubliceerd zonder goedkeuring door een ander"),
        ),
    )
