"""Rich text stored as the page editor stores it.

Wagtail's editor (Draftail) turns stored HTML into its own format and back on
every save: it gives each paragraph a ``data-block-key``, drops what its
features don't allow, writes ``<b>`` for ``<strong>`` and stores an empty text
as "". Rich text made outside the editor (the demo, the spreadsheet and HSDS
imports, API writes) lacks all that, so the first time an editor opens such a
page and saves it unchanged, the form still reports a change. With
``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT`` that phantom change saves a new
revision and restarts the approval workflow, so "Goedkeuren" never publishes.

``page_rich_text_normalise`` runs every rich text field and rich text block of
a page through the editor's own converter (``BasePage`` calls it whenever a
page is validated, so every way of saving one goes through it);
``stored_rich_text_normalise`` does the same for what was stored before, from
the data migration ``news.0004_rich_text_in_editor_format``.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText

if TYPE_CHECKING:
    from wagtail.models import Page

logger = logging.getLogger(__name__)

# The block-level elements Draftail writes, each with its block key.
_BLOCK_TAG = re.compile(r"<(p|h[1-6]|li|blockquote|pre)\b([^>]*)>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")
# What Draftail's HTML parser raises on HTML it cannot read.
_CONVERTER_ERRORS = (AssertionError, KeyError, TypeError, ValueError)


@lru_cache(maxsize=64)
def _editor_widget(editor: str, features: tuple[str, ...] | None):
    from wagtail.admin.rich_text import get_rich_text_editor_widget

    return get_rich_text_editor_widget(
        editor, features=list(features) if features is not None else None
    )


def _is_editor_format(html: str) -> bool:
    """True if ``html`` already looks as the editor writes it: every block has
    its key and there is text in it. Saves converting (and, for internal links,
    querying) on every save of a page that came from the editor."""
    tags = _BLOCK_TAG.findall(html)
    if not tags or not all("data-block-key=" in attrs for _name, attrs in tags):
        return False
    if re.search(r"<br\s*>", html, re.IGNORECASE):
        return False
    return bool(_ANY_TAG.sub("", html).strip()) or "<embed" in html


def _is_empty(contentstate: dict[str, Any]) -> bool:
    """As Draftail decides it: no block with text or with an entity in it."""
    return all(
        not block.get("text", "").strip() and not block.get("entityRanges")
        for block in contentstate.get("blocks", [])
    )


def _round_trip(widget, html: str) -> str:
    editor_value = widget.format_value(html)
    try:
        if _is_empty(json.loads(editor_value)):
            return ""
    except (TypeError, ValueError):
        pass  # another editor's format: let its own widget decide
    return widget.value_from_datadict({"value": editor_value}, {}, "value") or ""


def rich_text_normalise(
    html: str | None, *, features: Sequence[str] | None = None, editor: str = "default"
) -> str:
    """``html`` as the editor with these features would store it, unchanged."""
    if not html or not html.strip():
        return ""
    if _is_editor_format(html):
        return html
    widget = _editor_widget(editor, tuple(features) if features is not None else None)
    try:
        return _round_trip(widget, html)
    except _CONVERTER_ERRORS:
        # Draftail's parser wants well-formed HTML (it stumbles over a "<br>"
        # without its slash): repair it the way a browser reads it, try again.
        repaired = str(BeautifulSoup(html, "html.parser"))
        try:
            return _round_trip(widget, repaired)
        except _CONVERTER_ERRORS:
            logger.warning("Rich text could not be put in the editor's format")
            return html


def _normalise_block_value(block: blocks.Block, value: Any) -> bool:
    """Normalise the rich text inside one block value in place; True if any changed."""
    changed = False
    if isinstance(block, blocks.RichTextBlock):
        if isinstance(value, RichText):
            normalised = rich_text_normalise(
                value.source, features=block.features, editor=block.editor
            )
            if normalised != value.source:
                value.source = normalised
                changed = True
    elif isinstance(block, blocks.StreamBlock):
        for child in value or []:
            changed |= _normalise_block_value(child.block, child.value)
    elif isinstance(block, blocks.ListBlock):
        for item in value or []:
            changed |= _normalise_block_value(block.child_block, item)
    elif isinstance(block, blocks.StructBlock) and value is not None:
        for name, child_block in block.child_blocks.items():
            child_value = value.get(name)
            empty = _empty_as_posted(child_block) if child_value is None else None
            if empty is not None:
                value[name] = empty
                changed = True
            else:
                changed |= _normalise_block_value(child_block, child_value)
    return changed


def _empty_as_posted(block: blocks.Block) -> str | None:
    """What the editor stores for a text block left empty ("", not None: a
    struct made without that key would otherwise differ from the same struct
    posted back), or None where it stores None too."""
    if not isinstance(block, blocks.FieldBlock) or isinstance(
        block, blocks.ChooserBlock | blocks.RichTextBlock
    ):
        return None
    try:
        empty = block.field.clean("")
    except ValidationError:
        return None
    return empty if isinstance(empty, str) else None


def page_rich_text_normalise(*, page: Page) -> list[str]:
    """Put every rich text of ``page`` (fields and StreamField blocks) in the
    editor's format, in memory. Returns the names of the fields that changed."""
    changed = []
    for field in page._meta.concrete_fields:
        if isinstance(field, RichTextField):
            current = getattr(page, field.attname)
            normalised = rich_text_normalise(
                current, features=field.features, editor=field.editor
            )
            if normalised != (current or ""):
                setattr(page, field.attname, normalised)
                changed.append(field.name)
        elif isinstance(field, StreamField):
            value = getattr(page, field.attname)
            if _normalise_block_value(field.stream_block, value):
                changed.append(field.name)
    return changed


def _normalise_stored_value(field, raw: Any) -> Any | None:
    """A rich text or StreamField value as stored (column or revision JSON),
    normalised with the current ``field``; None if nothing changed."""
    if isinstance(field, RichTextField):
        normalised = rich_text_normalise(
            raw, features=field.features, editor=field.editor
        )
        return normalised if normalised != (raw or "") else None
    as_text = isinstance(raw, str)
    data = json.loads(raw) if as_text and raw else raw
    if not data:
        return None
    if hasattr(data, "raw_data"):  # a StreamValue of a historical model
        data = list(data.raw_data)
    value = field.stream_block.to_python(data)
    if not _normalise_block_value(field.stream_block, value):
        return None
    prepared = field.stream_block.get_prep_value(value)
    return json.dumps(prepared, cls=DjangoJSONEncoder) if as_text else prepared


def stored_rich_text_normalise(*, apps=None) -> int:
    """Normalise the rich text that every page stores, live and in its latest
    revision (the one the editor opens). Returns how many rows changed.

    For the data migration: rows are read and written through ``apps`` (the
    migration's historical models, so it does not depend on later columns),
    the conversion uses today's field definitions (their editor features).
    """
    from django.apps import apps as current_apps

    from core.models import BasePage

    apps = apps or current_apps
    page_model = apps.get_model("wagtailcore", "Page")
    revision_model = apps.get_model("wagtailcore", "Revision")
    changed_rows = 0
    for model in current_apps.get_models():
        if not issubclass(model, BasePage):
            continue
        fields = [
            field
            for field in model._meta.concrete_fields
            if isinstance(field, RichTextField | StreamField) and field.model is model
        ]
        try:
            stored_model = apps.get_model(model._meta.label)
        except LookupError:
            continue
        stored_names = {field.name for field in stored_model._meta.concrete_fields}
        fields = [field for field in fields if field.name in stored_names]
        if not fields:
            continue
        names = [field.name for field in fields]
        for row in stored_model.objects.values("pk", *names).iterator():
            updates = {}
            for field in fields:
                new = _normalise_stored_value(field, row[field.name])
                if new is not None:
                    updates[field.name] = new
            if updates:
                stored_model.objects.filter(pk=row["pk"]).update(**updates)
                changed_rows += 1
        revision_ids = page_model.objects.filter(
            pk__in=stored_model.objects.values("pk"), latest_revision__isnull=False
        ).values_list("latest_revision_id", flat=True)
        for revision in revision_model.objects.filter(pk__in=list(revision_ids)):
            content = revision.content
            touched = False
            for field in fields:
                if field.name not in content:
                    continue
                new = _normalise_stored_value(field, content[field.name])
                if new is not None:
                    content[field.name] = new
                    touched = True
            if touched:
                revision_model.objects.filter(pk=revision.pk).update(content=content)
                changed_rows += 1
    return changed_rows
