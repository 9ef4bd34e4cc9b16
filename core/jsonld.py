"""What the schema.org JSON-LD of several page types shares (organisations,
events): plain text from rich text, absolute URLs, leaving out empty properties,
and JSON that is safe inside a <script> element."""

import html
import json
import re

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Site

SCHEMA_ORG = "https://schema.org"
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|ul|ol|blockquote)>|<br\s*/?>", re.IGNORECASE)
# The escapes of django.utils.html.json_script: inside <script> the JSON can
# then never close the element ("</script>") or open a comment ("<!--").
JSON_SCRIPT_ESCAPES = {
    ord(">"): "\\u003E",
    ord("<"): "\\u003C",
    ord("&"): "\\u0026",
}


def plain_text(rich_text: str) -> str:
    """Rich text as one line of plain text: no tags, entities decoded."""
    spaced = BLOCK_END.sub(" ", rich_text or "")  # "<p>a</p><p>b</p>" is "a b"
    return " ".join(html.unescape(strip_tags(spaced)).split())


def compact(data: dict) -> dict:
    """Leave out what is empty: schema.org has no use for blank properties."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def absolute_url(url: str, *, site: Site | None, request: HttpRequest | None) -> str:
    """A media URL made absolute on the page's own site, like the page's URL."""
    if url.startswith(("http://", "https://")):
        return url
    if site is not None:
        return site.root_url + url
    if request is not None:
        return request.build_absolute_uri(url)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def json_for_script(data: dict | list) -> SafeString:
    """JSON that is safe to place between <script> and </script>."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))  # noqa: S308 (escaped)
