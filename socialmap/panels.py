"""Admin panels of the sociale kaart."""

import json

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

ADDRESS_FIELDS = ("street_address", "postcode", "city")


class LocationPinPanel(Panel):
    """A map on which the editor places or drags a location's pin.

    It writes into the latitude and longitude fields of the same form (which
    stay editable by hand) and can look the typed address up with the
    geocoder. Without JavaScript only the two fields show.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Plaats op de kaart"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "socialmap/admin/location_pin_panel.html"

        def is_shown(self):
            from .maps import maps_enabled  # .maps imports the models, which use this

            return maps_enabled() and self.form is not None

        def get_context_data(self, parent_context=None):
            from .maps import map_settings

            context = super().get_context_data(parent_context)
            fields = ("latitude", "longitude", *ADDRESS_FIELDS)
            context["input_ids"] = {name: self.form[name].auto_id for name in fields}
            context["settings_json"] = json.dumps(map_settings())
            context["lookup_url"] = reverse("socialmap_geocode")
            return context


class FactChangesPanel(Panel):
    """For Communicatie, on top of the editor: what a change that touched only
    facts changed, old → new, and "Goedkeuren" in one click.

    Shown only to who may approve the page now (never its submitter or the
    author of the revision: ``editorial.models.FourEyesApprovalTask``), and
    only when the change under review is facts only
    (``editorial.fact_changes``). The button sends the edit form to the
    approval action (``editorial.approval.ApprovalActionView``, Wagtail's
    workflow action) instead of the editor: it approves the revision that was
    reviewed, saves nothing new, and says what became of the page.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Alleen feiten gewijzigd"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "socialmap/admin/fact_changes_panel.html"

        @cached_property
        def reviewed(self):
            from editorial.fact_changes import review_changes

            page = self.instance
            if page is None or not page.pk or self.request is None:
                return None
            task_state = page.current_workflow_task_state
            if task_state is None:
                return None
            actions = task_state.task.specific.get_actions(page, self.request.user)
            if ("approve", True) not in {
                (name, not modal) for name, _l, modal in actions
            }:
                return None
            reviewed = review_changes(revision=task_state.revision)
            if not reviewed.facts_only:
                return None
            self.approve_url = reverse(
                "editorial_workflow_action", args=[page.pk, "approve", task_state.pk]
            )
            return reviewed

        def is_shown(self):
            return self.reviewed is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["changes"] = self.reviewed.changes if self.reviewed else ()
            context["approve_url"] = getattr(self, "approve_url", "")
            return context
