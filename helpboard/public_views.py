"""The public pages of one post on the board: the post itself, answering it and
reporting it (routes of ``HelpBoardPage``).

Templates get the post's public fields only (``selectors.public_fields``),
never the model: the resident's e-mail address and phone number cannot end
up in a page.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.antispam import limit_submissions
from core.links import page_path

from .contact import (
    HelpPostNotPublicError,
    first_report_from,
    help_report_create,
    help_response_create,
    responses_go_to_moderators,
)
from .models import HelpBoardPage, HelpPost
from .public_forms import HelpReportForm, HelpResponseForm
from .selectors import help_post_of_site, help_post_public, public_fields

DETAIL_TEMPLATE = "helpboard/help_post_detail.html"
RESPOND_TEMPLATE = "helpboard/help_post_respond.html"
RESPONDED_TEMPLATE = "helpboard/help_post_responded.html"
REPORT_TEMPLATE = "helpboard/help_post_report.html"
# A POST about a post that left the board in the meantime.
GONE = 410
# Ids past the database's integer are no post (and would overflow it).
MAX_POST_ID = 2**63 - 1


def _render(
    request: HttpRequest,
    board: HelpBoardPage,
    template: str,
    status: int = 200,
    *,
    never_cache: bool = False,
    **extra,
) -> TemplateResponse:
    context = {"page": board, "self": board, "request": request, **extra}
    response = TemplateResponse(request, template, context, status=status)
    if never_cache:
        # A form carries a CSRF token and what the visitor typed.
        add_never_cache_headers(response)
    return response


def _post_of_board(board: HelpBoardPage, post_id: int) -> HelpPost:
    """Any post of the board's site (404 otherwise); the forms say when it is
    no longer public."""
    post = None
    if post_id <= MAX_POST_ID:
        post = help_post_of_site(site=board.get_site(), post_id=post_id)
    if post is None:
        raise Http404
    return post


@require_http_methods(["GET", "HEAD"])
def help_post_detail(
    request: HttpRequest, *, board: HelpBoardPage, post_id: int
) -> HttpResponse:
    """One public post: 404 unless it is on this board now."""
    post = None
    if post_id <= MAX_POST_ID:
        post = help_post_public(site=board.get_site(), post_id=post_id)
    if post is None:
        raise Http404
    return _render(request, board, DETAIL_TEMPLATE, post=post)


@require_http_methods(["GET", "HEAD", "POST"])
def help_post_respond(
    request: HttpRequest, *, board: HelpBoardPage, post_id: int
) -> HttpResponse:
    """GET shows the form; POST stores the answer, forwards it and redirects.

    Invalid input comes back with status 400 and every typed value kept; a
    bot's too, and one over the rate limit with 429 (core.antispam). A post
    that left the board shows a message and no form (a POST gets 410).
    """
    post = _post_of_board(board, post_id)
    if not post.is_public:
        status = GONE if request.method == "POST" else 200
        return _render(request, board, RESPOND_TEMPLATE, status, never_cache=True)
    via_moderators = responses_go_to_moderators(post)
    shown = {"post": public_fields(post), "via_moderators": via_moderators}
    if request.method != "POST":
        form = HelpResponseForm(via_moderators=via_moderators)
        return _render(
            request, board, RESPOND_TEMPLATE, never_cache=True, form=form, **shown
        )

    form = HelpResponseForm(request.POST, via_moderators=via_moderators)
    limit_submissions(request, form)
    if form.is_valid():
        try:
            help_response_create(post=post, **form.cleaned_data)
        except HelpPostNotPublicError:
            return _render(request, board, RESPOND_TEMPLATE, GONE, never_cache=True)
        except ValidationError as error:
            # The model's checks agree with the form's; this is a safety net.
            form.add_error(None, error.messages)
        else:
            return redirect(
                page_path(board) + board.reverse_subpage("responded", args=[post.pk])
            )
    return _render(
        request,
        board,
        RESPOND_TEMPLATE,
        form.error_status,
        never_cache=True,
        form=form,
        **shown,
    )


@require_http_methods(["GET", "HEAD"])
def help_post_responded(
    request: HttpRequest, *, board: HelpBoardPage, post_id: int
) -> HttpResponse:
    """The on-screen confirmation. It shows nothing the visitor typed and
    nothing of the resident but their first name."""
    post = _post_of_board(board, post_id)
    return _render(
        request,
        board,
        RESPONDED_TEMPLATE,
        post=public_fields(post) if post.is_public else None,
        via_moderators=responses_go_to_moderators(post),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def help_post_report(
    request: HttpRequest, *, board: HelpBoardPage, post_id: int
) -> HttpResponse:
    """GET shows the report form; POST stores the report and says thanks (on
    the post's page, or on the board when the report hid the post)."""
    post = _post_of_board(board, post_id)
    if not post.is_public:
        status = GONE if request.method == "POST" else 200
        return _render(request, board, REPORT_TEMPLATE, status, never_cache=True)
    shown = {"post": public_fields(post)}
    if request.method != "POST":
        return _render(
            request,
            board,
            REPORT_TEMPLATE,
            never_cache=True,
            form=HelpReportForm(),
            **shown,
        )

    form = HelpReportForm(request.POST)
    limit_submissions(request, form)
    if form.is_valid():
        try:
            if first_report_from(request, post):
                help_report_create(post=post, **form.cleaned_data)
        except HelpPostNotPublicError:
            return _render(request, board, REPORT_TEMPLATE, GONE, never_cache=True)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return _thanks_for_report(request, board, post)
    return _render(
        request,
        board,
        REPORT_TEMPLATE,
        form.error_status,
        never_cache=True,
        form=form,
        **shown,
    )


def _thanks_for_report(
    request: HttpRequest, board: HelpBoardPage, post: HelpPost
) -> HttpResponse:
    thanks = _("Bedankt voor je melding. Een moderator kijkt ernaar.")
    if post.is_public:
        messages.success(request, thanks)
        return redirect(
            page_path(board) + board.reverse_subpage("post", args=[post.pk])
        )
    messages.success(
        request,
        thanks + " " + _("Tot die tijd staat het bericht niet meer op de site."),
    )
    return redirect(page_path(board))
