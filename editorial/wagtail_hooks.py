from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.panels import EDITOR_ADVICE_HOOK, EditorAdviceSection

from . import views
from .models import OfficialeseTerm
from .selectors import page_plain_language_report
from .services import user_is_beheerder


class OfficialeseTermViewSet(SnippetViewSet):
    model = OfficialeseTerm
    icon = "edit"
    menu_label = _("Taalcheck: woordenlijst")
    list_display = ["term", "alternative"]
    search_fields = ["term", "alternative"]


register_snippet(OfficialeseTermViewSet)


@hooks.register(EDITOR_ADVICE_HOOK)
def taalcheck_advice(*, page, request):
    """The taalcheck in the editor, so the author sees it before submitting."""
    report = page_plain_language_report(page=page)
    return EditorAdviceSection(
        heading=_("Taalcheck: gewone mensentaal (B1)"),
        html=render_to_string(
            "editorial/taalcheck_report.html", {"report": report}, request=request
        ),
    )


@hooks.register("insert_global_admin_css")
def taalcheck_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("css/admin-advice.css")
    )


@hooks.register("register_admin_urls")
def role_urls():
    return [
        path("rollen/", views.RolesView.as_view(), name="editorial_roles"),
        path(
            "rollen/<int:user_id>/intrekken/",
            views.RoleRevokeView.as_view(),
            name="editorial_role_revoke",
        ),
    ]


class BeheerderMenuItem(MenuItem):
    def is_shown(self, request):
        return user_is_beheerder(request.user)


@hooks.register("register_settings_menu_item")
def roles_menu_item():
    return BeheerderMenuItem(
        _("Rollen"), reverse("editorial_roles"), icon_name="group", order=610
    )


# Report views, URLs and menu items; roles (who may give which role, the log of
# role changes); four-eyes (approval and publishing).
import editorial.dashboard_hooks  # noqa: E402, F401  (the dashboard per role)

from . import approval_hooks, publishing_hooks, reports, role_hooks  # noqa: E402, F401
