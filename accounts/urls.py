"""URLs of accounts: the two-factor pages (in the admin, via wagtail_hooks) and the
rate-limited password reset (public, mounted at Wagtail's own address)."""

from django.urls import path

from . import views
from .password_reset import RateLimitedPasswordResetView

admin_urlpatterns = [
    path("tweestapsverificatie/", views.manage, name="accounts_two_factor"),
    path(
        "tweestapsverificatie/code/",
        views.verify,
        name="accounts_two_factor_verify",
    ),
    path(
        "tweestapsverificatie/instellen/",
        views.setup,
        name="accounts_two_factor_setup",
    ),
    path(
        "tweestapsverificatie/herstelcodes/",
        views.recovery_codes,
        name="accounts_two_factor_recovery_codes",
    ),
    path(
        "tweestapsverificatie/uitzetten/",
        views.disable,
        name="accounts_two_factor_disable",
    ),
    path(
        "inlogblokkades/",
        views.login_lockouts_view,
        name="accounts_login_lockouts",
    ),
]

# Included at admin/password_reset/ before Wagtail's admin URLs.
urlpatterns = [
    path(
        "",
        RateLimitedPasswordResetView.as_view(),
        name="accounts_password_reset",
    ),
]
