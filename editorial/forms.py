"""Forms of the editorial admin: giving people their role."""

from itertools import groupby

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .selectors import role_choices


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name()
        return f"{name} ({obj.get_username()})" if name else obj.get_username()


class RoleGrantForm(forms.Form):
    person = PersonChoiceField(
        label=_("Wie"),
        queryset=get_user_model()
        .objects.filter(is_active=True)
        .order_by("first_name", "last_name", "username"),
        empty_label=_("Kies een persoon"),
        help_text=_("Staat de persoon er niet bij? Maak eerst een gebruiker aan."),
    )
    role = forms.ChoiceField(
        label=_("Rol"),
        help_text=_(
            "Een nieuwe wijk of organisatie staat hier vanzelf bij zodra de "
            "pagina is aangemaakt."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        grouped = [("", _("Kies een rol"))]
        for site_label, choices in groupby(role_choices(), key=lambda c: c.site_label):
            options = [(choice.key, choice.label) for choice in choices]
            grouped.append((site_label or _("Alle platforms"), options))
        self.fields["role"].choices = grouped
