import django_filters
from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import PersonalDataView, user_manages_personal_data
from .media import (
    ScopedDocumentsAdminAPIViewSet,
    ScopedImagesAdminAPIViewSet,
    document_serve_check,
)
from .models import Neighbourhood, Suggestion, TargetGroup, Theme
from .permissions import (
    ModerationPermissionPolicy,
    neighbourhoods_moderated_by,
    suggestions_moderated_by,
)
from .personal_data import ERASE_ACTION, EXPORT_ACTION, SuggestionPersonalData
from .selectors import sites_moderated_by
from .services import suggestion_moderate


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


# Tips from residents ('Tips van bewoners'). The policy is registered before
# any view asks for it, so Wagtail does not fall back to model permissions.
register_permission_policy(Suggestion, ModerationPermissionPolicy(Suggestion))


def neighbourhoods_to_filter_on(request):
    """The wijken a moderator may filter the list on: theirs, not every site's."""
    if request is None:
        return Neighbourhood.objects.none()
    user = request.user
    return (
        neighbourhoods_moderated_by(user=user)
        | Neighbourhood.objects.filter(site__in=sites_moderated_by(user=user))
    ).order_by("site__site_name", "name")


class SuggestionFilterSet(WagtailFilterSet):
    neighbourhood = django_filters.ModelChoiceFilter(
        label=_("wijk"), queryset=neighbourhoods_to_filter_on
    )

    class Meta:
        model = Suggestion
        fields = ["kind", "status", "neighbourhood"]


class ModeratedSuggestionMixin:
    """The edit and delete views find only the tips the user moderates (404 else)."""

    def get_queryset(self):
        return suggestions_moderated_by(user=self.request.user)


class ModeratedSuggestionListingMixin:
    """The history and usage of a tip, likewise (their own queryset is the listing)."""

    def get_base_object_queryset(self):
        return suggestions_moderated_by(user=self.request.user)


class SuggestionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(
                pk__in=suggestions_moderated_by(user=self.request.user).values("pk")
            )
            .select_related("neighbourhood", "site")
        )


class SuggestionEditView(ModeratedSuggestionMixin, generic.EditView):
    def save_instance(self):
        return suggestion_moderate(
            suggestion=self.form.instance,
            status=self.form.cleaned_data["status"],
            moderator_note=self.form.cleaned_data["moderator_note"],
            user=self.request.user,
        )


class SuggestionDeleteView(ModeratedSuggestionMixin, generic.DeleteView):
    pass


class SuggestionHistoryView(ModeratedSuggestionListingMixin, generic.HistoryView):
    pass


class SuggestionUsageView(ModeratedSuggestionListingMixin, generic.UsageView):
    pass


class SuggestionViewSet(ModelViewSet):
    """The moderation list: moderators set a status and a note, or delete."""

    model = Suggestion
    icon = "comment"
    menu_label = _("Tips van bewoners")
    menu_name = "suggestions"
    name = "suggestion"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["title", "kind", "neighbourhood", "status", "created_at"]
    filterset_class = SuggestionFilterSet
    search_fields = ["title", "description"]
    # The model is not in the search index: search with the database instead.
    search_backend_name = None
    # A copy would duplicate a resident's personal data.
    copy_view_enabled = False
    index_view_class = SuggestionIndexView
    edit_view_class = SuggestionEditView
    delete_view_class = SuggestionDeleteView
    history_view_class = SuggestionHistoryView
    usage_view_class = SuggestionUsageView

    def get_permissions_to_register(self):
        # Page rights decide (core.permissions); model permissions on the
        # groups page would suggest otherwise.
        return Permission.objects.none()


@hooks.register("register_admin_viewset")
def register_suggestion_viewset():
    return SuggestionViewSet()


# Residents' personal data (AVG): core's own provider, the log actions, the
# permission and the page Instellingen → Persoonsgegevens.


@hooks.register("register_personal_data")
def register_suggestion_personal_data():
    return SuggestionPersonalData()


@hooks.register("register_log_actions")
def register_personal_data_log_actions(actions):
    actions.register_action(
        EXPORT_ACTION,
        _("Persoonsgegevens geëxporteerd"),
        _("De gegevens over een bewoner zijn gedownload"),
    )
    actions.register_action(
        ERASE_ACTION,
        _("Persoonsgegevens gewist"),
        _("De gegevens over een bewoner zijn gewist"),
    )


@hooks.register("register_permissions")
def register_personal_data_permission():
    return Permission.objects.filter(
        content_type__app_label="core", codename="manage_personal_data"
    )


@hooks.register("register_admin_urls")
def register_personal_data_urls():
    return [
        path("persoonsgegevens/", PersonalDataView.as_view(), name="core_personal_data")
    ]


class PersonalDataMenuItem(MenuItem):
    """Only for Beheerders and superusers."""

    def is_shown(self, request):
        return user_manages_personal_data(request.user)


@hooks.register("register_settings_menu_item")
def register_personal_data_menu_item():
    return PersonalDataMenuItem(
        _("Persoonsgegevens"),
        reverse("core_personal_data"),
        icon_name="user",
        order=640,
    )


# Images and documents: the admin's JSON endpoints list only what the user's
# collections allow, and a document is served only by the rule in core.media.
# Registered after Wagtail's own endpoints (order), so these replace them.
@hooks.register("construct_admin_api", order=100)
def register_scoped_media_endpoints(router):
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)


@hooks.register("before_serve_document")
def check_document_access(document, request):
    return document_serve_check(document, request)


from . import task_admin  # noqa: E402, F401 - Instellingen → Achtergrondtaken
