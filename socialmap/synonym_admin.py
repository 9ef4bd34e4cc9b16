"""Instellingen → Zoekwoorden: the Beheerders' list of words with the same
meaning, per platform (``socialmap.synonyms``).

A Beheerder of one platform sees, adds and changes only that platform's
words; a Beheerder of every platform and a superuser all of them. The sites
are the same a Beheerder's other per-site admin (residents' personal data)
is limited to: ``core.personal_data.personal_data_sites_for``.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.models import Site
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from core.personal_data import personal_data_sites_for

from .synonyms import SearchSynonym


def synonym_sites_for(*, user):
    """The sites whose words ``user`` may manage: a queryset."""
    if not user.is_active:
        return Site.objects.none()
    sites = personal_data_sites_for(user=user)
    if sites is None:
        return Site.objects.all()
    return Site.objects.filter(pk__in=[site.pk for site in sites])


def synonyms_for(*, user):
    return SearchSynonym.objects.filter(site__in=synonym_sites_for(user=user))


class SearchSynonymPermissionPolicy(ModelPermissionPolicy):
    """Model permissions (given to Beheerders), limited to the user's sites."""

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and synonym_sites_for(user=user).filter(pk=instance.site_id).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return SearchSynonym.objects.none()
        return synonyms_for(user=user)


class SearchSynonymForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sites = synonym_sites_for(user=self.for_user) if self.for_user else None
        if sites is not None:
            self.fields["site"].queryset = sites.order_by("site_name", "hostname")
            if sites.count() == 1:
                self.fields["site"].initial = sites.first()
                self.fields["site"].empty_label = None


class ScopedQuerysetMixin:
    """Edit, delete, history, usage: another platform's words are a 404."""

    def get_queryset(self):
        return synonyms_for(user=self.request.user)


class SearchSynonymIndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(site__in=synonym_sites_for(user=self.request.user))
            .select_related("site")
        )


class SearchSynonymEditView(ScopedQuerysetMixin, snippet_views.EditView):
    pass


class SearchSynonymDeleteView(ScopedQuerysetMixin, snippet_views.DeleteView):
    pass


class SearchSynonymHistoryView(snippet_views.HistoryView):
    def get_base_object_queryset(self):
        return synonyms_for(user=self.request.user)


class SearchSynonymUsageView(snippet_views.UsageView):
    def get_base_object_queryset(self):
        return synonyms_for(user=self.request.user)


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Zoekwoorden")
    menu_name = "search_synonyms"
    add_to_settings_menu = True
    menu_order = 630
    list_display = ["words", "site"]
    search_fields = ["words"]
    search_backend_name = None
    copy_view_enabled = False
    index_view_class = SearchSynonymIndexView
    edit_view_class = SearchSynonymEditView
    delete_view_class = SearchSynonymDeleteView
    history_view_class = SearchSynonymHistoryView
    usage_view_class = SearchSynonymUsageView
    edit_handler = ObjectList(
        [FieldPanel("site"), FieldPanel("words")], base_form_class=SearchSynonymForm
    )


register_permission_policy(SearchSynonym, SearchSynonymPermissionPolicy(SearchSynonym))
register_snippet(SearchSynonymViewSet)
