"""Serializers for API fields that are more than a plain model field.

Wagtail's API v3 accepts an ``APIField(serializer=...)`` with a DRF field and
types the field in the OpenAPI description from ``to_representation``'s return
annotation (``wagtail.api.v3.schemas.generators.read``), then validates what
``to_representation`` returns against that type. So every serializer here
returns a ``TypedDict`` (or a list of them, or a plain type): the annotation is
the truth about the data, a generated client gets a precise type, and data that
does not match is caught in the tests rather than by an integrator.

A plain Python property in ``api_fields`` would be typed ``Any`` (``{}`` in the
OpenAPI) and a ``StreamField`` ``list[Any]``; the models therefore list their
properties and bodies with one of the serializers below.

``TypedDict`` comes from ``typing_extensions``: pydantic needs that one on
Python < 3.12.

Writes: Wagtail's create and patch schemas skip every ``APIField`` with a
serializer. To make a typed field writable as well, list the field twice, the
plain writable one first: ``APIField("body", writable=True)`` then
``APIField("body", serializer=StreamBodyField())``; the read schema keeps the
last one for a name, the write schemas only see the writable one.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field as PydanticField
from pydantic import RootModel, ValidationInfo
from pydantic.functional_validators import AfterValidator
from rest_framework.fields import Field
from typing_extensions import TypedDict
from wagtail.api.rich_text import APIRichText, RichTextFormatError
from wagtail.images.api.fields import ImageRenditionField

from .blocks import image_api_representation

# -- Shapes ------------------------------------------------------------------


class TaxonomyTerm(TypedDict):
    """Een wijk, thema of doelgroep."""

    id: int
    name: Annotated[str, PydanticField(description="Naam, zoals bewoners hem zien.")]
    slug: Annotated[str, PydanticField(description="Voor filters: ?wijk=<slug>.")]


class ImageRendition(TypedDict):
    """Een verkleinde of bijgesneden versie van een afbeelding."""

    url: Annotated[str, PydanticField(description="Pad of URL van het bestand.")]
    width: Annotated[int, PydanticField(ge=0)]
    height: Annotated[int, PydanticField(ge=0)]


class ImageWithRendition(TypedDict):
    """Een afbeelding met haar beschrijving en één versie om te tonen."""

    id: int
    title: str
    alt: Annotated[
        str,
        PydanticField(
            description="Beschrijving voor wie de afbeelding niet ziet; "
            "leeg als ze alleen versiering is."
        ),
    ]
    width: Annotated[int, PydanticField(ge=0, description="Breedte van het origineel.")]
    height: Annotated[int, PydanticField(ge=0, description="Hoogte van het origineel.")]
    rendition: ImageRendition


HourMinute = Annotated[
    str,
    PydanticField(
        pattern=r"^\d{2}:\d{2}$",
        description="Tijd als UU:MM, lokale tijd (Europe/Amsterdam).",
        examples=["09:00"],
    ),
]


class OpeningHoursSlot(TypedDict):
    """Eén openingsperiode op een weekdag; een dag kan er meer hebben."""

    weekday: Annotated[
        int, PydanticField(ge=0, le=6, description="0 = maandag … 6 = zondag.")
    ]
    opens: HourMinute
    closes: Annotated[
        HourMinute,
        PydanticField(description="Voor opens: na middernacht (bijvoorbeeld 00:30)."),
    ]


class OpeningHoursException(TypedDict):
    """Een dag met andere tijden dan gewoonlijk: een feestdag, dicht, langer open."""

    date: datetime.date
    closed: Annotated[bool, PydanticField(description="De hele dag dicht.")]
    opens: HourMinute | None
    closes: HourMinute | None
    reason: Annotated[str, PydanticField(description="Bijvoorbeeld 'Koningsdag'.")]


class MovedDate(TypedDict):
    """Een verplaatste datum van een herhalende activiteit."""

    original_date: Annotated[
        datetime.date, PydanticField(description="De datum volgens de herhaling.")
    ]
    start: Annotated[
        datetime.datetime,
        PydanticField(description="Wanneer het in plaats daarvan begint (met offset)."),
    ]
    end: Annotated[
        datetime.datetime | None,
        PydanticField(description="Wanneer het dan eindigt; leeg als onbekend."),
    ]


class PublicConnector(TypedDict):
    """Een buurtverbinder die toestemming gaf om getoond te worden."""

    name: str
    text: str
    consultation_when: Annotated[str, PydanticField(description="Spreekuur: wanneer.")]
    consultation_where: Annotated[str, PydanticField(description="Spreekuur: waar.")]
    photo: ImageWithRendition | None


class VacancyContact(TypedDict):
    """Contactpersoon van een vacature (alleen zolang ze open is)."""

    name: str
    email: Annotated[str, PydanticField(description="E-mailadres; kan leeg zijn.")]
    phone: Annotated[str, PydanticField(description="Telefoonnummer; kan leeg zijn.")]


class HomeHighlight(TypedDict):
    """Een uitgelichte pagina op de homepage."""

    id: Annotated[int, PydanticField(description="Id van de pagina (/pages/<id>/).")]
    title: str
    introduction: str
    url: Annotated[
        str | None, PydanticField(description="Pad op deze site; leeg als onbekend.")
    ]


# -- StreamField bodies --------------------------------------------------------


class _SourceRequest:
    """Stands in for the request while a body is turned into data: rich text
    comes out as Wagtail's database HTML, and ``RichText`` below converts it to
    the format the real request asks for (``?rich_text_format=``), which it
    reads from pydantic's validation context. DRF serializers never see the
    request, pydantic's validation does."""

    GET = {"rich_text_format": APIRichText.FORMAT_DB_HTML}


def _rich_text_as_requested(value: str, info: ValidationInfo) -> str:
    request = (info.context or {}).get("request")
    requested = request.GET.get("rich_text_format") if request is not None else None
    try:
        output_format = APIRichText.resolve_format(requested)
    except RichTextFormatError:
        output_format = APIRichText.get_default_format()
    if output_format == APIRichText.FORMAT_DB_HTML:
        return value
    return APIRichText.serialize(value, format=output_format)


RichText = Annotated[
    str,
    AfterValidator(_rich_text_as_requested),
    PydanticField(
        description="Opgemaakte tekst in het formaat van ?rich_text_format= "
        "(standaard Wagtails database-HTML)."
    ),
]


class HeadingValue(TypedDict):
    text: str
    level: Literal["h2", "h3", "h4"]


class ImageBlockValue(TypedDict):
    image: ImageWithRendition | None
    caption: str


class CallToActionValue(TypedDict):
    title: str
    text: str | None
    button_text: str
    url: Annotated[
        str | None,
        PydanticField(description="Pad van de gekozen pagina, of het webadres."),
    ]
    page: Annotated[
        int | None,
        PydanticField(description="Id van de gekozen pagina, als die er is."),
    ]


class QuestionAnswerValue(TypedDict):
    question: str
    answer: RichText


class FAQValue(TypedDict):
    heading: str
    items: list[QuestionAnswerValue]


class ContactCardValue(TypedDict):
    name: str
    role: str
    phone: str
    email: str
    text: str


class _Block(TypedDict):
    id: Annotated[str, PydanticField(description="Vaste id van het blok (UUID).")]


class HeadingBlockData(_Block):
    type: Literal["heading"]
    value: HeadingValue


class ParagraphBlockData(_Block):
    type: Literal["paragraph"]
    value: RichText


class ImageBlockData(_Block):
    type: Literal["image"]
    value: ImageBlockValue


class CallToActionBlockData(_Block):
    type: Literal["call_to_action"]
    value: CallToActionValue


class FAQBlockData(_Block):
    type: Literal["faq"]
    value: FAQValue


class ContactCardBlockData(_Block):
    type: Literal["contact_card"]
    value: ContactCardValue


BodyBlock = Annotated[
    HeadingBlockData
    | ParagraphBlockData
    | ImageBlockData
    | CallToActionBlockData
    | FAQBlockData
    | ContactCardBlockData,
    PydanticField(discriminator="type"),
]
"""One block of a ``BodyStreamBlock`` (core/blocks.py), told apart by ``type``.

A new block type in ``BodyStreamBlock`` needs its shape here as well;
tests/api/test_openapi_types.py fails until it has one."""


class StreamBody(RootModel[list[BodyBlock]]):
    """De inhoud van een pagina: een lijst blokken, elk met type, value en id."""


BODY_BLOCK_TYPES = (
    HeadingBlockData,
    ParagraphBlockData,
    ImageBlockData,
    CallToActionBlockData,
    FAQBlockData,
    ContactCardBlockData,
)


# -- Serializers ---------------------------------------------------------------


class ReadOnlyField(Field):
    """A read-only API field; subclasses say what it is by their annotation."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)


class TaxonomyListField(ReadOnlyField):
    """Wijken, themes or target groups as ``[{"id", "name", "slug"}]``."""

    def to_representation(self, value) -> list[TaxonomyTerm]:
        return [
            {"id": obj.pk, "name": obj.name, "slug": obj.slug} for obj in value.all()
        ]


class TaxonomyItemField(ReadOnlyField):
    """One wijk, theme or target group as ``{"id", "name", "slug"}``."""

    def to_representation(self, value) -> TaxonomyTerm | None:
        return {"id": value.pk, "name": value.name, "slug": value.slug}


class ImageField(ReadOnlyField):
    """An image with its alt text and one rendition, ready for another front end."""

    def __init__(self, spec: str = "fill-1200x675", **kwargs):
        self.spec = spec
        super().__init__(**kwargs)

    def to_representation(self, value) -> ImageWithRendition | None:
        return image_api_representation(value, spec=self.spec)


class StreamBodyField(ReadOnlyField):
    """A ``BodyStreamBlock`` body as ``[{"type", "value", "id"}]``, each block
    typed by its ``type`` (a discriminated union in the OpenAPI)."""

    # A root model rather than ``list[BodyBlock]``: Wagtail reads this
    # annotation with ``get_type_hints()``, which drops ``Annotated`` and so
    # the discriminator. The list returned is validated into it (with the
    # request in the context, see ``RichText``).
    def to_representation(self, value) -> StreamBody:
        return value.stream_block.get_api_representation(
            value, context={"request": _SourceRequest}
        )


class TextField(ReadOnlyField):
    """A property that is always text (possibly empty)."""

    def to_representation(self, value) -> str:
        return str(value)


class DateListField(ReadOnlyField):
    """A property with a list of ISO dates (``2026-03-29``)."""

    def to_representation(self, value) -> list[datetime.date]:
        return list(value)


class MovedDatesField(ReadOnlyField):
    """``EventPage.changed``: the dates moved out of a repetition."""

    def to_representation(self, value) -> list[MovedDate]:
        return list(value)


class OpeningHoursField(ReadOnlyField):
    """``Location.hours``: opening periods per weekday."""

    def to_representation(self, value) -> list[OpeningHoursSlot]:
        return list(value)


class OpeningHoursExceptionsField(ReadOnlyField):
    """``Location.exceptions``: dates with other opening hours."""

    def to_representation(self, value) -> list[OpeningHoursException]:
        return list(value)


class PublicConnectorsField(ReadOnlyField):
    """``NeighbourhoodPage.public_connectors``: consenting buurtverbinders."""

    def to_representation(self, value) -> list[PublicConnector]:
        return list(value)


class VacancyContactField(ReadOnlyField):
    """``VacancyPage.contact``: the contact person, none once closed."""

    def to_representation(self, value) -> VacancyContact | None:
        return value


class HomeHighlightsField(ReadOnlyField):
    """``HomePage.highlighted_pages``: live, public highlighted pages."""

    def to_representation(self, value) -> list[HomeHighlight]:
        return list(value)


__all__ = [
    "BODY_BLOCK_TYPES",
    "BodyBlock",
    "DateListField",
    "HomeHighlightsField",
    "ImageField",
    "ImageRenditionField",
    "MovedDatesField",
    "OpeningHoursExceptionsField",
    "OpeningHoursField",
    "PublicConnectorsField",
    "StreamBody",
    "StreamBodyField",
    "TaxonomyItemField",
    "TaxonomyListField",
    "TextField",
    "VacancyContactField",
]
