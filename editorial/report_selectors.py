"""Reads behind the reports for the municipality.

Every figure is computed here, from Wagtail's own records (pages, workflow and
task states) and the help board, so the admin report views only render and
export what these functions return, and tests can check the same figures.

Who sees what: a superuser or a Beheerder of every site sees every site; a
Beheerder of some sites (``editorial.role_access``) those sites; Communicatie
of a site (a member of the site's Communicatie ``Team``, the group that
approves in that site's workflow) sees that site. Nobody else sees reports.
The report of role changes is for Beheerders and superusers only.

The reports read other apps' models (wijk pages, help posts and referrals)
by their app label, never importing those apps, and never write them.
"""

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Max, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, Site, TaskState, WorkflowState, get_page_models

from core.models import IndexPage, Neighbourhood, TaxonomyMixin

from .models import Team, TeamRole
from .role_access import beheerder_scope
from .services import (
    ROLE_ACTIONS,
    ROLE_GRANT_ACTION,
    VIA_BULK_ACTION,
    VIA_ROLES_PAGE,
    VIA_USER_FORM,
    site_label,
)


def no_neighbourhood_label() -> str:
    return gettext("Geen wijk (hele gemeente)")


# Who may see which reports


def report_sites_for_user(*, user) -> list[Site]:
    """The sites whose figures ``user`` may see in the reports, by name."""
    if not user.is_authenticated or not user.is_active:
        return []
    sites = list(
        Site.objects.select_related("root_page").order_by("site_name", "hostname")
    )
    scope = beheerder_scope(user=user)
    if scope.all_sites:
        return sites
    administered = [site for site in sites if scope.covers(site.pk)]
    team_roots = set(
        Team.objects.filter(
            role=TeamRole.COMMUNICATIE, group__in=user.groups.all()
        ).values_list("page_id", flat=True)
    )
    return [
        site
        for site in sites
        if site.root_page_id in team_roots or site in administered
    ]


def user_may_view_reports(*, user) -> bool:
    """Superusers, Beheerders and Communicatie of at least one site."""
    if not user.is_authenticated or not user.is_active:
        return False
    if beheerder_scope(user=user).is_beheerder:
        return True
    return bool(report_sites_for_user(user=user))


def user_may_view_role_changes(*, user) -> bool:
    """Superusers and Beheerders: who gave whom which role."""
    return beheerder_scope(user=user).is_beheerder


# Pages of a set of sites


def _pages_in_sites(*, sites: Sequence[Site]) -> QuerySet[Page]:
    """Every page of ``sites``, their root pages included."""
    if not sites:
        return Page.objects.none()
    query = Q()
    for site in sites:
        query |= Q(path__startswith=site.root_page.path)
    return Page.objects.filter(query)


def _page_ids_as_text(*, sites: Sequence[Site]) -> QuerySet:
    # Workflow states point at their page with a text object_id; PostgreSQL
    # does not compare text with integers, so the ids are cast (as Wagtail does).
    return _pages_in_sites(sites=sites).values_list(
        Cast("id", output_field=CharField()), flat=True
    )


def _site_of_path(path: str, sites: Sequence[Site]) -> Site | None:
    for site in sites:
        if path.startswith(site.root_page.path):
            return site
    return None


@dataclass(frozen=True)
class _PageInfo:
    title: str
    site_name: str


def _page_infos(*, page_ids: set[int], sites: Sequence[Site]) -> dict[int, _PageInfo]:
    infos = {}
    for pk, title, path in Page.objects.filter(pk__in=page_ids).values_list(
        "pk", "title", "path"
    ):
        site = _site_of_path(path, sites)
        infos[pk] = _PageInfo(title=title, site_name=site_label(site) if site else "")
    return infos


def _within(moment: datetime, start: date | None, end: date | None) -> bool:
    day = timezone.localdate(moment)
    return (start is None or day >= start) and (end is None or day <= end)


# 1. Published items per wijk and type per month


def page_neighbourhood_ids(*, pages: Sequence[Page]) -> dict[int, set[int]]:
    """The wijken each page belongs to, by page id.

    A page's wijken are the ones it names itself (the ``neighbourhoods`` field
    of news, events, vacancies and organisations). A page that names none
    belongs to the wijk of the wijk page it lives under (a wijk page belongs to
    its own wijk). A page with neither concerns the whole town: an empty set.
    """
    result: dict[int, set[int]] = {page.pk: set() for page in pages}
    content_type_ids = {page.content_type_id for page in pages}
    for model in get_page_models():
        if not issubclass(model, TaxonomyMixin):
            continue
        content_type = ContentType.objects.get_for_model(model)
        if content_type.pk not in content_type_ids:
            continue
        tagged = model.objects.filter(pk__in=list(result)).values_list(
            "pk", "neighbourhoods"
        )
        for page_id, neighbourhood_id in tagged:
            if neighbourhood_id is not None:
                result[page_id].add(neighbourhood_id)

    wijk_pages = apps.get_model("neighbourhoods", "NeighbourhoodPage").objects
    wijk_paths = dict(wijk_pages.values_list("path", "neighbourhood_id"))
    for page in pages:
        if result[page.pk]:
            continue
        for depth in range(page.depth, 0, -1):
            neighbourhood_id = wijk_paths.get(page.path[: depth * Page.steplen])
            if neighbourhood_id is not None:
                result[page.pk].add(neighbourhood_id)
                break
    return result


def _item_content_types() -> list[ContentType]:
    """Page types that are items; index pages (Agenda, Nieuws, ...) are structure."""
    models = [model for model in get_page_models() if not issubclass(model, IndexPage)]
    return list(ContentType.objects.get_for_models(*models).values())


@dataclass(frozen=True)
class PublishedCount:
    month: date  # the first day of the month
    site_name: str
    neighbourhood: str
    page_type: str
    count: int

    @property
    def month_label(self) -> str:
        return self.month.strftime("%Y-%m")


def published_counts(
    *,
    sites: Sequence[Site],
    published_from: date | None = None,
    published_until: date | None = None,
) -> list[PublishedCount]:
    """How many items were first published, per month, site, wijk and page type.

    Counted: live pages below a site's home page, except index pages, by the
    month (Dutch time) of ``first_published_at``. Wagtail sets that on the
    first publication and keeps it when a page is republished, so a page
    counts once, in the month it first went live; it is also set for pages
    that were created already live (imports, the demo) and have no
    "wagtail.publish" log entry. A page that is no longer live is not counted.

    A page counts under each of its wijken (see ``page_neighbourhood_ids``),
    so the sum over wijken can exceed the number of pages; a page without a
    wijk counts under "Geen wijk (hele gemeente)". Optional dates (inclusive)
    limit the first-publication date.
    """
    roots = [site.root_page_id for site in sites]
    pages = (
        _pages_in_sites(sites=sites)
        .live()
        .exclude(pk__in=roots)
        .filter(
            first_published_at__isnull=False,
            content_type__in=_item_content_types(),
        )
        .only("pk", "path", "depth", "content_type_id", "first_published_at")
    )
    if published_from:
        pages = pages.filter(first_published_at__date__gte=published_from)
    if published_until:
        pages = pages.filter(first_published_at__date__lte=published_until)
    pages = list(pages)

    neighbourhood_ids = page_neighbourhood_ids(pages=pages)
    names = dict(
        Neighbourhood.objects.filter(
            pk__in={pk for ids in neighbourhood_ids.values() for pk in ids}
        ).values_list("pk", "name")
    )
    counts: Counter = Counter()
    for page in pages:
        month = timezone.localdate(page.first_published_at).replace(day=1)
        site = _site_of_path(page.path, sites)
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        page_type = capfirst(str(model._meta.verbose_name)) if model else ""
        wijken = [names[pk] for pk in neighbourhood_ids[page.pk]] or [None]
        for wijk in wijken:
            counts[(month, site_label(site), wijk, page_type)] += 1

    ordered = sorted(
        counts.items(),
        key=lambda item: (
            item[0][0],  # month
            item[0][1],  # site
            item[0][2] is None,  # "Geen wijk" after the wijken
            item[0][2] or "",
            item[0][3],  # page type
        ),
    )
    return [
        PublishedCount(
            month=month,
            site_name=site_name,
            neighbourhood=wijk or no_neighbourhood_label(),
            page_type=page_type,
            count=count,
        )
        for (month, site_name, wijk, page_type), count in ordered
    ]


# 2. Time from submission to approval


@dataclass(frozen=True)
class ApprovalTime:
    page_id: int
    page_title: str
    site_name: str
    submitted_by: str
    submitted_at: datetime
    approved_at: datetime

    @property
    def duration(self) -> timedelta:
        return self.approved_at - self.submitted_at

    @property
    def duration_hours(self) -> float:
        return round(self.duration.total_seconds() / 3600, 1)

    @property
    def duration_days(self) -> float:
        return round(self.duration.total_seconds() / 86400, 1)


def approval_times(
    *,
    sites: Sequence[Site],
    approved_from: date | None = None,
    approved_until: date | None = None,
) -> list[ApprovalTime]:
    """Each approved workflow of a page in ``sites``: from submission to approval.

    Submission is when the workflow started (``WorkflowState.created_at``);
    approval is when its last task was approved (the latest approved
    ``TaskState.finished_at``). Time the author spent on changes after a
    rejection within the same workflow counts too: that is the wait the
    resident sees. Optional dates (inclusive) limit the approval date.
    Slowest first.
    """
    states = (
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=_page_ids_as_text(sites=sites),
            status=WorkflowState.STATUS_APPROVED,
        )
        .annotate(
            approved_at=Max(
                "task_states__finished_at",
                filter=Q(task_states__status=TaskState.STATUS_APPROVED),
            )
        )
        .filter(approved_at__isnull=False)
        .select_related("requested_by")
    )
    states = [
        state
        for state in states
        if _within(state.approved_at, approved_from, approved_until)
    ]
    pages = _page_infos(page_ids={int(s.object_id) for s in states}, sites=sites)
    rows = [
        ApprovalTime(
            page_id=int(state.object_id),
            page_title=pages[int(state.object_id)].title,
            site_name=pages[int(state.object_id)].site_name,
            submitted_by=get_user_display_name(state.requested_by),
            submitted_at=timezone.localtime(state.created_at),
            approved_at=timezone.localtime(state.approved_at),
        )
        for state in states
        if int(state.object_id) in pages
    ]
    return sorted(rows, key=lambda row: (-row.duration, row.approved_at))


@dataclass(frozen=True)
class ApprovalTimeSummary:
    count: int
    median: timedelta | None
    slowest: ApprovalTime | None

    @property
    def median_hours(self) -> float | None:
        if self.median is None:
            return None
        return round(self.median.total_seconds() / 3600, 1)

    @property
    def median_days(self) -> float | None:
        if self.median is None:
            return None
        return round(self.median.total_seconds() / 86400, 1)


def approval_time_summary(*, rows: Sequence[ApprovalTime]) -> ApprovalTimeSummary:
    """How many approvals, the median wait (``statistics.median``) and the slowest."""
    if not rows:
        return ApprovalTimeSummary(count=0, median=None, slowest=None)
    return ApprovalTimeSummary(
        count=len(rows),
        median=statistics.median(row.duration for row in rows),
        slowest=max(rows, key=lambda row: row.duration),
    )


# 3. Rejections


@dataclass(frozen=True)
class Rejection:
    page_id: int
    page_title: str
    site_name: str
    task_name: str
    author: str
    rejected_by: str
    rejected_at: datetime
    comment: str


def _page_task_states(*, sites: Sequence[Site]) -> QuerySet[TaskState]:
    return TaskState.objects.filter(
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__object_id__in=_page_ids_as_text(sites=sites),
    ).select_related("task", "workflow_state__requested_by", "finished_by")


def rejections(
    *,
    sites: Sequence[Site],
    rejected_from: date | None = None,
    rejected_until: date | None = None,
) -> list[Rejection]:
    """Every rejected task of a page in ``sites``, newest first.

    The author is who submitted the page for approval; the comment is the
    one the approver gave with the rejection. Optional dates (inclusive)
    limit the rejection date.
    """
    task_states = _page_task_states(sites=sites).filter(
        status=TaskState.STATUS_REJECTED, finished_at__isnull=False
    )
    if rejected_from:
        task_states = task_states.filter(finished_at__date__gte=rejected_from)
    if rejected_until:
        task_states = task_states.filter(finished_at__date__lte=rejected_until)
    task_states = list(task_states.order_by("-finished_at", "-pk"))
    pages = _page_infos(
        page_ids={int(ts.workflow_state.object_id) for ts in task_states}, sites=sites
    )
    return [
        Rejection(
            page_id=page_id,
            page_title=pages[page_id].title,
            site_name=pages[page_id].site_name,
            task_name=task_state.task.name,
            author=get_user_display_name(task_state.workflow_state.requested_by),
            rejected_by=get_user_display_name(task_state.finished_by),
            rejected_at=timezone.localtime(task_state.finished_at),
            comment=task_state.comment,
        )
        for task_state in task_states
        if (page_id := int(task_state.workflow_state.object_id)) in pages
    ]


# 4. Open tasks by age

#: Upper bounds (exclusive) of the age groups, in days; the last group is open.
AGE_GROUP_LIMITS = (2, 7, 30)


def age_group_labels() -> list[str]:
    return [
        gettext("minder dan 2 dagen"),
        gettext("2 tot 7 dagen"),
        gettext("7 tot 30 dagen"),
        gettext("30 dagen of langer"),
    ]


def age_group_index(age: timedelta) -> int:
    """0 for less than 2 days, 1 for 2 up to 7, 2 for 7 up to 30, 3 for 30 or more."""
    for index, limit in enumerate(AGE_GROUP_LIMITS):
        if age < timedelta(days=limit):
            return index
    return len(AGE_GROUP_LIMITS)


@dataclass(frozen=True)
class OpenTask:
    page_id: int
    page_title: str
    site_name: str
    task_name: str
    submitted_by: str
    started_at: datetime
    age: timedelta

    @property
    def age_days(self) -> int:
        """Whole days waiting: 1 day and 23 hours is 1."""
        return self.age.days

    @property
    def age_group(self) -> str:
        return age_group_labels()[age_group_index(self.age)]


def open_tasks(*, sites: Sequence[Site], now: datetime | None = None) -> list[OpenTask]:
    """Tasks of pages in ``sites`` waiting for a decision, oldest first.

    The age is the time since the task started (for the first task: since
    the page was submitted) until ``now``.
    """
    now = now or timezone.now()
    task_states = list(
        _page_task_states(sites=sites)
        .filter(status=TaskState.STATUS_IN_PROGRESS)
        .order_by("started_at", "pk")
    )
    pages = _page_infos(
        page_ids={int(ts.workflow_state.object_id) for ts in task_states}, sites=sites
    )
    return [
        OpenTask(
            page_id=page_id,
            page_title=pages[page_id].title,
            site_name=pages[page_id].site_name,
            task_name=task_state.task.name,
            submitted_by=get_user_display_name(task_state.workflow_state.requested_by),
            started_at=timezone.localtime(task_state.started_at),
            age=now - task_state.started_at,
        )
        for task_state in task_states
        if (page_id := int(task_state.workflow_state.object_id)) in pages
    ]


@dataclass(frozen=True)
class AgeGroupCount:
    label: str
    count: int


def open_task_age_summary(*, rows: Sequence[OpenTask]) -> list[AgeGroupCount]:
    """How many open tasks fall in each age group, every group listed."""
    counts = Counter(age_group_index(row.age) for row in rows)
    return [
        AgeGroupCount(label=label, count=counts[index])
        for index, label in enumerate(age_group_labels())
    ]


# 5. Help requests and offers handled per wijk


@dataclass
class HelpPostCounts:
    """Requests and offers of one wijk, by status, and the neighbours' answers.

    Open: not decided yet ('submitted' or 'changes_requested'); handled:
    published, closed or rejected.
    """

    site_name: str
    neighbourhood: str
    requests_open: int = 0
    requests_published: int = 0
    requests_closed: int = 0
    requests_rejected: int = 0
    offers_open: int = 0
    offers_published: int = 0
    offers_closed: int = 0
    offers_rejected: int = 0
    responses: int = 0

    @property
    def requests_handled(self) -> int:
        return self.requests_published + self.requests_closed + self.requests_rejected

    @property
    def offers_handled(self) -> int:
        return self.offers_published + self.offers_closed + self.offers_rejected


# The help board's statuses (helpboard.models.HelpStatus) and their columns.
_STATUS_FIELDS = {
    "submitted": "open",
    "changes_requested": "open",
    "published": "published",
    "closed": "closed",
    "rejected": "rejected",
}
# The help board's kinds (helpboard.models.HelpKind) and their columns.
_KIND_PREFIXES = {"vraag": "requests", "aanbod": "offers"}


def help_posts_per_neighbourhood(
    *,
    sites: Sequence[Site],
    submitted_from: date | None = None,
    submitted_until: date | None = None,
) -> list[HelpPostCounts]:
    """Help requests and offers of ``sites`` per wijk, open and handled by status.

    "Handled" means a moderator decided: published, closed or rejected;
    "open" means not decided yet: 'submitted', or 'changes_requested' (the
    moderator asked the resident for a change). ``responses`` counts the
    neighbours' answers (``HelpResponse``) to the counted posts. Every wijk of
    the sites has a row (zeros included); posts without a wijk get a "Geen
    wijk" row per site. Optional dates (inclusive) limit the submission date
    of the posts.
    """
    site_names = {site.pk: site_label(site) for site in sites}
    wijken = Neighbourhood.objects.filter(site__in=site_names).only(
        "pk", "name", "site_id"
    )
    rows: dict[tuple[int, int | None], HelpPostCounts] = {
        (wijk.site_id, wijk.pk): HelpPostCounts(
            site_name=site_names[wijk.site_id], neighbourhood=wijk.name
        )
        for wijk in wijken
    }
    names = {pk: row.neighbourhood for (_site, pk), row in rows.items()}
    posts = apps.get_model("helpboard.HelpPost").objects.filter(site__in=site_names)
    if submitted_from:
        posts = posts.filter(created_at__date__gte=submitted_from)
    if submitted_until:
        posts = posts.filter(created_at__date__lte=submitted_until)
    grouped = (
        posts.order_by()
        .values_list("site_id", "neighbourhood_id", "kind", "status")
        .annotate(count=Count("pk"))
    )

    def row_of(site_id: int, neighbourhood_id: int | None) -> HelpPostCounts:
        key = (site_id, neighbourhood_id)
        if key not in rows:
            rows[key] = HelpPostCounts(
                site_name=site_names[site_id],
                neighbourhood=_neighbourhood_name(neighbourhood_id, names),
            )
        return rows[key]

    for site_id, neighbourhood_id, kind, status, count in grouped:
        row = row_of(site_id, neighbourhood_id)
        field = f"{_KIND_PREFIXES[kind]}_{_STATUS_FIELDS[status]}"
        setattr(row, field, getattr(row, field) + count)
    responses = (
        apps.get_model("helpboard.HelpResponse")
        .objects.filter(post__in=posts)
        .order_by()
        .values_list("post__site_id", "post__neighbourhood_id")
        .annotate(count=Count("pk"))
    )
    for site_id, neighbourhood_id, count in responses:
        row_of(site_id, neighbourhood_id).responses += count
    ordered = sorted(
        rows.items(),
        key=lambda item: (item[1].site_name, item[0][1] is None, item[1].neighbourhood),
    )
    return [row for _key, row in ordered]


def _neighbourhood_name(neighbourhood_id: int | None, names: dict[int, str]) -> str:
    if neighbourhood_id is None:
        return no_neighbourhood_label()
    if neighbourhood_id not in names:
        # A wijk of another site on a post (the admin form prevents this).
        names[neighbourhood_id] = Neighbourhood.objects.get(pk=neighbourhood_id).name
    return names[neighbourhood_id]


# 6. Referrals to organisations and their outcome


@dataclass
class ReferralCounts:
    """The referrals of one site's help requests to one organisation, by outcome."""

    site_name: str
    organisation: str
    pending: int = 0
    accepted: int = 0
    declined: int = 0

    @property
    def total(self) -> int:
        return self.pending + self.accepted + self.declined


# The help board's referral statuses (helpboard.models.HelpReferralStatus).
_REFERRAL_STATUS_FIELDS = {
    "pending": "pending",
    "accepted": "accepted",
    "declined": "declined",
}


def referral_counts(
    *,
    sites: Sequence[Site],
    referred_from: date | None = None,
    referred_until: date | None = None,
) -> list[ReferralCounts]:
    """Help requests of ``sites`` referred to organisations, per site and
    organisation: how many wait for an answer, were accepted or declined.

    The organisation is the name stored on the referral
    (``organisation_name``), so a referral still counts after the
    organisation's page is gone. Optional dates (inclusive, Dutch time) limit
    the day of referral. Only organisations with referrals have a row.
    """
    site_names = {site.pk: site_label(site) for site in sites}
    referrals = apps.get_model("helpboard.HelpReferral").objects.filter(
        post__site__in=site_names
    )
    if referred_from:
        referrals = referrals.filter(created_at__date__gte=referred_from)
    if referred_until:
        referrals = referrals.filter(created_at__date__lte=referred_until)
    grouped = (
        referrals.order_by()
        .values_list("post__site_id", "organisation_name", "status")
        .annotate(count=Count("pk"))
    )
    rows: dict[tuple[int, str], ReferralCounts] = {}
    for site_id, organisation, status, count in grouped:
        key = (site_id, organisation)
        if key not in rows:
            rows[key] = ReferralCounts(
                site_name=site_names[site_id], organisation=organisation
            )
        field = _REFERRAL_STATUS_FIELDS[status]
        setattr(rows[key], field, getattr(rows[key], field) + count)
    return sorted(
        rows.values(),
        key=lambda row: (row.site_name, row.organisation.casefold(), row.organisation),
    )


# Role changes


@dataclass(frozen=True)
class RoleChange:
    changed_at: datetime
    change: str
    person: str
    role: str
    site_name: str
    changed_by: str
    via: str


def _via_label(via: str) -> str:
    return {
        VIA_ROLES_PAGE: gettext("Rollen"),
        VIA_USER_FORM: gettext("Gebruikersformulier"),
        VIA_BULK_ACTION: gettext("Bulkactie gebruikers"),
    }.get(via, via)


def role_changes(
    *,
    sites: Sequence[Site] | None,
    changed_from: date | None = None,
    changed_until: date | None = None,
) -> list[RoleChange]:
    """Every role given or taken away, newest first, from Wagtail's audit log.

    ``sites`` limits it to the roles of those sites; None means every change,
    roles of no site in particular (Beheerder of every platform, superuser,
    groups) included. Optional dates (inclusive) limit when.
    """
    from django.contrib.auth import get_user_model
    from wagtail.models import ModelLogEntry

    entries = ModelLogEntry.objects.filter(
        action__in=ROLE_ACTIONS,
        content_type=ContentType.objects.get_for_model(get_user_model()),
    ).select_related("user")
    if sites is not None:
        entries = entries.filter(data__site_id__in=[site.pk for site in sites])
    if changed_from:
        entries = entries.filter(timestamp__date__gte=changed_from)
    if changed_until:
        entries = entries.filter(timestamp__date__lte=changed_until)
    return [
        RoleChange(
            changed_at=timezone.localtime(entry.timestamp),
            change=gettext("Rol gegeven")
            if entry.action == ROLE_GRANT_ACTION
            else gettext("Rol ingetrokken"),
            person=entry.label,
            role=entry.data.get("role_label", ""),
            site_name=entry.data.get("site", ""),
            changed_by=get_user_display_name(entry.user)
            if entry.user
            else gettext("Systeem"),
            via=_via_label(entry.data.get("via", "")),
        )
        for entry in entries.order_by("-timestamp", "-pk")
    ]
