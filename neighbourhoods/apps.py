from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeighbourhoodsConfig(AppConfig):
    name = "neighbourhoods"
    label = "neighbourhoods"
    verbose_name = _("Wijken")
    default_auto_field = "django.db.models.BigAutoField"
