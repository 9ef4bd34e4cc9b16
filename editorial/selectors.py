"""Reads for the editorial apps: the taalcheck of a page."""

from django.utils.html import strip_tags
from wagtail.models import Page

from .models import OfficialeseTerm
from .plain_language import PlainLanguageReport, plain_language_check


def officialese_terms() -> dict[str, str]:
    """The word list the Beheerders added, on top of the built-in one."""
    return dict(OfficialeseTerm.objects.values_list("term", "alternative"))


def page_text(*, page: Page) -> str:
    """What a reader reads on ``page``: title, introduction and body, as plain text.

    Each part ends a sentence, so a heading does not run into the next text.
    """
    specific = page.specific
    parts = [specific.title, getattr(specific, "introduction", "")]
    for name in ("body", "description", "what_you_do", "what_we_ask", "what_we_offer"):
        value = getattr(specific, name, None)
        if value is None:
            continue
        if hasattr(value, "raw_data"):  # a StreamField
            parts.extend(_stream_texts(value))
        else:
            parts.append(strip_tags(str(value)))
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def _stream_texts(stream) -> list[str]:
    texts = []
    for block in stream:
        rendered = block.block.get_searchable_content(block.value)
        texts.extend(strip_tags(str(text)) for text in rendered)
    return texts


def page_plain_language_report(*, page: Page) -> PlainLanguageReport:
    return plain_language_check(
        text=page_text(page=page), extra_terms=officialese_terms()
    )
