from django import forms
from django.utils.translation import gettext_lazy as _

from .models.taxonomies import normalise_postcode
from .selectors import neighbourhood_for_postcode, neighbourhoods_for_site


class ChooseNeighbourhoodForm(forms.Form):
    """'Mijn wijk': by postcode or from the list. Clearing it shows every wijk again."""

    postcode = forms.CharField(
        label=_("Je postcode"),
        required=False,
        max_length=10,
        help_text=_("Bijvoorbeeld 4205 AB. We bewaren je postcode niet."),
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "inputmode": "text"}
        ),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Of kies je wijk"),
        queryset=None,
        required=False,
        empty_label=_("Alle wijken"),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = site
        self.fields["neighbourhood"].queryset = neighbourhoods_for_site(site=site)

    def clean(self):
        cleaned = super().clean()
        postcode = (cleaned.get("postcode") or "").strip()
        if postcode:
            if normalise_postcode(postcode) is None:
                self.add_error(
                    "postcode",
                    _(
                        "Dit is geen postcode. Een postcode is vier cijfers en "
                        "twee letters, zoals 4205 AB."
                    ),
                )
                return cleaned
            found = neighbourhood_for_postcode(site=self.site, postcode=postcode)
            if found is None:
                self.add_error(
                    "postcode",
                    _(
                        "We vinden geen wijk bij deze postcode. "
                        "Kies je wijk uit de lijst."
                    ),
                )
                return cleaned
            cleaned["neighbourhood"] = found
        return cleaned
