"""The "Ik wil helpen" form a resident fills in on a vacancy."""

import re

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.antispam import ProtectedFormMixin

NAME_MAX_LENGTH = 100
PHONE_MAX_LENGTH = 30
MESSAGE_MAX_LENGTH = 2000

# C0 control characters and DEL, plus the Unicode line and paragraph separators.
# A message may have tabs and line breaks; a name or phone number has none
# (a line break in a name could smuggle an extra header into an e-mail).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
CONTROL_CHARACTERS_EXCEPT_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PHONE_CHARACTERS = re.compile(r"\A\+?[0-9 ()\-]+\Z")
PHONE_MIN_DIGITS = 6
PHONE_MAX_DIGITS = 15


TOO_LONG = _(
    "Dit is te lang: hier passen hoogstens %(limit_value)d tekens in, het zijn er "
    "nu %(show_value)d. Maak je tekst wat korter."
)


class ResidentTextField(forms.CharField):
    """A CharField with one clear Dutch message for characters we don't store.

    Django's own check for NUL characters is replaced by a check for every
    control character (``forbidden`` says which ones).
    """

    def __init__(self, *, forbidden=CONTROL_CHARACTERS, **kwargs):
        self.forbidden = forbidden
        kwargs["error_messages"] = {
            "max_length": TOO_LONG,
            **kwargs.get("error_messages", {}),
        }
        super().__init__(**kwargs)
        self.validators = [
            validator
            for validator in self.validators
            if not isinstance(validator, validators.ProhibitNullCharactersValidator)
        ]

    def to_python(self, value):
        if isinstance(value, str) and self.forbidden.search(value.strip()):
            raise ValidationError(
                _(
                    "Hier staat een onzichtbaar teken in dat we niet kunnen "
                    "bewaren (bijvoorbeeld een regeleinde in je naam). Haal het "
                    "weg en probeer het opnieuw."
                ),
                code="control_characters",
            )
        return super().to_python(value)


class ResidentEmailField(ResidentTextField, forms.EmailField):
    pass


class TelephoneInput(forms.TextInput):
    input_type = "tel"


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
    phone = ResidentTextField(
        label=_("Je telefoonnummer"),
        required=False,
        max_length=PHONE_MAX_LENGTH,
        widget=TelephoneInput(attrs={"autocomplete": "tel"}),
    )
    message = ResidentTextField(
        label=_("Je bericht"),
        max_length=MESSAGE_MAX_LENGTH,
        forbidden=CONTROL_CHARACTERS_EXCEPT_LINES,
        help_text=format_lazy(
            _(
                "Vertel kort wie je bent en waarom je wilt helpen. "
                "Hoogstens {limit} tekens."
            ),
            limit=MESSAGE_MAX_LENGTH,
        ),
        error_messages={"required": _("Schrijf een kort bericht.")},
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

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "")
        if not phone:
            return phone
        digits = sum(character.isdigit() for character in phone)
        if not PHONE_CHARACTERS.match(phone) or not (
            PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS
        ):
            raise ValidationError(
                _(
                    "Dit is geen telefoonnummer. Gebruik alleen cijfers, spaties, "
                    "+ en -, bijvoorbeeld 06 12 34 56 78."
                ),
                code="invalid",
            )
        return phone

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
