"""Admin wiring of accounts: the two-factor pages, linked from the Account page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .urls import admin_urlpatterns


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return admin_urlpatterns


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("accounts_two_factor"),
        "label": _("Tweestapsverificatie"),
        "help_text": _(
            "Inloggen met een code uit een app op je telefoon, naast je wachtwoord."
        ),
    }


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def login_lockouts_menu_item():
    return SuperuserMenuItem(
        _("Inlogblokkades"),
        reverse("accounts_login_lockouts"),
        icon_name="lock",
        order=660,
    )
