"""An organisation's answer to a referral (route ``doorverwijzing/<token>/`` of
``HelpBoardPage``).

The organisation has no account: the signed link in its mail is the key
(``helpboard.links``). It sees the request without the resident's contact
details and chooses: accept (then it sees and gets the contact details) or
decline (then the request goes back to the moderators). A referral is decided
once. These pages hold a CSRF token and, after accepting, personal data: they
are never cached and send no referrer.
"""

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from core.fields import CONTROL_CHARACTERS_EXCEPT_LINES, ResidentTextField
from core.models import PlatformSettings

from .links import LinkError, referral_from_token
from .models import OPEN_STATUSES, HelpBoardPage, HelpReferral, HelpReferralStatus
from .moderation import ModerationError, help_referral_accept, help_referral_decline

DECIDE_TEMPLATE = "helpboard/referral_decide.html"
ACCEPTED_TEMPLATE = "helpboard/referral_accepted.html"
DECLINED_TEMPLATE = "helpboard/referral_declined.html"
DECIDED_TEMPLATE = "helpboard/referral_decided.html"
GONE_TEMPLATE = "helpboard/referral_gone.html"

ACCEPT, DECLINE = "accept", "decline"
BAD_REQUEST, CONFLICT, GONE = 400, 409, 410


class ReferralDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Je antwoord"),
        choices=[
            (
                ACCEPT,
                _(
                    "Wij pakken deze vraag op. Laat de contactgegevens van de "
                    "bewoner zien."
                ),
            ),
            (DECLINE, _("Wij kunnen deze vraag niet oppakken.")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies of je de vraag aanneemt of afwijst."),
            "invalid_choice": _("Kies of je de vraag aanneemt of afwijst."),
        },
    )
    reason = ResidentTextField(
        label=_("Waarom kunnen jullie niet helpen? (mag leeg)"),
        help_text=_("Dit lezen alleen de moderatoren van het platform."),
        max_length=1000,
        required=False,
        forbidden=CONTROL_CHARACTERS_EXCEPT_LINES,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _render(
    request: HttpRequest,
    board: HelpBoardPage,
    template: str,
    status: int = 200,
    **extra,
) -> TemplateResponse:
    context = {
        "page": board,
        "self": board,
        "board": board,
        "platform_settings": PlatformSettings.for_site(board.get_site()),
        **extra,
    }
    response = TemplateResponse(request, template, context, status=status)
    add_never_cache_headers(response)
    # The address is the organisation's key: keep it out of Referer headers.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _decided(request, board, referral: HelpReferral, status: int = 200):
    return _render(request, board, DECIDED_TEMPLATE, status, referral=referral)


@require_http_methods(["GET", "HEAD", "POST"])
def help_referral_decide(
    request: HttpRequest, *, board: HelpBoardPage, token: str
) -> HttpResponse:
    """GET shows the request and the choice; POST stores it.

    A broken link is a 404, an expired one or a request that is no longer
    open (closed, or erased on the resident's request) a 410; a referral
    that was answered shows the answer (409 when answered again).
    """
    try:
        referral = referral_from_token(token, site=board.get_site())
    except LinkError as error:
        if error.expired:
            return _render(request, board, GONE_TEMPLATE, GONE, expired=True)
        raise Http404 from error
    post = referral.post
    if referral.status != HelpReferralStatus.PENDING:
        return _decided(
            request, board, referral, CONFLICT if request.method == "POST" else 200
        )
    if post.status not in OPEN_STATUSES:
        return _render(request, board, GONE_TEMPLATE, GONE, expired=False)

    if request.method != "POST":
        return _render(
            request,
            board,
            DECIDE_TEMPLATE,
            referral=referral,
            post=post,
            form=ReferralDecisionForm(),
        )

    form = ReferralDecisionForm(request.POST)
    if not form.is_valid():
        return _render(
            request,
            board,
            DECIDE_TEMPLATE,
            BAD_REQUEST,
            referral=referral,
            post=post,
            form=form,
        )
    try:
        if form.cleaned_data["decision"] == ACCEPT:
            help_referral_accept(referral=referral)
        else:
            help_referral_decline(referral=referral, reason=form.cleaned_data["reason"])
    except ModerationError:
        # Answered (or the request closed) in the meantime.
        referral.refresh_from_db()
        if referral.status != HelpReferralStatus.PENDING:
            return _decided(request, board, referral, CONFLICT)
        return _render(request, board, GONE_TEMPLATE, GONE, expired=False)
    if referral.status == HelpReferralStatus.ACCEPTED:
        return _render(request, board, ACCEPTED_TEMPLATE, referral=referral, post=post)
    return _render(request, board, DECLINED_TEMPLATE, referral=referral, post=post)
