"""Admin panels of the sociale kaart."""

import json

from django.urls import reverse
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
