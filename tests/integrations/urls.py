"""The project's URLs plus the preview router on an API object of its own (with
Wagtail's error format), at ``/preview-test/``: the tests do not depend on
``buurtplein/api.py`` mounting it at ``/api/v3/preview/``."""

from django.urls import path
from ninja import NinjaAPI
from wagtail.api.v3.errors import register_exception_handlers

from buurtplein.urls import urlpatterns as project_urlpatterns
from integrations.api import build_router

preview_test_api = NinjaAPI(urls_namespace="integrations_preview_test")
register_exception_handlers(preview_test_api)
preview_test_api.add_router("/", build_router())

urlpatterns = [path("preview-test/", preview_test_api.urls), *project_urlpatterns]
