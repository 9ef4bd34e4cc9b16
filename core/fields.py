"""Form fields for what residents type into the public forms.

Every field has a maximum length with a clear Dutch message and refuses
control characters instead of storing them (a line break in a name could
smuggle an extra header into an e-mail). The help board, the vacancy
responses and the tips use these.
"""

import re

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PHONE_MAX_LENGTH = 30

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
    default_error_messages = {
        "invalid": _(
            "Dit is geen e-mailadres. Een e-mailadres ziet eruit als naam@voorbeeld.nl."
        ),
    }


class TelephoneInput(forms.TextInput):
    input_type = "tel"


class ResidentPhoneField(ResidentTextField):
    """A Dutch or international phone number: digits, spaces, +, - and brackets."""

    widget = TelephoneInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", PHONE_MAX_LENGTH)
        super().__init__(**kwargs)

    def clean(self, value):
        phone = super().clean(value)
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
