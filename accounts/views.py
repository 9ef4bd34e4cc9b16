"""Admin views of two-factor authentication (registered in wagtail_hooks.py).

- *verify*: the second step of the login, a code from the app or a recovery code;
- *setup*: scan a QR code, type the first code, receive the recovery codes;
- *manage* (Account → Tweestapsverificatie): the state, new recovery codes, and
  switching it off for whom it is optional.

The first two have the look of the login page and no sidebar: until the second
step the rest of the admin is closed (accounts.middleware.TwoFactorMiddleware).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from core.antispam import client_ip

from . import services
from .forms import CodeForm
from .selectors import (
    has_two_factor,
    login_lockouts,
    recovery_codes_left,
    two_factor_required,
)

WRONG_CODE = gettext_lazy(
    "Deze code klopt niet of is al gebruikt. Wacht op een nieuwe code in je app en "
    "probeer het opnieuw."
)


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified() or not has_two_factor(user=user):
        return HttpResponseRedirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if services.two_factor_verify(
            request=request, code=form.cleaned_data["code"], ip=client_ip(request)
        ):
            return HttpResponseRedirect(_next_url(request))
        form.add_error(None, WRONG_CODE)
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
    )


def setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    device = services.totp_device_start(user=user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if services.totp_device_confirm(
            request=request, device=device, code=form.cleaned_data["code"]
        ):
            codes = services.recovery_codes_create(user=user)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next_url(request), "first_time": True},
            )
        form.add_error(None, WRONG_CODE)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": services.totp_qr_svg(device=device),
            "key": services.totp_key_for_typing(device=device),
            "next": _next_url(request),
            "required": two_factor_required(user=user),
        },
    )


@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    if not has_two_factor(user=request.user):
        return redirect("accounts_two_factor")
    codes = services.recovery_codes_create(user=request.user)
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": reverse("accounts_two_factor"), "first_time": False},
    )


@require_POST
def disable(request: HttpRequest) -> HttpResponse:
    user = request.user
    if two_factor_required(user=user):
        messages.error(request, _("Voor jouw rol is tweestapsverificatie verplicht."))
        return redirect("accounts_two_factor")
    form = CodeForm(request.POST)
    if form.is_valid() and services.two_factor_verify(
        request=request, code=form.cleaned_data["code"], ip=client_ip(request)
    ):
        services.two_factor_disable(user=user)
        messages.success(request, _("Tweestapsverificatie staat uit."))
    else:
        messages.error(request, str(WRONG_CODE))
    return redirect("accounts_two_factor")


class ManageView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "accounts/two_factor_manage.html"
    page_title = gettext_lazy("Tweestapsverificatie")
    header_icon = "lock"

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("wagtailadmin_account"), "label": _("Account")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            enabled=has_two_factor(user=user),
            required=two_factor_required(user=user),
            codes_left=recovery_codes_left(user=user),
            form=CodeForm(),
            **kwargs,
        )


manage = ManageView.as_view()


class LoginLockoutsView(WagtailAdminTemplateMixin, TemplateView):
    """Instellingen → Inlogblokkades: superusers see and lift login locks."""

    template_name = "accounts/login_lockouts.html"
    page_title = gettext_lazy("Inlogblokkades")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(attempts=list(login_lockouts()), **kwargs)

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            attempt_id = int(request.POST.get("attempt", ""))
        except ValueError:
            attempt_id = 0
        if services.login_lockout_lift(attempt_id=attempt_id, by=request.user):
            messages.success(request, _("De blokkade is opgeheven."))
        return redirect("accounts_login_lockouts")


login_lockouts_view = LoginLockoutsView.as_view()
