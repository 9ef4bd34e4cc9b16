"""Instellingen → API-koppelingen, Webhooks and Webhook-berichten, and
"Voorbeeld in front-end" in a page's action menu.

Beheerders manage the clients and webhooks of their own sites and read the
deliveries of those sites' webhooks (``integrations.permissions``); another
site's record is a 404 in every view. A client's key and a webhook's secret
are shown once, on the page right after saving, never in a message (which a
cookie could keep).
"""

from urllib.parse import urlencode

from django.contrib.admin.utils import unquote
from django.contrib.auth.models import Permission
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.auth import permission_denied
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from core.api import absolute_url

from .forms import ApiClientForm, WebhookForm
from .models import ApiClient, Webhook, WebhookDelivery
from .permissions import BeheerderSitePermissionPolicy
from .preview import (
    PREVIEW_MAX_AGE,
    preview_link,
    preview_token_create,
    user_may_preview,
)

SHOWN_ONCE_TEMPLATE = "integrations/admin/secret_shown_once.html"

POLICIES = {
    ApiClient: BeheerderSitePermissionPolicy(ApiClient),
    Webhook: BeheerderSitePermissionPolicy(Webhook),
    # The log is read only: deliveries are made by the webhooks themselves.
    WebhookDelivery: BeheerderSitePermissionPolicy(
        WebhookDelivery, site_field="webhook__site", actions={"view"}
    ),
}
for model, policy in POLICIES.items():
    register_permission_policy(model, policy)


def scoped(model, user):
    """The records of ``model`` on the sites ``user`` manages."""
    return POLICIES[model].scoped(user=user)


class ScopedObjectMixin:
    """Edit, delete, inspect: another site's record is a 404."""

    def get_queryset(self):
        return scoped(self.model, self.request.user)


class ScopedBaseObjectMixin:
    """History and usage views look objects up here."""

    def get_base_object_queryset(self):
        return scoped(self.model, self.request.user)


class NoModelPermissionsMixin:
    """The Beheerder's scope decides (``integrations.permissions``): model
    permissions on the groups page would suggest otherwise."""

    def get_permissions_to_register(self):
        return Permission.objects.none()


class ScopedIndexMixin:
    def get_base_queryset(self):
        return scoped(self.model, self.request.user).select_related(
            "webhook__site" if self.model is WebhookDelivery else "site"
        )


SHOWN_ONCE_SESSION_KEY = "integrations_shown_once"


class SecretShownOnceMixin:
    """After saving, show the new secret on a page of its own, once.

    ``rotate_field`` names the form's checkbox that asks for a new one on
    edit; a new record always gets one. The secret waits in the (server-side)
    session for the one page that shows it and takes it out: reloading that
    page shows nothing, and saving is not repeated by a reload (post, redirect,
    get).
    """

    rotate_field = ""
    secret_label = ""

    def make_secret(self, instance) -> str:
        raise NotImplementedError

    def save_instance(self):
        self.shown_secret = None
        instance = self.form.instance
        if instance._state.adding or self.form.cleaned_data.get(self.rotate_field):
            self.shown_secret = self.make_secret(instance)
        return super().save_instance()

    def save_action(self):
        if self.shown_secret is None or self.expects_json_response:
            return super().save_action()
        self.request.session[SHOWN_ONCE_SESSION_KEY] = {
            "object": str(self.object),
            "secret": self.shown_secret,
            "secret_label": str(self.secret_label),
            "index_url": self.get_success_url(),
            "edit_url": self.get_edit_url(),
            "header_icon": self.header_icon,
        }
        return redirect("integrations_shown_once")


class ShownOnceView(WagtailAdminTemplateMixin, TemplateView):
    """The new key or secret just saved, taken out of the session: once."""

    template_name = SHOWN_ONCE_TEMPLATE
    page_title = _("Eenmalig te zien")

    def get(self, request, *args, **kwargs):
        self.shown = request.session.pop(SHOWN_ONCE_SESSION_KEY, None)
        if not isinstance(self.shown, dict):
            return redirect("wagtailadmin_home")
        self.header_icon = self.shown["header_icon"]
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.shown["object"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.shown)
        return context


class ApiClientSecretMixin(SecretShownOnceMixin):
    rotate_field = "new_key"
    secret_label = _("De sleutel van deze koppeling")

    def make_secret(self, instance):
        return instance.key_set()


class WebhookSecretMixin(SecretShownOnceMixin):
    rotate_field = "new_secret"
    secret_label = _("Het geheim van deze webhook")

    def make_secret(self, instance):
        from .models import webhook_secret_generate

        instance.secret = webhook_secret_generate()
        return instance.secret


# API clients


class ApiClientIndexView(ScopedIndexMixin, snippet_views.IndexView):
    pass


class ApiClientCreateView(ApiClientSecretMixin, snippet_views.CreateView):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields.pop("new_key", None)
        return form


class ApiClientEditView(
    ApiClientSecretMixin, ScopedObjectMixin, snippet_views.EditView
):
    pass


class ApiClientDeleteView(ScopedObjectMixin, snippet_views.DeleteView):
    pass


class ApiClientHistoryView(ScopedBaseObjectMixin, snippet_views.HistoryView):
    pass


class ApiClientUsageView(ScopedBaseObjectMixin, snippet_views.UsageView):
    pass


class ApiClientViewSet(NoModelPermissionsMixin, SnippetViewSet):
    model = ApiClient
    icon = "key"
    menu_label = _("API-koppelingen")
    menu_name = "api_clients"
    add_to_settings_menu = True
    menu_order = 640
    list_display = [
        "name",
        "site",
        Column("key_hint", label=_("Sleutel begint met")),
        "is_active",
        DateColumn("last_used_at", label=_("Laatst gebruikt")),
    ]
    search_fields = ["name"]
    search_backend_name = None
    copy_view_enabled = False
    index_view_class = ApiClientIndexView
    add_view_class = ApiClientCreateView
    edit_view_class = ApiClientEditView
    delete_view_class = ApiClientDeleteView
    history_view_class = ApiClientHistoryView
    usage_view_class = ApiClientUsageView
    edit_handler = ObjectList(
        [
            FieldPanel("site"),
            FieldPanel("name"),
            FieldPanel("allowed_origins"),
            FieldPanel("preview_url"),
            FieldPanel("is_active"),
            FieldPanel("new_key"),
        ],
        base_form_class=ApiClientForm,
    )


# Webhooks


class WebhookIndexView(ScopedIndexMixin, snippet_views.IndexView):
    pass


class WebhookCreateView(WebhookSecretMixin, snippet_views.CreateView):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields.pop("new_secret", None)
        return form


class WebhookEditView(WebhookSecretMixin, ScopedObjectMixin, snippet_views.EditView):
    pass


class WebhookDeleteView(ScopedObjectMixin, snippet_views.DeleteView):
    pass


class WebhookHistoryView(ScopedBaseObjectMixin, snippet_views.HistoryView):
    pass


class WebhookUsageView(ScopedBaseObjectMixin, snippet_views.UsageView):
    pass


class WebhookViewSet(NoModelPermissionsMixin, SnippetViewSet):
    model = Webhook
    icon = "link"
    menu_label = _("Webhooks")
    menu_name = "webhooks"
    add_to_settings_menu = True
    menu_order = 641
    list_display = ["name", "site", "url", "is_active"]
    search_fields = ["name", "url"]
    search_backend_name = None
    copy_view_enabled = False
    index_view_class = WebhookIndexView
    add_view_class = WebhookCreateView
    edit_view_class = WebhookEditView
    delete_view_class = WebhookDeleteView
    history_view_class = WebhookHistoryView
    usage_view_class = WebhookUsageView
    edit_handler = ObjectList(
        [
            FieldPanel("site"),
            FieldPanel("name"),
            FieldPanel("url"),
            FieldPanel("events"),
            FieldPanel("is_active"),
            FieldPanel("new_secret"),
        ],
        base_form_class=WebhookForm,
    )


# The delivery log: read only


class WebhookDeliveryIndexView(ScopedIndexMixin, snippet_views.IndexView):
    pass


class WebhookDeliveryInspectView(ScopedObjectMixin, snippet_views.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=unquote(str(self.pk)))

    def get_field_label(self, field_name, field):
        if field_name == "attempt_log":
            return _("Alle pogingen")
        return super().get_field_label(field_name, field)

    def get_attempt_log_display_value(self):
        return "\n".join(str(attempt) for attempt in self.object.attempt_log.all())


class WebhookDeliveryHistoryView(ScopedBaseObjectMixin, snippet_views.HistoryView):
    pass


class WebhookDeliveryUsageView(ScopedBaseObjectMixin, snippet_views.UsageView):
    pass


class WebhookDeliveryViewSet(NoModelPermissionsMixin, SnippetViewSet):
    model = WebhookDelivery
    icon = "list-ul"
    menu_label = _("Webhook-berichten")
    menu_name = "webhook_deliveries"
    add_to_settings_menu = True
    menu_order = 642
    list_display = [
        "event",
        Column("page_id", label=_("Pagina-ID")),
        "webhook",
        Column("status_code", label=_("HTTP-status")),
        Column("attempts", label=_("Pogingen")),
        Column("error", label=_("Fout")),
        DateColumn("created_at", label=_("Gemaakt op")),
        DateColumn("delivered_at", label=_("Afgeleverd op")),
    ]
    list_filter = ["event"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "webhook",
        "event",
        "page_id",
        "payload",
        "attempts",
        "status_code",
        "error",
        "created_at",
        "delivered_at",
        "attempt_log",
    ]
    index_view_class = WebhookDeliveryIndexView
    inspect_view_class = WebhookDeliveryInspectView
    history_view_class = WebhookDeliveryHistoryView
    usage_view_class = WebhookDeliveryUsageView


# Preview of a draft in an external front end


class PreviewMenuItem(ActionMenuItem):
    """'Voorbeeld in front-end' in the action menu of a page being edited."""

    label = _("Voorbeeld in front-end")
    name = "action-integrations-preview"
    icon_name = "view"
    order = 60

    def is_shown(self, context):
        if context["view"] != "edit":
            return False
        permissions = self.get_user_page_permissions_tester(context)
        return permissions.can_edit() or permissions.can_publish()

    def get_url(self, parent_context):
        return reverse("integrations_preview", args=[parent_context["page"].pk])


class PreviewLinkView(WagtailAdminTemplateMixin, TemplateView):
    """A new preview token for the page's latest revision, with the links to
    each front end of the page's site that has a preview page."""

    template_name = "integrations/admin/preview_link.html"
    page_title = _("Voorbeeld in front-end")
    header_icon = "view"

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=kwargs["page_id"]).specific
        if not user_may_preview(user=request.user, page=self.page):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        token = (
            preview_token_create(page=self.page, user=self.request.user)
            if self.page.get_latest_revision() is not None
            else None
        )
        site = self.page.get_site()
        clients = (
            ApiClient.objects.filter(site=site, is_active=True)
            .exclude(preview_url="")
            .order_by("name")
            if site and token
            else []
        )
        api_path = "/api/v3/preview/?" + urlencode({"token": token}) if token else ""
        context.update(
            page=self.page,
            token=token,
            expires_at=timezone.now() + PREVIEW_MAX_AGE,
            minutes=int(PREVIEW_MAX_AGE.total_seconds() // 60),
            api_url=absolute_url(self.request, api_path) if token else "",
            links=[
                (client.name, preview_link(base_url=client.preview_url, token=token))
                for client in clients
            ],
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
        )
        return context


@hooks.register("register_page_action_menu_item")
def register_preview_menu_item():
    return PreviewMenuItem()


@hooks.register("register_admin_urls")
def register_integrations_urls():
    return [
        path(
            "koppelingen/voorbeeld/<int:page_id>/",
            PreviewLinkView.as_view(),
            name="integrations_preview",
        ),
        path(
            "koppelingen/eenmalig/",
            ShownOnceView.as_view(),
            name="integrations_shown_once",
        ),
    ]


register_snippet(ApiClientViewSet)
register_snippet(WebhookViewSet)
register_snippet(WebhookDeliveryViewSet)
