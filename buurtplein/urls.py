from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from core.security_txt import security_txt
from home import views as home_views

from .api import api

urlpatterns = [
    # Wagtail's password reset, rate-limited and equal for every address (accounts).
    path("admin/password_reset/", include("accounts.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v3/", api.urls),
    path("api/hsds/", include("socialmap.hsds.urls")),
    path("ical/", include("agenda.urls")),
    path("feeds/", include("news.urls")),
    path("zoeken/", home_views.search, name="search"),
    path("mijn-wijk/", core_views.choose_neighbourhood, name="choose_neighbourhood"),
    path("tip/", core_views.suggest, name="suggest"),
    path("privacyverklaring/", core_views.privacy_statement, name="privacy_statement"),
    path(
        "toegankelijkheidsverklaring/",
        core_views.accessibility_statement,
        name="accessibility_statement",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path(".well-known/security.txt", security_txt, name="security_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    from core.media import serve_media_in_development

    urlpatterns += staticfiles_urlpatterns()
    # Media, but not documents: those only through /documents/ (core.media).
    urlpatterns += static(
        settings.MEDIA_URL,
        view=serve_media_in_development,
        document_root=settings.MEDIA_ROOT,
    )

urlpatterns += [path("", include(wagtail_urls))]
