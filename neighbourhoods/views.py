"""The wijk page's own subpages: asking a buurtverbinder a question."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from core.antispam import limit_submissions
from core.links import page_path

from .forms import ConnectorQuestionForm
from .models import Connector, NeighbourhoodPage
from .services import (
    ConnectorNotReachableError,
    connector_is_reachable,
    connector_question_send,
)

QUESTION_TEMPLATE = "neighbourhoods/connector_question.html"
SENT_TEMPLATE = "neighbourhoods/connector_question_sent.html"
MAIL_FAILED = 503
# Larger ids cannot exist and would overflow the database's integer.
MAX_CONNECTOR_ID = 2**31 - 1


def _reachable_connector(wijk_page: NeighbourhoodPage, connector_id: int) -> Connector:
    connector = None
    if connector_id <= MAX_CONNECTOR_ID:
        connector = (
            wijk_page.connectors.filter(pk=connector_id).select_related("photo").first()
        )
    if connector is None or not connector_is_reachable(connector):
        raise Http404
    return connector


def _render(request, wijk_page, template, status=200, **extra) -> TemplateResponse:
    context = {"page": wijk_page, "self": wijk_page, "request": request, **extra}
    response = TemplateResponse(request, template, context, status=status)
    # A form carries a CSRF token and what the resident typed.
    add_never_cache_headers(response)
    return response


def connector_question(
    request: HttpRequest, *, wijk_page: NeighbourhoodPage, connector_id: int
) -> HttpResponse:
    """GET shows the form; POST mails the question and redirects.

    Invalid input comes back with status 400 and everything typed kept; a
    bot's too, and one over the rate limit with 429 (core.antispam). When the
    mail server fails the resident is told so (503), with the form kept.
    """
    connector = _reachable_connector(wijk_page, connector_id)
    if request.method != "POST":
        form = ConnectorQuestionForm()
        return _render(
            request, wijk_page, QUESTION_TEMPLATE, form=form, connector=connector
        )
    form = ConnectorQuestionForm(request.POST)
    limit_submissions(request, form)
    if form.is_valid():
        try:
            sent = connector_question_send(connector=connector, **form.cleaned_data)
        except ConnectorNotReachableError as error:
            raise Http404 from error
        if sent:
            return redirect(
                page_path(wijk_page)
                + wijk_page.reverse_subpage(
                    "connector_question_sent", args=[connector.pk]
                )
            )
        form.add_error(
            None,
            _(
                "Je vraag kon nu niet worden verstuurd. Probeer het later nog eens, "
                "of spreek de buurtverbinder aan op het spreekuur."
            ),
        )
        return _render(
            request,
            wijk_page,
            QUESTION_TEMPLATE,
            MAIL_FAILED,
            form=form,
            connector=connector,
        )
    return _render(
        request,
        wijk_page,
        QUESTION_TEMPLATE,
        form.error_status,
        form=form,
        connector=connector,
    )


def connector_question_sent(
    request: HttpRequest, *, wijk_page: NeighbourhoodPage, connector_id: int
) -> HttpResponse:
    """The confirmation; it shows nothing the resident typed."""
    connector = _reachable_connector(wijk_page, connector_id)
    return _render(request, wijk_page, SENT_TEMPLATE, connector=connector)
