from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Neighbourhood, TargetGroup, Theme


class NeighbourhoodViewSet(SnippetViewSet):
    model = Neighbourhood
    icon = "home"
    menu_label = _("Wijken")
    list_display = ["name", "site", "cbs_code"]
    list_filter = ["site"]
    search_fields = ["name"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Thema's")
    list_display = ["name", "slug"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    menu_label = _("Doelgroepen")
    list_display = ["name", "slug"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (NeighbourhoodViewSet, ThemeViewSet, TargetGroupViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Indeling")
    menu_name = "taxonomies"


register_snippet(TaxonomyViewSetGroup)
