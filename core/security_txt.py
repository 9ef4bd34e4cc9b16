"""``/.well-known/security.txt`` (RFC 9116): where to report a vulnerability.

The contact is the platform operator's (``BUURTPLEIN_SECURITY_CONTACT``), else
the site's own contact address from its settings, so a researcher always finds
someone. ``Expires`` rolls forward: the file is made per request and is never
stale, as the RFC asks (less than a year ahead).
"""

import datetime

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from wagtail.models import Site

from .models import PlatformSettings

EXPIRES_AFTER = datetime.timedelta(days=180)


def _contacts(request) -> list[str]:
    if settings.BUURTPLEIN_SECURITY_CONTACT:
        return list(settings.BUURTPLEIN_SECURITY_CONTACT)
    site = Site.find_for_request(request)
    email = PlatformSettings.for_site(site).contact_email if site else ""
    return [f"mailto:{email}"] if email else []


@require_GET
def security_txt(request):
    contacts = _contacts(request)
    if not contacts:
        raise Http404("No security contact configured")
    expires = (timezone.now() + EXPIRES_AFTER).astimezone(datetime.UTC)
    lines = [f"Contact: {contact}" for contact in contacts]
    lines += [
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {request.build_absolute_uri()}",
    ]
    if settings.BUURTPLEIN_SECURITY_POLICY_URL:
        lines.append(f"Policy: {settings.BUURTPLEIN_SECURITY_POLICY_URL}")
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
