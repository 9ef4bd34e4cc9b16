"""'Ik wil helpen' through the API v3: a resident's response to a vacancy.

Sent by a front end the site lists (``core.api_submissions.ClientKey``), it
goes through the vacancy page's form (``VacancyResponseForm``) and service
(``vacancy_response_create``): the same fields, messages, rate limit and
consent, and the same mails to the vacancy's contact and the resident.
"""

from http import HTTPStatus

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Status
from ninja.errors import HttpError

from core.antispam import limit_submissions
from core.api import SiteParam, api_site
from core.api_submissions import (
    SUBMISSION_OPENAPI,
    ClientKey,
    DutchErrors,
    Receipt,
    SubmissionBody,
    SubmissionSchema,
    api_form,
    refuse_with,
    submission_problems,
    submission_refused,
)
from core.fields import PHONE_MAX_LENGTH
from core.selectors import live_pages_in_site

from .forms import MESSAGE_MAX_LENGTH, NAME_MAX_LENGTH, VacancyResponseForm
from .models import VacancyPage
from .services import VacancyClosedError, vacancy_response_create

router = Router(tags=["vrijwilligerswerk"])

# Ids past the database's integer are no page.
MAX_PAGE_ID = 2**63 - 1
NOT_FOUND = "Deze vacature staat niet op dit platform."
CLOSED = "Deze vacature is gesloten: reageren kan niet meer."


class VacancyPath(DutchErrors):
    vacancy_id: int = Field(
        ge=1, le=MAX_PAGE_ID, description="Het id van de vacature (de pagina)."
    )


class VacancyResponseIn(SubmissionSchema):
    """'Ik wil helpen': een naam en een e-mailadres of telefoonnummer; het
    bericht mag leeg blijven. De reactie gaat naar de contactpersoon van de
    vacature (of de organisatie), met het e-mailadres van de bewoner als
    Reply-To; met een e-mailadres krijgt de bewoner een bevestiging."""

    form_class = VacancyResponseForm

    name: str = Field(min_length=1, max_length=NAME_MAX_LENGTH)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=PHONE_MAX_LENGTH)
    message: str = Field("", max_length=MESSAGE_MAX_LENGTH)
    consent: bool = Field(
        description=(
            "Moet true zijn: naam, contactgegevens en bericht mogen naar de "
            "contactpersoon van de vacature."
        )
    )


def _vacancy(site, vacancy_id: int) -> VacancyPage:
    """A live, public vacancy of the site (404), still open (410), as the
    vacancy page's form."""
    vacancy = live_pages_in_site(VacancyPage, site=site).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise HttpError(HTTPStatus.NOT_FOUND, NOT_FOUND)
    if not vacancy.is_open:
        raise HttpError(HTTPStatus.GONE, CLOSED)
    return vacancy


@router.post(
    "/{vacancy_id}/reacties/",
    auth=ClientKey(),
    response={201: Receipt, **submission_problems(410)},
    openapi_extra=SUBMISSION_OPENAPI,
    summary="Ik wil helpen: reageren op een vacature",
)
def vacancy_response_submit(
    request: HttpRequest,
    path: Path[VacancyPath],
    payload: SubmissionBody[VacancyResponseIn],
    site: SiteParam = None,
):
    """Als 'Ik wil helpen' op de vacature: de contactpersoon krijgt de reactie
    per e-mail, de bewoner een bevestiging (als er een e-mailadres is). 410
    als de vacature gesloten is."""
    site_obj = api_site(request, site)
    vacancy = _vacancy(site_obj, path.vacancy_id)
    form = api_form(VacancyResponseForm)(payload.form_data())
    limit_submissions(request, form)
    if not form.is_valid():
        return submission_refused(form)
    try:
        vacancy_response_create(vacancy=vacancy, site=site_obj, **form.cleaned_data)
    except VacancyClosedError as error:
        raise HttpError(HTTPStatus.GONE, CLOSED) from error
    except ValidationError as error:
        raise refuse_with(error) from error
    message = " ".join(
        (
            _("We hebben je reactie op ‘%(title)s’ goed ontvangen.")  # noqa: RUF001
            % {"title": vacancy.title},
            _(
                "Heb je je e-mailadres ingevuld? Dan krijg je ook een bevestiging "
                "per e-mail."
            ),
        )
    )
    return Status(HTTPStatus.CREATED, {"message": message})
