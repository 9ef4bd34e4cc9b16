"""The "Ik wil helpen" form a resident fills in on a vacancy."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.antispam import ProtectedFormMixin
from core.fields import (
    CONTROL_CHARACTERS_EXCEPT_LINES,
    ResidentEmailField,
    ResidentPhoneField,
    ResidentTextField,
    TelephoneInput,
)

NAME_MAX_LENGTH = 100
MESSAGE_MAX_LENGTH = 2000


class VacancyResponseForm(ProtectedFormMixin, forms.Form):
    """Name, e-mail and/or phone, a message and consent to pass it on.

    Every field has a maximum length and refuses control characters, so a
    resident gets a clear message instead of an error page. Protected against
    spam bots: honeypot, minimum fill time, links (core.antispam).
    """

    name = ResidentTextField(
        label=_("Je naam"),
        max_length=NAME_MAX_LENGTH,
        error_messages={"required": _("Vul je naam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = ResidentEmailField(
        label=_("Je e-mailadres"),
        required=False,
        max_length=254,
        help_text=_("Dan krijg je ook een bevestiging per e-mail."),
        error_messages={
            "invalid": _(
                "Dit is geen e-mailadres. Een e-mailadres ziet eruit als "
                "naam@voorbeeld.nl."
            )
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = ResidentPhoneField(
        label=_("Je telefoonnummer"),
        required=False,
        widget=TelephoneInput(attrs={"autocomplete": "tel"}),
    )
    message = ResidentTextField(
        label=_("Je bericht (hoeft niet)"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        forbidden=CONTROL_CHARACTERS_EXCEPT_LINES,
        help_text=format_lazy(
            _(
                "Wil je iets vertellen over jezelf? Dat mag, maar je naam en "
                "hoe we je bereiken is genoeg. Hoogstens {limit} tekens."
            ),
            limit=MESSAGE_MAX_LENGTH,
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    consent = forms.BooleanField(
        label=_(
            "Ik vind het goed dat mijn naam, contactgegevens en bericht naar de "
            "contactpersoon van deze vacature gaan, zodat die contact met me "
            "kan opnemen."
        ),
        required=True,
        error_messages={
            "required": _(
                "Vink dit aan. Zonder jouw toestemming kunnen we je reactie niet "
                "doorsturen."
            )
        },
    )

    def clean(self):
        cleaned = super().clean()
        email_ok = "email" not in self.errors
        phone_ok = "phone" not in self.errors
        if (
            email_ok
            and phone_ok
            and not cleaned.get("email")
            and not cleaned.get("phone")
        ):
            message = _(
                "Vul je e-mailadres of je telefoonnummer in, dan kan de "
                "organisatie je bereiken."
            )
            self.add_error("email", message)
        return cleaned
