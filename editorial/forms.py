"""Forms of the editorial admin: giving people their role, and Wagtail's user
forms without superuser status or groups for anyone but a superuser."""

from itertools import groupby

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from .selectors import RoleChoice, role_choices


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

    def __init__(self, *args, choices: list[RoleChoice] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        grouped = [("", _("Kies een rol"))]
        choices = role_choices() if choices is None else choices
        for site_label, group in groupby(choices, key=lambda c: c.site_label):
            options = [(choice.key, choice.label) for choice in group]
            grouped.append((site_label or _("Alle platforms"), options))
        self.fields["role"].choices = grouped


# Wagtail's user forms (editorial.user_admin), without a way past the roles.

ROLE_FIELDS = ("is_superuser", "groups")


class RoleSafeUserFormMixin:
    """Only a superuser sees, and may send, superuser status and groups.

    Anyone else (a Beheerder) manages people's roles on Instellingen → Rollen:
    the fields are gone, and a request that sends them anyway (a forged POST)
    is refused with an error, and nothing is saved.
    """

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_user = for_user
        self.roles_editable = bool(
            for_user is not None and for_user.is_active and for_user.is_superuser
        )
        if not self.roles_editable:
            for name in ROLE_FIELDS:
                self.fields.pop(name, None)

    def clean(self):
        cleaned_data = super().clean()
        if self.is_bound and not self.roles_editable:
            if any(name in self.data for name in ROLE_FIELDS):
                raise forms.ValidationError(
                    _(
                        "Superuser-rechten en groepen kun je hier niet wijzigen. "
                        "Rollen geef je op Instellingen → Rollen."
                    ),
                    code="roles_not_editable",
                )
        return cleaned_data


class RoleSafeUserCreationForm(RoleSafeUserFormMixin, UserCreationForm):
    pass


class RoleSafeUserEditForm(RoleSafeUserFormMixin, UserEditForm):
    pass
