from urllib.parse import urlencode, urlsplit

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
from .models import PlatformSettings, SuggestionKind
from .services import suggestion_create
from .statements import accessibility_statement_context, privacy_statement_context

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
    area_word = PlatformSettings.for_request(request).area_words if site else None
    if request.method == "POST":
        form = ChooseNeighbourhoodForm(request.POST, site=site, area_word=area_word)
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
            site=site,
            area_word=area_word,
            initial={"next": request.GET.get("next", "")},
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
    area_word = PlatformSettings.for_request(request).area_words
    if request.method == "POST":
        form = SuggestionForm(request.POST, site=site, area_word=area_word)
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
        form = SuggestionForm(
            site=site, area_word=area_word, initial={"kind": fixed_kind or None}
        )
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


def _elsewhere(request, url: str) -> bool:
    """Whether a statement link in the settings points at another page that a
    browser can be redirected to (not this page itself, not a mailto)."""
    if not url:
        return False
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https"):
        return False
    return bool(parts.netloc) or parts.path.rstrip("/") != request.path.rstrip("/")


def _platform_settings(request) -> PlatformSettings:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return PlatformSettings.for_site(site)


@require_http_methods(["GET", "HEAD"])
def privacy_statement(request):
    """The platform's privacy statement, built from the privacy register; a
    municipality's own statement (in the site settings) takes its place."""
    settings_ = _platform_settings(request)
    if _elsewhere(request, settings_.privacy_statement_url):
        return redirect(settings_.privacy_statement_url)
    return render(
        request,
        "core/privacy_statement.html",
        privacy_statement_context(settings=settings_),
    )


@require_http_methods(["GET", "HEAD"])
def accessibility_statement(request):
    """The platform's accessibility statement, from the site settings."""
    settings_ = _platform_settings(request)
    if _elsewhere(request, settings_.accessibility_statement_url):
        return redirect(settings_.accessibility_statement_url)
    return render(
        request,
        "core/accessibility_statement.html",
        accessibility_statement_context(settings=settings_),
    )
