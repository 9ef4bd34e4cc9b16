"""Admin listings for residents' requests and offers of help ('Vraag & aanbod')."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from core.selectors import sites_moderated_by

from .models import HelpOffer, HelpRequest


def moderated_posts(queryset, request):
    """Only the posts of the sites the user moderates: Communicatie of one
    site never sees another site's residents."""
    return queryset.filter(site__in=sites_moderated_by(user=request.user))


class HelpPostIndexView(generic.IndexView):
    def get_base_queryset(self):
        return moderated_posts(super().get_base_queryset(), self.request)


class HelpPostEditView(generic.EditView):
    def get_queryset(self):
        return moderated_posts(super().get_queryset(), self.request)


class HelpPostDeleteView(generic.DeleteView):
    def get_queryset(self):
        return moderated_posts(super().get_queryset(), self.request)


class HelpPostHistoryView(generic.HistoryView):
    def get_base_object_queryset(self):
        return moderated_posts(super().get_base_object_queryset(), self.request)


class HelpPostUsageView(generic.UsageView):
    def get_base_object_queryset(self):
        return moderated_posts(super().get_base_object_queryset(), self.request)


class HelpPostViewSet(ModelViewSet):
    """Shared settings; the form comes from the model's ``panels``."""

    list_display = ["title", "first_name", "neighbourhood", "status", "created_at"]
    list_filter = ["status", "site", "neighbourhood"]
    search_fields = ["title", "description"]
    # The models are not in the search index: search with the database instead.
    search_backend_name = None
    # A copy would duplicate a resident's personal data.
    copy_view_enabled = False
    index_view_class = HelpPostIndexView
    edit_view_class = HelpPostEditView
    delete_view_class = HelpPostDeleteView
    history_view_class = HelpPostHistoryView
    usage_view_class = HelpPostUsageView


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


@hooks.register("register_personal_data")
def register_help_board_personal_data():
    from .personal_data import help_board_personal_data

    return help_board_personal_data()
