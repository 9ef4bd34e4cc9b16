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
        from django.db.models.signals import post_delete, pre_delete
        from wagtail.models import Page, get_page_models
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import webhooks
        from .cors import cors_allow_site_origins

        check_request_enabled.connect(
            cors_allow_site_origins, dispatch_uid="integrations_cors_site_origins"
        )
        page_published.connect(
            webhooks.on_page_published, dispatch_uid="integrations_webhook_publish"
        )
        page_unpublished.connect(
            webhooks.on_page_unpublished, dispatch_uid="integrations_webhook_unpublish"
        )
        post_page_move.connect(
            webhooks.on_page_moved, dispatch_uid="integrations_webhook_move"
        )
        # Per page model, never for every sender: a pre_delete receiver for a
        # model stops Django from deleting its rows in bulk ("fast delete").
        for model in get_page_models():
            pre_delete.connect(
                webhooks.on_page_pre_delete,
                sender=model,
                dispatch_uid=f"integrations_webhook_delete_{model._meta.label_lower}",
            )
        post_delete.connect(
            webhooks.on_page_deleted,
            sender=Page,
            dispatch_uid="integrations_webhook_deleted",
        )
