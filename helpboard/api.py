"""Vraag & aanbod in the API v3 (added in buurtplein/api.py under ``/hulp/``).

Reading: the board's published posts and one post, with the public fields
only (``selectors.PUBLIC_FIELDS``) minus the resident's first name: an API is
read by machines and copied in bulk, so no name leaves it; e-mail addresses
and phone numbers never leave the database here at all.

Submitting, from a front end the site lists (``core.api_submissions``): a
request or an offer, an answer to a post and a report. Each goes through the
HTML page's form and service (``helpboard.forms``, ``helpboard.public_forms``,
``helpboard.services``, ``helpboard.contact``): the same rules, the same
messages, the same moderation and mails.
"""

from http import HTTPStatus

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError

from core.antispam import limit_submissions
from core.api import (
    Paging,
    SiteParam,
    absolute_url,
    api_site,
    local_iso,
    page_of,
    problems,
)
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
    validation_error,
)
from core.fields import PHONE_MAX_LENGTH
from core.links import page_path
from core.selectors import live_pages_in_site

from . import services
from .contact import (
    HelpPostNotPublicError,
    first_report_from,
    help_report_create,
    help_response_create,
    responses_go_to_moderators,
)
from .forms import (
    DESCRIPTION_MAX_LENGTH,
    EMAIL_MAX_LENGTH,
    FIRST_NAME_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    WHEN_MAX_LENGTH,
    HelpPostForm,
)
from .models import HelpBoardPage, HelpKind, HelpPost, HelpReportReason, HelpStatus
from .public_forms import (
    EXPLANATION_MAX_LENGTH,
    MESSAGE_MAX_LENGTH,
    NAME_MAX_LENGTH,
    HelpReportForm,
    HelpResponseForm,
)
from .selectors import (
    PUBLIC_FIELDS,
    HelpBoardFilters,
    help_post_of_site,
    help_posts_public,
    parse_help_board_filters,
)

router = Router(tags=["helpboard"])

# Ids past the database's integer are no post.
MAX_POST_ID = 2**63 - 1
SLUG_MAX_LENGTH = 100
#: What the API shows of a post: the public fields without the first name,
#: plus the slugs of its wijk and category (to filter on).
API_FIELDS = (
    *(name for name in PUBLIC_FIELDS if name != "first_name"),
    "neighbourhood__slug",
    "category__slug",
)
QUERY_PARAMS = {"soort", "categorie", "wijk", "limit", "offset", "site"}

NOT_FOUND = "Dit bericht staat niet op het prikbord van dit platform."
GONE_MESSAGE = (
    "Dit bericht staat niet meer op het prikbord: je kunt er niet meer op "
    "reageren of het melden."
)


# --- Schemas -------------------------------------------------------------------


class HelpPostWijk(Schema):
    slug: str = Field(description="Voor het filter ?wijk=.")
    name: str


class HelpPostCategory(Schema):
    slug: str = Field(description="Voor het filter ?categorie=.")
    name: str


class HelpPostOut(Schema):
    """Een bericht zoals het prikbord het toont, zonder naam of contactgegevens."""

    id: int
    kind: HelpKind = Field(description="vraag (hulpvraag) of aanbod (hulpaanbod).")
    title: str
    description: str
    when: str = Field(description="Dag of tijd; leeg als het niet uitmaakt wanneer.")
    neighbourhood: HelpPostWijk | None = Field(
        description="De wijk; null: de hele gemeente."
    )
    category: HelpPostCategory | None = Field(
        description="De categorie; null: iets anders."
    )
    published_at: str = Field(
        description="Wanneer het op het prikbord kwam (ISO 8601 met tijdzone)."
    )
    url: str | None = Field(
        description="Het bericht op de site; null als de site geen prikbord heeft."
    )


class HelpPostList(Schema):
    count: int = Field(ge=0)
    items: list[HelpPostOut]


class HelpBoardQuery(DutchErrors):
    """De filters van de pagina vraag & aanbod. Een onbekende categorie of wijk
    geeft 422, geen lege lijst."""

    soort: HelpKind | None = Field(
        None, description="Alleen hulpvragen (vraag) of alleen hulpaanbod (aanbod)."
    )
    categorie: str | None = Field(
        None,
        max_length=SLUG_MAX_LENGTH,
        description="De slug van een categorie van dit platform.",
    )
    wijk: str | None = Field(
        None,
        max_length=SLUG_MAX_LENGTH,
        description=(
            "De slug van een wijk van dit platform: de berichten van die wijk en "
            "die voor de hele gemeente. 'alle' of leeg: alles."
        ),
    )


class PostPath(DutchErrors):
    post_id: int = Field(
        ge=1, le=MAX_POST_ID, description="Het nummer van het bericht."
    )


class HelpPostIn(SubmissionSchema):
    """Een hulpvraag of hulpaanbod; het wacht op een buurtverbinder.

    Dezelfde vragen en meldingen als het formulier op de site. Alleen voornaam,
    tekst, wijk en categorie komen op de site; e-mailadres en telefoonnummer
    (een van de twee is nodig) zijn voor de moderatoren en om reacties van
    buren door te geven.
    """

    form_class = HelpPostForm

    kind: HelpKind = Field(description="vraag: ik zoek hulp; aanbod: ik wil helpen.")
    title: str = Field(min_length=1, max_length=TITLE_MAX_LENGTH)
    description: str = Field(min_length=1, max_length=DESCRIPTION_MAX_LENGTH)
    neighbourhood: str = Field(
        "",
        max_length=SLUG_MAX_LENGTH,
        description="De slug van een wijk van dit platform; leeg: de hele gemeente.",
    )
    category: str = Field(
        "",
        max_length=SLUG_MAX_LENGTH,
        description="De slug van een categorie van dit platform; leeg: iets anders.",
    )
    when: str = Field(
        "",
        max_length=WHEN_MAX_LENGTH,
        description="Dag of tijd. Vul dit in, of zet flexible op true (niet allebei).",
    )
    flexible: bool = Field(False, description="Het maakt niet uit wanneer.")
    first_name: str = Field(
        min_length=1,
        max_length=FIRST_NAME_MAX_LENGTH,
        description="Alleen de voornaam komt op de site (niet in de API).",
    )
    email: str = Field(
        "",
        max_length=EMAIL_MAX_LENGTH,
        description="Niet openbaar. Krijgt reacties en de persoonlijke link.",
    )
    phone: str = Field("", max_length=PHONE_MAX_LENGTH, description="Niet openbaar.")
    consent: bool = Field(
        description=(
            "Moet true zijn: de bewoner vindt het goed dat een buurtverbinder het "
            "bericht bekijkt, dat voornaam, tekst en wijk op de site komen en dat "
            "de vraag met contactgegevens naar een hulporganisatie mag."
        )
    )


class HelpPostReceipt(Receipt):
    id: int = Field(description="Het nummer van het bericht (nog niet openbaar).")
    status: HelpStatus = Field(description="submitted: het wacht op moderatie.")


class HelpResponseIn(SubmissionSchema):
    """Een reactie van een buur: een naam en een e-mailadres of telefoonnummer;
    het bericht mag leeg blijven. Het gaat per e-mail naar de bewoner (of, als
    die alleen een telefoonnummer gaf, naar een moderator die het doorgeeft)."""

    form_class = HelpResponseForm

    name: str = Field(min_length=1, max_length=NAME_MAX_LENGTH)
    email: str = Field(
        "", max_length=254, description="Zo kan de bewoner terugschrijven."
    )
    phone: str = Field("", max_length=PHONE_MAX_LENGTH)
    message: str = Field("", max_length=MESSAGE_MAX_LENGTH)
    consent: bool = Field(
        description=(
            "Moet true zijn: naam, contactgegevens en bericht mogen naar de "
            "bewoner (of naar een moderator die het doorgeeft)."
        )
    )


class HelpReportIn(SubmissionSchema):
    """Waarom een bericht niet op het prikbord hoort. Anoniem."""

    form_class = HelpReportForm

    reason: HelpReportReason
    explanation: str = Field("", max_length=EXPLANATION_MAX_LENGTH)


class HelpReportReceipt(Receipt):
    post_public: bool = Field(
        description="Of het bericht nog op het prikbord staat (na meldingen niet)."
    )


# --- Reading -------------------------------------------------------------------


def _reject_unknown_params(request: HttpRequest) -> None:
    unknown = sorted(set(request.GET) - QUERY_PARAMS)
    if unknown:
        raise validation_error(
            [
                {
                    "type": "unknown_parameter",
                    "loc": ["query", name],
                    "msg": "Deze parameter kennen we niet.",
                }
                for name in unknown
            ]
        )


def _board_filters(site, query: HelpBoardQuery) -> HelpBoardFilters:
    """The query as the board's own filters (``parse_help_board_filters``),
    without 'mijn wijk'; a value the site does not know is a 422 (the page
    ignores it)."""
    filters = parse_help_board_filters(
        params={
            "wijk": query.wijk or "",
            "categorie": query.categorie or "",
            "soort": query.soort.value if query.soort else "",
        },
        site=site,
    )
    if filters.invalid:
        raise validation_error(
            [
                {
                    "type": "unknown_value",
                    "loc": ["query", name],
                    # wijk or categorie: soort is checked by the schema.
                    "msg": f"Dit platform heeft geen {name} met deze slug.",
                }
                for name in filters.invalid
            ]
        )
    return filters


def _public_posts(site, filters: HelpBoardFilters):
    """The board's posts (``selectors.help_posts_public``: the HTML board's
    query) as dicts of ``API_FIELDS``."""
    return help_posts_public(site=site, filters=filters).values(*API_FIELDS, "date")


def _board_of(site) -> HelpBoardPage | None:
    """The site's board page, whose routes show each post."""
    return live_pages_in_site(HelpBoardPage, site=site).order_by("path").first()


def _post_url(request: HttpRequest, board: HelpBoardPage | None, pk: int) -> str | None:
    if board is None:
        return None
    return absolute_url(
        request, page_path(board) + board.reverse_subpage("post", args=[pk])
    )


def _out(request: HttpRequest, item: dict, board: HelpBoardPage | None) -> dict:
    return {
        "id": item["pk"],
        "kind": item["kind"],
        "title": item["title"],
        "description": item["description"],
        "when": item["when"],
        "neighbourhood": (
            {"slug": item["neighbourhood__slug"], "name": item["neighbourhood__name"]}
            if item["neighbourhood__slug"]
            else None
        ),
        "category": (
            {"slug": item["category__slug"], "name": item["category__name"]}
            if item["category__slug"]
            else None
        ),
        "published_at": local_iso(item["date"]),
        "url": _post_url(request, board, item["pk"]),
    }


@router.get(
    "/berichten/",
    response={200: HelpPostList, **problems(400, 404, 422)},
    summary="Berichten op het prikbord",
)
def help_post_list(
    request: HttpRequest,
    filters: Query[HelpBoardQuery],
    paging: Query[Paging],
    site: SiteParam = None,
):
    """De gepubliceerde hulpvragen en hulpaanbod van het platform, nieuwste
    eerst, met dezelfde filters als de pagina vraag & aanbod. Zonder namen of
    contactgegevens."""
    _reject_unknown_params(request)
    site_obj = api_site(request, site)
    posts = _public_posts(site_obj, _board_filters(site_obj, filters))
    page = page_of(posts, paging)
    board = _board_of(site_obj)
    return {
        "count": page["count"],
        "items": [_out(request, item, board) for item in page["items"]],
    }


@router.get(
    "/berichten/{post_id}/",
    response={200: HelpPostOut, **problems(400, 404, 422)},
    summary="Eén bericht op het prikbord",
)
def help_post_detail(
    request: HttpRequest,
    path: Path[PostPath],
    site: SiteParam = None,
):
    """Eén gepubliceerd bericht; 404 als het (nog) niet of niet meer op het
    prikbord van dit platform staat."""
    site_obj = api_site(request, site)
    item = _public_posts(site_obj, HelpBoardFilters()).filter(pk=path.post_id).first()
    if item is None:
        raise HttpError(HTTPStatus.NOT_FOUND, NOT_FOUND)
    return _out(request, item, _board_of(site_obj))


# --- Submitting ------------------------------------------------------------------


def _help_post_form(payload: HelpPostIn, *, site):
    form = api_form(HelpPostForm)(payload.form_data(), site=site)
    # The API names wijken and categories by slug, as its filters do.
    form.fields["neighbourhood"].to_field_name = "slug"
    form.fields["category"].to_field_name = "slug"
    return form


@router.post(
    "/berichten/",
    auth=ClientKey(),
    response={201: HelpPostReceipt, **submission_problems()},
    openapi_extra=SUBMISSION_OPENAPI,
    summary="Een hulpvraag of hulpaanbod insturen",
)
def help_post_submit(
    request: HttpRequest,
    payload: SubmissionBody[HelpPostIn],
    site: SiteParam = None,
):
    """Als het formulier op de site: het bericht wacht op een buurtverbinder
    (status submitted) en komt pas na goedkeuring op het prikbord. De bewoner
    krijgt een e-mail met een persoonlijke link (als er een e-mailadres is),
    de moderatoren een melding."""
    site_obj = api_site(request, site)
    form = _help_post_form(payload, site=site_obj)
    limit_submissions(request, form)
    if not form.is_valid():
        return submission_refused(form)
    try:
        post = services.help_post_submit(site=site_obj, **form.post_fields())
    except ValidationError as error:
        raise refuse_with(error) from error
    message = " ".join(
        (
            _("We hebben je bericht goed ontvangen."),
            _(
                "Een buurtverbinder bekijkt je bericht. Soms vragen we je om iets "
                "aan te passen."
            ),
        )
    )
    return Status(
        HTTPStatus.CREATED, {"id": post.pk, "status": post.status, "message": message}
    )


def _post_to_answer(site, post_id: int) -> HelpPost:
    """A post of the site that is on the board now: 404 for none, 410 for one
    that left the board (as the HTML forms)."""
    post = help_post_of_site(site=site, post_id=post_id)
    if post is None:
        raise HttpError(HTTPStatus.NOT_FOUND, NOT_FOUND)
    if not post.is_public:
        raise HttpError(HTTPStatus.GONE, GONE_MESSAGE)
    return post


@router.post(
    "/berichten/{post_id}/reacties/",
    auth=ClientKey(),
    response={201: Receipt, **submission_problems(410)},
    openapi_extra=SUBMISSION_OPENAPI,
    summary="Reageren op een bericht",
)
def help_response_submit(
    request: HttpRequest,
    path: Path[PostPath],
    payload: SubmissionBody[HelpResponseIn],
    site: SiteParam = None,
):
    """Als 'Reageren' op de site: de reactie gaat per e-mail naar de bewoner
    (Reply-To: het e-mailadres van de buur), of naar een moderator als de
    bewoner alleen een telefoonnummer gaf. De buur krijgt geen e-mail."""
    site_obj = api_site(request, site)
    post = _post_to_answer(site_obj, path.post_id)
    form = api_form(HelpResponseForm)(
        payload.form_data(), via_moderators=responses_go_to_moderators(post)
    )
    limit_submissions(request, form)
    if not form.is_valid():
        return submission_refused(form)
    try:
        help_response_create(post=post, **form.cleaned_data)
    except HelpPostNotPublicError as error:
        raise HttpError(HTTPStatus.GONE, GONE_MESSAGE) from error
    except ValidationError as error:
        raise refuse_with(error) from error
    return Status(HTTPStatus.CREATED, {"message": _("We hebben je reactie ontvangen.")})


@router.post(
    "/berichten/{post_id}/meldingen/",
    auth=ClientKey(),
    response={202: HelpReportReceipt, **submission_problems(410)},
    openapi_extra=SUBMISSION_OPENAPI,
    summary="Een bericht melden",
)
def help_report_submit(
    request: HttpRequest,
    path: Path[PostPath],
    payload: SubmissionBody[HelpReportIn],
    site: SiteParam = None,
):
    """Als 'Melden' op de site: een moderator kijkt ernaar; na genoeg meldingen
    gaat het bericht van het prikbord tot een moderator het bekeken heeft.
    Eén netwerk telt één keer per bericht (een tweede melding wordt bedankt,
    maar niet opnieuw geteld): daarom 202."""
    site_obj = api_site(request, site)
    post = _post_to_answer(site_obj, path.post_id)
    form = api_form(HelpReportForm)(payload.form_data())
    limit_submissions(request, form)
    if not form.is_valid():
        return submission_refused(form)
    try:
        if first_report_from(request, post):
            help_report_create(post=post, **form.cleaned_data)
    except HelpPostNotPublicError as error:
        raise HttpError(HTTPStatus.GONE, GONE_MESSAGE) from error
    except ValidationError as error:
        raise refuse_with(error) from error
    message = _("Bedankt voor je melding. Een moderator kijkt ernaar.")
    if not post.is_public:
        message += " " + _("Tot die tijd staat het bericht niet meer op de site.")
    return Status(
        HTTPStatus.ACCEPTED, {"message": message, "post_public": post.is_public}
    )
