"""The sociale kaart's reports: admin URLs and menu items (imported by
``wagtail_hooks``)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .report_views import NotCheckedReportView, sites_edited_by

urlpatterns = [
    path("niet-gecontroleerd/", NotCheckedReportView.as_view(), name="not_checked"),
    path(
        "niet-gecontroleerd/results/",
        NotCheckedReportView.as_view(results_only=True),
        name="not_checked_results",
    ),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "sociale-kaart-rapporten/",
            include((urlpatterns, "socialmap_reports"), namespace="socialmap_reports"),
        )
    ]


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(sites_edited_by(request.user))


@hooks.register("register_reports_menu_item")
def register_not_checked_menu_item():
    return EditorsMenuItem(
        _("Sociale kaart: niet gecontroleerd"),
        reverse("socialmap_reports:not_checked"),
        icon_name="warning",
        order=720,
    )
