"""Editor panels shared by every page type."""

from django.utils.safestring import SafeString
from wagtail import hooks
from wagtail.admin.panels import Panel

EDITOR_ADVICE_HOOK = "register_editor_advice"


class EditorAdviceSection:
    """What one app advises on a page: a heading and rendered HTML."""

    def __init__(self, *, heading: str, html: SafeString):
        self.heading = heading
        self.html = html


class EditorAdvicePanel(Panel):
    """Advice for the author, from every app that registers the
    ``register_editor_advice`` hook (a callable ``(page=, request=)`` returning
    an ``EditorAdviceSection`` or ``None``). Core does not know what advises.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/panels/editor_advice.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            sections = []
            if self.instance is not None and self.instance.pk:
                for advise in hooks.get_hooks(EDITOR_ADVICE_HOOK):
                    section = advise(page=self.instance, request=self.request)
                    if section is not None:
                        sections.append(section)
            context["sections"] = sections
            context["is_new"] = self.instance is None or not self.instance.pk
            return context
