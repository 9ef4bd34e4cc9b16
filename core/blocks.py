"""StreamField blocks shared by every page body."""

from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from core.validators import safe_web_url


def image_api_representation(image, *, spec: str = "fill-1200x675") -> dict | None:
    """An image as data for the API: original size, a rendition and its alt text."""
    if image is None:
        return None
    rendition = image.get_rendition(spec)
    return {
        "id": image.pk,
        "title": image.title,
        "alt": getattr(image, "default_alt_text", "") or image.title,
        "width": image.width,
        "height": image.height,
        "rendition": {
            "url": rendition.url,
            "width": rendition.width,
            "height": rendition.height,
        },
    }


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("kop"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("niveau"),
        choices=[("h2", _("kop 2")), ("h3", _("kop 3")), ("h4", _("kop 4"))],
        default="h2",
        help_text=_("Kop 2 voor een hoofdstuk, kop 3 voor een deel daarvan."),
        # 'kop 2' is layout, not content: keep it out of search and the taalcheck.
        search_index=False,
    )

    class Meta:
        icon = "title"
        label = _("Kop")
        template = "components/blocks/heading_block.html"
        preview_value = {"text": "Wat kun je zelf doen?", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("beschrijving voor wie de afbeelding niet ziet"),
        required=False,
        max_length=250,
        help_text=_(
            "Wat staat erop, in één zin. Leeg laten als de afbeelding alleen "
            "versiering is."
        ),
    )
    caption = blocks.CharBlock(label=_("onderschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "components/blocks/image_block.html"

    def get_api_representation(self, value, context=None):
        data = image_api_representation(value.get("image"))
        if data is not None:
            data["alt"] = value.get("alt_text") or ""
        return {"image": data, "caption": value.get("caption") or ""}


def call_to_action_href(value, parent_context) -> str:
    """The button's link. From a page with themes (a gids chapter) to a listing
    (the sociale kaart, the agenda), the listing opens filtered on the page's
    first theme: "Geldzaken → naar de sociale kaart" shows the help with money.
    """
    from core.models import IndexPage

    page = value.get("page")
    if not page:
        return value.get("url") or ""
    url = page.specific.get_url(request=parent_context.get("request")) or ""
    source = parent_context.get("page")
    themes = getattr(source, "themes", None)
    if isinstance(page.specific, IndexPage) and themes is not None:
        theme = themes.order_by("name").first()
        if theme is not None:
            return f"{url}?{urlencode({'thema': theme.slug})}"
    return url


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"), max_length=120)
    text = blocks.TextBlock(label=_("tekst"), required=False)
    page = blocks.PageChooserBlock(label=_("pagina op deze site"), required=False)
    url = blocks.URLBlock(
        label=_("of een webadres"), required=False, validators=[safe_web_url]
    )
    button_text = blocks.CharBlock(
        label=_("tekst op de knop"),
        max_length=60,
        help_text=_("Zeg wat er gebeurt, bijvoorbeeld 'Meld je aan'."),
    )

    class Meta:
        icon = "link"
        label = _("Oproep met knop")
        template = "components/blocks/call_to_action_block.html"
        preview_value = {
            "title": "Doe mee met de buurtmaaltijd",
            "text": "Elke eerste donderdag eten we samen.",
            "url": "https://example.org",
            "button_text": "Meld je aan",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": blocks.BlockValidationError(
                        _("Kies een pagina of vul een webadres in.")
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["href"] = call_to_action_href(value, parent_context or {})
        return context

    def get_api_representation(self, value, context=None):
        page = value.get("page")
        return {
            "title": value.get("title"),
            "text": value.get("text"),
            "button_text": value.get("button_text"),
            "url": page.url if page else value.get("url"),
            "page": page.pk if page else None,
        }


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("vraag"), max_length=250)
    answer = blocks.RichTextBlock(
        label=_("antwoord"), features=["bold", "italic", "link", "ul", "ol"]
    )

    class Meta:
        icon = "help"
        label = _("Vraag en antwoord")


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("kop"), required=False, default="Veelgestelde vragen", max_length=120
    )
    items = blocks.ListBlock(QuestionAnswerBlock(), label=_("vragen"))

    class Meta:
        icon = "list-ul"
        label = _("Veelgestelde vragen")
        template = "components/blocks/faq_block.html"


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("naam"), max_length=120)
    role = blocks.CharBlock(label=_("wat doet deze persoon of dienst"), required=False)
    phone = blocks.CharBlock(label=_("telefoon"), required=False, max_length=30)
    email = blocks.EmailBlock(label=_("e-mail"), required=False)
    text = blocks.TextBlock(
        label=_("extra tekst"),
        required=False,
        help_text=_("Bijvoorbeeld wanneer je kunt bellen."),
    )

    class Meta:
        icon = "user"
        label = _("Contactkaart")
        template = "components/blocks/contact_card_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Tekst"),
        icon="pilcrow",
        features=["bold", "italic", "link", "ul", "ol", "h3", "h4"],
        template="components/blocks/paragraph_block.html",
    )
    image = ImageBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
    contact_card = ContactCardBlock()
