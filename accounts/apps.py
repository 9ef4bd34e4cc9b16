from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Logins to the admin: lockout, two-factor authentication, sessions."""

    name = "accounts"
    label = "accounts"
    verbose_name = _("Inloggen en accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401 (connects the security log)
