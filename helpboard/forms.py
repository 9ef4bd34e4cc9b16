"""The forms a resident fills in for vraag & aanbod, without an account."""

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
from core.selectors import neighbourhoods_for_site

from .models import HelpCategory, HelpKind, HelpPost

TITLE_MAX_LENGTH = HelpPost._meta.get_field("title").max_length
DESCRIPTION_MAX_LENGTH = HelpPost._meta.get_field("description").max_length
WHEN_MAX_LENGTH = HelpPost._meta.get_field("when").max_length
FIRST_NAME_MAX_LENGTH = HelpPost._meta.get_field("first_name").max_length
EMAIL_MAX_LENGTH = HelpPost._meta.get_field("email").max_length

#: What the form hands to the services (helpboard.services): the post's fields.
POST_FIELDS = (
    "kind",
    "title",
    "description",
    "neighbourhood",
    "category",
    "when",
    "first_name",
    "email",
    "phone",
)

CHOOSE_KIND = _("Kies of je hulp vraagt of hulp aanbiedt.")
CHOOSE_WIJK = _("Kies een wijk uit de lijst.")


class HelpPostForm(ProtectedFormMixin, forms.Form):
    """A request for or an offer of help, as a resident sends it in.

    Only the first name, the text, the wijk and the category are ever shown on
    the site; the e-mail address and phone number are for the moderators and
    for forwarding neighbours' answers. Protected against spam bots (honeypot,
    minimum fill time, links; core.antispam).
    """

    kind = forms.ChoiceField(
        label=_("Wat wil je doen?"),
        choices=[
            (HelpKind.REQUEST.value, _("Ik zoek hulp (hulpvraag)")),
            (HelpKind.OFFER.value, _("Ik wil helpen (hulpaanbod)")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_KIND, "invalid_choice": CHOOSE_KIND},
    )
    title = ResidentTextField(
        label=_("Korte titel"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_(
            "In een paar woorden, bijvoorbeeld: Wie helpt me met boodschappen?"
        ),
        error_messages={"required": _("Geef je bericht een korte titel.")},
    )
    description = ResidentTextField(
        label=_("Vertel er iets meer over"),
        max_length=DESCRIPTION_MAX_LENGTH,
        forbidden=CONTROL_CHARACTERS_EXCEPT_LINES,
        help_text=format_lazy(
            _(
                "Waarmee wil je hulp, of wat wil je doen? Zet hier geen adres of "
                "telefoonnummer in: dit komt op de site. Hoogstens {limit} tekens."
            ),
            limit=DESCRIPTION_MAX_LENGTH,
        ),
        error_messages={"required": _("Vertel in een paar zinnen waar het om gaat.")},
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("In welke wijk?"),
        queryset=None,
        required=False,
        empty_label=_("Hele gemeente / weet ik niet"),
        error_messages={"invalid_choice": CHOOSE_WIJK},
    )
    category = forms.ModelChoiceField(
        label=_("Waar gaat het over?"),
        queryset=HelpCategory.objects.none(),
        required=False,
        empty_label=_("Iets anders / weet ik niet"),
        help_text=_("Zo vinden buren je bericht makkelijker."),
        error_messages={"invalid_choice": _("Kies een categorie uit de lijst.")},
    )
    when = ResidentTextField(
        label=_("Dag of tijd"),
        max_length=WHEN_MAX_LENGTH,
        required=False,
        help_text=_("Bijvoorbeeld: dinsdagochtend, of één keer op 14 juni."),
    )
    flexible = forms.BooleanField(
        label=_("Flexibel: het maakt niet uit wanneer"),
        required=False,
    )
    first_name = ResidentTextField(
        label=_("Je voornaam"),
        max_length=FIRST_NAME_MAX_LENGTH,
        help_text=_("Alleen je voornaam komt op de site."),
        error_messages={"required": _("Vul je voornaam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    email = ResidentEmailField(
        label=_("Je e-mailadres"),
        required=False,
        max_length=EMAIL_MAX_LENGTH,
        help_text=_(
            "Niet openbaar. Hierop krijg je de reacties van buren en een link om "
            "je bericht aan te passen of weg te halen."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = ResidentPhoneField(
        label=_("Je telefoonnummer"),
        required=False,
        help_text=_(
            "Niet openbaar. Alleen voor de buurtverbinder, en voor een "
            "hulporganisatie als je vraag wordt doorgestuurd."
        ),
        widget=TelephoneInput(attrs={"autocomplete": "tel"}),
    )
    consent = forms.BooleanField(
        label=_(
            "Ik vind het goed dat een buurtverbinder mijn bericht bekijkt, dat "
            "mijn voornaam, tekst en wijk op de site komen, en dat mijn vraag "
            "met mijn contactgegevens naar een hulporganisatie mag als die "
            "kan helpen."
        ),
        required=True,
        error_messages={
            "required": _(
                "Vink dit aan. Zonder jouw toestemming kunnen we je bericht niet "
                "plaatsen."
            )
        },
    )

    def __init__(self, *args, site=None, **kwargs):
        # Some labels are questions; a colon after a question mark reads oddly.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.site = site
        self.fields["neighbourhood"].queryset = neighbourhoods_for_site(site=site)
        self.fields["category"].queryset = HelpCategory.objects.filter(site=site)

    def clean(self):
        cleaned = super().clean()
        if "when" not in self.errors:
            when = cleaned.get("when", "")
            flexible = cleaned.get("flexible", False)
            if flexible and when:
                self.add_error(
                    "when",
                    _(
                        "Je koos flexibel en vulde ook een moment in. Maak dit "
                        "veld leeg, of haal het vinkje bij flexibel weg."
                    ),
                )
            elif not flexible and not when:
                self.add_error("when", _("Vul in wanneer, of kies flexibel."))
        if (
            "email" not in self.errors
            and "phone" not in self.errors
            and not cleaned.get("email")
            and not cleaned.get("phone")
        ):
            self.add_error(
                "email",
                _(
                    "Vul je e-mailadres of je telefoonnummer in, dan kunnen we je "
                    "bereiken. Ze komen niet op de site."
                ),
            )
        return cleaned

    def post_fields(self) -> dict:
        """The cleaned values that make up the post (for helpboard.services)."""
        return {name: self.cleaned_data[name] for name in POST_FIELDS}

    @classmethod
    def initial_for(cls, post: HelpPost) -> dict:
        """The answers of an existing post, to edit them."""
        initial = {name: getattr(post, name) for name in POST_FIELDS}
        initial["flexible"] = not post.when
        return initial


class HelpPostEditForm(HelpPostForm):
    """The same questions behind the resident's private link. Consent was given
    when the post was sent in; it is still protected against bots and counted
    against the rate limit, so a leaked link cannot flood the moderators."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["consent"]
        # The private link belongs to this address: whoever holds the link can
        # "erase everything" about it, so nobody may point it somewhere else.
        email = self.fields["email"]
        email.disabled = True
        email.help_text = _(
            "Je e-mailadres kun je niet wijzigen: je persoonlijke link hoort bij "
            "dit adres. Wil je een ander adres? Plaats je bericht dan opnieuw."
        )

    def post_fields(self) -> dict:
        fields = super().post_fields()
        del fields["email"]
        return fields
