"""Admin views of the editorial app: roles for Beheerders.

Each role given or taken here goes through ``services.role_grant`` and
``services.role_revoke``, which check that the Beheerder may (their own sites,
never themselves, never a superuser) and log it.
"""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .forms import RoleGrantForm
from .role_access import beheerder_scope, beheerder_sites, grantable_role_choices
from .selectors import people_with_roles


def _person_name(person) -> str:
    return person.get_full_name() or person.get_username()


class BeheerderOnlyMixin:
    """Only Beheerders (and superusers) give roles: a user manager can make
    anyone, themselves included, anything."""

    def dispatch(self, request, *args, **kwargs):
        if not services.user_is_beheerder(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def choices(self):
        return grantable_role_choices(user=self.request.user)


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

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "choices": self.choices}

    def get_context_data(self, **kwargs):
        scope = beheerder_scope(user=self.request.user)
        return super().get_context_data(
            people=people_with_roles(choices=self.choices),
            administered_sites=None
            if scope.all_sites
            else beheerder_sites(user=self.request.user),
            **kwargs,
        )

    def form_valid(self, form):
        person = form.cleaned_data["person"]
        key = form.cleaned_data["role"]
        try:
            services.role_grant(user=person, key=key, by=self.request.user)
        except services.RoleChangeRefused as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        label = next(c.label for c in self.choices if c.key == key)
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
        choice = next((c for c in self.choices if c.key == key), None)
        if choice is None:
            messages.error(request, _("Deze rol bestaat niet (meer)."))
            return redirect("editorial_roles")
        try:
            services.role_revoke(user=person, key=key, by=request.user)
        except services.RoleChangeRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("editorial_roles")
        messages.success(
            request,
            _("%(person)s heeft de rol %(role)s niet meer.")
            % {
                "person": _person_name(person),
                "role": choice.label,
            },
        )
        return redirect("editorial_roles")
