"""Inline panels whose children saved only in a revision are no change.

A child added in a draft (a new opening-hours period, a location, a service,
and every child of a page that was imported and never published) lives only
in the revision: it has no primary key. The editor posts it back with an empty
id, and django-modelcluster then builds its form on a new, empty object, so
the form reports the child as changed although nobody touched it. With
``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT``, "Goedkeuren" in the editor
then saves a new revision in the approver's name and starts the workflow
again. Here that form gets the child it was drawn from: the revision's child
at the same position, as the editor rendered it.

Use :class:`InlinePanel` instead of Wagtail's everywhere (nested panels too).
"""

from django.forms.models import BaseModelFormSet
from modelcluster.forms import BaseChildFormSet
from wagtail.admin import panels


class RevisionChildFormSet(BaseChildFormSet):
    def _construct_form(self, i, **kwargs):
        if self.is_bound and i < self.initial_form_count() and "instance" not in kwargs:
            pk_key = f"{self.add_prefix(i)}-{self.model._meta.pk.name}"
            if self.data.get(pk_key) == "":
                children = self.get_queryset()
                if i < len(children) and children[i].pk is None:
                    kwargs["instance"] = children[i]
                    # Past modelcluster's, which would put an empty object in
                    # its place, to Django's formset.
                    return super(BaseModelFormSet, self)._construct_form(i, **kwargs)
        return super()._construct_form(i, **kwargs)

    def save_existing_objects(self, commit=True):
        # modelcluster takes every child without a key out of the relation and
        # puts back what the forms saved, counting on those forms to look
        # changed: the unchanged ones are put back here.
        saved = super().save_existing_objects(commit)
        deleted = self.deleted_forms
        for form in self.initial_forms:
            if (
                form.instance.pk is None
                and form not in deleted
                and not form.has_changed()
            ):
                saved.append(self.save_existing(form, form.instance, commit=commit))
                if not commit:
                    self.saved_forms.append(form)
        return saved


class InlinePanel(panels.InlinePanel):
    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = RevisionChildFormSet
        return options
