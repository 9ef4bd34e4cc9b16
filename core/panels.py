"""Editor panels shared by every page type."""

from django.forms import Media
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


#: Hook: a callable ``(request=)`` returning a ``LiveAdvice`` (or ``None``):
#: advice that follows the text while it is written, before saving.
LIVE_EDITOR_ADVICE_HOOK = "register_live_editor_advice"


class LiveAdvice:
    """Advice that a script fetches from ``url`` while the author writes.

    The panel renders a box with the heading and ``data-live-advice-url``;
    ``script`` (a static path) does the rest, so the editor needs no inline
    script.
    """

    def __init__(self, *, heading: str, url: str, script: str, css: str = ""):
        self.heading = heading
        self.url = url
        self.script = script
        self.css = css


class LiveAdvicePanel(Panel):
    """Advice beside the text while it is written (the taalcheck), from every
    app that registers the ``register_live_editor_advice`` hook."""

    def _advice(self, request) -> list[LiveAdvice]:
        found = []
        for advise in hooks.get_hooks(LIVE_EDITOR_ADVICE_HOOK):
            advice = advise(request=request)
            if advice is not None:
                found.append(advice)
        return found

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/panels/live_advice.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.advice = self.panel._advice(self.request) if self.request else []

        @property
        def media(self):
            return Media(
                js=[advice.script for advice in self.advice],
                css={"all": [advice.css for advice in self.advice if advice.css]},
            )

        def is_shown(self):
            return bool(self.advice)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["advice"] = self.advice
            return context
