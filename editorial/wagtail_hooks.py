from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.panels import EDITOR_ADVICE_HOOK, EditorAdviceSection

from .models import OfficialeseTerm
from .selectors import page_plain_language_report


class OfficialeseTermViewSet(SnippetViewSet):
    model = OfficialeseTerm
    icon = "edit"
    menu_label = _("Taalcheck: woordenlijst")
    list_display = ["term", "alternative"]
    search_fields = ["term", "alternative"]


register_snippet(OfficialeseTermViewSet)


@hooks.register(EDITOR_ADVICE_HOOK)
def taalcheck_advice(*, page, request):
    """The taalcheck in the editor, so the author sees it before submitting."""
    report = page_plain_language_report(page=page)
    return EditorAdviceSection(
        heading=_("Taalcheck: gewone mensentaal (B1)"),
        html=render_to_string(
            "editorial/taalcheck_report.html", {"report": report}, request=request
        ),
    )
