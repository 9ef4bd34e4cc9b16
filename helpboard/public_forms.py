"""The forms a visitor fills in on a post: answer it, or report it."""

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

from .models import HelpReportReason

NAME_MAX_LENGTH = 100
MESSAGE_MAX_LENGTH = 2000
EXPLANATION_MAX_LENGTH = 1000


class HelpResponseForm(ProtectedFormMixin, forms.Form):
    """A neighbour's answer: a name, a way to reach them, and consent.

    Writing is a hurdle for some: a name and an e-mail address or a phone
    number are enough, the message is optional. The e-mail address, when
    given, is the Reply-To of the mail the resident gets. ``via_moderators``:
    the resident left only a phone number, so a moderator passes the answer
    on; the consent says so.
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
        help_text=_("Zo kan de bewoner je terugschrijven."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = ResidentPhoneField(
        label=_("Je telefoonnummer"),
        required=False,
        help_text=_("Zo kan de bewoner je bellen of een berichtje sturen."),
        widget=TelephoneInput(attrs={"autocomplete": "tel"}),
    )
    message = ResidentTextField(
        label=_("Wil je iets vertellen? (mag leeg blijven)"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        forbidden=CONTROL_CHARACTERS_EXCEPT_LINES,
        help_text=format_lazy(
            _(
                "Bijvoorbeeld wanneer je kunt. Je naam en hoe de bewoner je "
                "bereikt is genoeg. Hoogstens {limit} tekens."
            ),
            limit=MESSAGE_MAX_LENGTH,
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(
        label=_(
            "Ik vind het goed dat mijn naam, contactgegevens en bericht naar "
            "deze bewoner gaan."
        ),
        required=True,
        error_messages={
            "required": _(
                "Vink dit aan. Zonder jouw toestemming kunnen we je bericht niet "
                "doorsturen."
            )
        },
    )

    def __init__(self, *args, via_moderators: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if via_moderators:
            self.fields["consent"].label = _(
                "Ik vind het goed dat mijn naam, contactgegevens en bericht naar "
                "een moderator gaan, die ze telefonisch aan deze bewoner doorgeeft."
            )

    def clean(self):
        cleaned = super().clean()
        if (
            "email" not in self.errors
            and "phone" not in self.errors
            and not cleaned.get("email")
            and not cleaned.get("phone")
        ):
            self.add_error(
                "email",
                _(
                    "Vul je e-mailadres of je telefoonnummer in, dan kan de "
                    "bewoner je bereiken."
                ),
            )
        return cleaned


class HelpReportForm(ProtectedFormMixin, forms.Form):
    """Why a post does not belong on the board. Anonymous."""

    reason = forms.ChoiceField(
        label=_("Wat is er mis met dit bericht?"),
        choices=HelpReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wat er mis is met dit bericht."),
            "invalid_choice": _("Kies een van de redenen uit de lijst."),
        },
    )
    explanation = ResidentTextField(
        label=_("Toelichting (mag leeg blijven)"),
        required=False,
        max_length=EXPLANATION_MAX_LENGTH,
        forbidden=CONTROL_CHARACTERS_EXCEPT_LINES,
        help_text=format_lazy(
            _(
                "Wil je iets uitleggen voor de moderator? Hoogstens {limit} tekens. "
                "Je hoeft je naam niet te geven."
            ),
            limit=EXPLANATION_MAX_LENGTH,
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
