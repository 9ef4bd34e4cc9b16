"""The "Ik wil helpen" pages of a vacancy (routes of ``VacancyPage``)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from core.antispam import limit_submissions
from core.links import page_path

from .forms import VacancyResponseForm
from .models import VacancyPage
from .selectors import vacancy_recipient
from .services import VacancyClosedError, vacancy_response_create

RESPONSE_TEMPLATE = "vacancies/vacancy_page_respond.html"
THANKS_TEMPLATE = "vacancies/vacancy_page_responded.html"
# A POST to a vacancy that has closed in the meantime.
GONE = 410


def _render(
    request: HttpRequest, vacancy: VacancyPage, template: str, status=200, **extra
) -> TemplateResponse:
    context = vacancy.get_context(request)
    context["retention_days"] = settings.BUURTPLEIN_VACANCY_RESPONSE_RETENTION_DAYS
    context.update(extra)
    response = TemplateResponse(request, template, context, status=status)
    # The form carries a CSRF token and what the resident typed: never cache it.
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def vacancy_respond(request: HttpRequest, *, vacancy: VacancyPage) -> HttpResponse:
    """GET shows the form; POST stores the response and redirects to "bedankt".

    Invalid input comes back with status 400, every typed value kept and a
    Dutch message per field; a bot's submission too, and one over the rate
    limit with 429 (core.antispam). A closed vacancy shows a message and no form.
    """
    recipient = vacancy_recipient(vacancy=vacancy)
    if not vacancy.is_open:
        status = GONE if request.method == "POST" else 200
        return _render(request, vacancy, RESPONSE_TEMPLATE, status, recipient=recipient)
    if request.method != "POST":
        return _render(
            request,
            vacancy,
            RESPONSE_TEMPLATE,
            form=VacancyResponseForm(),
            recipient=recipient,
        )

    form = VacancyResponseForm(request.POST)
    limit_submissions(request, form)
    if form.is_valid():
        try:
            vacancy_response_create(
                vacancy=vacancy,
                site=vacancy.get_site(),
                **form.cleaned_data,
            )
        except VacancyClosedError:
            # Closed between the check above and now (midnight): say so.
            return _render(
                request, vacancy, RESPONSE_TEMPLATE, GONE, recipient=recipient
            )
        except ValidationError as error:
            # The model's own checks agree with the form's; this is a safety net.
            form.add_error(None, error.messages)
        else:
            return redirect(page_path(vacancy) + vacancy.reverse_subpage("responded"))
    return _render(
        request,
        vacancy,
        RESPONSE_TEMPLATE,
        form.error_status,
        form=form,
        recipient=recipient,
    )


@require_http_methods(["GET", "HEAD"])
def vacancy_responded(request: HttpRequest, *, vacancy: VacancyPage) -> HttpResponse:
    """The on-screen confirmation. It shows nothing the resident typed."""
    return _render(
        request,
        vacancy,
        THANKS_TEMPLATE,
        recipient=vacancy_recipient(vacancy=vacancy),
    )
