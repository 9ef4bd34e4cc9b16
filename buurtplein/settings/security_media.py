"""Media settings: upload limits and how documents are served (docs/security.md).

Documents go through Wagtail's serve view only (``core.media``: a live public
page must refer to them, or the user needs rights on their collection), never
straight from MEDIA_URL: the web server or the bucket must not serve
``documents/`` itself (README, Deployment). Anything but PDF and images is sent
as a download (``Content-Disposition: attachment``), so a browser never renders
an uploaded HTML or office file on our origin.

Upload limits keep one upload from costing the server its memory: an image's
pixels are decoded in full for every rendition (an 11,000 by 11,000 image takes
about 240 MB per thumbnail), so the pixel count is capped as well as the size.
"""

from .env import env_int, env_list

# Images: at most this many megapixels (width times height times frames) and megabytes.
BUURTPLEIN_IMAGE_MAX_MEGAPIXELS = env_int("BUURTPLEIN_IMAGE_MAX_MEGAPIXELS", 40)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = BUURTPLEIN_IMAGE_MAX_MEGAPIXELS * 1_000_000
BUURTPLEIN_IMAGE_MAX_UPLOAD_MB = env_int("BUURTPLEIN_IMAGE_MAX_UPLOAD_MB", 10)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = BUURTPLEIN_IMAGE_MAX_UPLOAD_MB * 1024 * 1024
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.media.ImageForm"

# Documents: these extensions only, at most this many megabytes.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
BUURTPLEIN_DOCUMENT_MAX_UPLOAD_MB = env_int("BUURTPLEIN_DOCUMENT_MAX_UPLOAD_MB", 20)
WAGTAILDOCS_MAX_UPLOAD_SIZE = BUURTPLEIN_DOCUMENT_MAX_UPLOAD_MB * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.media.DocumentForm"

# Always through Django (also from S3), so the access rule in core.media holds.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Shown in the browser; everything else is downloaded. No SVG: it can hold script.
WAGTAILDOCS_INLINE_CONTENT_TYPES = [
    "application/pdf",
    "image/gif",
    "image/jpeg",
    "image/png",
    "image/webp",
]
# Wagtail's default, said out loud: served documents get
# "Content-Security-Policy: default-src 'none'".
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True

# Collections (by name) whose documents anyone may download, also when no page
# links to them, e.g. "Openbare documenten". Their subcollections count too.
BUURTPLEIN_PUBLIC_DOCUMENT_COLLECTIONS = env_list(
    "BUURTPLEIN_PUBLIC_DOCUMENT_COLLECTIONS"
)
