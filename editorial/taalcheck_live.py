"""The live taalcheck: the editor sends the text being written, gets the
advice back (``static/js/taalcheck-live.js``), before anything is saved.

An admin URL (``register_admin_urls``): only people who may enter the admin
reach it, by POST with Django's CSRF token, like every form in the admin.
"""

from django.http import JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .plain_language import plain_language_check
from .selectors import officialese_terms

URL_NAME = "editorial_taalcheck_live"
#: Longer than any page anyone writes; more is refused, not checked.
MAX_TEXT_LENGTH = 50_000


@require_POST
def taalcheck_live(request):
    text = request.POST.get("text", "")
    if len(text) > MAX_TEXT_LENGTH:
        return JsonResponse(
            {
                "error": _(
                    "Deze tekst is te lang voor de taalcheck (meer dan %(count)s "
                    "tekens)."
                )
                % {"count": f"{MAX_TEXT_LENGTH:_}".replace("_", ".")}
            },
            status=400,
        )
    report = plain_language_check(text=text, extra_terms=officialese_terms())
    return JsonResponse(
        {
            **report.as_dict(),
            "finding_count": report.finding_count,
            "html": render_to_string(
                "editorial/taalcheck_live.html", {"report": report}, request=request
            ),
        }
    )
