"""Reports for the municipality: their admin URLs and "Rapporten" menu items.

The views are in ``report_views``, the figures in ``report_selectors``. The
menu items show only for users who may see the reports (superusers,
Beheerders, Communicatie of a site); "Rolwijzigingen" only for Beheerders and
superusers.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import report_views

# (URL path and name, view, menu label, icon)
REPORTS = (
    (
        "published",
        report_views.PublishedPerNeighbourhoodView,
        _("Gepubliceerd per wijk en type"),
        "calendar-check",
    ),
    (
        "approval_times",
        report_views.ApprovalTimesView,
        _("Doorlooptijd goedkeuring"),
        "time",
    ),
    ("rejections", report_views.RejectionsView, _("Afwijzingen"), "circle-xmark"),
    (
        "open_tasks",
        report_views.OpenTasksView,
        _("Open taken naar leeftijd"),
        "thumbtack",
    ),
    (
        "help_posts",
        report_views.HelpPostsPerNeighbourhoodView,
        _("Hulpvragen afgehandeld per wijk"),
        "group",
    ),
    ("referrals", report_views.ReferralsView, _("Doorverwijzingen"), "redirect"),
)
# Only for Beheerders and superusers, with its own menu item below.
ROLE_CHANGES_REPORT = (
    "role_changes",
    report_views.RoleChangesView,
    _("Rolwijzigingen"),
    "key",
)

urlpatterns = [
    pattern
    for name, view, _label, _icon in (*REPORTS, ROLE_CHANGES_REPORT)
    for pattern in (
        path(f"{name.replace('_', '-')}/", view.as_view(), name=name),
        path(
            f"{name.replace('_', '-')}/results/",
            view.as_view(results_only=True),
            name=f"{name}_results",
        ),
    )
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "editorial-reports/",
            include((urlpatterns, "editorial_reports"), namespace="editorial_reports"),
        )
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return report_views.may_view_reports(request)


class RoleChangesMenuItem(MenuItem):
    def is_shown(self, request):
        return report_views.may_view_role_changes(request)


@hooks.register("register_reports_menu_item")
def register_role_changes_menu_item():
    return RoleChangesMenuItem(
        _("Rolwijzigingen"),
        reverse("editorial_reports:role_changes"),
        name="editorial-role-changes",
        icon_name="key",
        order=1290,
    )


def _menu_item_hook(*, name: str, label, icon: str, order: int):
    def register_report_menu_item():
        return ReportMenuItem(
            label,
            reverse(f"editorial_reports:{name}"),
            name=f"editorial-{name.replace('_', '-')}",
            icon_name=icon,
            order=order,
        )

    return register_report_menu_item


# After Wagtail's own reports (700-1200), in the order of REPORTS.
for position, (report_name, _view, report_label, report_icon) in enumerate(REPORTS):
    hooks.register(
        "register_reports_menu_item",
        _menu_item_hook(
            name=report_name,
            label=report_label,
            icon=report_icon,
            order=1300 + position,
        ),
    )
