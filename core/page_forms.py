"""The admin form of every Buurtplein page: choices limited to the page's own
site, wijken as checkboxes, and a new page that starts ready to write in.

A new page starts with the writer's wijk ticked (the wijk of the page it is
added under, or what an app says is the writer's own wijk, through the
``register_page_form_defaults`` hook) and with one text block in its body.
"""

from django import forms
from django.db.models import QuerySet
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlock, StreamValue
from wagtail.models import Site

from .models.taxonomies import Neighbourhood

#: Hook: a callable ``(user=, parent_page=)`` returning the wijken (a list of
#: ``Neighbourhood``) a new page of ``user`` under ``parent_page`` starts with,
#: or an empty list when it has no opinion. The first non-empty answer counts.
PAGE_FORM_DEFAULTS_HOOK = "register_page_form_defaults"

#: Multi-choice fields shown as a list of checkboxes, not a ctrl-click list.
CHECKBOX_FIELDS = ("neighbourhoods", "themes", "target_groups")

#: The block a new page's body starts with.
FIRST_BODY_BLOCK = "paragraph"

#: The image's description, which is its alt text wherever it is shown.
ALT_TEXT_LABEL = _("Beschrijving voor wie de foto niet ziet")
ALT_TEXT_HELP_TEXT = _(
    "Dit is de tekst voor wie de foto niet kan zien, bijvoorbeeld omdat die een "
    "voorleesprogramma gebruikt. Schrijf in één korte zin wat er op de foto "
    "staat, bijvoorbeeld 'Kinderen planten bloemen in het Wilhelminapark'. Begin "
    "niet met 'foto van'. Is de foto alleen versiering, laat dit dan leeg."
)

IMAGE_HELP_TEXT = _(
    "Kies een foto of upload er een. Vul bij het uploaden de beschrijving in: "
    "wat staat erop, in één korte zin, voor wie de foto niet kan zien "
    "(bijvoorbeeld 'Kinderen planten bloemen in het Wilhelminapark'). "
    "Is de foto alleen versiering, laat de beschrijving dan leeg."
)


def _is_empty_text(child) -> bool:
    if child.block_type != FIRST_BODY_BLOCK:
        return False
    source = getattr(child.value, "source", child.value)
    return not strip_tags(str(source or "")).strip()


class CheckboxList(forms.CheckboxSelectMultiple):
    """Checkboxes in columns, so a town with many wijken fits on the screen."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "buurtplein-checkboxes", **(attrs or {})}, choices)


class SiteScopedPageForm(WagtailAdminPageForm):
    """Wijken and locations from the page's own municipality platform only.

    One installation serves several municipalities: an editor of one must not
    tag a page with another's wijk or point an event at another's location.
    A value from elsewhere fails validation like any invalid choice.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in CHECKBOX_FIELDS:
            field = self.fields.get(name)
            if isinstance(field, forms.ModelMultipleChoiceField):
                field.widget = CheckboxList()
                field.widget.choices = field.choices
        if "image" in self.fields and not self.fields["image"].help_text:
            self.fields["image"].help_text = IMAGE_HELP_TEXT
        self._leave_out_empty_text_blocks()
        site = self._site()
        if site is None:
            return
        for name in ("neighbourhoods", "neighbourhood"):
            if name in self.fields:
                # Setting the queryset gives the (new) widget its choices too.
                self.fields[name].queryset = Neighbourhood.objects.filter(site=site)
        if "location" in self.fields:
            self.fields["location"].queryset = self._in_site(
                self.fields["location"].queryset, site=site
            )
        if self.instance._state.adding and not self.is_bound:
            self._new_page_defaults(site=site)

    def _leave_out_empty_text_blocks(self) -> None:
        """A text block left empty is left out instead of refused: every new
        page starts with one, and the writer may not need it."""
        body = self.fields.get("body")
        if not isinstance(getattr(body, "block", None), StreamBlock):
            return
        clean = body.clean

        def clean_without_empty_text(value):
            if isinstance(value, StreamValue):
                value = StreamValue(
                    value.stream_block,
                    [
                        (child.block_type, child.value, child.id)
                        for child in value
                        if not _is_empty_text(child)
                    ],
                )
            return clean(value)

        body.clean = clean_without_empty_text

    def _site(self) -> Site | None:
        page = self.instance if self.instance.pk else self.parent_page
        return page.get_site() if page is not None else None

    @staticmethod
    def _in_site(queryset: QuerySet, *, site: Site) -> QuerySet:
        # Locations belong to an organisation page (``page``) in the site's tree.
        return queryset.filter(page__path__startswith=site.root_page.path)

    def _new_page_defaults(self, *, site: Site) -> None:
        if "neighbourhoods" in self.fields and not self.initial.get("neighbourhoods"):
            wijken = [
                wijk
                for wijk in self._default_neighbourhoods()
                if wijk is not None and wijk.site_id == site.pk
            ]
            if wijken:
                self.initial["neighbourhoods"] = [wijk.pk for wijk in wijken]
        body = self.fields.get("body")
        child_blocks = getattr(getattr(body, "block", None), "child_blocks", {})
        if FIRST_BODY_BLOCK in child_blocks and not self.initial.get("body"):
            self.initial["body"] = body.block.to_python(
                [{"type": FIRST_BODY_BLOCK, "value": ""}]
            )

    def _default_neighbourhoods(self) -> list:
        parent = self.parent_page
        # Added under a wijk page: that wijk.
        own = getattr(parent, "neighbourhood", None) if parent else None
        if isinstance(own, Neighbourhood):
            return [own]
        if self.for_user is None:
            return []
        for defaults in hooks.get_hooks(PAGE_FORM_DEFAULTS_HOOK):
            wijken = defaults(user=self.for_user, parent_page=parent)
            if wijken:
                return list(wijken)
        return []
