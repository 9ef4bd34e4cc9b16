"""Links to pages for redirects: on the host the resident is on.

``page.url`` and ``page.full_url`` start with the site's stored root URL
(``Site.root_url``: its hostname and port in the admin) as soon as an
installation has more than one site. Behind a reverse proxy, another host name
or another port, a redirect to that address sends the resident away from the
site they are on. A redirect after a form therefore uses the page's path,
which the browser resolves against the address it is already on.
"""

from django.http import HttpRequest
from wagtail.models import Page


def page_path(page: Page, request: HttpRequest | None = None) -> str:
    """The page's path from the root of its site ("/vraag-en-aanbod/"),
    without scheme or host."""
    url_parts = page.get_url_parts(request=request)
    if url_parts is None:
        raise ValueError(f"Page {page.pk} is not routable.")
    return url_parts[2]
