"""'Nu open' and 'gesloten': midnight, exceptions, DST nights, and the id sets."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from socialmap.models import (
    Location,
    OpeningHours,
    OpeningHoursException,
    OrganisationPage,
    Weekday,
)
from socialmap.opening import (
    OpenStatus,
    is_open_at,
    open_location_ids,
    open_organisation_page_ids,
    open_status,
)
from tests.factories import (
    LocationFactory,
    OpeningHoursExceptionFactory,
    OpeningHoursFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC

# Dates in 2026 (a Sunday, then the Monday after, and so on).
SUNDAY = datetime.date(2026, 6, 14)
MONDAY = datetime.date(2026, 6, 15)
FRIDAY = datetime.date(2026, 6, 19)
KONINGSDAG = datetime.date(2026, 4, 27)  # a Monday
SPRING_FORWARD = datetime.date(2026, 3, 29)  # 02:00 CET becomes 03:00 CEST
FALL_BACK = datetime.date(2026, 10, 25)  # 03:00 CEST becomes 02:00 CET


def local(day: datetime.date, clock: str, *, fold: int = 0) -> datetime.datetime:
    """An aware moment on the Amsterdam wall clock; fold=1: the repeated hour's
    second pass."""
    return datetime.datetime.combine(
        day, datetime.time.fromisoformat(clock), tzinfo=AMSTERDAM
    ).replace(fold=fold)


def slot(weekday: int, opens: str, closes: str) -> OpeningHours:
    return OpeningHours(
        weekday=weekday,
        opens=datetime.time.fromisoformat(opens),
        closes=datetime.time.fromisoformat(closes),
    )


def closed_on(date: datetime.date, reason: str = "") -> OpeningHoursException:
    return OpeningHoursException(date=date, closed=True, reason=reason)


def special(date: datetime.date, opens: str, closes: str) -> OpeningHoursException:
    return OpeningHoursException(
        date=date,
        closed=False,
        opens=datetime.time.fromisoformat(opens),
        closes=datetime.time.fromisoformat(closes),
    )


def open_at(slots, at, exceptions=()) -> bool:
    return is_open_at(slots=slots, exceptions=list(exceptions), at=at)


# Regular hours


WEEKDAYS_NINE_TO_FIVE = [slot(day, "09:00", "17:00") for day in range(5)]


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (local(MONDAY, "12:00"), True),
        (local(FRIDAY, "09:00"), True),
        (local(MONDAY, "08:59"), False),
        (local(MONDAY, "20:00"), False),
        (local(SUNDAY, "12:00"), False),
    ],
)
def test_regular_hours(at, expected):
    assert open_at(WEEKDAYS_NINE_TO_FIVE, at) is expected


def test_closed_at_the_closing_minute():
    slots = [slot(Weekday.MONDAY, "09:00", "17:00")]
    assert open_at(slots, local(MONDAY, "16:59"))
    assert open_at(slots, local(MONDAY, "16:59:59"))
    assert not open_at(slots, local(MONDAY, "17:00"))


def test_several_periods_on_one_day():
    slots = [
        slot(Weekday.MONDAY, "09:00", "12:00"),
        slot(Weekday.MONDAY, "19:00", "21:00"),
    ]
    assert open_at(slots, local(MONDAY, "11:00"))
    assert not open_at(slots, local(MONDAY, "12:30"))
    assert open_at(slots, local(MONDAY, "19:00"))


def test_no_hours_is_closed():
    assert not open_at([], local(MONDAY, "12:00"))


def test_simple_objects_work_like_rows():
    slots = [
        SimpleNamespace(weekday=0, opens=datetime.time(9), closes=datetime.time(17))
    ]
    exceptions = [
        SimpleNamespace(date=KONINGSDAG, closed=True, opens=None, closes=None)
    ]
    at = local(MONDAY, "10:00")
    assert is_open_at(slots=slots, exceptions=exceptions, at=at)
    assert not is_open_at(
        slots=slots, exceptions=exceptions, at=local(KONINGSDAG, "10:00")
    )


# Midnight: the period belongs to Sunday and closes on Monday


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (local(SUNDAY, "23:59"), True),
        (local(MONDAY, "00:00"), False),
        (local(MONDAY, "01:30"), False),
        (local(MONDAY, "02:00"), False),
    ],
)
def test_open_until_midnight(at, expected):
    slots = [slot(Weekday.SUNDAY, "18:00", "00:00")]
    assert open_at(slots, at) is expected


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (local(SUNDAY, "21:59"), False),
        (local(SUNDAY, "23:59"), True),
        (local(MONDAY, "00:00"), True),
        (local(MONDAY, "01:30"), True),
        (local(MONDAY, "02:00"), False),
    ],
)
def test_open_past_midnight_sunday_into_monday(at, expected):
    slots = [slot(Weekday.SUNDAY, "22:00", "02:00")]
    assert open_at(slots, at) is expected


def test_past_midnight_only_from_its_own_weekday():
    # Monday night runs into Tuesday, Saturday night into Sunday: neither is
    # open in the small hours of Monday.
    slots = [
        slot(Weekday.MONDAY, "22:00", "02:00"),
        slot(Weekday.SATURDAY, "22:00", "02:00"),
    ]
    assert not open_at(slots, local(MONDAY, "01:30"))
    assert open_at(slots, local(MONDAY + datetime.timedelta(days=1), "01:30"))
    assert open_at(slots, local(SUNDAY, "01:30"))


def test_open_all_day_from_midnight_to_midnight():
    slots = [slot(Weekday.SUNDAY, "00:00", "00:00")]
    assert open_at(slots, local(SUNDAY, "00:00"))
    assert open_at(slots, local(SUNDAY, "23:59"))
    assert not open_at(slots, local(MONDAY, "00:00"))


# Exceptions


def test_koningsdag_closed_all_day():
    slots = [slot(Weekday.MONDAY, "09:00", "17:00")]
    exceptions = [closed_on(KONINGSDAG, "Koningsdag")]
    assert not open_at(slots, local(KONINGSDAG, "12:00"), exceptions)
    # The Monday after is a normal Monday.
    next_monday = KONINGSDAG + datetime.timedelta(days=7)
    assert open_at(slots, local(next_monday, "12:00"), exceptions)


def test_night_before_a_closed_day_still_runs_past_midnight():
    # The Sunday night period belongs to Sunday 26 April; closing Koningsdag
    # closes the periods that open on the 27th, not the one still running.
    slots = [
        slot(Weekday.SUNDAY, "22:00", "02:00"),
        slot(Weekday.MONDAY, "22:00", "02:00"),
    ]
    exceptions = [closed_on(KONINGSDAG, "Koningsdag")]
    assert open_at(slots, local(KONINGSDAG, "01:00"), exceptions)
    assert not open_at(slots, local(KONINGSDAG, "23:00"), exceptions)
    tuesday = KONINGSDAG + datetime.timedelta(days=1)
    assert not open_at(slots, local(tuesday, "01:00"), exceptions)


def test_exception_on_the_evening_closes_its_night_past_midnight():
    slots = [slot(Weekday.SUNDAY, "22:00", "02:00")]
    exceptions = [closed_on(KONINGSDAG - datetime.timedelta(days=1))]
    assert not open_at(slots, local(KONINGSDAG, "01:00"), exceptions)


def test_exception_with_special_hours_replaces_the_day():
    christmas_eve = datetime.date(2026, 12, 24)  # a Thursday
    slots = [slot(Weekday.THURSDAY, "09:00", "17:00")]
    exceptions = [special(christmas_eve, "10:00", "13:00")]
    assert not open_at(slots, local(christmas_eve, "09:30"), exceptions)
    assert open_at(slots, local(christmas_eve, "12:59"), exceptions)
    assert not open_at(slots, local(christmas_eve, "13:00"), exceptions)
    assert not open_at(slots, local(christmas_eve, "16:00"), exceptions)


def test_exception_with_special_hours_past_midnight():
    new_years_eve = datetime.date(2026, 12, 31)
    new_year = datetime.date(2027, 1, 1)
    exceptions = [special(new_years_eve, "20:00", "01:00")]
    assert open_at([], local(new_years_eve, "23:59"), exceptions)
    assert open_at([], local(new_year, "00:30"), exceptions)
    assert not open_at([], local(new_year, "01:00"), exceptions)


def test_exception_without_times_counts_as_closed():
    slots = [slot(Weekday.MONDAY, "09:00", "17:00")]
    half_filled = OpeningHoursException(date=KONINGSDAG, closed=False)
    assert not open_at(slots, local(KONINGSDAG, "12:00"), [half_filled])


def test_closed_wins_over_special_hours_on_the_same_date():
    slots = [slot(Weekday.MONDAY, "09:00", "17:00")]
    exceptions = [special(KONINGSDAG, "10:00", "12:00"), closed_on(KONINGSDAG)]
    assert not open_at(slots, local(KONINGSDAG, "11:00"), exceptions)


# Daylight saving time


def test_spring_night_open_across_the_missing_hour():
    slots = [slot(Weekday.SUNDAY, "01:00", "04:00")]
    assert not open_at(slots, local(SPRING_FORWARD, "00:59"))
    assert open_at(slots, local(SPRING_FORWARD, "01:30"))  # CET
    assert open_at(slots, local(SPRING_FORWARD, "03:00"))  # CEST, just after
    assert open_at(slots, local(SPRING_FORWARD, "03:30"))
    assert not open_at(slots, local(SPRING_FORWARD, "04:00"))
    # Two real hours: from 00:00 to 02:00 UTC.
    assert open_at(slots, datetime.datetime(2026, 3, 29, 0, 0, tzinfo=UTC))
    assert open_at(slots, datetime.datetime(2026, 3, 29, 1, 59, tzinfo=UTC))
    assert not open_at(slots, datetime.datetime(2026, 3, 29, 2, 0, tzinfo=UTC))


def test_spring_night_times_in_the_missing_hour_mean_the_jump():
    saturday_night = [slot(Weekday.SATURDAY, "22:00", "02:30")]
    assert open_at(saturday_night, local(SPRING_FORWARD, "01:59"))
    assert not open_at(saturday_night, local(SPRING_FORWARD, "03:00"))
    opens_in_gap = [slot(Weekday.SUNDAY, "02:30", "05:00")]
    assert not open_at(opens_in_gap, local(SPRING_FORWARD, "01:59"))
    assert open_at(opens_in_gap, local(SPRING_FORWARD, "03:00"))
    never = [slot(Weekday.SUNDAY, "02:00", "02:30")]
    every_quarter = [
        datetime.datetime(2026, 3, 28, 23, 0, tzinfo=UTC)
        + datetime.timedelta(minutes=15 * step)
        for step in range(16)
    ]
    assert not any(open_at(never, at) for at in every_quarter)


def test_autumn_night_open_for_the_whole_repeated_hour():
    slots = [slot(Weekday.SUNDAY, "01:00", "04:00")]
    assert open_at(slots, local(FALL_BACK, "02:30", fold=0))  # CEST
    assert open_at(slots, local(FALL_BACK, "02:30", fold=1))  # CET
    assert not open_at(slots, local(FALL_BACK, "04:00"))
    # Four real hours, 23:00 to 03:00 UTC, every quarter of them open.
    start = datetime.datetime(2026, 10, 24, 23, 0, tzinfo=UTC)
    quarters = [start + datetime.timedelta(minutes=15 * step) for step in range(16)]
    assert all(open_at(slots, at) for at in quarters)
    assert not open_at(slots, start - datetime.timedelta(minutes=1))
    assert not open_at(slots, start + datetime.timedelta(hours=4))


def test_autumn_night_closing_in_the_repeated_hour_stays_closed():
    slots = [slot(Weekday.SUNDAY, "01:00", "02:30")]
    assert open_at(slots, local(FALL_BACK, "02:15", fold=0))
    assert not open_at(slots, local(FALL_BACK, "02:45", fold=0))
    assert not open_at(slots, local(FALL_BACK, "02:15", fold=1))


def test_autumn_night_status_closes_after_the_repeated_hour():
    slots = [slot(Weekday.SUNDAY, "01:00", "04:00")]
    status = open_status(
        slots=slots, exceptions=[], at=local(FALL_BACK, "02:30", fold=1)
    )
    assert status.is_open
    assert status.closes_at == datetime.datetime(2026, 10, 25, 3, 0, tzinfo=UTC)
    assert status.closes_at.utcoffset() == datetime.timedelta(hours=1)
    assert status.closes_at.strftime("%H:%M") == "04:00"


# Time zones


@pytest.mark.parametrize(
    "at",
    [
        local(MONDAY, "16:59"),
        local(MONDAY, "17:00"),
        local(SUNDAY, "23:30"),
        local(MONDAY, "01:30"),
        local(SPRING_FORWARD, "03:30"),
        local(FALL_BACK, "02:30", fold=0),
        local(FALL_BACK, "02:30", fold=1),
    ],
)
def test_utc_gives_the_same_answer_as_amsterdam(at):
    slots = [
        slot(Weekday.MONDAY, "09:00", "17:00"),
        slot(Weekday.SUNDAY, "22:00", "02:00"),
        slot(Weekday.SUNDAY, "01:00", "04:00"),
    ]
    in_utc = at.astimezone(UTC)
    assert in_utc.hour != at.hour
    assert open_at(slots, in_utc) is open_at(slots, at)
    assert open_status(slots=slots, exceptions=[], at=in_utc) == open_status(
        slots=slots, exceptions=[], at=at
    )


def test_utc_evening_is_already_the_next_day_in_amsterdam():
    slots = [slot(Weekday.MONDAY, "00:00", "08:00")]
    # Sunday 23:30 UTC is Monday 01:30 in summer time.
    at = datetime.datetime(2026, 6, 14, 23, 30, tzinfo=UTC)
    assert open_at(slots, at)


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="aware"):
        open_at([], datetime.datetime(2026, 6, 15, 12, 0))


# open_status: the data behind "Nu open tot 17:00" and "Gesloten, open ..."


def test_status_open_until_closing_time():
    status = open_status(
        slots=WEEKDAYS_NINE_TO_FIVE, exceptions=[], at=local(FRIDAY, "12:00")
    )
    assert status == OpenStatus(is_open=True, closes_at=local(FRIDAY, "17:00"))
    assert status.closes_at.tzinfo == AMSTERDAM


def test_status_closed_over_the_weekend_opens_monday():
    sunday = FRIDAY + datetime.timedelta(days=2)
    next_monday = FRIDAY + datetime.timedelta(days=3)
    for at in (local(FRIDAY, "17:00"), local(sunday, "12:00")):
        status = open_status(slots=WEEKDAYS_NINE_TO_FIVE, exceptions=[], at=at)
        assert status == OpenStatus(
            is_open=False, opens_next=local(next_monday, "09:00")
        )


def test_status_closed_in_the_morning_opens_today():
    status = open_status(
        slots=WEEKDAYS_NINE_TO_FIVE, exceptions=[], at=local(MONDAY, "07:00")
    )
    assert status.opens_next == local(MONDAY, "09:00")


def test_status_skips_a_holiday():
    slots = [slot(day, "09:00", "17:00") for day in range(5)]
    sunday_before = KONINGSDAG - datetime.timedelta(days=1)
    status = open_status(
        slots=slots,
        exceptions=[closed_on(KONINGSDAG, "Koningsdag")],
        at=local(sunday_before, "12:00"),
    )
    tuesday = KONINGSDAG + datetime.timedelta(days=1)
    assert status == OpenStatus(is_open=False, opens_next=local(tuesday, "09:00"))


def test_status_joins_periods_across_midnight():
    slots = [
        slot(Weekday.SUNDAY, "20:00", "00:00"),
        slot(Weekday.MONDAY, "00:00", "02:00"),
    ]
    status = open_status(slots=slots, exceptions=[], at=local(SUNDAY, "21:00"))
    assert status == OpenStatus(is_open=True, closes_at=local(MONDAY, "02:00"))


def test_status_beyond_seven_days_is_unknown():
    always = [slot(day, "00:00", "00:00") for day in range(7)]
    assert open_status(
        slots=always, exceptions=[], at=local(MONDAY, "12:00")
    ) == OpenStatus(is_open=True, closes_at=None)

    only_mondays = [slot(Weekday.MONDAY, "09:00", "17:00")]
    next_monday = MONDAY + datetime.timedelta(days=7)
    status = open_status(slots=only_mondays, exceptions=[], at=local(MONDAY, "18:00"))
    assert status.opens_next == local(next_monday, "09:00")
    status = open_status(
        slots=only_mondays,
        exceptions=[closed_on(next_monday)],
        at=local(MONDAY, "18:00"),
    )
    assert status == OpenStatus(is_open=False, opens_next=None)


def test_status_without_hours():
    assert open_status(
        slots=[], exceptions=[], at=local(MONDAY, "12:00")
    ) == OpenStatus(is_open=False)


# The id sets behind the "nu open" facet


@pytest.fixture
def social_map(home_page):
    return SocialMapPageFactory(parent=home_page)


def make_location(page, hours=(), exceptions=()):
    location = LocationFactory(page=page)
    for weekday, opens, closes in hours:
        OpeningHoursFactory(
            location=location,
            weekday=weekday,
            opens=datetime.time.fromisoformat(opens),
            closes=datetime.time.fromisoformat(closes),
        )
    for exception in exceptions:
        OpeningHoursExceptionFactory(location=location, **exception)
    return location


@pytest.fixture
def mixed_locations(social_map):
    """Locations on four organisations; the last organisation has no hours."""
    buurthuis, nachtopvang, bibliotheek, zonder = (
        OrganisationPageFactory(parent=social_map, title=title)
        for title in ("Buurthuis", "Nachtopvang", "Bibliotheek", "Zonder tijden")
    )
    weekdays = [(day, "09:00", "17:00") for day in range(5)]
    return [
        make_location(
            buurthuis,
            weekdays,
            [{"date": KONINGSDAG, "closed": True, "reason": "Koningsdag"}],
        ),
        make_location(buurthuis, [(Weekday.SATURDAY, "10:00", "12:00")]),
        make_location(
            nachtopvang,
            [(day, "22:00", "02:00") for day in range(7)],
            [{"date": KONINGSDAG, "closed": True, "reason": "Koningsdag"}],
        ),
        make_location(nachtopvang, [(Weekday.SUNDAY, "01:00", "04:00")]),
        make_location(
            bibliotheek,
            [(Weekday.MONDAY, "13:00", "17:00")],
            [
                {
                    "date": KONINGSDAG,
                    "closed": False,
                    "opens": datetime.time(10),
                    "closes": datetime.time(12),
                }
            ],
        ),
        make_location(
            bibliotheek,
            [],
            [
                {
                    "date": MONDAY,
                    "closed": False,
                    "opens": datetime.time(19),
                    "closes": datetime.time(1),
                }
            ],
        ),
        make_location(zonder),
    ]


MOMENTS = [
    local(MONDAY, "12:00"),
    local(MONDAY, "17:00"),
    local(MONDAY, "23:30"),
    local(SUNDAY, "23:59"),
    local(MONDAY, "00:00"),
    local(MONDAY, "01:30"),
    local(MONDAY + datetime.timedelta(days=1), "00:30"),
    local(datetime.date(2026, 6, 20), "11:00"),  # Saturday
    local(KONINGSDAG, "01:00"),
    local(KONINGSDAG, "11:00"),
    local(KONINGSDAG, "14:00"),
    local(KONINGSDAG, "23:00"),
    local(SPRING_FORWARD, "03:30"),
    local(FALL_BACK, "02:30", fold=1),
    local(FALL_BACK, "02:30").astimezone(UTC),
]


@pytest.mark.django_db
@pytest.mark.parametrize("at", MOMENTS)
def test_id_sets_agree_with_is_open_at(mixed_locations, at):
    open_ids = {
        location.pk
        for location in mixed_locations
        if is_open_at(
            slots=list(location.opening_hours.all()),
            exceptions=list(location.hours_exceptions.all()),
            at=at,
        )
    }
    assert open_location_ids(at=at) == open_ids
    assert open_organisation_page_ids(at=at) == {
        location.page_id for location in mixed_locations if location.pk in open_ids
    }


@pytest.mark.django_db
def test_id_sets_on_known_moments(mixed_locations):
    buurthuis, saturday, night, dst, library, evening, _ = mixed_locations
    assert open_location_ids(at=local(MONDAY, "12:00")) == {buurthuis.pk}
    assert open_location_ids(at=local(MONDAY, "00:30")) == {night.pk}
    assert open_location_ids(at=local(MONDAY, "23:30")) == {night.pk, evening.pk}
    assert open_location_ids(at=local(KONINGSDAG, "11:00")) == {library.pk}
    # Sunday night's shelter still runs into Koningsdag; Monday night's does not.
    assert open_location_ids(at=local(KONINGSDAG, "01:00")) == {night.pk}
    assert open_location_ids(at=local(KONINGSDAG, "23:00")) == set()
    assert open_location_ids(at=local(SPRING_FORWARD, "03:30")) == {dst.pk}
    assert open_organisation_page_ids(at=local(MONDAY, "23:30")) == {
        night.page_id,
        evening.page_id,
    }
    assert saturday.pk in open_location_ids(
        at=local(datetime.date(2026, 6, 20), "11:00")
    )


@pytest.mark.django_db
def test_id_sets_narrowed_to_a_queryset(mixed_locations):
    buurthuis, _, night, *_ = mixed_locations
    at = local(MONDAY, "12:00")
    assert (
        open_location_ids(at=at, locations=Location.objects.exclude(pk=buurthuis.pk))
        == set()
    )
    assert open_location_ids(
        at=local(MONDAY, "00:30"), locations=Location.objects.filter(pk=night.pk)
    ) == {night.pk}
    assert (
        open_organisation_page_ids(
            at=at, pages=OrganisationPage.objects.exclude(pk=buurthuis.page_id)
        )
        == set()
    )
    assert open_organisation_page_ids(at=at, pages=OrganisationPage.objects.live()) == {
        buurthuis.page_id
    }


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 30])
def test_id_sets_take_two_queries_whatever_the_number(
    social_map, count, django_assert_num_queries
):
    pages = [OrganisationPageFactory(parent=social_map) for _ in range(3)]
    for number in range(count):
        make_location(
            pages[number % 3],
            [(Weekday.MONDAY, "09:00", "17:00"), (Weekday.SUNDAY, "22:00", "02:00")],
            # Closed or with other hours on Monday: Sunday night still runs.
            [{"date": MONDAY, "closed": True}]
            if number % 2
            else [
                {
                    "date": MONDAY,
                    "closed": False,
                    "opens": datetime.time(8),
                    "closes": datetime.time(9),
                }
            ],
        )
    at = local(MONDAY, "01:00")
    with django_assert_num_queries(2):
        assert len(open_location_ids(at=at)) == count
    with django_assert_num_queries(2):
        open_location_ids(at=at, locations=Location.objects.filter(page=pages[0]))
    with django_assert_num_queries(2):
        assert open_organisation_page_ids(at=at) == {page.pk for page in pages}
    with django_assert_num_queries(2):
        open_organisation_page_ids(at=at, pages=OrganisationPage.objects.live())
