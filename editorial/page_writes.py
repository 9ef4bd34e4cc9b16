"""Page edits from outside the admin, validated and saved as the admin does.

An organisation keeps its profile up to date from its own system through the
API (``editorial.api_writes``). Such an edit must be the admin's edit, not a
second path with rules of its own, so here:

- ``editor_form_data``: what the admin's editor would post for the page's
  current revision, unchanged (every field, inline formsets with their
  management data), read from the page's own admin form. The changes are
  written over it in the same way (``FormData``), so what is not changed is
  posted as the editor would post it.
- ``page_edit_form``: the page's admin edit form (its edit handler's form
  class, ``for_user``) bound to that data: every validator of the admin runs
  (safe URLs, lengths, the week grid of opening hours, the form's ``clean``).
- ``page_edit_save``: a new revision by the user (the admin's "Opslaan"),
  then, unless asked not to, the admin's "Ter goedkeuring": the page's
  workflow started, resumed after "changes requested", or restarted when the
  user's own submission is still waiting.
- ``page_for_edit``: the page, if the user may edit it in the admin.
- ``parent_for_create``, ``page_create_form_data``, ``page_create_save``: the
  same for a new page under a parent, as the admin's "add page" view (the
  slug made from the title, as the editor's script does).

Not done here (the admin's editor does them, an API client has no use for
them): page subscriptions, comments notifications, the ``before_edit_page``
and ``after_edit_page`` hooks (they answer with HTML redirects and messages).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import transaction
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME
from django.forms.widgets import ChoiceWidget
from django.http import Http404
from django.utils.datastructures import MultiValueDict
from django.utils.text import slugify
from taggit.forms import TagField
from taggit.models import Tag
from wagtail.api.v3.form_data import flatten_block_value
from wagtail.blocks.base import BlockWidget
from wagtail.coreutils import find_available_slug
from wagtail.models import Page, Revision, WorkflowState

CONCEPT = "concept"
AWAITING_APPROVAL = "ter goedkeuring"

#: The "pk" field of an inline child form.
CHILD_PK = "id"


class FieldNotOnForm(Exception):
    """A value for a field the user's admin form does not have (a panel only
    some users see): the admin would not post it either."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


class PageLocked(Exception):
    """The page is locked for this user (in the admin: "Deze pagina is
    vergrendeld"); nothing is saved."""


# --- Who may edit -------------------------------------------------------------


def page_for_edit(*, user, page_id: int, model: type[Page]) -> Page:
    """The page ``page_id`` of type ``model``, if ``user`` may edit it in the
    admin (``permissions_for_user(...).can_edit()``, as the editor checks).

    Http404 when there is no such page, or when it is not live and the user
    has no rights on it at all (a draft they cannot see); PermissionDenied
    when they can see it but not edit it.
    """
    page = model.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404("Deze pagina bestaat niet.")
    permissions = page.permissions_for_user(user)
    if permissions.can_edit():
        return page
    if not page.live and not (
        permissions.can_publish() or permissions.can_add_subpage()
    ):
        raise Http404("Deze pagina bestaat niet.")
    raise PermissionDenied("Je mag deze pagina niet bewerken.")


# --- What the editor posts ----------------------------------------------------


def _write_value(data: MultiValueDict, widget: forms.Widget, name: str, value):
    """Put ``value`` in ``data`` as a browser posts ``widget``'s input."""
    if isinstance(widget, forms.CheckboxInput):
        if widget.check_test(value):
            data[name] = "on"
        else:
            data.pop(name, None)  # an unticked box is not posted
    elif getattr(widget, "allow_multiple_selected", False):
        data.setlist(name, [str(getattr(item, "pk", item)) for item in value or []])
    elif isinstance(widget, forms.MultiWidget):
        parts = value if isinstance(value, list | tuple) else widget.decompress(value)
        for suffix, part_widget, part in zip(
            widget.widgets_names, widget.widgets, parts, strict=False
        ):
            _write_value(data, part_widget, name + suffix, part)
    elif isinstance(widget, forms.FileInput):
        return
    elif isinstance(widget, BlockWidget):
        block = widget.block_def
        flatten_block_value(block, block.get_prep_value(value), name, data)
    elif isinstance(widget, ChoiceWidget):
        chosen = widget.format_value(value)
        data[name] = chosen[0] if chosen else ""
    elif hasattr(widget, "converter"):
        # A rich text editor (Draftail): it posts "null" for an empty text.
        data[name] = widget.format_value(value) if value else "null"
    else:
        formatted = widget.format_value(value)
        data[name] = "" if formatted is None else str(formatted)


def _write_form(data: MultiValueDict, form: forms.BaseForm) -> None:
    for bound_field in form:
        _write_value(
            data, bound_field.field.widget, bound_field.html_name, bound_field.value()
        )
    for formset in getattr(form, "formsets", {}).values():
        _write_form(data, formset.management_form)
        for child in formset.forms:
            _write_form(data, child)


def editor_form_data(form: forms.BaseForm) -> MultiValueDict:
    """What the admin's editor posts for the unbound ``form`` unchanged."""
    data = MultiValueDict()
    _write_form(data, form)
    return data


# --- Changes over it ----------------------------------------------------------


@dataclasses.dataclass
class FormData:
    """The editor's data for a page, with changes written over it.

    ``positions`` remembers, per inline formset prefix, which body position a
    form index came from, so a form's error points at the item the client
    sent (``services``, 2) and not at the formset's own numbering.
    """

    form: forms.BaseForm
    data: MultiValueDict
    positions: dict[str, dict[int, int]] = dataclasses.field(default_factory=dict)

    def set_fields(self, form: forms.BaseForm, values: Mapping[str, Any]) -> None:
        """Write ``values`` (field name → value) over ``form``'s inputs."""
        for name, value in values.items():
            self._set(form, form.add_prefix(name), name, value)

    def _set(self, form: forms.BaseForm, html_name: str, name: str, value) -> None:
        field = form.fields.get(name)
        if field is None:
            raise FieldNotOnForm(name)
        if isinstance(field, TagField) and isinstance(value, list):
            # Tag names, as the widget's edit string ("koken, rijbewijs").
            value = [Tag(name=tag) for tag in value]
        # As the form shows an initial value: a datetime in local time, ...
        _write_value(self.data, field.widget, html_name, field.prepare_value(value))

    def replace_children(
        self, form: forms.BaseForm, relation: str, items: list[dict[str, Any]]
    ) -> None:
        """Replace ``form``'s children in ``relation`` by ``items`` (dicts of
        field values; a nested list is a child relation of its own).

        An item with the ``id`` of a current child edits that child in place
        (fields it does not give stay as they are); the others are new;
        current children no item names are deleted, as the editor's "delete".
        """
        formset = form.formsets[relation]
        self._replace(formset, formset.prefix, list(formset.forms), items)

    def _replace(self, formset, prefix: str, current: list, items) -> None:
        by_pk = {
            child.instance.pk: (index, child)
            for index, child in enumerate(current)
            if child.instance.pk is not None
        }
        positions = self.positions.setdefault(prefix, {})
        kept: set[int] = set()
        new_items = []
        for position, item in enumerate(items):
            pk = item.get(CHILD_PK)
            if pk is not None and pk in by_pk and pk not in kept:
                kept.add(pk)
                index, child = by_pk[pk]
                positions[index] = position
                self._fill(child, child.prefix, item, position, formset)
            else:
                new_items.append((position, item))
        for child in current:
            if child.instance.pk is None or child.instance.pk not in kept:
                self.data[child.add_prefix(DELETION_FIELD_NAME)] = "on"
        template = formset.empty_form
        for offset, (position, item) in enumerate(new_items):
            index = len(current) + offset
            positions[index] = position
            child_prefix = f"{prefix}-{index}"
            for name, bound_field in self._fields_of(template):
                _write_value(
                    self.data,
                    bound_field.field.widget,
                    f"{child_prefix}-{name}",
                    bound_field.value() if name != CHILD_PK else None,
                )
            for relation, nested in getattr(template, "formsets", {}).items():
                self._management(f"{child_prefix}-{relation}", nested, initial=0)
            self._fill(template, child_prefix, item, position, formset)
        self.data[f"{prefix}-TOTAL_FORMS"] = str(len(current) + len(new_items))

    @staticmethod
    def _fields_of(form: forms.BaseForm) -> Iterable:
        for name in form.fields:
            if name == DELETION_FIELD_NAME:
                continue
            yield name, form[name]

    def _management(self, prefix: str, formset, *, initial: int) -> None:
        self.data[f"{prefix}-TOTAL_FORMS"] = "0"
        self.data[f"{prefix}-INITIAL_FORMS"] = str(initial)
        self.data[f"{prefix}-MIN_NUM_FORMS"] = str(formset.min_num)
        self.data[f"{prefix}-MAX_NUM_FORMS"] = str(formset.max_num)

    def _fill(self, child, child_prefix: str, item, position: int, formset) -> None:
        if formset.can_order:
            self.data[f"{child_prefix}-{ORDERING_FIELD_NAME}"] = str(position + 1)
        nested_formsets = getattr(child, "formsets", {})
        for name, value in item.items():
            if name == CHILD_PK:
                continue
            if name in nested_formsets:
                nested = nested_formsets[name]
                nested_prefix = f"{child_prefix}-{name}"
                # An existing child's own children are replaced; a new child
                # (the empty form) has none.
                current = list(nested.forms) if child.instance.pk is not None else []
                if child.instance.pk is None:
                    self._management(nested_prefix, nested, initial=0)
                self._replace(nested, nested_prefix, current, value)
                continue
            self._set(child, f"{child_prefix}-{name}", name, value)


# --- The form -----------------------------------------------------------------


def page_edit_form_data(*, page: Page, user) -> FormData:
    """The editor's data for the latest revision of ``page``, ready for
    changes; ``FormData.form`` is the unbound form it was read from."""
    latest = page.get_latest_revision_as_object()
    form_class = latest.get_edit_handler().get_form_class()
    form = form_class(instance=latest, parent_page=latest.get_parent(), for_user=user)
    return FormData(form=form, data=editor_form_data(form))


def page_edit_form(*, page: Page, user, form_data: FormData, submit: bool):
    """The admin's edit form bound to ``form_data``, validated as the admin
    validates it: "Opslaan" (a draft) defers required fields, "Ter
    goedkeuring" does not."""
    latest = form_data.form.instance
    form_class = type(form_data.form)
    form = form_class(
        form_data.data,
        {},
        instance=latest,
        parent_page=latest.get_parent(),
        for_user=user,
    )
    if not submit:
        form.defer_required_fields()
    form.is_valid()
    if not submit:
        form.restore_required_fields()
    return form


def form_error_list(
    form: forms.BaseForm, positions: Mapping[str, Mapping[int, int]]
) -> list[tuple[list[str | int], str, str]]:
    """``(loc, message, code)`` for every message of ``form`` and its inline
    forms; a child's index is the position of the item the client sent."""
    found: list[tuple[list[str | int], str, str]] = []

    def walk(current: forms.BaseForm, loc: list[str | int]) -> None:
        for name, errors in current.errors.get_json_data().items():
            where = loc if name == NON_FIELD_ERRORS else [*loc, name]
            for error in errors:
                found.append((where, str(error["message"]), error["code"] or "invalid"))
        for relation, formset in getattr(current, "formsets", {}).items():
            for error in formset.non_form_errors().get_json_data():
                found.append(
                    (
                        [*loc, relation],
                        str(error["message"]),
                        error["code"] or "invalid",
                    )
                )
            mapped = positions.get(formset.prefix, {})
            for index, child in enumerate(formset.forms):
                if formset.can_delete and formset._should_delete_form(child):
                    continue
                walk(child, [*loc, relation, mapped.get(index, index)])

    walk(form, [])
    return found


# --- Saving -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class EditOutcome:
    page: Page
    revision: Revision
    status: str


def page_edit_save(*, page: Page, form, user, submit: bool) -> EditOutcome:
    """Save a valid ``form`` as the admin's editor does: a new revision by
    ``user`` ("Opslaan"), then, with ``submit``, "Ter goedkeuring".

    The workflow is Wagtail's (and so the project's four-eyes tasks): started,
    resumed when changes were requested, or restarted when a submission of
    the user's own still waits (the editor's "Opnieuw indienen"). When a
    workflow someone else started is running, the revision is saved and the
    running workflow goes on, as in the editor.
    """
    with transaction.atomic():
        real = Page.objects.select_for_update().get(pk=page.pk).specific
        lock = real.get_lock()
        if lock is not None and lock.for_user(user):
            raise PageLocked
        workflow_state = real.current_workflow_state or (
            real.workflow_states.order_by("created_at").last()
        )
        permissions = real.permissions_for_user(user)
        edited = form.save(commit=not real.live)
        revision = edited.save_revision(user=user, log_action=True)
        status = CONCEPT
        if submit:
            status = _submit(
                page=edited,
                user=user,
                workflow_state=workflow_state,
                permissions=permissions,
            )
        elif real.workflow_in_progress:
            status = AWAITING_APPROVAL
    return EditOutcome(page=edited, revision=revision, status=status)


def _submit(*, page: Page, user, workflow_state, permissions) -> str:
    if permissions.can_submit_for_moderation():
        if (
            workflow_state is not None
            and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
        ):
            workflow_state.resume(user)
        else:
            page.get_workflow().start(page, user)
    elif (
        workflow_state is not None
        and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        and page.has_workflow
        and workflow_state.user_can_cancel(user)
    ):
        workflow_state.cancel(user=user)
        page.get_workflow().start(page, user)
    page = Page.objects.get(pk=page.pk)
    return AWAITING_APPROVAL if page.workflow_in_progress else CONCEPT


# --- New pages ------------------------------------------------------------------


def parent_for_create(
    *, user, parent_id: int, parent_model: type[Page], page_class: type[Page]
) -> Page:
    """The page ``parent_id`` (a ``parent_model``) if ``user`` may add a
    ``page_class`` under it in the admin (the "add page" view's checks)."""
    parent = parent_model.objects.filter(pk=parent_id).first()
    if parent is None:
        raise Http404("Deze pagina bestaat niet.")
    permissions = parent.permissions_for_user(user)
    if not permissions.can_add_subpage():
        if not parent.live and not permissions.can_edit():
            raise Http404("Deze pagina bestaat niet.")
        raise PermissionDenied("Je mag hier geen pagina toevoegen.")
    if page_class not in parent.creatable_subpage_models() or not (
        page_class.can_create_at(parent)
    ):
        raise PermissionDenied("Dit soort pagina kan hier niet.")
    return parent


def page_create_form_data(*, parent: Page, page_class: type[Page], user) -> FormData:
    """What the admin's "add page" form posts for a new ``page_class`` under
    ``parent`` before anything is typed (its defaults)."""
    page = page_class(owner=user)
    page.locale = parent.locale
    form_class = page_class.get_edit_handler().get_form_class()
    form = form_class(instance=page, parent_page=parent, for_user=user)
    return FormData(form=form, data=editor_form_data(form))


def slug_for(*, parent: Page, title: str) -> str:
    """The slug the editor's script makes from the title, free under ``parent``."""
    return find_available_slug(parent, slugify(title) or "pagina")


def page_create_form(*, parent: Page, user, form_data: FormData, submit: bool):
    form = type(form_data.form)(
        form_data.data,
        {},
        instance=form_data.form.instance,
        parent_page=parent,
        for_user=user,
    )
    if not submit:
        form.defer_required_fields()
    form.is_valid()
    if not submit:
        form.restore_required_fields()
    return form


def page_create_save(*, parent: Page, form, user, submit: bool) -> EditOutcome:
    """Add the page of a valid ``form`` under ``parent`` as the admin's "add
    page" does: not live, a first revision by ``user``; with ``submit`` (and a
    workflow), "Ter goedkeuring"."""
    with transaction.atomic():
        page = form.save(commit=False)
        page.live = False
        parent.add_child(instance=page)
        submitting = submit and parent.has_workflow
        revision = page.save_revision(user=user, log_action=True, clean=submitting)
        status = CONCEPT
        if submitting:
            page.get_workflow().start(page, user)
            status = AWAITING_APPROVAL
    return EditOutcome(page=page, revision=revision, status=status)
