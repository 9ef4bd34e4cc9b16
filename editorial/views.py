"""Admin views of the editorial app: roles for Beheerders."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .forms import RoleGrantForm
from .selectors import people_with_roles, role_choices


def _person_name(person) -> str:
    return person.get_full_name() or person.get_username()


class BeheerderOnlyMixin:
    """Only Beheerders (and superusers) give roles: a user manager can make
    anyone, themselves included, anything."""

    def dispatch(self, request, *args, **kwargs):
        if not services.user_is_beheerder(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class RolesView(BeheerderOnlyMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "editorial/roles.html"
    page_title = gettext_lazy("Rollen")
    header_icon = "group"
    form_class = RoleGrantForm
    success_url = reverse_lazy("editorial_roles")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(people=people_with_roles(), **kwargs)

    def form_valid(self, form):
        person = form.cleaned_data["person"]
        key = form.cleaned_data["role"]
        services.role_grant(user=person, key=key)
        label = next(c.label for c in role_choices() if c.key == key)
        messages.success(
            self.request,
            _("%(person)s heeft nu de rol: %(role)s.")
            % {
                "person": _person_name(person),
                "role": label,
            },
        )
        return super().form_valid(form)


class RoleRevokeView(BeheerderOnlyMixin, View):
    http_method_names = ["post"]

    def post(self, request, user_id):
        person = get_object_or_404(get_user_model(), pk=user_id)
        key = request.POST.get("role", "")
        choice = next((c for c in role_choices() if c.key == key), None)
        if choice is None:
            messages.error(request, _("Deze rol bestaat niet (meer)."))
            return redirect("editorial_roles")
        services.role_revoke(user=person, key=key)
        messages.success(
            request,
            _("%(person)s heeft de rol %(role)s niet meer.")
            % {
                "person": _person_name(person),
                "role": choice.label,
            },
        )
        return redirect("editorial_roles")
