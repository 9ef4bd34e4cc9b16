import datetime

import factory
from django.utils import timezone

from agenda.models import AgendaPage, EventPage

from .core import PublishedPageFactory
from .home import HomePageFactory


def next_week_at_ten() -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


class AgendaPageFactory(PublishedPageFactory):
    title = "Agenda"
    introduction = "Wat is er te doen in de buurt?"
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = AgendaPage


class EventPageFactory(PublishedPageFactory):
    """An event, saved the normal way so its occurrences are stored.

    Pass ``neighbourhoods``, ``themes``, ``target_groups``,
    ``skipped_dates=[EventSkippedDate(date=...)]`` and
    ``changed_dates=[EventDateChange(original_date=..., new_start=...)]`` as
    keyword arguments.
    """

    title = factory.Sequence(lambda n: f"Buurtmaaltijd {n}")
    introduction = "Samen eten, voor iedereen uit de buurt."
    start = factory.LazyFunction(next_week_at_ten)
    end = factory.LazyAttribute(lambda obj: obj.start + datetime.timedelta(hours=2))
    body = "<p>Je bent welkom, ook als je niemand kent.</p>"
    location_text = "Buurthuis De Schakel, Kerkstraat 1"
    cost = "Gratis"
    is_free = True
    parent = factory.SubFactory(AgendaPageFactory)

    class Meta:
        model = EventPage
