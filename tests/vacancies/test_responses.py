"""'Ik wil helpen': the response form on a vacancy, through HTTP, and its service."""

import datetime
import logging
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests.antispam import human_post_data
from tests.factories import (
    NeighbourhoodPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
    VacancyPageFactory,
)
from vacancies.forms import VacancyResponseForm
from vacancies.models import VacancyResponse
from vacancies.services import VacancyClosedError, vacancy_response_create

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def organisation(home_page):
    return OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page),
        title="Buurtteam Merwestad",
        email="info@buurtteam.example",
    )


@pytest.fixture
def vacancy(organisation):
    return VacancyPageFactory(
        parent=organisation,
        title="Chauffeur boodschappenbus",
        contact_name="Petra de Vries",
        contact_email="petra@buurtteam.example",
        closing_date=timezone.localdate() + datetime.timedelta(days=10),
    )


def respond_url(vacancy) -> str:
    return vacancy.url + vacancy.reverse_subpage("respond")


def thanks_url(vacancy) -> str:
    return vacancy.url + vacancy.reverse_subpage("responded")


def valid_data(**overrides) -> dict:
    data = {
        "name": "Jan Jansen",
        "email": "jan@example.org",
        "phone": "06 12 34 56 78",
        "message": "Ik rij graag en heb op dinsdag tijd.\nGroet, Jan",
        "consent": "on",
    }
    data.update(overrides)
    # As a person sends it: the honeypot empty, the form shown a while ago.
    return human_post_data(
        VacancyResponseForm,
        {key: value for key, value in data.items() if value is not None},
    )


def header_names(message) -> set[str]:
    return {name.lower() for name in message.message().keys()}


# The vacancy page and the form page


def test_an_open_vacancy_page_has_an_ik_wil_helpen_button(client, vacancy):
    content = client.get(vacancy.url).content.decode()

    assert "Ik wil helpen" in content
    assert f'href="{respond_url(vacancy)}"' in content


def test_the_form_page_shows_an_accessible_form(client, vacancy):
    response = client.get(respond_url(vacancy))

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    content = response.content.decode()
    assert content.count("<h1") == 1
    assert "Chauffeur boodschappenbus" in content
    assert "Je reactie gaat naar Petra de Vries van Buurtteam Merwestad." in content
    assert "csrfmiddlewaretoken" in content
    for name, autocomplete in [
        ("name", "name"),
        ("email", "email"),
        ("phone", "tel"),
    ]:
        assert f'name="{name}"' in content
        assert f'autocomplete="{autocomplete}"' in content
    assert 'name="message"' in content
    assert 'maxlength="2000"' in content
    assert 'type="tel" name="phone"' in content
    assert 'type="checkbox" name="consent"' in content
    assert '<label for="id_name">' in content
    assert "90 dagen" in content


# The whole flow


def test_a_valid_response_is_stored_mailed_and_confirmed(client, vacancy, site):
    response = client.post(respond_url(vacancy), valid_data())

    assert response.status_code == 302
    assert response["Location"] == thanks_url(vacancy)
    stored = VacancyResponse.objects.get()
    assert (stored.vacancy_id, stored.site_id) == (vacancy.pk, site.pk)
    assert stored.name == "Jan Jansen"
    assert stored.email == "jan@example.org"
    assert stored.phone == "06 12 34 56 78"
    assert stored.message == "Ik rij graag en heb op dinsdag tijd.\nGroet, Jan"
    assert stored.consent is True
    assert stored.emailed_at is not None

    assert len(mail.outbox) == 2
    to_organisation, confirmation = mail.outbox
    assert to_organisation.to == ["petra@buurtteam.example"]
    assert to_organisation.reply_to == ["jan@example.org"]
    assert to_organisation.subject == "Iemand wil helpen: Chauffeur boodschappenbus"
    assert "Jan Jansen" in to_organisation.body
    assert "jan@example.org" in to_organisation.body
    assert "06 12 34 56 78" in to_organisation.body
    assert "Ik rij graag en heb op dinsdag tijd.\nGroet, Jan" in to_organisation.body
    assert "http://localhost/" in to_organisation.body
    assert confirmation.to == ["jan@example.org"]
    assert confirmation.reply_to == []
    assert "Chauffeur boodschappenbus" in confirmation.subject
    assert "Petra de Vries van Buurtteam Merwestad neemt contact met je op" in (
        confirmation.body
    )
    # The confirmation repeats nothing the resident typed: the form cannot be
    # used to send someone else a text of one's choosing.
    assert "Ik rij graag" not in confirmation.body
    assert "Jan Jansen" not in confirmation.body
    for message in mail.outbox:
        assert message.content_subtype == "plain"
        assert message.message().get_content_type() == "text/plain"

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    content = thanks.content.decode()
    assert "Bedankt voor je reactie!" in content
    assert "Petra de Vries van Buurtteam Merwestad neemt contact met je op." in content
    assert "jan@example.org" not in content


def test_without_a_contact_email_the_organisation_gets_the_mail(client, organisation):
    vacancy = VacancyPageFactory(parent=organisation, contact_email="")

    client.post(respond_url(vacancy), valid_data())

    assert [message.to for message in mail.outbox] == [
        ["info@buurtteam.example"],
        ["jan@example.org"],
    ]


def test_a_wijk_vacancy_without_any_address_is_kept_for_the_admin(
    client, home_page, neighbourhood
):
    wijk = NeighbourhoodPageFactory(
        parent__parent=home_page, neighbourhood=neighbourhood
    )
    vacancy = VacancyPageFactory(parent=wijk, contact_email="")

    response = client.post(respond_url(vacancy), valid_data())

    assert response.status_code == 302
    stored = VacancyResponse.objects.get()
    assert stored.emailed_at is None
    assert [message.to for message in mail.outbox] == [["jan@example.org"]]


def test_a_phone_number_alone_is_enough_and_no_confirmation_mail_goes_out(
    client, vacancy
):
    response = client.post(respond_url(vacancy), valid_data(email=""))

    assert response.status_code == 302
    assert VacancyResponse.objects.get().email == ""
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["petra@buurtteam.example"]
    assert mail.outbox[0].reply_to == []


def test_a_failing_mail_server_keeps_the_response_and_thanks_the_resident(
    client, vacancy, settings, caplog
):
    # A real backend that cannot connect: nothing listens on port 9 here.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9
    settings.EMAIL_TIMEOUT = 2

    with caplog.at_level(logging.ERROR, logger="vacancies.services"):
        response = client.post(respond_url(vacancy), valid_data())

    assert response.status_code == 302
    stored = VacancyResponse.objects.get()
    assert stored.emailed_at is None
    assert "Could not send the mail to the organisation" in caplog.text
    assert "Could not send the confirmation" in caplog.text
    assert "Jan" not in caplog.text


def test_the_service_survives_an_smtp_error(vacancy, site, settings, monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({"petra@buurtteam.example": (550, b"")})

    monkeypatch.setattr(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", refuse
    )

    stored = vacancy_response_create(
        vacancy=vacancy,
        site=site,
        name="Jan",
        email="jan@example.org",
        message="Hallo",
        consent=True,
    )

    assert stored.pk is not None
    assert stored.emailed_at is None


def test_a_name_and_a_phone_number_are_enough_without_a_message(client, vacancy):
    """For people who find writing hard: "Ik wil helpen" needs no message."""
    response = client.post(respond_url(vacancy), valid_data(email="", message=""))

    assert response.status_code == 302
    stored = VacancyResponse.objects.get()
    assert (stored.name, stored.message) == ("Jan Jansen", "")
    [message] = mail.outbox
    assert stored.phone in message.body
    assert "Bericht" not in message.body
    form_page = client.get(respond_url(vacancy)).content.decode()
    assert "Je bericht (hoeft niet)" in form_page


# Invalid input: a Dutch message per field, and nothing typed is lost


def test_invalid_input_is_shown_again_with_dutch_messages_and_typed_values(
    client, vacancy
):
    data = valid_data(email="jan-at-example", phone="bel me", consent=None)

    response = client.post(respond_url(vacancy), data)

    assert response.status_code == 400
    assert not VacancyResponse.objects.exists()
    assert not mail.outbox
    content = response.content.decode()
    assert "Nog niet verstuurd" in content
    assert "Dit is geen e-mailadres" in content
    assert "Dit is geen telefoonnummer" in content
    assert "Zonder jouw toestemming kunnen we je reactie niet" in content
    assert 'value="Jan Jansen"' in content
    assert 'value="jan-at-example"' in content
    assert 'value="bel me"' in content
    assert "Ik rij graag en heb op dinsdag tijd.\nGroet, Jan</textarea>" in content
    assert 'aria-invalid="true"' in content
    assert "no-cache" in response["Cache-Control"]


def test_email_or_phone_is_required(client, vacancy):
    response = client.post(respond_url(vacancy), valid_data(email="", phone=""))

    assert response.status_code == 400
    assert "Vul je e-mailadres of je telefoonnummer in" in response.content.decode()
    assert not VacancyResponse.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"name": "Jan"},
        {"name": "", "email": "", "message": "", "consent": ""},
        # Lists where one value is expected: the last one counts, still checked.
        {"name": ["Jan", "Piet"], "email": ["x", "jan@example.org"], "message": ["a"]},
        {
            "name": "Jan",
            "email": "jan@example.org",
            "message": "Hoi",
            "consent": "false",
        },
    ],
)
def test_missing_and_odd_fields_give_a_400_not_an_error(client, vacancy, data):
    response = client.post(
        respond_url(vacancy), human_post_data(VacancyResponseForm, data)
    )

    assert response.status_code == 400
    assert not VacancyResponse.objects.exists()
    assert not mail.outbox


def test_a_json_body_gives_a_400(client, vacancy):
    response = client.post(
        respond_url(vacancy),
        data='{"name": "Jan"}',
        content_type="application/json",
    )

    assert response.status_code == 400
    assert not VacancyResponse.objects.exists()


def test_other_methods_are_refused(client, vacancy):
    assert client.put(respond_url(vacancy)).status_code == 405
    assert client.delete(respond_url(vacancy)).status_code == 405
    assert client.post(thanks_url(vacancy)).status_code == 405


# Hostile input


def test_script_tags_are_stored_as_typed_shown_escaped_and_mailed_as_text(
    client, vacancy
):
    data = valid_data(name=f"Jan {SCRIPT}", message=f"Hoi {IMAGE} {SCRIPT}")

    response = client.post(respond_url(vacancy), data)

    assert response.status_code == 302
    stored = VacancyResponse.objects.get()
    assert stored.name == f"Jan {SCRIPT}"
    assert stored.message == f"Hoi {IMAGE} {SCRIPT}"
    to_organisation = mail.outbox[0]
    assert to_organisation.content_subtype == "plain"
    assert f"Jan {SCRIPT}" in to_organisation.body
    assert f"Hoi {IMAGE} {SCRIPT}" in to_organisation.body
    assert "&lt;" not in to_organisation.body
    thanks = client.get(response["Location"]).content.decode()
    assert "<script>alert" not in thanks


def test_script_tags_in_an_invalid_form_are_shown_escaped(client, vacancy):
    data = valid_data(name=SCRIPT, message=IMAGE, email=f"{SCRIPT}@x")

    response = client.post(respond_url(vacancy), data)

    assert response.status_code == 400
    content = response.content.decode()
    assert SCRIPT not in content
    assert IMAGE not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "&lt;img src=x onerror=alert(1)&gt;" in content


def test_a_one_megabyte_message_gets_a_clear_message(client, vacancy):
    message = "a" * 1_000_000

    response = client.post(respond_url(vacancy), valid_data(message=message))

    assert response.status_code == 400
    content = response.content.decode()
    assert "Dit is te lang: hier passen hoogstens 2000 tekens in" in content
    assert "1000000" in content
    assert not VacancyResponse.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("enforce_csrf", [False, True])
def test_a_body_above_the_upload_limit_is_a_clean_400(vacancy, enforce_csrf):
    """Django refuses bodies above DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) with a 400,
    also when the CSRF check reads the body before the view does."""
    client = Client(enforce_csrf_checks=enforce_csrf)
    form_page = client.get(respond_url(vacancy))
    data = valid_data(message="a" * 3_000_000)
    data["csrfmiddlewaretoken"] = form_page.context["csrf_token"]

    response = client.post(respond_url(vacancy), data)

    assert response.status_code == 400
    assert "Dit konden we niet verwerken" in response.content.decode()
    assert not VacancyResponse.objects.exists()


def test_an_expired_form_says_so_in_dutch(vacancy):
    """Without a valid CSRF token (a form left open too long, cookies blocked) the
    resident reads what happened and what to do, not Django's English page."""
    client = Client(enforce_csrf_checks=True)

    response = client.post(respond_url(vacancy), valid_data())

    assert response.status_code == 403
    assert "Je formulier is verlopen" in response.content.decode()
    assert not VacancyResponse.objects.exists()


@pytest.mark.parametrize("field", ["name", "email", "phone", "message"])
def test_nul_bytes_get_a_clear_message(client, vacancy, field):
    data = valid_data()
    data[field] = data[field][:3] + "\x00" + data[field][3:]

    response = client.post(respond_url(vacancy), data)

    assert response.status_code == 400
    assert "onzichtbaar teken" in response.content.decode()
    assert not VacancyResponse.objects.exists()
    assert not mail.outbox


def test_line_breaks_in_a_name_cannot_inject_a_header(client, vacancy):
    data = valid_data(name="Jan\r\nBcc: victim@example.com")

    response = client.post(respond_url(vacancy), data)

    assert response.status_code == 400
    assert "onzichtbaar teken" in response.content.decode()
    assert not VacancyResponse.objects.exists()
    assert not mail.outbox


def test_header_injection_through_the_email_address_is_refused(client, vacancy):
    data = valid_data(email="jan@example.org\r\nBcc: victim@example.com")

    response = client.post(respond_url(vacancy), data)

    assert response.status_code == 400
    assert not VacancyResponse.objects.exists()
    assert not mail.outbox


def test_no_resident_text_reaches_a_mail_header(client, organisation):
    vacancy = VacancyPageFactory(
        parent=organisation, title="Klusjes\nBcc: victim@example.com"
    )

    client.post(respond_url(vacancy), valid_data(name="Jan Bcc: victim@example.com"))

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "\n" not in message.subject
        assert "bcc" not in header_names(message)
        assert "victim@example.com" not in message.recipients()


def test_a_message_keeps_its_line_breaks_and_tabs(client, vacancy):
    response = client.post(
        respond_url(vacancy), valid_data(message="Regel een\r\n\tRegel twee")
    )

    assert response.status_code == 302
    assert VacancyResponse.objects.get().message == "Regel een\r\n\tRegel twee"


# A closed vacancy


def test_a_closed_vacancy_shows_a_message_and_no_form(client, organisation):
    vacancy = VacancyPageFactory(
        parent=organisation,
        closing_date=timezone.localdate() - datetime.timedelta(days=1),
    )

    response = client.get(respond_url(vacancy))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Deze vacature is gesloten." in content
    assert 'name="message"' not in content
    assert "Ik wil helpen" not in client.get(vacancy.url).content.decode()


def test_posting_to_a_closed_vacancy_stores_nothing(client, organisation):
    vacancy = VacancyPageFactory(
        parent=organisation,
        closing_date=timezone.localdate() - datetime.timedelta(days=1),
    )

    response = client.post(respond_url(vacancy), valid_data())

    assert response.status_code == 410
    assert "Deze vacature is gesloten." in response.content.decode()
    assert not VacancyResponse.objects.exists()
    assert not mail.outbox


def test_a_vacancy_that_is_offline_has_no_form(client, organisation):
    vacancy = VacancyPageFactory(parent=organisation, live=False)

    assert client.get(respond_url(vacancy)).status_code == 404
    assert client.post(respond_url(vacancy), valid_data()).status_code == 404
    assert not VacancyResponse.objects.exists()


def test_the_service_refuses_a_closed_vacancy(organisation, site):
    vacancy = VacancyPageFactory(
        parent=organisation,
        closing_date=timezone.localdate() - datetime.timedelta(days=1),
    )

    with pytest.raises(VacancyClosedError):
        vacancy_response_create(
            vacancy=vacancy,
            site=site,
            name="Jan",
            email="jan@example.org",
            message="Hoi",
            consent=True,
        )
    assert not VacancyResponse.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"email": "", "phone": ""},
        {"consent": False},
        {"email": "geen-adres"},
        {"name": "x" * 101},
    ],
)
def test_the_service_validates_whatever_its_caller_checked(vacancy, site, data):
    values = {
        "name": "Jan",
        "email": "jan@example.org",
        "phone": "",
        "message": "Hoi",
        "consent": True,
        **data,
    }

    with pytest.raises(ValidationError):
        vacancy_response_create(vacancy=vacancy, site=site, **values)
    assert not VacancyResponse.objects.exists()
    assert not mail.outbox


# The form on its own


@pytest.mark.parametrize(
    ("phone", "valid"),
    [
        ("06 12 34 56 78", True),
        ("+31 6-12345678", True),
        ("(0183) 123 456", True),
        ("0612", False),
        ("06 12 34 56 78 90 12 34", False),
        ("bel me", False),
        ("06\u0661\u0662345678", False),
    ],
)
def test_phone_numbers(phone, valid):
    form = VacancyResponseForm(valid_data(phone=phone, email=""))

    assert form.is_valid() is valid, form.errors


def test_trailing_whitespace_and_line_breaks_are_trimmed_from_the_name():
    form = VacancyResponseForm(valid_data(name="  Jan Jansen\r\n"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Jan Jansen"
