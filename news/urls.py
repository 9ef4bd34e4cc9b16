"""The news feeds, mounted at /feeds/ (namespace "news")."""

from django.urls import path, re_path

from . import feeds

app_name = "news"

urlpatterns = [
    path("nieuws/rss/", feeds.NewsFeed(), name="rss"),
    path("nieuws/atom/", feeds.NewsAtomFeed(), name="atom"),
    path(
        "wijk/<slug:slug>/rss/",
        feeds.NeighbourhoodNewsFeed(),
        name="neighbourhood_rss",
    ),
    path(
        "wijk/<slug:slug>/atom/",
        feeds.NeighbourhoodNewsAtomFeed(),
        name="neighbourhood_atom",
    ),
    path("thema/<slug:slug>/rss/", feeds.ThemeNewsFeed(), name="theme_rss"),
    path("thema/<slug:slug>/atom/", feeds.ThemeNewsAtomFeed(), name="theme_atom"),
    # Page ids of at most 18 digits (see agenda/urls.py).
    re_path(
        r"^organisatie/(?P<page_id>[0-9]{1,18})/rss/$",
        feeds.OrganisationNewsFeed(),
        name="organisation_rss",
    ),
    re_path(
        r"^organisatie/(?P<page_id>[0-9]{1,18})/atom/$",
        feeds.OrganisationNewsAtomFeed(),
        name="organisation_atom",
    ),
]
