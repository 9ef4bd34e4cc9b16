"""The project's URLs plus the minimal view every figure is compared with."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

MINIMAL_PATH = "/bench/minimal/"


def minimal(request: HttpRequest) -> HttpResponse:
    """The least a Django view can do: the yardstick for every other page.

    It goes through the same middleware as the real pages, so the ratios show
    what a page costs on top of Django answering at all.
    """
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path(MINIMAL_PATH.strip("/") + "/", minimal, name="bench_minimal"),
    path("", include("buurtplein.urls")),
]
