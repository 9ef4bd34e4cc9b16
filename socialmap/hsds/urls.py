"""The HSDS API, mounted at ``/api/hsds/``. Paths as in HSDS's OpenAPI (no
trailing slash), and with one as well."""

from django.urls import path, re_path

from . import views

app_name = "hsds"

urlpatterns = [
    path("", views.api_root, name="root"),
    path("openapi.json", views.openapi, name="openapi"),
    re_path(r"^services/?$", views.service_list, name="services"),
    re_path(r"^services/(?P<hsds_id>[^/]+)/?$", views.service_detail, name="service"),
    re_path(r"^organizations/?$", views.organization_list, name="organizations"),
    re_path(
        r"^organizations/(?P<hsds_id>[^/]+)/?$",
        views.organization_detail,
        name="organization",
    ),
    re_path(r"^taxonomies/?$", views.taxonomy_list, name="taxonomies"),
    re_path(
        r"^taxonomies/(?P<hsds_id>[^/]+)/?$", views.taxonomy_detail, name="taxonomy"
    ),
    re_path(r"^taxonomy_terms/?$", views.taxonomy_term_list, name="taxonomy_terms"),
    re_path(
        r"^taxonomy_terms/(?P<hsds_id>[^/]+)/?$",
        views.taxonomy_term_detail,
        name="taxonomy_term",
    ),
]
