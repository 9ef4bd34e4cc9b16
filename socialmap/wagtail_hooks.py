from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.selectors import sites_moderated_by

from . import views


@hooks.register("register_admin_urls")
def import_urls():
    return [
        path(
            "sociale-kaart/importeren/",
            views.SocialMapImportView.as_view(),
            name="socialmap_import",
        ),
        path(
            "sociale-kaart/importeren/voorbeeld.csv",
            views.SocialMapImportExampleView.as_view(),
            name="socialmap_import_example",
        ),
        path(
            "sociale-kaart/adres-opzoeken/",
            views.AddressLookupView.as_view(),
            name="socialmap_geocode",
        ),
    ]


@hooks.register("insert_global_admin_css")
def location_pin_css():
    return format_html(
        '<link rel="stylesheet" href="{}"><link rel="stylesheet" href="{}">',
        static("leaflet/leaflet.css"),
        static("css/admin-location-pin.css"),
    )


@hooks.register("insert_editor_js")
def location_pin_js():
    """Leaflet and the pin map for the locations of organisation pages."""
    return format_html(
        '<script src="{}"></script><script src="{}"></script>'
        '<script src="{}"></script>',
        static("leaflet/leaflet.js"),
        static("js/leaflet-setup.js"),
        static("js/location-pin.js"),
    )


class ImportMenuItem(MenuItem):
    """Shown to who may import: Communicatie of a site, and superusers."""

    def is_shown(self, request):
        return sites_moderated_by(user=request.user).exists()


@hooks.register("register_settings_menu_item")
def import_menu_item():
    return ImportMenuItem(
        _("Sociale kaart importeren"),
        reverse("socialmap_import"),
        icon_name="upload",
        order=620,
    )


# Report views, URLs and menu items; Instellingen → Zoekwoorden.
from . import reports, synonym_admin  # noqa: E402, F401
