"""The form of two-factor authentication: a code from the app, or a recovery code."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_(
            "De zes cijfers uit je authenticator-app, of een van je herstelcodes."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autofocus": "",
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
    )
