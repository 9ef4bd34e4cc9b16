"""manage.py purge_vacancy_responses: responses go after the retention period."""

import datetime
import io
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.factories import (
    OrganisationPageFactory,
    SocialMapPageFactory,
    VacancyPageFactory,
)
from tests.factories.vacancies import VacancyResponseFactory
from vacancies.models import VacancyResponse

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2030, 6, 15, 3, 15))


def purge(*args: str) -> str:
    out = io.StringIO()
    with mock.patch.object(timezone, "now", return_value=NOW):
        call_command("purge_vacancy_responses", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def responses(home_page):
    """Responses received around the 90-day boundary, by name."""
    ages = {
        "gisteren": datetime.timedelta(days=1),
        "net binnen": datetime.timedelta(days=90) - datetime.timedelta(seconds=1),
        "precies 90 dagen": datetime.timedelta(days=90),
        "net te oud": datetime.timedelta(days=90, seconds=1),
        "een jaar oud": datetime.timedelta(days=365),
    }
    vacancy = VacancyPageFactory(
        parent=OrganisationPageFactory(parent=SocialMapPageFactory(parent=home_page))
    )
    return {
        name: VacancyResponseFactory(vacancy=vacancy, name=name, created_at=NOW - age)
        for name, age in ages.items()
    }


def remaining() -> set[str]:
    return set(VacancyResponse.objects.values_list("name", flat=True))


def test_the_default_retention_is_90_days(settings):
    assert settings.BUURTPLEIN_VACANCY_RESPONSE_RETENTION_DAYS == 90


def test_purge_removes_exactly_what_is_past_the_retention(responses):
    output = purge()

    assert remaining() == {"gisteren", "net binnen", "precies 90 dagen"}
    assert output == "Deleted 2 vacancy responses older than 90 days.\n"


def test_purge_is_idempotent(responses):
    purge()

    assert purge() == "Deleted 0 vacancy responses older than 90 days.\n"
    assert remaining() == {"gisteren", "net binnen", "precies 90 dagen"}


def test_a_dry_run_removes_nothing(responses):
    output = purge("--dry-run")

    assert output == "Would delete 2 vacancy responses older than 90 days.\n"
    assert remaining() == set(responses)


def test_the_retention_comes_from_the_settings(responses, settings):
    settings.BUURTPLEIN_VACANCY_RESPONSE_RETENTION_DAYS = 1

    output = purge()

    assert remaining() == {"gisteren"}
    assert output == "Deleted 4 vacancy responses older than 1 day.\n"


def test_a_retention_below_one_day_is_refused(responses, settings):
    settings.BUURTPLEIN_VACANCY_RESPONSE_RETENTION_DAYS = 0

    with pytest.raises(CommandError, match="at least 1"):
        purge()
    assert remaining() == set(responses)


def test_quiet_with_verbosity_zero(responses):
    assert purge("--verbosity", "0") == ""
    assert remaining() == {"gisteren", "net binnen", "precies 90 dagen"}
