"""Admin forms: a Beheerder picks one of their own sites, origins one a line."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import ApiClient, Webhook, WebhookEvent
from .permissions import integration_sites_for
from .validators import origins_normalise


class OriginsField(forms.Field):
    """A list of origins, edited as one origin per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            lines = value
        else:
            lines = (value or "").splitlines()
        return origins_normalise([line for line in lines if line.strip()])


class OwnSitesFormMixin:
    """The ``site`` choice holds only the sites the user manages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None or "site" not in self.fields:
            return
        sites = integration_sites_for(user=self.for_user).order_by(
            "site_name", "hostname"
        )
        self.fields["site"].queryset = sites
        if len(sites) == 1:
            self.fields["site"].initial = sites[0]
            self.fields["site"].empty_label = None


class ApiClientForm(OwnSitesFormMixin, WagtailAdminModelForm):
    allowed_origins = OriginsField(
        label=_("Toegestane herkomsten"),
        required=False,
        help_text=ApiClient._meta.get_field("allowed_origins").help_text,
    )
    preview_url = forms.URLField(
        label=_("Voorbeeld-adres"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=ApiClient._meta.get_field("preview_url").help_text,
    )
    new_key = forms.BooleanField(
        label=_("Nieuwe sleutel maken"),
        required=False,
        help_text=_(
            "De huidige sleutel werkt daarna niet meer; de nieuwe zie je één keer."
        ),
    )

    class Meta:
        model = ApiClient
        fields = ["site", "name", "allowed_origins", "preview_url", "is_active"]


class WebhookForm(OwnSitesFormMixin, WagtailAdminModelForm):
    url = forms.URLField(
        label=_("Adres"),
        max_length=500,
        assume_scheme="https",
        help_text=Webhook._meta.get_field("url").help_text,
    )
    events = forms.MultipleChoiceField(
        label=_("Gebeurtenissen"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=Webhook._meta.get_field("events").help_text,
    )
    new_secret = forms.BooleanField(
        label=_("Nieuw geheim maken"),
        required=False,
        help_text=_(
            "Handtekeningen met het huidige geheim kloppen daarna niet meer; het "
            "nieuwe zie je één keer."
        ),
    )

    class Meta:
        model = Webhook
        fields = ["site", "name", "url", "events", "is_active"]

    def clean_events(self):
        events = self.cleaned_data["events"]
        if not events:
            raise ValidationError(_("Kies minstens één gebeurtenis."))
        return [value for value in WebhookEvent.values if value in events]
