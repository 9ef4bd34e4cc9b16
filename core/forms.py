import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from .antispam import ProtectedFormMixin
from .models.settings import AREA_WORDS, AreaTerm, AreaWords
from .models.suggestions import SuggestionKind
from .models.taxonomies import normalise_postcode
from .selectors import neighbourhood_for_postcode, neighbourhoods_for_site
from .validators import safe_web_url


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

    def __init__(self, *args, site=None, area_word: AreaWords | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = site
        # What this platform calls its areas: "Of kies je dorp", "Alle dorpen".
        self.area_word = area_word or AREA_WORDS[AreaTerm.WIJK]
        field = self.fields["neighbourhood"]
        field.queryset = neighbourhoods_for_site(site=site)
        field.label = _("Of kies je %(area)s") % {"area": self.area_word.singular}
        field.empty_label = _("Alle %(areas)s") % {"areas": self.area_word.plural}
        field.help_text = _(
            "Kies ‘Alle %(areas)s’ als je alles wilt zien. Dan vergeten we je %(area)s."  # noqa: RUF001
        ) % {"areas": self.area_word.plural, "area": self.area_word.singular}

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
                        "We vinden geen %(area)s bij deze postcode. "
                        "Kies je %(area)s uit de lijst."
                    )
                    % {"area": self.area_word.singular},
                )
                return cleaned
            cleaned["neighbourhood"] = found
        return cleaned


# Control characters a resident never types on purpose (tab, newline and
# carriage return are allowed in a text box; in a one-line field none are).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]")


def reject_control_characters(value: str) -> None:
    if CONTROL_CHARACTERS.search(value or ""):
        raise ValidationError(
            _(
                "Hier staan onzichtbare tekens in (zoals een NUL-teken). "
                "Haal ze weg of typ de tekst opnieuw."
            ),
            code="control_characters",
        )


def reject_line_breaks(value: str) -> None:
    reject_control_characters(value)
    if LINE_BREAKS.search(value or ""):
        raise ValidationError(
            _("Gebruik hier één regel, zonder Enter."), code="line_breaks"
        )


TOO_LONG = _(
    "Dit is te lang: hier passen %(limit_value)d tekens, "
    "en het zijn er nu %(show_value)d. Maak het wat korter."
)


class SingleLineField(forms.CharField):
    """A one-line text field: no line breaks and no control characters."""

    default_validators = [reject_line_breaks]


class SuggestionForm(ProtectedFormMixin, forms.Form):
    """A resident's tip: an activity for the agenda or an organisation for the
    sociale kaart. Fields of the other kind are ignored.

    Protected against spam bots (core.antispam); links in the website field do
    not count towards the link limit.
    """

    kind = forms.ChoiceField(
        label=_("Wat wil je tippen?"),
        choices=SuggestionKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _(
                "Kies wat je wilt tippen: een activiteit of een organisatie."
            ),
            "invalid_choice": _(
                "Kies wat je wilt tippen: een activiteit of een organisatie."
            ),
        },
    )
    title = SingleLineField(
        label=_("Naam van de activiteit of organisatie"),
        max_length=150,
        error_messages={
            "required": _("Vul een naam in, dan weten we waar het over gaat."),
        },
    )
    description = forms.CharField(
        label=_("Vertel er iets over"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Wat is het, voor wie is het en wat kost het? Hooguit 2000 tekens."
        ),
        validators=[reject_control_characters],
        error_messages={
            "required": _("Vertel in een paar zinnen wat het is."),
        },
    )
    when = SingleLineField(
        label=_("Wanneer is het?"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: elke dinsdag om 10 uur, of zaterdag 14 juni."),
    )
    where = SingleLineField(
        label=_("Waar is het?"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: buurthuis De Linde, Lindelaan 4."),
    )
    website = forms.URLField(
        label=_("Website"),
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text=_("Als die er is. Bijvoorbeeld: www.voorbeeld.nl."),
        # As the model: http(s) only (Django's URLField also takes ftp).
        validators=[reject_control_characters, safe_web_url],
        error_messages={
            "invalid": _(
                "Dit is geen webadres. Een webadres is zoals www.voorbeeld.nl."
            ),
        },
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("In welke wijk?"),
        queryset=None,
        required=False,
        empty_label=_("Weet ik niet, of de hele gemeente"),
        error_messages={"invalid_choice": _("Kies een wijk uit de lijst.")},
    )
    name = SingleLineField(
        label=_("Je naam"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        required=False,
        # As long as the model field (Django's form field allows 320).
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Niet verplicht. Alleen als we je iets willen vragen over je tip."),
        error_messages={
            "invalid": _(
                "Dit is geen e-mailadres. Een e-mailadres is zoals naam@voorbeeld.nl."
            ),
        },
    )
    contact_consent = forms.BooleanField(
        label=_("Jullie mogen me mailen over deze tip."),
        required=False,
        help_text=_("We gebruiken je e-mailadres alleen hiervoor, en niet openbaar."),
    )

    EVENT_FIELDS = ("when", "where")

    def __init__(self, *args, site=None, area_word: AreaWords | None = None, **kwargs):
        # Some labels are questions; a colon after a question mark reads oddly.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.site = site
        area_word = area_word or AREA_WORDS[AreaTerm.WIJK]
        neighbourhood = self.fields["neighbourhood"]
        neighbourhood.queryset = neighbourhoods_for_site(site=site)
        neighbourhood.label = _("In %(which)s?") % {"which": area_word.which}
        neighbourhood.error_messages["invalid_choice"] = _(
            "Kies een %(area)s uit de lijst."
        ) % {"area": area_word.singular}
        for field in self.fields.values():
            # Our own control-character check says it in plainer words.
            field.validators = [
                validator
                for validator in field.validators
                if not isinstance(validator, ProhibitNullCharactersValidator)
            ]
            field.error_messages["max_length"] = TOO_LONG

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == SuggestionKind.EVENT:
            for field, message in (
                ("when", _("Vul in wanneer de activiteit is.")),
                ("where", _("Vul in waar de activiteit is.")),
            ):
                if field not in self.errors and not cleaned.get(field):
                    self.add_error(field, message)
        elif kind == SuggestionKind.ORGANISATION:
            for field in self.EVENT_FIELDS:
                self.errors.pop(field, None)
                cleaned[field] = ""
        if cleaned.get("email") and not cleaned.get("contact_consent"):
            self.add_error(
                "contact_consent",
                _(
                    "Zet een vinkje als we je mogen mailen. "
                    "Wil je dat niet? Laat je e-mailadres dan leeg."
                ),
            )
        return cleaned
