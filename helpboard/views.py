"""The resident's side of vraag & aanbod (routes of ``HelpBoardPage``): sending
a post in, and the private link to see, change, close or remove it.

Nobody has an account: the signed link in the resident's mail is the key
(helpboard.links). These pages hold what a resident typed and a CSRF token,
so they are never cached; the private pages also send no referrer, so the
link does not travel to another site.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods
from wagtail.models import ModelLogEntry

from core.antispam import limit_submissions
from core.links import page_path
from core.models import PlatformSettings

from . import services
from .forms import HelpPostEditForm, HelpPostForm
from .links import LinkError, post_from_manage_token
from .log_actions import REQUEST_CHANGE
from .models import HelpBoardPage, HelpKind, HelpPost, HelpStatus
from .personal_data import HelpPostPersonalData

SUBMIT_TEMPLATE = "helpboard/help_post_submit.html"
SUBMITTED_TEMPLATE = "helpboard/help_post_submitted.html"
MANAGE_TEMPLATE = "helpboard/help_post_manage.html"
EDIT_TEMPLATE = "helpboard/help_post_edit.html"
LINK_EXPIRED_TEMPLATE = "helpboard/help_post_link_expired.html"
LINK_INVALID_TEMPLATE = "helpboard/help_post_link_invalid.html"
LINK_GONE_TEMPLATE = "helpboard/help_post_link_gone.html"

KIND_PARAM = "soort"
DONE_PARAM = "klaar"
# What the resident just did, for the message on the next page.
CLOSED, EDITED = "gesloten", "gewijzigd"
DELETED, ERASED = "verwijderd", "alles-verwijderd"

CLOSE, DELETE, ERASE = "close", "delete", "erase"
MANAGE_ACTIONS = (CLOSE, DELETE, ERASE)

GONE = 410
CONFLICT = 409


def _render(
    request: HttpRequest,
    board: HelpBoardPage,
    template: str,
    status: int = 200,
    *,
    private: bool = False,
    **extra,
) -> TemplateResponse:
    context = {
        "page": board,
        "self": board,
        "board": board,
        "platform_settings": PlatformSettings.for_site(board.get_site()),
        "retention_days": settings.BUURTPLEIN_HELP_POST_RETENTION_DAYS,
        "link_days": settings.BUURTPLEIN_HELP_LINK_MAX_AGE_DAYS,
        "open_days": settings.BUURTPLEIN_HELP_POST_OPEN_DAYS,
        **extra,
    }
    response = TemplateResponse(request, template, context, status=status)
    # The form carries a CSRF token and what the resident typed: never cache it.
    add_never_cache_headers(response)
    if private:
        # The address holds the resident's key: keep it out of Referer headers.
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _kind(value: str) -> str:
    return value if value in HelpKind.values else ""


def _manage_url(board: HelpBoardPage, token: str, **params: str) -> str:
    url = page_path(board) + board.reverse_subpage("manage", args=[token])
    return f"{url}?{urlencode(params)}" if params else url


def _is_erased(post: HelpPost) -> bool:
    """Anonymised by its resident, a moderator or the retention period."""
    return all(
        getattr(post, name) == value
        for name, value in HelpPostPersonalData.anonymise_fields.items()
    )


def _post_for_link(
    request: HttpRequest, board: HelpBoardPage, token: str
) -> tuple[HelpPost | None, HttpResponse | None]:
    """The post of a private link, or the page that says why there is none:
    an expired link (410, with how to get help), a broken or unknown one (404),
    or a post that no longer exists because it was erased (410)."""
    try:
        post = post_from_manage_token(token, site=board.get_site())
    except LinkError as error:
        if error.expired:
            return None, _render(
                request, board, LINK_EXPIRED_TEMPLATE, GONE, private=True
            )
        return None, _render(request, board, LINK_INVALID_TEMPLATE, 404, private=True)
    if _is_erased(post):
        return None, _render(request, board, LINK_GONE_TEMPLATE, GONE, private=True)
    return post, None


def _change_reason(post: HelpPost) -> str:
    """What the moderator asked to change, from the latest request's log entry."""
    entry = (
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(HelpPost),
            object_id=str(post.pk),
            action=REQUEST_CHANGE,
        )
        .order_by("-timestamp", "-pk")
        .first()
    )
    reason = (entry.data or {}).get("reason") if entry else ""
    return reason if isinstance(reason, str) else ""


@require_http_methods(["GET", "HEAD", "POST"])
def help_post_submit(request: HttpRequest, *, board: HelpBoardPage) -> HttpResponse:
    """GET shows the form (``?soort=vraag|aanbod`` chooses the kind); POST
    stores the post and redirects to ``verstuurd/``.

    Invalid input comes back with status 400, everything typed kept and a
    Dutch message per field; a bot's submission too, and one over the rate
    limit with 429 (core.antispam). Nothing is stored then.
    """
    site = board.get_site()
    kind = _kind(request.GET.get(KIND_PARAM, ""))
    if request.method != "POST":
        form = HelpPostForm(site=site, initial={"kind": kind or None})
        return _render(request, board, SUBMIT_TEMPLATE, form=form, kind=kind)

    form = HelpPostForm(request.POST, site=site)
    limit_submissions(request, form)
    if form.is_valid():
        try:
            services.help_post_submit(site=site, **form.post_fields())
        except ValidationError as error:
            # The model's own checks agree with the form's; this is a safety net.
            form.add_error(None, error.messages)
        else:
            return redirect(page_path(board) + board.reverse_subpage("submitted"))
    return _render(
        request, board, SUBMIT_TEMPLATE, form.error_status, form=form, kind=kind
    )


@require_http_methods(["GET", "HEAD"])
def help_post_submitted(request: HttpRequest, *, board: HelpBoardPage) -> HttpResponse:
    """The on-screen confirmation; also after a resident removed their post
    (``?klaar=verwijderd``). It shows nothing the resident typed."""
    done = request.GET.get(DONE_PARAM, "")
    return _render(
        request,
        board,
        SUBMITTED_TEMPLATE,
        done=done if done in (DELETED, ERASED) else "",
    )


@require_http_methods(["GET", "HEAD", "POST"])
def help_post_manage(
    request: HttpRequest, *, board: HelpBoardPage, token: str
) -> HttpResponse:
    """The resident's private page: their post, its status, and buttons to
    close it, delete it or erase everything about them.

    A button (POST ``action=close|delete|erase``) first asks to confirm; the
    second POST, with ``confirm=1``, does it and redirects.
    """
    post, refusal = _post_for_link(request, board, token)
    if refusal is not None:
        return refusal

    def page(status: int = 200, **extra) -> TemplateResponse:
        done = request.GET.get(DONE_PARAM, "")
        return _render(
            request,
            board,
            MANAGE_TEMPLATE,
            status,
            private=True,
            post=post,
            token=token,
            change_reason=(
                _change_reason(post)
                if post.status == HelpStatus.CHANGES_REQUESTED
                else ""
            ),
            done=done if done in (CLOSED, EDITED) else "",
            **extra,
        )

    if request.method != "POST":
        return page()
    action = request.POST.get("action", "")
    if action not in MANAGE_ACTIONS:
        return page(400)
    if action == CLOSE and not post.is_open:
        return page(CONFLICT, not_open=True)
    if request.POST.get("confirm", "") != "1":
        return page(confirm=action)

    if action == CLOSE:
        try:
            services.help_post_close_by_resident(post=post)
        except services.HelpPostNotOpen:
            return page(CONFLICT, not_open=True)
        return redirect(_manage_url(board, token, **{DONE_PARAM: CLOSED}))
    if action == DELETE:
        services.help_post_delete_by_resident(post=post)
        done = DELETED
    else:
        services.help_post_erase_everything(post=post)
        done = ERASED
    submitted_url = page_path(board) + board.reverse_subpage("submitted")
    return redirect(f"{submitted_url}?{urlencode({DONE_PARAM: done})}")


@require_http_methods(["GET", "HEAD", "POST"])
def help_post_edit(
    request: HttpRequest, *, board: HelpBoardPage, token: str
) -> HttpResponse:
    """The resident changes their post; it goes back to moderation (and off the
    board until a moderator approves it again). A closed or rejected post
    cannot be changed: the page says so (409 on POST)."""
    post, refusal = _post_for_link(request, board, token)
    if refusal is not None:
        return refusal

    def page(status: int = 200, **extra) -> TemplateResponse:
        return _render(
            request,
            board,
            EDIT_TEMPLATE,
            status,
            private=True,
            post=post,
            token=token,
            **extra,
        )

    if not post.is_open:
        return page(CONFLICT if request.method == "POST" else 200, not_open=True)
    site = board.get_site()
    if request.method != "POST":
        form = HelpPostEditForm(site=site, initial=HelpPostEditForm.initial_for(post))
        return page(form=form)

    # The initial values count for the fields a resident may not change.
    form = HelpPostEditForm(
        request.POST, site=site, initial=HelpPostEditForm.initial_for(post)
    )
    limit_submissions(request, form)
    if form.is_valid():
        try:
            services.help_post_edit_by_resident(post=post, **form.post_fields())
        except services.HelpPostNotOpen:
            return page(CONFLICT, not_open=True)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return redirect(_manage_url(board, token, **{DONE_PARAM: EDITED}))
    return page(form.error_status, form=form)
