from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import OfficialeseTerm


class OfficialeseTermViewSet(SnippetViewSet):
    model = OfficialeseTerm
    icon = "edit"
    menu_label = _("Taalcheck: woordenlijst")
    list_display = ["term", "alternative"]
    search_fields = ["term", "alternative"]


register_snippet(OfficialeseTermViewSet)
