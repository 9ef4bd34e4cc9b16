"""Instellingen → Persoonsgegevens: a Beheerder looks up, exports or erases
every record about a resident, by e-mail address (AVG inzage en verwijdering).

A Beheerder of some sites sees, exports and erases only the records of those
sites (``personal_data_sites_for``); superusers and Beheerders of every site
see all. Everything goes by POST, so the address never ends up in a URL (and thus in
server logs or the browser history). Each export and erasure is recorded in
the audit log with a keyed hash of the address, not the address.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .admin_forms import PersonalDataLookupForm
from .personal_data import (
    ERASE_ACTION,
    EXPORT_ACTION,
    PERMISSION,
    personal_data_counts,
    personal_data_csv_zip,
    personal_data_erase,
    personal_data_json,
    personal_data_log,
    personal_data_sites_for,
    site_name,
)

VIEW, JSON, CSV, ERASE, ERASE_CONFIRMED = (
    "view",
    "json",
    "csv",
    "erase",
    "erase-confirmed",
)


def user_manages_personal_data(user) -> bool:
    """Beheerders (who hold the permission) and superusers."""
    return user.is_active and user.has_perm(PERMISSION)


def _download(content: bytes, *, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    filename = f"persoonsgegevens-{timezone.localdate():%Y%m%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


class PersonalDataView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/admin/personal_data.html"
    page_title = gettext_lazy("Persoonsgegevens")
    header_icon = "user"
    http_method_names = ["get", "post"]

    def dispatch(self, request, *args, **kwargs):
        if not user_manages_personal_data(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    @cached_property
    def sites(self):
        """The sites whose records this user sees; None for every site."""
        return personal_data_sites_for(user=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            site_names=None
            if self.sites is None
            else [site_name(site) for site in self.sites],
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.get_context_data(form=PersonalDataLookupForm())
        )

    def post(self, request, *args, **kwargs):
        form = PersonalDataLookupForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        email = form.cleaned_data["email"]
        action = request.POST.get("action", VIEW)
        if action == JSON:
            return self.export_json(email)
        if action == CSV:
            return self.export_csv(email)
        if action == ERASE_CONFIRMED:
            return self.erase(email)
        counts = personal_data_counts(email=email, sites=self.sites)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                email=email,
                counts=counts,
                total=sum(count.found for count in counts),
                confirm_erase=action == ERASE,
            )
        )

    def export_json(self, email: str) -> HttpResponse:
        export = personal_data_json(email=email, sites=self.sites)
        self.log_export(email, export["records"])
        content = json.dumps(
            export, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
        ).encode()
        return _download(
            content, content_type="application/json; charset=utf-8", extension="json"
        )

    def export_csv(self, email: str) -> HttpResponse:
        export = personal_data_json(email=email, sites=self.sites)
        self.log_export(email, export["records"])
        return _download(
            personal_data_csv_zip(export["records"]),
            content_type="application/zip",
            extension="zip",
        )

    def log_export(self, email: str, records: dict) -> None:
        personal_data_log(
            action=EXPORT_ACTION,
            email=email,
            counts={kind: len(rows) for kind, rows in records.items()},
            user=self.request.user,
            via="admin",
            sites=self.sites,
        )

    def erase(self, email: str):
        counts = personal_data_erase(email=email, sites=self.sites)
        personal_data_log(
            action=ERASE_ACTION,
            email=email,
            counts={count.kind: count.found for count in counts},
            user=self.request.user,
            via="admin",
            sites=self.sites,
        )
        deleted = sum(count.deleted for count in counts)
        anonymised = sum(count.anonymised for count in counts)
        if deleted or anonymised:
            messages.success(
                self.request,
                _(
                    "Alle gegevens over dit e-mailadres zijn gewist: %(deleted)d "
                    "verwijderd, %(anonymised)d geanonimiseerd."
                )
                % {"deleted": deleted, "anonymised": anonymised},
            )
        else:
            messages.info(
                self.request, _("Er waren geen gegevens meer over dit e-mailadres.")
            )
        return redirect("core_personal_data")
