"""The reports for the municipality as Wagtail report views.

Each view asks a selector in ``report_selectors`` for its rows and lets
Wagtail's ``ReportView`` page, filter and export them (``?export=csv`` or
``?export=xlsx``). The rows are limited to the sites the user may see; a user
who may see no report gets Wagtail's "permission denied" redirect.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Site

from core.exports import SpreadsheetSafeExportMixin

from .report_selectors import (
    approval_time_summary,
    approval_times,
    help_posts_per_neighbourhood,
    open_task_age_summary,
    open_tasks,
    published_counts,
    referral_counts,
    rejections,
    report_sites_for_user,
    role_changes,
    site_label,
    user_may_view_reports,
    user_may_view_role_changes,
)
from .role_access import beheerder_scope


def report_sites(request) -> list[Site]:
    """The sites of ``request.user`` in the reports, looked up once per request."""
    if not hasattr(request, "_editorial_report_sites"):
        request._editorial_report_sites = report_sites_for_user(user=request.user)
    return request._editorial_report_sites


def may_view_reports(request) -> bool:
    """Whether ``request.user`` may open the reports, looked up once per request."""
    if not hasattr(request, "_editorial_may_view_reports"):
        request._editorial_may_view_reports = user_may_view_reports(user=request.user)
    return request._editorial_may_view_reports


def may_view_role_changes(request) -> bool:
    """Whether ``request.user`` may open the report of role changes."""
    if not hasattr(request, "_editorial_may_view_role_changes"):
        request._editorial_may_view_role_changes = user_may_view_role_changes(
            user=request.user
        )
    return request._editorial_may_view_role_changes


def _page_edit_url(row) -> str:
    return reverse("wagtailadmin_pages:edit", args=[row.page_id])


def _csv_datetime(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _xlsx_datetime(value: datetime.datetime) -> datetime.datetime:
    # Excel has no time zones: write the Dutch local time, not UTC as Wagtail does.
    return timezone.make_naive(value) if timezone.is_aware(value) else value


class SiteReportFilterSet(WagtailFilterSet):
    """A site filter offering only the user's sites, hidden if they have one."""

    site = django_filters.ChoiceFilter(
        label=_("Platform"),
        choices=[],
        empty_label=_("Alle platforms"),
        widget=forms.RadioSelect,
    )

    class Meta:
        # The filters only validate the request; the selectors do the filtering.
        model = Site
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sites = report_sites(self.request) if self.request else []
        if len(sites) > 1:
            self.filters["site"].extra["choices"] = [
                (str(site.pk), site_label(site)) for site in sites
            ]
        else:
            del self.filters["site"]


def _period_filter(label) -> django_filters.DateFromToRangeFilter:
    return django_filters.DateFromToRangeFilter(
        label=label, widget=DateRangePickerWidget
    )


class PublishedFilterSet(SiteReportFilterSet):
    period = _period_filter(_("Voor het eerst gepubliceerd tussen"))


class ApprovedFilterSet(SiteReportFilterSet):
    period = _period_filter(_("Goedgekeurd tussen"))


class RejectedFilterSet(SiteReportFilterSet):
    period = _period_filter(_("Afgewezen tussen"))


class SubmittedFilterSet(SiteReportFilterSet):
    period = _period_filter(_("Ingediend tussen"))


class RoleChangeFilterSet(SiteReportFilterSet):
    period = _period_filter(_("Gewijzigd tussen"))


class ReferredFilterSet(SiteReportFilterSet):
    period = _period_filter(_("Doorverwezen tussen"))


class SiteReportView(SpreadsheetSafeExportMixin, ReportView):
    """A report over the sites the user may see; rows come from ``get_rows``.

    Exports never hold a formula: text that looks like one (a resident's or
    editor's title) starts with an apostrophe, see ``core.exports``.
    """

    filterset_class = SiteReportFilterSet
    export_filename = "rapport"
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        datetime.datetime: {
            ReportView.FORMAT_CSV: _csv_datetime,
            ReportView.FORMAT_XLSX: _xlsx_datetime,
        },
    }
    no_results_message = _("Er is niets te tonen voor deze keuze.")

    def dispatch(self, request, *args, **kwargs):
        if not may_view_reports(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_rows(self) -> list:
        raise NotImplementedError

    def get_queryset(self):
        return self.get_rows()

    def filter_queryset(self, queryset):
        return queryset  # get_rows() applied the filters already

    def get_filename(self) -> str:
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"

    def _filter_value(self, name: str):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get(name)
        return None

    @cached_property
    def sites(self) -> list[Site]:
        """The user's sites, or the one chosen in the filter."""
        sites = report_sites(self.request)
        chosen = self._filter_value("site")
        if chosen:
            return [site for site in sites if str(site.pk) == chosen]
        return sites

    @cached_property
    def period(self) -> tuple[datetime.date | None, datetime.date | None]:
        """The first and last day (inclusive) chosen in the period filter."""
        value = self._filter_value("period")
        if not value:
            return None, None
        return _as_date(value.start), _as_date(value.stop)


def count_columns(headings: dict, *, names: tuple[str, ...]) -> list[Column]:
    """A report's columns: ``names`` as text, every other heading a count."""
    return [
        Column(name, label=label) if name in names else NumberColumn(name, label=label)
        for name, label in headings.items()
    ]


def _as_date(value) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


class PublishedPerNeighbourhoodView(SiteReportView):
    page_title = _("Gepubliceerd per wijk en type")
    header_icon = "calendar-check"
    index_url_name = "editorial_reports:published"
    index_results_url_name = "editorial_reports:published_results"
    filterset_class = PublishedFilterSet
    export_filename = "gepubliceerd-per-wijk"
    columns = [
        Column("month_label", label=_("Maand")),
        Column("site_name", label=_("Platform")),
        Column("neighbourhood", label=_("Wijk")),
        Column("page_type", label=_("Type")),
        NumberColumn("count", label=_("Aantal")),
    ]
    list_export = ["month_label", "site_name", "neighbourhood", "page_type", "count"]
    export_headings = {
        "month_label": _("Maand"),
        "site_name": _("Platform"),
        "neighbourhood": _("Wijk"),
        "page_type": _("Type"),
        "count": _("Aantal"),
    }

    def get_rows(self):
        start, end = self.period
        return published_counts(
            sites=self.sites, published_from=start, published_until=end
        )


class ApprovalTimesView(SiteReportView):
    page_title = _("Doorlooptijd goedkeuring")
    header_icon = "time"
    index_url_name = "editorial_reports:approval_times"
    index_results_url_name = "editorial_reports:approval_times_results"
    results_template_name = "editorial/reports/approval_times_results.html"
    filterset_class = ApprovedFilterSet
    export_filename = "doorlooptijd-goedkeuring"
    columns = [
        TitleColumn("page_title", label=_("Pagina"), get_url=_page_edit_url),
        Column("site_name", label=_("Platform")),
        Column("submitted_by", label=_("Ingediend door")),
        Column("submitted_at", label=_("Ingediend op")),
        Column("approved_at", label=_("Goedgekeurd op")),
        Column("duration_hours", label=_("Duur (uren)")),
        Column("duration_days", label=_("Duur (dagen)")),
    ]
    list_export = [
        "page_title",
        "site_name",
        "submitted_by",
        "submitted_at",
        "approved_at",
        "duration_hours",
        "duration_days",
    ]
    export_headings = {
        "page_title": _("Pagina"),
        "site_name": _("Platform"),
        "submitted_by": _("Ingediend door"),
        "submitted_at": _("Ingediend op"),
        "approved_at": _("Goedgekeurd op"),
        "duration_hours": _("Duur (uren)"),
        "duration_days": _("Duur (dagen)"),
    }

    def get_rows(self):
        start, end = self.period
        return approval_times(sites=self.sites, approved_from=start, approved_until=end)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = approval_time_summary(rows=self.object_list)
        return context


class RejectionsView(SiteReportView):
    page_title = _("Afwijzingen")
    header_icon = "circle-xmark"
    index_url_name = "editorial_reports:rejections"
    index_results_url_name = "editorial_reports:rejections_results"
    filterset_class = RejectedFilterSet
    export_filename = "afwijzingen"
    columns = [
        TitleColumn("page_title", label=_("Pagina"), get_url=_page_edit_url),
        Column("site_name", label=_("Platform")),
        Column("author", label=_("Auteur")),
        Column("rejected_by", label=_("Afgewezen door")),
        Column("rejected_at", label=_("Datum")),
        Column("comment", label=_("Opmerking")),
    ]
    list_export = [
        "page_title",
        "site_name",
        "task_name",
        "author",
        "rejected_by",
        "rejected_at",
        "comment",
    ]
    export_headings = {
        "page_title": _("Pagina"),
        "site_name": _("Platform"),
        "task_name": _("Taak"),
        "author": _("Auteur"),
        "rejected_by": _("Afgewezen door"),
        "rejected_at": _("Datum"),
        "comment": _("Opmerking"),
    }

    def get_rows(self):
        start, end = self.period
        return rejections(sites=self.sites, rejected_from=start, rejected_until=end)


class OpenTasksView(SiteReportView):
    page_title = _("Open taken naar leeftijd")
    header_icon = "thumbtack"
    index_url_name = "editorial_reports:open_tasks"
    index_results_url_name = "editorial_reports:open_tasks_results"
    results_template_name = "editorial/reports/open_tasks_results.html"
    export_filename = "open-taken"
    columns = [
        TitleColumn("page_title", label=_("Pagina"), get_url=_page_edit_url),
        Column("site_name", label=_("Platform")),
        Column("task_name", label=_("Taak")),
        Column("submitted_by", label=_("Ingediend door")),
        Column("started_at", label=_("Wacht sinds")),
        NumberColumn("age_days", label=_("Leeftijd (dagen)")),
        Column("age_group", label=_("Leeftijdsgroep")),
    ]
    list_export = [
        "page_title",
        "site_name",
        "task_name",
        "submitted_by",
        "started_at",
        "age_days",
        "age_group",
    ]
    export_headings = {
        "page_title": _("Pagina"),
        "site_name": _("Platform"),
        "task_name": _("Taak"),
        "submitted_by": _("Ingediend door"),
        "started_at": _("Wacht sinds"),
        "age_days": _("Leeftijd (dagen)"),
        "age_group": _("Leeftijdsgroep"),
    }

    def get_rows(self):
        return open_tasks(sites=self.sites)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["age_groups"] = open_task_age_summary(rows=self.object_list)
        return context


class HelpPostsPerNeighbourhoodView(SiteReportView):
    page_title = _("Hulpvragen afgehandeld per wijk")
    header_icon = "group"
    index_url_name = "editorial_reports:help_posts"
    index_results_url_name = "editorial_reports:help_posts_results"
    filterset_class = SubmittedFilterSet
    export_filename = "hulpvragen-per-wijk"
    paginate_by = 100
    headings = {
        "site_name": _("Platform"),
        "neighbourhood": _("Wijk"),
        "requests_handled": _("Hulpvragen afgehandeld"),
        "requests_published": _("Hulpvragen gepubliceerd"),
        "requests_closed": _("Hulpvragen afgesloten"),
        "requests_rejected": _("Hulpvragen afgewezen"),
        "requests_open": _("Hulpvragen open"),
        "offers_handled": _("Hulpaanbod afgehandeld"),
        "offers_published": _("Hulpaanbod gepubliceerd"),
        "offers_closed": _("Hulpaanbod afgesloten"),
        "offers_rejected": _("Hulpaanbod afgewezen"),
        "offers_open": _("Hulpaanbod open"),
        "responses": _("Reacties van buren"),
    }
    columns = count_columns(headings, names=("site_name", "neighbourhood"))
    list_export = list(headings)
    export_headings = headings

    def get_rows(self):
        start, end = self.period
        return help_posts_per_neighbourhood(
            sites=self.sites, submitted_from=start, submitted_until=end
        )


class ReferralsView(SiteReportView):
    page_title = _("Doorverwijzingen")
    header_icon = "redirect"
    index_url_name = "editorial_reports:referrals"
    index_results_url_name = "editorial_reports:referrals_results"
    filterset_class = ReferredFilterSet
    export_filename = "doorverwijzingen"
    paginate_by = 100
    headings = {
        "site_name": _("Platform"),
        "organisation": _("Organisatie"),
        "pending": _("Wacht op antwoord"),
        "accepted": _("Aangenomen"),
        "declined": _("Afgewezen"),
        "total": _("Totaal"),
    }
    columns = count_columns(headings, names=("site_name", "organisation"))
    list_export = list(headings)
    export_headings = headings

    def get_rows(self):
        start, end = self.period
        return referral_counts(
            sites=self.sites, referred_from=start, referred_until=end
        )


class RoleChangesView(SiteReportView):
    """Who gave whom which role, or took it away, and when ("Rolwijzigingen").

    For Beheerders and superusers only; a Beheerder of some sites sees the
    roles of those sites, a Beheerder of every site every change.
    """

    page_title = _("Rolwijzigingen")
    header_icon = "key"
    index_url_name = "editorial_reports:role_changes"
    index_results_url_name = "editorial_reports:role_changes_results"
    filterset_class = RoleChangeFilterSet
    export_filename = "rolwijzigingen"
    headings = {
        "changed_at": _("Wanneer"),
        "change": _("Wijziging"),
        "person": _("Wie"),
        "role": _("Rol"),
        "site_name": _("Platform"),
        "changed_by": _("Door"),
        "via": _("Via"),
    }
    columns = [Column(name, label=label) for name, label in headings.items()]
    list_export = list(headings)
    export_headings = headings

    def dispatch(self, request, *args, **kwargs):
        if not may_view_role_changes(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_rows(self):
        start, end = self.period
        scope = beheerder_scope(user=self.request.user)
        if scope.all_sites and not self._filter_value("site"):
            sites = None  # every change, roles of no site in particular too
        else:
            sites = [site for site in self.sites if scope.covers(site.pk)]
        return role_changes(sites=sites, changed_from=start, changed_until=end)
