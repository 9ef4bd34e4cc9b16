"""Admin listings for residents' requests and offers of help ('Vraag & aanbod')."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import HelpOffer, HelpRequest


class HelpPostViewSet(ModelViewSet):
    """Shared settings; the form comes from the model's ``panels``."""

    list_display = ["title", "first_name", "neighbourhood", "status", "created_at"]
    list_filter = ["status", "site", "neighbourhood"]
    search_fields = ["title", "description"]
    # The models are not in the search index: search with the database instead.
    search_backend_name = None
    # A copy would duplicate a resident's personal data.
    copy_view_enabled = False


class HelpRequestViewSet(HelpPostViewSet):
    model = HelpRequest
    icon = "help"
    menu_label = _("Hulpvragen")


class HelpOfferViewSet(HelpPostViewSet):
    model = HelpOffer
    icon = "group"
    menu_label = _("Hulpaanbod")


class HelpBoardViewSetGroup(ModelViewSetGroup):
    items = (HelpRequestViewSet, HelpOfferViewSet)
    menu_icon = "help"
    menu_label = _("Vraag & aanbod")
    menu_name = "helpboard"


@hooks.register("register_admin_viewset")
def register_help_board_viewsets():
    return HelpBoardViewSetGroup()
