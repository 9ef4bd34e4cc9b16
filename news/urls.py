"""The news feeds, mounted at /feeds/ (namespace "news")."""

from django.urls import path

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
    path(
        "organisatie/<int:page_id>/rss/",
        feeds.OrganisationNewsFeed(),
        name="organisation_rss",
    ),
    path(
        "organisatie/<int:page_id>/atom/",
        feeds.OrganisationNewsAtomFeed(),
        name="organisation_atom",
    ),
]
