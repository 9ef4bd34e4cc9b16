"""The form a resident uses to ask a buurtverbinder a question."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.antispam import ProtectedFormMixin
from core.fields import (
    CONTROL_CHARACTERS_EXCEPT_LINES,
    ResidentEmailField,
    ResidentTextField,
)

NAME_MAX_LENGTH = 100
QUESTION_MAX_LENGTH = 2000


class ConnectorQuestionForm(ProtectedFormMixin, forms.Form):
    """Name, e-mail address (so the buurtverbinder can answer), question, consent."""

    name = ResidentTextField(
        label=_("Je naam"),
        max_length=NAME_MAX_LENGTH,
        error_messages={"required": _("Vul je naam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = ResidentEmailField(
        label=_("Je e-mailadres"),
        max_length=254,
        help_text=_("Zo kan de buurtverbinder je antwoorden."),
        error_messages={
            "required": _(
                "Vul je e-mailadres in, dan kan de buurtverbinder je antwoorden."
            )
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    question = ResidentTextField(
        label=_("Je vraag"),
        max_length=QUESTION_MAX_LENGTH,
        forbidden=CONTROL_CHARACTERS_EXCEPT_LINES,
        help_text=format_lazy(
            _("Vertel kort waar je mee zit. Hoogstens {limit} tekens."),
            limit=QUESTION_MAX_LENGTH,
        ),
        error_messages={"required": _("Schrijf je vraag op.")},
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    consent = forms.BooleanField(
        label=_(
            "Ik vind het goed dat mijn naam, e-mailadres en vraag naar deze "
            "buurtverbinder gaan."
        ),
        required=True,
        error_messages={
            "required": _(
                "Vink dit aan. Zonder jouw toestemming kunnen we je vraag niet "
                "doorsturen."
            )
        },
    )
