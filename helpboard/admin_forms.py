"""The forms of the moderation screen of a help post."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Site

from core.fields import CONTROL_CHARACTERS_EXCEPT_LINES, ResidentTextField
from core.models import Neighbourhood

from .models import HelpCategory, HelpPost
from .moderation import EDITABLE_FIELDS, referable_organisations

REASON_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 2000


class HelpPostModerationForm(forms.ModelForm):
    """What the resident wrote, for the moderator to correct, and their note.

    The wijk is one of the post's own platform; contact details are not in
    the form (the screen shows them, read-only).
    """

    class Meta:
        model = HelpPost
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "moderation_note": forms.Textarea(attrs={"rows": 3}),
        }

    #: When the resident last changed the post, as the moderator saw it: a
    #: resident's change in the meantime must not be overwritten unseen.
    seen_version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.version_of(self.instance)
        neighbourhood = self.fields["neighbourhood"]
        neighbourhood.queryset = Neighbourhood.objects.filter(
            site_id=self.instance.site_id
        ).order_by("name")
        neighbourhood.empty_label = _("Hele gemeente")
        category = self.fields["category"]
        category.queryset = HelpCategory.objects.filter(site_id=self.instance.site_id)
        category.empty_label = _("Geen categorie")

    @staticmethod
    def version_of(post: HelpPost) -> str:
        return post.updated_at.isoformat() if post.updated_at else "-"

    def clean(self):
        cleaned = super().clean()
        seen = cleaned.get("seen_version", "")
        if seen and seen != self.version_of(self.instance):
            # Not the hidden field's error: the moderator must see it.
            raise forms.ValidationError(
                _(
                    "De bewoner heeft het bericht intussen gewijzigd. Laad de "
                    "pagina opnieuw, bekijk de nieuwe tekst en beslis dan."
                ),
                code="changed",
            )
        return cleaned


class ReasonForm(forms.Form):
    """A reason the resident reads: why to change the post, or why it is refused."""

    reason = ResidentTextField(
        label=_("Reden voor de bewoner"),
        max_length=REASON_MAX_LENGTH,
        forbidden=CONTROL_CHARACTERS_EXCEPT_LINES,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Schrijf een reden: de bewoner krijgt die te lezen.")
        },
    )


class ReferralForm(forms.Form):
    """Choose an organisation of the post's platform with an e-mail address."""

    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=None,
        error_messages={
            "required": _("Kies een organisatie om naar door te verwijzen."),
            "invalid_choice": _(
                "Deze organisatie kun je niet kiezen: ze staat niet op de sociale "
                "kaart van dit platform of heeft geen e-mailadres."
            ),
        },
    )
    note = ResidentTextField(
        label=_("Toelichting voor de organisatie (mag leeg)"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        forbidden=CONTROL_CHARACTERS_EXCEPT_LINES,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, post: HelpPost, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = referable_organisations(
            post=post
        ).exclude(email="")


class HelpCategoryForm(WagtailAdminModelForm):
    """A Beheerder of some sites picks only one of those as the platform."""

    class Meta:
        model = HelpCategory
        fields = ["site", "name", "slug", "sort_order"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        from editorial.role_access import beheerder_sites

        sites = None
        if for_user is not None and not for_user.is_superuser:
            sites = beheerder_sites(user=for_user)
        if sites is not None:
            self.fields["site"].queryset = Site.objects.filter(
                pk__in=[site.pk for site in sites]
            )
