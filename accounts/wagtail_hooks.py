"""Admin wiring of accounts: the two-factor pages, linked from the Account page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

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
