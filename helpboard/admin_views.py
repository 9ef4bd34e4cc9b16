"""The moderation list and screen of 'Vraag & aanbod' in the admin.

Who sees which post follows ``core.permissions.ModerationPermissionPolicy``:
Communicatie of a site every post of that site, a buurtverbinder the posts of
their own wijk. Every view finds only those (404 for the others).

The moderation screen is the edit view: the resident's text (to correct and
save, or to approve in one go), their contact details read-only, and one form
per step (ask for a change, reject, close, reports seen, refer). Every form
posts to the same address with an ``action``; the services in
``helpboard.moderation`` do the work.
"""

import django_filters
from django.contrib import messages
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import MediaContainer
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.log_actions import registry as log_registry
from wagtail.models import Site

from core.models import Neighbourhood
from core.permissions import moderated_by, neighbourhoods_moderated_by
from core.selectors import sites_moderated_by

from . import log_actions
from .admin_forms import ReasonForm, ReferralForm
from .models import (
    OPEN_STATUSES,
    HelpKind,
    HelpPost,
    HelpReferral,
    HelpReferralStatus,
    HelpReport,
    HelpStatus,
)
from .moderation import (
    APPROVABLE,
    CLOSABLE,
    ModerationError,
    help_post_approve,
    help_post_close,
    help_post_edit,
    help_post_reject,
    help_post_reports_reviewed,
    help_post_request_change,
    help_referral_create,
    referable_organisations,
)

#: How many organisations a search on the moderation screen lists.
ORGANISATION_RESULTS = 20
ORGANISATION_QUERY_PARAM = "organisatie"
LOG_ENTRIES_SHOWN = 20


def moderated_posts(*, user):
    return moderated_by(HelpPost.objects.all(), user=user)


# --- The list -----------------------------------------------------------------


def neighbourhoods_to_filter_on(request):
    """The wijken a moderator may filter the list on: theirs, not every site's."""
    if request is None:
        return Neighbourhood.objects.none()
    user = request.user
    return (
        neighbourhoods_moderated_by(user=user)
        | Neighbourhood.objects.filter(site__in=sites_moderated_by(user=user))
    ).order_by("site__site_name", "name")


def sites_to_filter_on(request):
    if request is None:
        return Site.objects.none()
    user = request.user
    return Site.objects.filter(
        Q(pk__in=sites_moderated_by(user=user).values("pk"))
        | Q(pk__in=neighbourhoods_moderated_by(user=user).values("site"))
    ).order_by("site_name", "hostname")


class HelpPostFilterSet(WagtailFilterSet):
    neighbourhood = django_filters.ModelChoiceFilter(
        label=gettext_lazy("wijk"), queryset=neighbourhoods_to_filter_on
    )
    site = django_filters.ModelChoiceFilter(
        label=gettext_lazy("platform"), queryset=sites_to_filter_on
    )

    class Meta:
        model = HelpPost
        fields = ["kind", "status", "neighbourhood", "site"]


class ReportsColumn(Column):
    """The number of reports nobody looked at yet, and whether the post is
    hidden because of them."""

    cell_template_name = "helpboard/admin/reports_cell.html"


class HelpPostIndexView(generic.IndexView):
    # Waiting posts first, then the newest.
    default_ordering = ("waiting_first", "-created_at")

    def get_base_queryset(self):
        open_reports = (
            HelpReport.objects.filter(post=OuterRef("pk"), reviewed_at__isnull=True)
            .order_by()
            .values("post")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            moderated_by(super().get_base_queryset(), user=self.request.user)
            .select_related("neighbourhood", "site")
            .annotate(
                open_reports=Coalesce(
                    Subquery(open_reports, output_field=IntegerField()), Value(0)
                ),
                referral_declined=Exists(
                    HelpReferral.objects.filter(
                        post=OuterRef("pk"), status=HelpReferralStatus.DECLINED
                    )
                )
                & ~Exists(
                    HelpReferral.objects.filter(
                        post=OuterRef("pk"),
                        status__in=(
                            HelpReferralStatus.PENDING,
                            HelpReferralStatus.ACCEPTED,
                        ),
                    )
                ),
            )
            .annotate(
                # What needs a moderator: a new post, a post hidden or reported
                # by visitors, a request an organisation turned down.
                waiting_first=Case(
                    When(status=HelpStatus.SUBMITTED, then=Value(0)),
                    When(hidden_at__isnull=False, then=Value(0)),
                    When(open_reports__gt=0, then=Value(0)),
                    When(
                        referral_declined=True,
                        status__in=OPEN_STATUSES,
                        then=Value(0),
                    ),
                    default=Value(1),
                ),
            )
        )


# --- The moderation screen ----------------------------------------------------


class ModeratedPostMixin:
    """Only the posts the user moderates (404 for the others)."""

    def get_queryset(self):
        return moderated_posts(user=self.request.user)


class ModeratedPostListingMixin:
    """History and usage of a post, likewise (their queryset is the listing)."""

    def get_base_object_queryset(self):
        return moderated_posts(user=self.request.user)


class HelpPostModerationView(ModeratedPostMixin, generic.EditView):
    template_name = "helpboard/admin/moderate.html"
    submit_button_label = gettext_lazy("Tekst opslaan")
    error_message = gettext_lazy("Het bericht is niet opgeslagen: kijk naar de fouten.")

    #: The forms of the other steps, each posted with ``action=<name>``.
    ACTIONS = ("request_change", "reject", "close", "reports_reviewed", "refer")

    def get_queryset(self):
        return (
            super().get_queryset().select_related("site", "neighbourhood", "category")
        )

    @cached_property
    def action_forms(self) -> dict:
        return {
            "request_change": ReasonForm(prefix="request_change"),
            "reject": ReasonForm(prefix="reject"),
            "refer": ReferralForm(prefix="refer", post=self.object),
        }

    def get_success_url(self):
        if moderated_posts(user=self.request.user).filter(pk=self.object.pk).exists():
            return self.get_edit_url()
        # Moved to a wijk the user does not moderate: its moderators have it now.
        return reverse(self.index_url_name)

    def get_side_panels(self):
        # Wagtail's status panel would call every post "Live"; the screen
        # itself shows the status, and the header links to the history.
        return MediaContainer()

    # The text, saved or approved -------------------------------------------

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        action = request.POST.get("action", "save")
        if action in self.ACTIONS:
            return self.action_post(action)
        if action not in ("save", "approve"):
            messages.error(request, _("Deze actie bestaat niet."))
            return self.render_page(status=400)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        self.form = form
        approve = self.request.POST.get("action") == "approve"
        try:
            if approve:
                help_post_approve(
                    post=form.instance,
                    user=self.request.user,
                    changed_fields=form.changed_data,
                )
            else:
                help_post_edit(
                    post=form.instance,
                    user=self.request.user,
                    changed_fields=form.changed_data,
                )
        except ModerationError as error:
            messages.error(self.request, error.message)
            return self.render_page(status=409)
        if approve:
            messages.success(
                self.request, _("Goedgekeurd: het bericht staat op de site.")
            )
        elif form.changed_data:
            messages.success(self.request, _("De wijzigingen zijn opgeslagen."))
        else:
            messages.info(self.request, _("Er was niets gewijzigd."))
        return redirect(self.get_success_url())

    # The other steps --------------------------------------------------------

    def action_post(self, action: str):
        post = self.object
        user = self.request.user
        form = None
        if action in self.action_forms:
            form = type(self.action_forms[action])(
                self.request.POST,
                prefix=action,
                **({"post": post} if action == "refer" else {}),
            )
            self.action_forms[action] = form
            if not form.is_valid():
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(self.request, error)
                return self.render_page(status=400)
        try:
            if action == "request_change":
                help_post_request_change(
                    post=post, user=user, reason=form.cleaned_data["reason"]
                )
                message = _(
                    "De bewoner is gevraagd het bericht aan te passen; het staat "
                    "niet op de site tot het opnieuw is goedgekeurd."
                )
            elif action == "reject":
                help_post_reject(
                    post=post, user=user, reason=form.cleaned_data["reason"]
                )
                message = _("Afgewezen; de bewoner krijgt de reden per e-mail.")
            elif action == "close":
                help_post_close(post=post, user=user)
                message = _("Het bericht is gesloten.")
            elif action == "reports_reviewed":
                help_post_reports_reviewed(post=post, user=user)
                message = _(
                    "De meldingen zijn bekeken. Is het bericht gepubliceerd, dan "
                    "staat het weer op de site."
                )
            else:
                referral = help_referral_create(
                    post=post,
                    organisation=form.cleaned_data["organisation"],
                    note=form.cleaned_data["note"],
                    user=user,
                )
                message = _(
                    "Doorverwezen naar %(name)s. De organisatie krijgt een e-mail "
                    "met een link om de vraag aan te nemen of af te wijzen."
                ) % {"name": referral.organisation_name}
        except ModerationError as error:
            messages.error(self.request, error.message)
            return self.render_page(status=409)
        messages.success(self.request, message)
        return redirect(self.get_edit_url())

    def render_page(self, *, status: int):
        if not hasattr(self, "form") or self.form.data is not self.request.POST:
            # The text form as stored, not bound to another step's POST data.
            self.form = self.get_form_class()(instance=self.object)
        response = self.render_to_response(self.get_context_data(form=self.form))
        response.status_code = status
        return response

    # What the screen shows --------------------------------------------------

    def organisation_search(self) -> dict:
        # The search is a GET; a refused referral (POST) shows its results again.
        query = (
            self.request.GET.get(ORGANISATION_QUERY_PARAM)
            or self.request.POST.get(ORGANISATION_QUERY_PARAM)
            or ""
        ).strip()[:100]
        if not query or self.object.kind != HelpKind.REQUEST:
            return {"query": query, "results": None}
        results = list(
            referable_organisations(post=self.object)
            .filter(title__icontains=query)
            .only("pk", "title", "email", "path", "depth")[:ORGANISATION_RESULTS]
        )
        return {"query": query, "results": results}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        post = self.object
        logs = list(
            log_registry.get_logs_for_instance(post)
            .select_related("user")
            .order_by("-timestamp", "-pk")[:LOG_ENTRIES_SHOWN]
        )
        reports = list(post.reports.select_related("reviewed_by"))
        context.update(
            {
                "post": post,
                "reports": reports,
                "open_reports": [r for r in reports if r.reviewed_at is None],
                "referrals": list(post.referrals.select_related("created_by")),
                "responses_count": post.responses.count(),
                "log_entries": logs,
                "reason_actions": {log_actions.REQUEST_CHANGE, log_actions.REJECT},
                "can_approve": post.status in APPROVABLE,
                "can_request_change": post.status in OPEN_STATUSES,
                "can_reject": post.status in OPEN_STATUSES,
                "can_close": post.status in CLOSABLE,
                "can_refer": post.kind == HelpKind.REQUEST
                and post.status in OPEN_STATUSES,
                "organisation_search": self.organisation_search(),
                "organisation_query_param": ORGANISATION_QUERY_PARAM,
                **{f"{name}_form": form for name, form in self.action_forms.items()},
            }
        )
        return context


class HelpPostDeleteView(ModeratedPostMixin, generic.DeleteView):
    pass


class HelpPostHistoryView(ModeratedPostListingMixin, generic.HistoryView):
    pass


class HelpPostUsageView(ModeratedPostListingMixin, generic.UsageView):
    pass
