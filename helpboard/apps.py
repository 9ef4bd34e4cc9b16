from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpboardConfig(AppConfig):
    name = "helpboard"
    label = "helpboard"
    verbose_name = _("Vraag en aanbod")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            categories,  # noqa: F401  (a new site gets the default categories)
            log_actions,  # noqa: F401  (registers the log actions hook)
        )
