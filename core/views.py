from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from .antispam import limit_submissions
from .forms import ChooseNeighbourhoodForm, SuggestionForm
from .models import SuggestionKind
from .services import suggestion_create

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


def _suggestion_kind(value: str) -> str:
    """The kind a link asked for (``?soort=activiteit``), or "" for any."""
    return value if value in SuggestionKind.values else ""


@require_http_methods(["GET", "POST"])
def suggest(request):
    """A resident suggests an activity or an organisation; it waits for moderation.

    ``?soort=activiteit|organisatie`` (the links on the agenda and the sociale
    kaart) fixes the kind and shows only its questions. Refused as a bot or
    over the rate limit (core.antispam): 400 or 429, the form shown again.
    """
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    fixed_kind = _suggestion_kind(request.GET.get("soort", ""))
    if request.method == "POST":
        form = SuggestionForm(request.POST, site=site)
        limit_submissions(request, form)
        if form.is_valid():
            data = form.cleaned_data
            try:
                suggestion_create(
                    site=site,
                    kind=data["kind"],
                    title=data["title"],
                    description=data["description"],
                    when=data["when"],
                    where=data["where"],
                    website=data["website"],
                    neighbourhood=data["neighbourhood"],
                    name=data["name"],
                    email=data["email"],
                    contact_consent=data["contact_consent"],
                )
            except ValidationError as error:
                # The model's checks agree with the form's; this is a safety net.
                form.add_error(None, error.messages)
            else:
                return redirect(
                    f"{reverse('suggest')}?{urlencode({'bedankt': data['kind']})}"
                )
        status = form.error_status
    else:
        thanked = _suggestion_kind(request.GET.get("bedankt", ""))
        if thanked:
            return render(request, "core/suggest_thanks.html", {"kind": thanked})
        form = SuggestionForm(site=site, initial={"kind": fixed_kind or None})
        status = 200
    return render(
        request,
        "core/suggest.html",
        {
            "form": form,
            "fixed_kind": fixed_kind,
            "show_event_fields": fixed_kind != SuggestionKind.ORGANISATION,
        },
        status=status,
    )
