"""Content-Security-Policy and Permissions-Policy (docs/security-csp.md).

Everything a Buurtplein page runs is its own: scripts and styles come from our
static files, and the few inline ones (the branding colours, JSON-LD, the map's
markers, some admin widgets) carry the request's nonce. So the browser refuses
any script that an attacker might get into a page: an injected ``<script>``,
an ``onclick=`` attribute, a ``javascript:`` link.

django-csp 4 sends ``CONTENT_SECURITY_POLICY`` on every response;
``buurtplein.csp.BuurtpleinCSPMiddleware`` adds at request time the origins
that follow from other settings (the map tiles of ``BUURTPLEIN_MAP_TILES_URL``,
media on object storage) and gives the admin, apart from its login pages, the
few changes in ``BUURTPLEIN_CSP_ADMIN_REPLACE``.
"""

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

# The public site and the admin's login: no inline script without the nonce,
# no eval, no plugins, no other site may frame a page or receive a form.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # The one inline <style> (branding colours in templates/base.html) has
        # the nonce; no style="" attributes in our templates.
        "style-src": [SELF, NONCE],
        # data: for Leaflet's and Wagtail's small inline images; the map tiles'
        # and object storage's origins are added by the middleware.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        # The admin's preview panel frames our own pages.
        "frame-src": [SELF],
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}

# The admin (/admin/ except its login, two-factor and password-reset pages)
# replaces script-src: Wagtail 8 writes inline init scripts that cannot carry a
# nonce (choosers render `<script>` in Python, date widgets in templates that
# never see the request, modals arrive by XHR with their own scripts, inline
# panels copy theirs on the client), and its bundled libraries
# (wagtailadmin/js/vendor.js) add <style> elements. So the admin allows inline
# scripts and styles, but never eval, and every other directive stays as strict
# as on the public site. docs/security-csp.md has the details.
BUURTPLEIN_CSP_ADMIN_PATH = "/admin/"
BUURTPLEIN_CSP_ADMIN_STRICT_PATHS = (
    "/admin/login/",
    "/admin/password_reset/",
    "/admin/tweestapsverificatie/",
)
BUURTPLEIN_CSP_ADMIN_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
}

# Browser features no Buurtplein page uses are switched off for the page and
# anything it frames. The sociale kaart asks for a postcode, never the
# location; 'fullscreen', 'clipboard-write' (the admin's copy buttons) and
# 'picture-in-picture' keep the browser's defaults.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
