from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    """Front ends and systems that use the API: per-site client keys and CORS
    origins, signed webhooks with their delivery log, and draft previews."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "integrations"
    verbose_name = _("Koppelingen")

    def ready(self):
        from corsheaders.signals import check_request_enabled

        from .cors import cors_allow_site_origins

        check_request_enabled.connect(
            cors_allow_site_origins, dispatch_uid="integrations_cors_site_origins"
        )
