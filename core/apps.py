from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    label = "core"
    verbose_name = _("Basis")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from .signals import reindex_published_page

        page_published.connect(reindex_published_page, dispatch_uid="core_reindex")

        # Wagtail's own reports export page titles that organisation editors
        # type: no cell of them may run as a formula (core/exports.py).
        from .exports import wagtail_exports_protect

        wagtail_exports_protect()
