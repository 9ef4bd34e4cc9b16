"""Reports for the people who keep the sociale kaart up to date."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Site
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.exports import SpreadsheetSafeExportMixin

from .selectors import organisations_not_checked


def sites_edited_by(user) -> list[Site]:
    """The sites in which ``user`` may edit at least one page."""
    if not user.is_active:
        return []
    sites = list(Site.objects.select_related("root_page"))
    if user.is_superuser:
        return sites
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, ["add", "change", "publish"]
    )
    paths = list(editable.values_list("path", flat=True))
    return [
        site
        for site in sites
        if any(
            path.startswith(site.root_page.path) or site.root_page.path.startswith(path)
            for path in paths
        )
    ]


class NotCheckedReportView(SpreadsheetSafeExportMixin, ReportView):
    """Organisations whose details nobody checked for over a year; the export
    holds no formula (``core.exports``)."""

    page_title = _("Sociale kaart: niet gecontroleerd")
    header_icon = "warning"
    index_url_name = "socialmap_reports:not_checked"
    index_results_url_name = "socialmap_reports:not_checked_results"
    export_filename = "sociale-kaart-niet-gecontroleerd"
    no_results_message = _("Alle organisaties zijn het afgelopen jaar gecontroleerd.")
    columns = [
        TitleColumn(
            "title",
            label=_("Organisatie"),
            url_name="wagtailadmin_pages:edit",
        ),
        DateColumn("last_checked", label=_("Laatst gecontroleerd")),
        Column("phone", label=_("Telefoon")),
        Column("email", label=_("E-mail")),
    ]
    list_export = ["title", "last_checked", "phone", "email", "website"]
    export_headings = {
        "title": _("Organisatie"),
        "last_checked": _("Laatst gecontroleerd"),
        "phone": _("Telefoon"),
        "email": _("E-mail"),
        "website": _("Website"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not sites_edited_by(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return organisations_not_checked(
            sites=sites_edited_by(self.request.user), today=timezone.localdate()
        )
