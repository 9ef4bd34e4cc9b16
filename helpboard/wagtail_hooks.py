"""Admin listings for residents' requests and offers of help ('Vraag & aanbod')."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from core.selectors import sites_moderated_by

from .models import HelpPost


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
    """Requests and offers in one list; the form comes from the model's ``panels``."""

    model = HelpPost
    icon = "help"
    menu_label = _("Vraag & aanbod")
    add_to_admin_menu = True
    list_display = [
        "title",
        "kind",
        "first_name",
        "neighbourhood",
        "status",
        "created_at",
    ]
    list_filter = ["kind", "status", "site", "neighbourhood"]
    search_fields = ["title", "description"]
    # The model is not in the search index: search with the database instead.
    search_backend_name = None
    # A copy would duplicate a resident's personal data.
    copy_view_enabled = False
    index_view_class = HelpPostIndexView
    edit_view_class = HelpPostEditView
    delete_view_class = HelpPostDeleteView
    history_view_class = HelpPostHistoryView
    usage_view_class = HelpPostUsageView


@hooks.register("register_admin_viewset")
def register_help_board_viewsets():
    return HelpPostViewSet("helpboard")


@hooks.register("register_personal_data")
def register_help_board_personal_data():
    from .personal_data import help_board_personal_data

    return help_board_personal_data()
