"""Changes that touch only facts: no taalcheck, and Communicatie sees them.

A new phone number or other opening hours say nothing about how the page
reads, so waiting for the taalcheck helps nobody. A page model says which of
its fields are facts (``fact_fields``, also on its child models, such as a
location's address and opening hours) and how to put them in words
(``fact_summary()``: label → value in plain Dutch).

``review_changes`` compares the revision under review with the live one. The
change is "facts only" when something changed and every changed field is a
fact; anything else (a word of the description, the title, a service, a
field that did not exist when this was written, a new location, a page never
published) goes the full way. Communicatie sees each changed fact as old →
new; approving stays Wagtail's workflow with four eyes
(``FourEyesApprovalTask``).
"""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

# Wagtail's own page fields that an editor does not write as content: the tree,
# the publishing state, locks, the revision pointers, comments.
PAGE_CONTENT_FIELDS = {
    "title",
    "slug",
    "seo_title",
    "search_description",
    "show_in_menus",
    "go_live_at",
    "expire_at",
}
BOOKKEEPING = {
    field.name
    for field in Page._meta.get_fields()
    if field.name not in PAGE_CONTENT_FIELDS
} | {"pk", "id", "content_type", "comments", "sort_order"}


@dataclass(frozen=True)
class FactChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ReviewedChange:
    """What the revision under review changes compared with the live page."""

    facts_only: bool
    changes: tuple[FactChange, ...] = ()

    @property
    def summary(self) -> str:
        labels = ", ".join(change.label for change in self.changes)
        return _("Alleen feiten gewijzigd (%(labels)s): geen taalcheck nodig.") % {
            "labels": labels
        }


NOT_FACTS_ONLY = ReviewedChange(facts_only=False)


def _child_relation(model, name: str):
    """The reverse foreign key (a child relation, like ``locations``) or None."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if field.one_to_many and field.auto_created else None


def _without_facts(model, data: dict, *, parent_key: str | None = None) -> dict:
    """A revision's content with the facts and the bookkeeping left out."""
    facts = set(getattr(model, "fact_fields", ()))
    kept = {}
    for name, value in data.items():
        if name in facts or name in BOOKKEEPING or name == parent_key:
            continue
        relation = _child_relation(model, name)
        if relation is not None and isinstance(value, list):
            value = [
                _without_facts(
                    relation.related_model, item, parent_key=relation.field.name
                )
                if isinstance(item, dict)
                else item
                for item in value
            ]
        kept[name] = value
    return kept


def review_changes(*, revision: Revision | None) -> ReviewedChange:
    """Whether ``revision`` changes only facts of its live page, and which."""
    if revision is None:
        return NOT_FACTS_ONLY
    page = revision.content_object
    if not isinstance(page, Page):
        return NOT_FACTS_ONLY
    page = page.specific
    model = type(page)
    if not getattr(model, "fact_fields", None) or not hasattr(page, "fact_summary"):
        return NOT_FACTS_ONLY
    live = page.live_revision if page.live else None
    if live is None or live.pk == revision.pk:
        return NOT_FACTS_ONLY
    if _without_facts(model, live.content) != _without_facts(model, revision.content):
        return NOT_FACTS_ONLY
    old = live.as_object().fact_summary()
    new = revision.as_object().fact_summary()
    changes = tuple(
        FactChange(label=label, old=old.get(label, "—"), new=new.get(label, "—"))
        for label in dict.fromkeys([*old, *new])
        if old.get(label) != new.get(label)
    )
    if not changes:
        return NOT_FACTS_ONLY
    return ReviewedChange(facts_only=True, changes=changes)
