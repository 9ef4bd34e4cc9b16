"""Forms of core's own admin pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .personal_data import EMAIL_MAX_LENGTH, InvalidEmail, email_normalise


class PersonalDataLookupForm(forms.Form):
    """The resident's e-mail address on Instellingen → Persoonsgegevens."""

    email = forms.CharField(
        label=_("E-mailadres van de bewoner"),
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_(
            "We zoeken op dit adres in alle reacties, tips, hulpvragen en "
            "hulpaanbod, ook als hoofdletters anders zijn."
        ),
        error_messages={
            "required": _("Vul het e-mailadres van de bewoner in."),
            "max_length": _("Dit e-mailadres is te lang."),
        },
    )

    def clean_email(self) -> str:
        try:
            return email_normalise(self.cleaned_data["email"])
        except InvalidEmail:
            raise forms.ValidationError(
                _("Dit is geen e-mailadres. Vul het in als naam@voorbeeld.nl."),
                code="invalid",
            ) from None
