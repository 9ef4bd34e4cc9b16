"""Forms of the sociale kaart admin: uploading a spreadsheet to import."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from core.selectors import sites_moderated_by

from .spreadsheet import dutch_number, max_bytes_setting


class SiteChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Site) -> str:
        return obj.site_name or obj.hostname


class SocialMapImportForm(forms.Form):
    """Step 1: a file and the platform it is for; the dry run follows."""

    file = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "Een CSV-bestand (UTF-8) of een Excel-werkmap (.xlsx), met de "
            "kolommen hieronder."
        ),
    )
    site = SiteChoiceField(
        label=_("Platform"),
        queryset=Site.objects.none(),
        empty_label=None,
        help_text=_("De organisaties komen op de sociale kaart van dit platform."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites_moderated_by(user=user).order_by(
            "site_name", "hostname"
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes_setting():
            raise forms.ValidationError(
                _("Het bestand is groter dan %(size)s MB. Splits het in delen.")
                % {"size": dutch_number(max_bytes_setting() // (1024 * 1024))}
            )
        return upload


class SocialMapImportConfirmForm(forms.Form):
    """Step 2: import what the dry run checked (kept in the session)."""

    token = forms.CharField(widget=forms.HiddenInput)
