from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from .forms import ChooseNeighbourhoodForm

ONE_YEAR = 60 * 60 * 24 * 365


def _safe_next(request, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return "/"


@require_http_methods(["GET", "POST"])
def choose_neighbourhood(request):
    """Let a resident choose 'mijn wijk'; listings then default to it (a cookie)."""
    site = Site.find_for_request(request)
    if request.method == "POST":
        form = ChooseNeighbourhoodForm(request.POST, site=site)
        if form.is_valid():
            response = redirect(_safe_next(request, form.cleaned_data.get("next", "")))
            neighbourhood = form.cleaned_data.get("neighbourhood")
            cookie = settings.BUURTPLEIN_NEIGHBOURHOOD_COOKIE
            if neighbourhood is None:
                response.delete_cookie(cookie)
            else:
                response.set_cookie(
                    cookie,
                    str(neighbourhood.pk),
                    max_age=ONE_YEAR,
                    samesite="Lax",
                    secure=request.is_secure(),
                    httponly=True,
                )
            return response
        status = 400
    else:
        form = ChooseNeighbourhoodForm(
            site=site, initial={"next": request.GET.get("next", "")}
        )
        status = 200
    return render(
        request, "core/choose_neighbourhood.html", {"form": form}, status=status
    )
