"""iCalendar feeds, mounted at /ical/ (buurtplein/urls.py)."""

from django.urls import path, re_path

from . import views

app_name = "agenda"

urlpatterns = [
    path("agenda.ics", views.agenda_feed, name="agenda_feed"),
    path("wijk/<slug:slug>.ics", views.neighbourhood_feed, name="neighbourhood_feed"),
    # Page ids of at most 18 digits: longer ones are no page and would overflow
    # the database's integer (a 500 on SQLite instead of a 404).
    re_path(
        r"^organisatie/(?P<page_id>[0-9]{1,18})\.ics$",
        views.organisation_feed,
        name="organisation_feed",
    ),
    re_path(
        r"^activiteit/(?P<page_id>[0-9]{1,18})\.ics$",
        views.event_feed,
        name="event_feed",
    ),
]
