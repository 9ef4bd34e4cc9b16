"""iCalendar feeds, mounted at /ical/ (buurtplein/urls.py)."""

from django.urls import path

from . import views

app_name = "agenda"

urlpatterns = [
    path("agenda.ics", views.agenda_feed, name="agenda_feed"),
    path("wijk/<slug:slug>.ics", views.neighbourhood_feed, name="neighbourhood_feed"),
    path(
        "organisatie/<int:page_id>.ics",
        views.organisation_feed,
        name="organisation_feed",
    ),
    path("activiteit/<int:page_id>.ics", views.event_feed, name="event_feed"),
]
