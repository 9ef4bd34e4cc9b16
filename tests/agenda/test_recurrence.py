"""Repeating events: the rule, its dates in Amsterdam time, the stored dates."""

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from agenda.models import EventDateChange, EventOccurrence, EventSkippedDate
from agenda.recurrence import (
    DateChange,
    describe_rule,
    expand_dates,
    occurrence_starts,
    rule_has_date,
)
from agenda.services import event_occurrences_refresh
from tests.factories import AgendaPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FAR_HORIZON = datetime.datetime(2031, 1, 1, tzinfo=AMSTERDAM)


def at(year, month, day, hour=19, minute=30) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def local(starts) -> list[datetime.datetime]:
    return [start.astimezone(AMSTERDAM).replace(tzinfo=None) for start in starts]


def days(starts) -> list[datetime.date]:
    return [start.astimezone(AMSTERDAM).date() for start in starts]


def stored_days(event) -> list[datetime.date]:
    return days(
        EventOccurrence.objects.filter(event=event)
        .order_by("start")
        .values_list("start", flat=True)
    )


@pytest.fixture
def agenda(home_page):
    return AgendaPageFactory(parent=home_page)


@pytest.fixture
def new_year_2030(monkeypatch):
    """'Now' is 1 January 2030, so the 2030 dates below fall within the horizon."""
    monkeypatch.setattr(timezone, "now", lambda: at(2030, 1, 1, 12, 0))


# The rule, without the database ------------------------------------------------


def test_weekly_keeps_local_time_across_the_change_to_summer_time():
    starts = occurrence_starts(
        start=at(2030, 3, 19),
        repetition="weekly",
        until=datetime.date(2030, 4, 9),
        horizon=FAR_HORIZON,
    )

    assert local(starts) == [
        datetime.datetime(2030, 3, 19, 19, 30),
        datetime.datetime(2030, 3, 26, 19, 30),
        datetime.datetime(2030, 4, 2, 19, 30),
        datetime.datetime(2030, 4, 9, 19, 30),
    ]
    in_utc = [start.astimezone(datetime.UTC).time() for start in starts]
    assert in_utc == [
        datetime.time(18, 30),
        datetime.time(18, 30),
        datetime.time(17, 30),
        datetime.time(17, 30),
    ]


def test_weekly_keeps_local_time_across_the_change_to_winter_time():
    starts = occurrence_starts(
        start=at(2030, 10, 22),
        repetition="weekly",
        until=datetime.date(2030, 11, 5),
        horizon=FAR_HORIZON,
    )

    assert {start.astimezone(AMSTERDAM).time() for start in starts} == {
        datetime.time(19, 30)
    }
    assert [start.utcoffset() for start in starts] == [
        datetime.timedelta(hours=2),
        datetime.timedelta(hours=1),
        datetime.timedelta(hours=1),
    ]


def test_biweekly():
    starts = occurrence_starts(
        start=at(2030, 1, 8),
        repetition="biweekly",
        until=datetime.date(2030, 2, 28),
        horizon=FAR_HORIZON,
    )

    assert days(starts) == [
        datetime.date(2030, 1, 8),
        datetime.date(2030, 1, 22),
        datetime.date(2030, 2, 5),
        datetime.date(2030, 2, 19),
    ]


def test_monthly_on_the_second_tuesday_follows_the_first_date():
    starts = occurrence_starts(
        start=at(2030, 1, 8),
        repetition="monthly",
        until=datetime.date(2030, 4, 30),
        horizon=FAR_HORIZON,
    )

    assert days(starts) == [
        datetime.date(2030, 1, 8),
        datetime.date(2030, 2, 12),
        datetime.date(2030, 3, 12),
        datetime.date(2030, 4, 9),
    ]


def test_monthly_on_the_last_thursday():
    starts = occurrence_starts(
        start=at(2030, 1, 31, 14, 0),
        repetition="monthly",
        week_of_month=-1,
        until=datetime.date(2030, 5, 31),
        horizon=FAR_HORIZON,
    )

    assert days(starts) == [
        datetime.date(2030, 1, 31),
        datetime.date(2030, 2, 28),
        datetime.date(2030, 3, 28),
        datetime.date(2030, 4, 25),
        datetime.date(2030, 5, 30),
    ]
    assert {start.astimezone(AMSTERDAM).time() for start in starts} == {
        datetime.time(14, 0)
    }


def test_monthly_from_a_fifth_tuesday_means_the_last_tuesday():
    starts = occurrence_starts(
        start=at(2030, 1, 29),
        repetition="monthly",
        until=datetime.date(2030, 4, 30),
        horizon=FAR_HORIZON,
    )

    assert days(starts) == [
        datetime.date(2030, 1, 29),
        datetime.date(2030, 2, 26),
        datetime.date(2030, 3, 26),
        datetime.date(2030, 4, 30),
    ]


def test_the_first_date_counts_even_if_it_is_not_in_the_chosen_week():
    starts = occurrence_starts(
        start=at(2030, 1, 8),
        repetition="monthly",
        week_of_month=-1,
        until=datetime.date(2030, 3, 31),
        horizon=FAR_HORIZON,
    )

    assert days(starts) == [
        datetime.date(2030, 1, 8),
        datetime.date(2030, 1, 29),
        datetime.date(2030, 2, 26),
        datetime.date(2030, 3, 26),
    ]


def test_skipped_dates_are_left_out():
    starts = occurrence_starts(
        start=at(2030, 1, 8),
        repetition="weekly",
        until=datetime.date(2030, 1, 29),
        skipped=[datetime.date(2030, 1, 15), datetime.date(2030, 1, 16)],
        horizon=FAR_HORIZON,
    )

    assert days(starts) == [
        datetime.date(2030, 1, 8),
        datetime.date(2030, 1, 22),
        datetime.date(2030, 1, 29),
    ]


def test_repeat_until_is_the_last_day_inclusive():
    starts = occurrence_starts(
        start=at(2030, 1, 8),
        repetition="weekly",
        until=datetime.date(2030, 1, 28),
        horizon=FAR_HORIZON,
    )

    assert days(starts)[-1] == datetime.date(2030, 1, 22)
    with_until_on_a_date = occurrence_starts(
        start=at(2030, 1, 8),
        repetition="weekly",
        until=datetime.date(2030, 1, 22),
        horizon=FAR_HORIZON,
    )
    assert days(with_until_on_a_date)[-1] == datetime.date(2030, 1, 22)


def test_without_an_end_the_dates_stop_at_the_horizon():
    starts = occurrence_starts(
        start=at(2030, 1, 8),
        repetition="weekly",
        horizon=at(2030, 3, 1),
    )

    assert days(starts)[-1] == datetime.date(2030, 2, 26)
    assert len(starts) == 8


def test_a_one_off_event_has_its_own_date_only():
    start = at(2030, 1, 8)
    assert occurrence_starts(start=start, repetition="", horizon=FAR_HORIZON) == [start]


@pytest.mark.parametrize(
    ("start", "repetition", "week_of_month", "expected"),
    [
        (at(2030, 1, 8), "weekly", None, "elke week op dinsdag"),
        (at(2030, 1, 9), "biweekly", None, "om de week op woensdag"),
        (at(2030, 1, 8), "monthly", None, "elke tweede dinsdag van de maand"),
        (at(2030, 1, 8), "monthly", 1, "elke eerste dinsdag van de maand"),
        (at(2030, 1, 31), "monthly", -1, "elke laatste donderdag van de maand"),
        (at(2030, 1, 29), "monthly", None, "elke laatste dinsdag van de maand"),
        (at(2030, 1, 8), "", None, ""),
    ],
)
def test_the_rule_in_words(start, repetition, week_of_month, expected):
    assert (
        describe_rule(start=start, repetition=repetition, week_of_month=week_of_month)
        == expected
    )


# Stored occurrences --------------------------------------------------------------


def test_saving_an_event_stores_its_dates_across_summer_time(agenda):
    event = EventPageFactory(
        parent=agenda,
        start=at(2025, 3, 18),
        end=at(2025, 3, 18, 21, 30),
        repetition="weekly",
        repeat_until=datetime.date(2025, 4, 8),
    )

    occurrences = EventOccurrence.objects.filter(event=event).order_by("start")
    assert [
        (o.start.astimezone(AMSTERDAM).time(), o.end.astimezone(AMSTERDAM).time())
        for o in occurrences
    ] == [(datetime.time(19, 30), datetime.time(21, 30))] * 4
    assert stored_days(event) == [
        datetime.date(2025, 3, 18),
        datetime.date(2025, 3, 25),
        datetime.date(2025, 4, 1),
        datetime.date(2025, 4, 8),
    ]


def test_skipped_dates_of_an_event_are_not_stored(agenda, new_year_2030):
    event = EventPageFactory(
        parent=agenda,
        start=at(2030, 1, 8),
        end=None,
        repetition="biweekly",
        repeat_until=datetime.date(2030, 3, 5),
        skipped_dates=[EventSkippedDate(date=datetime.date(2030, 2, 5))],
    )

    assert stored_days(event) == [
        datetime.date(2030, 1, 8),
        datetime.date(2030, 1, 22),
        datetime.date(2030, 2, 19),
        datetime.date(2030, 3, 5),
    ]


def test_monthly_event_stores_the_last_thursday(agenda, new_year_2030):
    event = EventPageFactory(
        parent=agenda,
        start=at(2030, 1, 31, 10, 0),
        end=at(2030, 1, 31, 12, 0),
        repetition="monthly",
        week_of_month=-1,
        repeat_until=datetime.date(2030, 3, 31),
    )

    assert stored_days(event) == [
        datetime.date(2030, 1, 31),
        datetime.date(2030, 2, 28),
        datetime.date(2030, 3, 28),
    ]


def test_a_draft_does_not_change_the_dates_until_it_is_published(agenda):
    event = EventPageFactory(parent=agenda, start=at(2030, 1, 8), end=None)

    event.start = at(2030, 2, 8)
    revision = event.save_revision()
    assert stored_days(event) == [datetime.date(2030, 1, 8)]

    revision.publish()
    assert stored_days(event) == [datetime.date(2030, 2, 8)]


def test_refresh_occurrences_moves_the_horizon_forward(agenda, monkeypatch):
    now = at(2030, 1, 1, 12, 0)
    monkeypatch.setattr(timezone, "now", lambda: now)
    event = EventPageFactory(
        parent=agenda, start=at(2030, 1, 8), end=None, repetition="weekly"
    )
    draft = EventPageFactory(parent=agenda, start=at(2030, 1, 9), live=False)
    last_before = stored_days(event)[-1]
    EventOccurrence.objects.filter(event=draft).delete()

    now = at(2030, 3, 1, 12, 0)
    output = StringIO()
    call_command("refresh_occurrences", stdout=output)

    assert "Refreshed 1 events" in output.getvalue()

    assert stored_days(event)[-1] == last_before + datetime.timedelta(weeks=8)
    assert stored_days(event)[0] == datetime.date(2030, 1, 8)
    assert not EventOccurrence.objects.filter(event=draft).exists()


# Validation, in Dutch --------------------------------------------------------------


def test_clean_refuses_an_end_before_the_start(agenda):
    event = EventPageFactory(parent=agenda)
    event.end = event.start - datetime.timedelta(hours=1)

    with pytest.raises(ValidationError) as error:
        event.clean()

    assert error.value.message_dict["end"] == ["Het einde ligt vóór het begin."]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"repeat_until": datetime.date(2030, 2, 1)},
            "repeat_until",
            "Kies eerst hoe vaak het herhaalt.",
        ),
        (
            {"repetition": "weekly", "repeat_until": datetime.date(2029, 12, 1)},
            "repeat_until",
            "De laatste datum ligt vóór de eerste.",
        ),
        (
            {"repetition": "weekly", "week_of_month": -1},
            "week_of_month",
            "Dit hoort alleen bij 'elke maand'.",
        ),
    ],
)
def test_clean_explains_a_wrong_repetition_in_dutch(agenda, changes, field, message):
    event = EventPageFactory(parent=agenda, start=at(2030, 1, 8), end=None)
    for name, value in changes.items():
        setattr(event, name, value)

    with pytest.raises(ValidationError) as error:
        event.clean()

    assert error.value.message_dict[field] == [message]


def test_clean_accepts_a_valid_monthly_event(agenda):
    event = EventPageFactory(parent=agenda, start=at(2030, 1, 31), end=None)
    event.repetition = "monthly"
    event.week_of_month = -1
    event.repeat_until = datetime.date(2030, 12, 31)

    event.clean()


# Hard cases: every other week across both DST changes, a moved date ---------------


def test_every_other_week_keeps_local_time_across_both_dst_changes():
    starts = occurrence_starts(
        start=at(2030, 3, 12),
        repetition="biweekly",
        until=datetime.date(2030, 11, 5),
        horizon=FAR_HORIZON,
    )

    assert days(starts)[:3] == [
        datetime.date(2030, 3, 12),
        datetime.date(2030, 3, 26),
        datetime.date(2030, 4, 9),  # after the change to summer time (31 March)
    ]
    assert days(starts)[-3:] == [
        datetime.date(2030, 10, 8),
        datetime.date(2030, 10, 22),
        datetime.date(2030, 11, 5),  # after the change to winter time (27 October)
    ]
    assert len(starts) == 18
    assert {start.astimezone(AMSTERDAM).time() for start in starts} == {
        datetime.time(19, 30)
    }
    assert [start.utcoffset().seconds // 3600 for start in starts] == [1, 1] + [
        2
    ] * 15 + [1]


def test_a_moved_date_takes_the_place_of_the_rules_date():
    dates = expand_dates(
        start=at(2030, 1, 8),
        end=at(2030, 1, 8, 21, 0),
        repetition="weekly",
        until=datetime.date(2030, 1, 29),
        skipped=[datetime.date(2030, 1, 22)],
        changes=[
            DateChange(
                original_date=datetime.date(2030, 1, 15),
                new_start=at(2030, 1, 17, 14, 0),
            ),
            # Not a date of the rule (a Wednesday), so it changes nothing.
            DateChange(
                original_date=datetime.date(2030, 1, 9),
                new_start=at(2030, 1, 10, 14, 0),
            ),
        ],
        horizon=FAR_HORIZON,
    )

    assert [
        (local([d.start])[0], local([d.end])[0], d.original_start) for d in dates
    ] == [
        (
            datetime.datetime(2030, 1, 8, 19, 30),
            datetime.datetime(2030, 1, 8, 21),
            None,
        ),
        (
            datetime.datetime(2030, 1, 17, 14, 0),
            datetime.datetime(2030, 1, 17, 15, 30),  # as long as the others
            at(2030, 1, 15),
        ),
        (
            datetime.datetime(2030, 1, 29, 19, 30),
            datetime.datetime(2030, 1, 29, 21),
            None,
        ),
    ]


def test_a_moved_date_may_move_past_the_next_one_and_keep_its_own_end():
    dates = expand_dates(
        start=at(2030, 1, 8),
        end=None,
        repetition="weekly",
        until=datetime.date(2030, 1, 22),
        changes=[
            DateChange(
                original_date=datetime.date(2030, 1, 8),
                new_start=at(2030, 1, 18, 10, 0),
                new_end=at(2030, 1, 18, 16, 0),
            )
        ],
        horizon=FAR_HORIZON,
    )

    assert [(local([d.start])[0], d.end) for d in dates] == [
        (datetime.datetime(2030, 1, 15, 19, 30), None),
        (datetime.datetime(2030, 1, 18, 10, 0), at(2030, 1, 18, 16, 0)),
        (datetime.datetime(2030, 1, 22, 19, 30), None),
    ]


def test_a_one_off_event_ignores_date_changes():
    dates = expand_dates(
        start=at(2030, 1, 8),
        end=None,
        repetition="",
        changes=[
            DateChange(
                original_date=datetime.date(2030, 1, 8),
                new_start=at(2030, 1, 9),
            )
        ],
        horizon=FAR_HORIZON,
    )

    assert [(d.start, d.original_start) for d in dates] == [(at(2030, 1, 8), None)]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2030, 1, 31), True),
        (datetime.date(2030, 2, 28), True),
        (datetime.date(2030, 2, 27), False),
        (datetime.date(2030, 3, 21), False),  # a Thursday, but not the last
        (datetime.date(2030, 3, 28), True),
        (datetime.date(2030, 5, 30), False),  # after 'herhalen tot en met'
    ],
)
def test_rule_has_date_for_the_last_thursday(day, expected):
    assert (
        rule_has_date(
            start=at(2030, 1, 31),
            repetition="monthly",
            week_of_month=-1,
            until=datetime.date(2030, 4, 30),
            day=day,
        )
        is expected
    )


def test_saving_an_event_stores_a_moved_date_where_it_moved_to(agenda, new_year_2030):
    event = EventPageFactory(
        parent=agenda,
        start=at(2030, 1, 31, 14, 0),
        end=at(2030, 1, 31, 16, 0),
        repetition="monthly",
        week_of_month=-1,
        repeat_until=datetime.date(2030, 4, 30),
        skipped_dates=[EventSkippedDate(date=datetime.date(2030, 3, 28))],
        changed_dates=[
            EventDateChange(
                original_date=datetime.date(2030, 2, 28),
                new_start=at(2030, 3, 1, 10, 0),
                new_end=at(2030, 3, 1, 11, 0),
            )
        ],
    )

    stored = list(
        EventOccurrence.objects.filter(event=event)
        .order_by("start")
        .values_list("start", "end", "original_start")
    )
    assert stored == [
        (at(2030, 1, 31, 14, 0), at(2030, 1, 31, 16, 0), None),
        (at(2030, 3, 1, 10, 0), at(2030, 3, 1, 11, 0), at(2030, 2, 28, 14, 0)),
        (at(2030, 4, 25, 14, 0), at(2030, 4, 25, 16, 0), None),
    ]


def test_refresh_keeps_a_moved_date_and_the_service_counts_it(agenda, new_year_2030):
    event = EventPageFactory(
        parent=agenda,
        start=at(2030, 3, 12),
        end=None,
        repetition="biweekly",
        repeat_until=datetime.date(2030, 4, 9),
        changed_dates=[
            EventDateChange(
                original_date=datetime.date(2030, 3, 26),
                new_start=at(2030, 3, 27, 20, 0),
            )
        ],
    )
    EventOccurrence.objects.filter(event=event).delete()

    assert event_occurrences_refresh(event=event) == 3
    call_command("refresh_occurrences", stdout=StringIO())

    assert stored_days(event) == [
        datetime.date(2030, 3, 12),
        datetime.date(2030, 3, 27),
        datetime.date(2030, 4, 9),
    ]
    moved = EventOccurrence.objects.get(event=event, original_start__isnull=False)
    assert moved.original_start == at(2030, 3, 26)
    assert moved.start.astimezone(AMSTERDAM).time() == datetime.time(20, 0)


def test_moved_dates_in_the_api_representation(agenda):
    event = EventPageFactory(
        parent=agenda,
        start=at(2030, 1, 8),
        end=None,
        repetition="weekly",
        changed_dates=[
            EventDateChange(
                original_date=datetime.date(2030, 1, 15),
                new_start=at(2030, 1, 16),
            )
        ],
    )

    assert event.changed == [
        {
            "original_date": "2030-01-15",
            "start": at(2030, 1, 16).isoformat(),
            "end": None,
        }
    ]
