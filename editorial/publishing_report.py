"""The report "Direct gepubliceerd": every page that went live past the
workflow (``editorial.publishing``), on the sites the reader may see.

It follows the other reports (``report_views.SiteReportView``: site and period
filters, CSV and XLSX export, only for superusers, Beheerders and Communicatie
of a site); its URL and menu item are registered in ``publishing_hooks``.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

import django_filters
from django.db.models import F, Q
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.utils import get_user_display_name
from wagtail.models import PageLogEntry, Site

from .publishing import DIRECT_PUBLISH, HOW_ALIAS, HOW_SCHEDULED
from .report_views import SiteReportFilterSet, SiteReportView
from .services import site_label

URL_NAMESPACE = "editorial_publishing"


@dataclass(frozen=True)
class DirectPublish:
    page_id: int
    page_title: str
    site_name: str
    published_by: str
    published_at: datetime.datetime
    how: str
    grounds: str


def _how_label(how: str) -> str:
    if how == HOW_SCHEDULED:
        return gettext("Ingepland")
    if how == HOW_ALIAS:
        return gettext("Alias van een live pagina")
    return gettext("Gepubliceerd")


def _grounds_label(data: dict) -> str:
    if not data.get("permitted", True):
        return gettext("Niet toegestaan")
    if data.get("superuser"):
        return gettext("Superuser")
    return gettext("Instelling: Communicatie mag direct publiceren")


def direct_publishes(
    *,
    sites: Sequence[Site],
    published_from: datetime.date | None = None,
    published_until: datetime.date | None = None,
) -> list[DirectPublish]:
    """Direct publishes of pages in ``sites``, newest first, within the period
    (days in Dutch time, both inclusive)."""
    if not sites:
        return []
    in_sites = Q()
    for site in sites:
        in_sites |= Q(page__path__startswith=site.root_page.path)
    entries = (
        PageLogEntry.objects.filter(in_sites, action=DIRECT_PUBLISH)
        .select_related("user")
        .annotate(page_path=F("page__path"))
        .order_by("-timestamp", "-pk")
    )
    if published_from:
        entries = entries.filter(timestamp__date__gte=published_from)
    if published_until:
        entries = entries.filter(timestamp__date__lte=published_until)
    rows = []
    for entry in entries:
        site = next(
            (s for s in sites if entry.page_path.startswith(s.root_page.path)), None
        )
        rows.append(
            DirectPublish(
                page_id=entry.page_id,
                page_title=entry.label,
                site_name=site_label(site) if site else "",
                published_by=get_user_display_name(entry.user) if entry.user else "",
                published_at=entry.timestamp,
                how=_how_label(entry.data.get("how", "")),
                grounds=_grounds_label(entry.data),
            )
        )
    return rows


class DirectPublishFilterSet(SiteReportFilterSet):
    period = django_filters.DateFromToRangeFilter(
        label=_("Gepubliceerd tussen"), widget=DateRangePickerWidget
    )


def _page_edit_url(row: DirectPublish) -> str:
    return reverse("wagtailadmin_pages:edit", args=[row.page_id])


class DirectPublishesView(SiteReportView):
    page_title = _("Direct gepubliceerd")
    header_icon = "upload"
    index_url_name = f"{URL_NAMESPACE}:direct_publishes"
    index_results_url_name = f"{URL_NAMESPACE}:direct_publishes_results"
    filterset_class = DirectPublishFilterSet
    export_filename = "direct-gepubliceerd"
    headings = {
        "page_title": _("Pagina"),
        "site_name": _("Platform"),
        "published_by": _("Gepubliceerd door"),
        "published_at": _("Datum"),
        "how": _("Hoe"),
        "grounds": _("Op grond van"),
    }
    columns = [
        TitleColumn("page_title", label=headings["page_title"], get_url=_page_edit_url),
        *(Column(name, label=label) for name, label in list(headings.items())[1:]),
    ]
    list_export = list(headings)
    export_headings = headings

    def get_rows(self):
        start, end = self.period
        return direct_publishes(
            sites=self.sites, published_from=start, published_until=end
        )


urlpatterns = [
    path("", DirectPublishesView.as_view(), name="direct_publishes"),
    path(
        "results/",
        DirectPublishesView.as_view(results_only=True),
        name="direct_publishes_results",
    ),
]
