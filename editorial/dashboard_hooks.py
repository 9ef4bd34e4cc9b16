"""Admin hooks for editors in a few clicks: the dashboard per role
(``dashboard``), the live taalcheck while writing (``taalcheck_live``), a new
page that starts with the writer's own wijk, and "Stuur door" as the main
button for whoever cannot publish."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.page_forms import PAGE_FORM_DEFAULTS_HOOK
from core.panels import LIVE_EDITOR_ADVICE_HOOK, LiveAdvice

from .dashboard import RoleDashboardPanel, writer_neighbourhoods
from .taalcheck_live import URL_NAME, taalcheck_live


@hooks.register("construct_homepage_panels")
def role_dashboard_first(request, panels):
    panels.insert(0, RoleDashboardPanel())


@hooks.register("register_admin_urls")
def taalcheck_live_url():
    return [path("taalcheck/", taalcheck_live, name=URL_NAME)]


@hooks.register(LIVE_EDITOR_ADVICE_HOOK)
def taalcheck_while_writing(*, request):
    return LiveAdvice(
        heading=_("Taalcheck terwijl je schrijft"),
        url=reverse(URL_NAME),
        script="js/taalcheck-live.js",
    )


@hooks.register(PAGE_FORM_DEFAULTS_HOOK)
def own_wijk_first(*, user, parent_page):
    return writer_neighbourhoods(user=user, parent_page=parent_page)


@hooks.register("insert_global_admin_css")
def editors_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("css/admin-editors.css")
    )


@hooks.register("construct_page_action_menu")
def send_on_first(menu_items, request, context):
    """Who cannot publish sends a page on: "Stuur door" is their main button,
    not one in the menu behind the arrow."""
    names = [item.name for item in menu_items]
    if "action-submit" in names and "action-publish" not in names:
        index = names.index("action-submit")
        menu_items.insert(0, menu_items.pop(index))
