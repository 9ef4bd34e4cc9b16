"""A resident's tip through the API v3 (added in buurtplein/api.py under
``/tips/``): an activity for the agenda or an organisation for the sociale
kaart.

Sent by a front end the site lists (``core.api_submissions.ClientKey``), it
goes through the tip page's form (``SuggestionForm``) and service
(``suggestion_create``): the same fields, messages and rate limit; the tip
waits for moderation and Communicatie of the site gets a mail.
"""

from http import HTTPStatus

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Status

from .antispam import limit_submissions
from .api import SiteParam, api_site
from .api_submissions import (
    SUBMISSION_OPENAPI,
    ClientKey,
    Receipt,
    SubmissionBody,
    SubmissionSchema,
    api_form,
    refuse_with,
    submission_problems,
    submission_refused,
)
from .forms import SuggestionForm
from .models import PlatformSettings, SuggestionKind
from .services import suggestion_create

router = Router(tags=["tips"])


class TipIn(SubmissionSchema):
    """Een tip: een activiteit voor de agenda of een organisatie voor de
    sociale kaart. Bij een activiteit zijn 'when' en 'where' nodig; bij een
    organisatie worden ze genegeerd. Met een e-mailadres moet
    'contact_consent' true zijn."""

    form_class = SuggestionForm

    kind: SuggestionKind = Field(
        description="activiteit (voor de agenda) of organisatie (sociale kaart)."
    )
    title: str = Field(min_length=1, max_length=150, description="De naam.")
    description: str = Field(min_length=1, max_length=2000)
    when: str = Field("", max_length=200, description="Alleen bij een activiteit.")
    where: str = Field("", max_length=200, description="Alleen bij een activiteit.")
    website: str = Field(
        "", max_length=200, description="Bijvoorbeeld www.voorbeeld.nl."
    )
    neighbourhood: str = Field(
        "",
        max_length=100,
        description="De slug van een wijk van dit platform; leeg: weet ik niet.",
    )
    name: str = Field("", max_length=100)
    email: str = Field("", max_length=254, description="Niet openbaar.")
    contact_consent: bool = Field(
        False, description="We mogen mailen over deze tip (nodig met een e-mailadres)."
    )


@router.post(
    "/",
    auth=ClientKey(),
    response={201: Receipt, **submission_problems()},
    openapi_extra=SUBMISSION_OPENAPI,
    summary="Een tip insturen",
)
def tip_submit(
    request: HttpRequest,
    payload: SubmissionBody[TipIn],
    site: SiteParam = None,
):
    """Als het tipformulier op de site: de tip wacht op moderatie (status new)
    en Communicatie van het platform krijgt een e-mail."""
    site_obj = api_site(request, site)
    form = api_form(SuggestionForm)(
        payload.form_data(),
        site=site_obj,
        area_word=PlatformSettings.for_site(site_obj).area_words,
    )
    # The API names wijken by slug, as its filters do.
    form.fields["neighbourhood"].to_field_name = "slug"
    limit_submissions(request, form)
    if not form.is_valid():
        return submission_refused(form)
    data = form.cleaned_data
    try:
        suggestion_create(
            site=site_obj,
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
        raise refuse_with(error) from error
    if data["kind"] == SuggestionKind.EVENT:
        thanks = _(
            "We hebben je tip over een activiteit goed ontvangen. Een "
            "buurtverbinder of de gemeente bekijkt hem en zet hem in de agenda "
            "als hij past."
        )
    else:
        thanks = _(
            "We hebben je tip over een organisatie goed ontvangen. Een "
            "buurtverbinder of de gemeente bekijkt hem en zet hem op de sociale "
            "kaart als hij past."
        )
    message = " ".join(
        (
            thanks,
            _(
                "Dat kan een paar dagen duren. Gaf je je e-mailadres? Dan mailen "
                "we je alleen als we iets willen vragen."
            ),
        )
    )
    return Status(HTTPStatus.CREATED, {"message": message})
