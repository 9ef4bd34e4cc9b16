"""Scheduled publication and expiry: Wagtail's go_live_at / expire_at, carried
out by ``manage.py publish_scheduled`` (run every few minutes by cron).

A news embargo keeps a page offline until its moment; a vacancy expires at the
end of its closing date. Time passes by setting Django's clock forward
(``timezone.now``), the clock every part of Wagtail's scheduling reads.
"""

import datetime
import io
from contextlib import contextmanager
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.test.utils.form_data import querydict_from_html

from editorial.services import buurtverbinder_grant, communicatie_grant
from tests.editorial.test_notifications import act, make_user, submit
from tests.factories import (
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    VacancyIndexPageFactory,
    VacancyPageFactory,
)
from vacancies.models import VacancyPage

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@contextmanager
def clock_at(moment: datetime.datetime):
    """Pretend it is ``moment`` (there is no time-machine in this project)."""
    with mock.patch.object(timezone, "now", return_value=moment):
        yield


def publish_scheduled() -> None:
    call_command("publish_scheduled", stdout=io.StringIO())


def api_ids(client, page_type: str) -> set[int]:
    response = client.get("/api/v3/pages/", {"type": page_type})
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


def listed_titles(client, index_page) -> set[str]:
    response = client.get(index_page.url)
    assert response.status_code == 200
    return {item.title for item in response.context["items"]}


ONLINE = (200, True, True)
OFFLINE = (404, False, False)


def seen(client, page, index_page, page_type: str) -> tuple[int, bool, bool]:
    """How residents and integrators find ``page``: its URL, the index, the API."""
    return (
        client.get(page.url).status_code,
        page.title in listed_titles(client, index_page),
        page.pk in api_ids(client, page_type),
    )


@pytest.fixture
def wijk(home_page, neighbourhood):
    return NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=home_page),
        neighbourhood=neighbourhood,
    )


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def vacancy_index(home_page):
    return VacancyIndexPageFactory(parent=home_page)


def end_of(day: datetime.date) -> datetime.datetime:
    """Midnight after ``day`` in Amsterdam: the vacancy is gone from then on."""
    return datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min, tzinfo=AMSTERDAM
    )


# News under embargo


def test_news_under_embargo_stays_offline_until_its_moment(client, news_index):
    go_live_at = timezone.now() + datetime.timedelta(hours=2)
    news = NewsPageFactory(parent=news_index, title="Nieuwe speeltuin", live=False)
    news.go_live_at = go_live_at
    news.save_revision().publish()
    news.refresh_from_db()

    assert news.live is False
    assert news.status_string == "gepland"
    assert seen(client, news, news_index, "news.NewsPage") == OFFLINE

    publish_scheduled()
    assert seen(client, news, news_index, "news.NewsPage") == OFFLINE

    with clock_at(go_live_at - datetime.timedelta(minutes=1)):
        publish_scheduled()
        assert seen(client, news, news_index, "news.NewsPage") == OFFLINE

    with clock_at(go_live_at + datetime.timedelta(minutes=1)):
        publish_scheduled()
        assert seen(client, news, news_index, "news.NewsPage") == ONLINE

    news.refresh_from_db()
    assert news.live is True
    assert news.last_published_at >= go_live_at


def test_news_with_an_expiry_goes_offline_by_itself(client, news_index):
    expire_at = timezone.now() + datetime.timedelta(days=3)
    news = NewsPageFactory(parent=news_index, title="Wegafsluiting Dorpsstraat")
    news.expire_at = expire_at
    news.save_revision().publish()

    publish_scheduled()
    assert seen(client, news, news_index, "news.NewsPage") == ONLINE

    with clock_at(expire_at + datetime.timedelta(minutes=1)):
        publish_scheduled()
        assert seen(client, news, news_index, "news.NewsPage") == OFFLINE

    news.refresh_from_db()
    assert (news.live, news.expired) == (False, True)


# Through the workflow: approval does not lift the embargo


@pytest.fixture
def people(site, wijk):
    anouk, petra = make_user("anouk", first_name="Anouk"), make_user("petra")
    buurtverbinder_grant(user=anouk, neighbourhood_page=wijk)
    communicatie_grant(user=petra, site=site)
    return anouk, petra


def test_a_scheduled_page_approved_by_communicatie_goes_live_at_its_moment(
    client, people, wijk, news_index
):
    anouk, petra = people
    go_live_at = (timezone.now() + datetime.timedelta(days=2)).replace(
        second=0, microsecond=0
    )
    draft = NewsPageFactory(parent=wijk, title="Opening buurthuis", live=False)
    draft.save_revision(user=anouk)

    submit(
        client,
        draft,
        anouk,
        go_live_at=timezone.localtime(go_live_at).strftime("%Y-%m-%d %H:%M"),
    )
    assert not draft.permissions_for_user(anouk).can_publish()
    mail.outbox.clear()
    act(client, draft, petra, "approve")

    assert draft.live is False
    assert draft.get_latest_revision().approved_go_live_at == go_live_at
    assert seen(client, draft, news_index, "news.NewsPage") == OFFLINE
    [approved] = mail.outbox
    local = timezone.localtime(go_live_at)
    with translation.override("nl"):
        day = date_format(local, "j F Y")  # e.g. "29 november 2026"
    assert f"Het komt online op {day} om {local:%H:%M}:\n{draft.full_url}\n" in (
        approved.body
    )

    publish_scheduled()
    assert seen(client, draft, news_index, "news.NewsPage") == OFFLINE

    with clock_at(go_live_at + datetime.timedelta(minutes=1)):
        publish_scheduled()
        assert seen(client, draft, news_index, "news.NewsPage") == ONLINE


# Vacancies expire at the end of their closing date


def test_a_vacancy_expires_at_the_end_of_its_closing_date(wijk):
    closing = datetime.date(2031, 3, 30)  # the night summer time starts

    vacancy = VacancyPageFactory(parent=wijk, closing_date=closing)

    assert vacancy.expire_at == datetime.datetime(2031, 3, 31, tzinfo=AMSTERDAM)
    assert vacancy.expire_at == datetime.datetime(2031, 3, 30, 22, tzinfo=datetime.UTC)


def test_a_vacancy_without_closing_date_does_not_expire(wijk):
    assert VacancyPageFactory(parent=wijk, closing_date=None).expire_at is None


def test_an_earlier_expiry_chosen_by_the_editor_is_kept(wijk):
    closing = timezone.localdate() + datetime.timedelta(days=30)
    earlier = timezone.now() + datetime.timedelta(days=7)

    vacancy = VacancyPageFactory(parent=wijk, closing_date=closing, expire_at=earlier)

    assert vacancy.expire_at == earlier


def test_a_later_expiry_stops_at_the_closing_date(wijk):
    closing = timezone.localdate() + datetime.timedelta(days=30)
    later = timezone.now() + datetime.timedelta(days=60)

    vacancy = VacancyPageFactory(parent=wijk, closing_date=closing, expire_at=later)

    assert vacancy.expire_at == end_of(closing)


def test_the_expiry_follows_when_the_closing_date_moves(wijk):
    today = timezone.localdate()
    vacancy = VacancyPageFactory(
        parent=wijk, closing_date=today + datetime.timedelta(days=7)
    )

    vacancy.closing_date = today + datetime.timedelta(days=30)
    vacancy.save_revision().publish()
    vacancy.refresh_from_db()
    assert vacancy.expire_at == end_of(today + datetime.timedelta(days=30))

    vacancy.closing_date = None
    vacancy.save_revision().publish()
    vacancy.refresh_from_db()
    assert vacancy.expire_at is None


def test_a_vacancy_that_closes_before_it_goes_live_is_refused(wijk):
    today = timezone.localdate()
    vacancy = VacancyPageFactory(parent=wijk, closing_date=today)
    vacancy.go_live_at = timezone.now() + datetime.timedelta(days=2)

    with pytest.raises(ValidationError) as error:
        vacancy.full_clean()

    assert "closing_date" in error.value.message_dict


def test_the_admin_editor_moves_the_expiry_with_the_closing_date(admin_client, wijk):
    today = timezone.localdate()
    vacancy = VacancyPageFactory(
        parent=wijk, closing_date=today + datetime.timedelta(days=7)
    )
    edit = reverse("wagtailadmin_pages:edit", args=[vacancy.pk])
    data = querydict_from_html(
        admin_client.get(edit).content.decode(), form_id="page-edit-form"
    )
    for name, value in data.items():
        data[name] = value.removeprefix("\n")
    later = today + datetime.timedelta(days=21)
    data["closing_date"] = later.isoformat()
    data["action-publish"] = "Publiceren"

    response = admin_client.post(edit, data)

    assert response.status_code == 302, response.context["form"].errors
    vacancy.refresh_from_db()
    assert vacancy.closing_date == later
    assert vacancy.expire_at == end_of(later)


def test_a_closed_vacancy_leaves_its_url_the_listing_and_the_api(
    client, wijk, vacancy_index
):
    today = timezone.localdate()
    vacancy = VacancyPageFactory(
        parent=wijk, title="Voorlezer in de bieb", closing_date=today
    )

    publish_scheduled()
    assert seen(client, vacancy, vacancy_index, "vacancies.VacancyPage") == ONLINE

    # The last minute of the closing day it is still there; a minute later not.
    with clock_at(vacancy.expire_at - datetime.timedelta(minutes=1)):
        publish_scheduled()
        assert seen(client, vacancy, vacancy_index, "vacancies.VacancyPage") == ONLINE
    with clock_at(vacancy.expire_at + datetime.timedelta(minutes=1)):
        publish_scheduled()
        assert seen(client, vacancy, vacancy_index, "vacancies.VacancyPage") == OFFLINE

    vacancy.refresh_from_db()
    assert (vacancy.live, vacancy.expired) == (False, True)


def test_a_vacancy_saved_after_its_closing_date_goes_at_the_next_run(
    client, wijk, vacancy_index
):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    vacancy = VacancyPageFactory(parent=wijk, closing_date=yesterday)
    assert client.get(vacancy.url).status_code == 200

    publish_scheduled()

    assert client.get(vacancy.url).status_code == 404
    assert vacancy.pk not in api_ids(client, "vacancies.VacancyPage")
    assert not VacancyPage.objects.get(pk=vacancy.pk).live
