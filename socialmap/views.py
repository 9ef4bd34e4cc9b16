"""Admin views of the sociale kaart: importing a spreadsheet in two steps, and
looking up an address for the pin on the editor's map.

Step 1 uploads the file and shows the dry run: every problem by row and
column, or what the import would do. The checked rows (never the file) are
kept in the session, so step 2 imports exactly what was checked and nothing
is left behind in the media folder.
"""

import secrets

from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.selectors import sites_moderated_by

from .forms import SocialMapImportConfirmForm, SocialMapImportForm
from .geocoding import geocode_address, geocoding_enabled
from .services import social_map_page_for_site, sociale_kaart_import
from .spreadsheet import COLUMNS, ParsedRows, read_spreadsheet

SESSION_KEY = "socialmap_import"
# A long list helps nobody: the first problems show the pattern.
PROBLEMS_SHOWN = 500
EXAMPLE_FILE = "voorbeeld-sociale-kaart.csv"
ADDRESS_MAX_LENGTH = 300


class ImportPermissionMixin:
    """Communicatie of a site (who may publish its root page) and superusers."""

    def dispatch(self, request, *args, **kwargs):
        self.sites = sites_moderated_by(user=request.user)
        if not self.sites.exists():
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class SocialMapImportView(
    ImportPermissionMixin, WagtailAdminTemplateMixin, TemplateView
):
    template_name = "socialmap/admin/import.html"
    page_title = gettext_lazy("Sociale kaart importeren")
    header_icon = "upload"
    http_method_names = ["get", "post"]

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        report = kwargs.get("report")
        problems = report.problems if report is not None else []
        return super().get_context_data(
            columns=COLUMNS,
            problems_shown=problems[:PROBLEMS_SHOWN],
            problems_hidden=max(len(problems) - PROBLEMS_SHOWN, 0),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        form = SocialMapImportForm(user=request.user)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        if "token" in request.POST:
            return self.confirm(request)
        form = SocialMapImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload, site = form.cleaned_data["file"], form.cleaned_data["site"]
        parsed = read_spreadsheet(upload, filename=upload.name)
        report = sociale_kaart_import(
            site=site, rows=parsed, user=request.user, dry_run=True
        )
        request.session.pop(SESSION_KEY, None)
        context = {
            "form": form,
            "report": report,
            "site": site,
            "filename": upload.name,
        }
        if report.ok and (report.created or report.updated):
            token = secrets.token_urlsafe(16)
            request.session[SESSION_KEY] = {
                "token": token,
                "site": site.pk,
                "rows": parsed.to_session(),
            }
            context["confirm_form"] = SocialMapImportConfirmForm(
                initial={"token": token}
            )
        return self.render_to_response(self.get_context_data(**context))

    def confirm(self, request):
        form = SocialMapImportConfirmForm(request.POST)
        pending = request.session.get(SESSION_KEY)
        if (
            not form.is_valid()
            or not pending
            or not secrets.compare_digest(
                str(pending.get("token", "")), form.cleaned_data["token"]
            )
        ):
            messages.error(
                request,
                _("Deze import is verlopen of al gedaan. Upload het bestand opnieuw."),
            )
            return redirect("socialmap_import")
        site = self.sites.filter(pk=pending["site"]).first()
        if site is None:
            request.session.pop(SESSION_KEY, None)
            return permission_denied(request)
        parsed = ParsedRows.from_session(pending["rows"])
        report = sociale_kaart_import(
            site=site, rows=parsed, user=request.user, dry_run=False
        )
        request.session.pop(SESSION_KEY, None)
        if not report.ok:
            # Something changed since the dry run (a page locked, a wijk removed).
            return self.render_to_response(
                self.get_context_data(
                    form=SocialMapImportForm(user=request.user),
                    report=report,
                    site=site,
                    filename=parsed.filename,
                )
            )
        messages.success(
            request,
            report.summary()
            + " "
            + _("Nieuwe en gewijzigde organisaties wachten op goedkeuring."),
        )
        index_page = social_map_page_for_site(site=site)
        return redirect("wagtailadmin_explore", index_page.pk)


class SocialMapImportExampleView(ImportPermissionMixin, View):
    """The example file from the documentation, to start from."""

    http_method_names = ["get"]

    def get(self, request):
        path = settings.BASE_DIR / "docs" / EXAMPLE_FILE
        if not path.is_file():
            raise Http404
        return FileResponse(
            path.open("rb"),
            as_attachment=True,
            filename=EXAMPLE_FILE,
            content_type="text/csv; charset=utf-8",
        )


class AddressLookupView(View):
    """Coordinates for the address an editor typed, for the pin on the map.

    Answers JSON with a Dutch message either way; the editor can always place
    the pin by hand instead.
    """

    http_method_names = ["get"]

    def get(self, request):
        address = " ".join(request.GET.get("adres", "").split())[:ADDRESS_MAX_LENGTH]
        if not address:
            return JsonResponse({"error": _("Vul eerst het adres in.")}, status=400)
        if not geocoding_enabled():
            return JsonResponse(
                {"error": _("Adressen opzoeken staat uit. Zet de speld zelf.")},
                status=404,
            )
        found = geocode_address(address=address)
        if found is None:
            return JsonResponse(
                {
                    "error": _(
                        "We vonden dit adres niet. Kijk het adres na of zet de "
                        "speld zelf op de kaart."
                    )
                },
                status=404,
            )
        return JsonResponse(
            {
                "latitude": str(found.latitude),
                "longitude": str(found.longitude),
                "message": _("Gevonden: %(address)s") % {"address": found.display_name},
            }
        )
