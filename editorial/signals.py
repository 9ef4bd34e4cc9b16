"""Signal receivers: thin links from Wagtail's events to editorial services."""

from django.db.models.signals import post_save
from wagtail.models import Site

from . import services


def team_for_new_page(sender, instance, created, raw=False, **kwargs):
    """A new wijk or organisation gets its team (group, rights, collection) at once."""
    if created and not raw:
        services.page_team_ensure(page=instance)


def workflow_for_site(sender, instance, raw=False, **kwargs):
    """Every site has its "Goedkeuring" workflow and Communicatie team from the
    start, so a buurtverbinder can submit before anyone is made Communicatie."""
    if not raw:
        services.approval_workflow_ensure(site=instance)


def connect() -> None:
    post_save.connect(
        workflow_for_site, sender=Site, dispatch_uid="editorial_workflow_for_site"
    )
    for model in services.team_page_models():
        post_save.connect(
            team_for_new_page,
            sender=model,
            dispatch_uid=f"editorial_team_for_new_{model._meta.label_lower}",
        )
