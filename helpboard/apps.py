from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpboardConfig(AppConfig):
    name = "helpboard"
    label = "helpboard"
    verbose_name = _("Vraag en aanbod")
    default_auto_field = "django.db.models.BigAutoField"
