"""Every public form draws its fields one way (templates/forms/field.html through
core.form_rendering.FormRenderer), and says so when something is wrong: the
page title starts with "Fout:", a summary at the top links to each field, and
each field's error is tied to it with aria-describedby. Through HTTP."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from helpboard.models import HelpPost, HelpResponse
from helpboard.public_forms import HelpResponseForm
from tests.antispam import human_post_data

pytestmark = pytest.mark.django_db


def title_of(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def form_urls(help_board, post, vacancy) -> dict[str, str]:
    return {
        "help post": help_board.url + help_board.reverse_subpage("submit"),
        "respond": help_board.url
        + help_board.reverse_subpage("respond", args=[post.pk]),
        "report": help_board.url + help_board.reverse_subpage("report", args=[post.pk]),
        "vacancy": vacancy.url + vacancy.reverse_subpage("respond"),
        "suggestion": reverse("suggest"),
    }


# (form, a required field that an empty form leaves wrong, its id in the summary)
EMPTY_ERRORS = [
    ("help post", "title", "id_title"),
    ("help post", "kind", "id_kind_0"),
    ("respond", "name", "id_name"),
    ("report", "reason", "id_reason_0"),
    ("vacancy", "name", "id_name"),
    ("suggestion", "title", "id_title"),
]


@pytest.mark.parametrize("form", ["help post", "respond", "report", "vacancy"])
def test_every_field_has_its_label_and_required_in_words(
    client, help_board, post, vacancy, categories, form
):
    html = client.get(form_urls(help_board, post, vacancy)[form]).content.decode()

    assert "<title>Fout:" not in html
    assert 'id="error-summary"' not in html
    assert "(verplicht)</span>" in html
    assert "css/forms.css" in html
    # Help text is tied to its control.
    for helptext_id in re.findall(r'<p class="helptext" id="([^"]+)"', html):
        assert f'aria-describedby="{helptext_id}' in html


def test_the_suggestion_form_uses_the_same_fields(client, site):
    html = client.get(reverse("suggest")).content.decode()

    assert '<label for="id_title">' in html
    assert "(verplicht)</span>" in html
    assert (
        'aria-describedby="id_title_helptext"' in html
        or "id_title_helptext" not in html
    )


@pytest.mark.parametrize(("form", "field", "anchor"), EMPTY_ERRORS)
def test_an_empty_form_says_error_in_the_title_and_links_each_error(
    client, help_board, post, vacancy, categories, form, field, anchor
):
    response = client.post(form_urls(help_board, post, vacancy)[form], {})

    assert response.status_code == 400
    html = response.content.decode()
    assert title_of(html).startswith("Fout: ")
    summary = html[html.index('id="error-summary"') :]
    assert f'<a href="#{anchor}">' in summary
    # The link's target exists and the error is read out with the field.
    assert f'id="{anchor}"' in html
    error_id = f"id_{field}_error"
    assert f'id="{error_id}"' in html
    assert re.search(rf'aria-describedby="[^"]*{error_id}', html)
    assert re.search(rf'id="{anchor}"[^>]*aria-invalid="true"', html) or (
        'aria-invalid="true"' in html
    )


def test_the_old_per_form_field_includes_are_gone(client, help_board, categories):
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    for name in ("helpboard/includes/form_field.html", "core/suggest_field.html"):
        with pytest.raises(TemplateDoesNotExist):
            get_template(name)


# "Ik wil helpen" without writing a message


def respond(client, help_board, post, **data):
    return client.post(
        help_board.url + help_board.reverse_subpage("respond", args=[post.pk]),
        human_post_data(HelpResponseForm, {"consent": "on", **data}),
    )


def test_a_name_and_a_phone_number_are_enough_to_offer_help(client, help_board, post):
    response = respond(client, help_board, post, name="Kees", phone="06 12345678")

    assert response.status_code == 302
    stored = HelpResponse.objects.get()
    assert (stored.name, stored.phone, stored.email, stored.message) == (
        "Kees",
        "06 12345678",
        "",
        "",
    )
    [message] = mail.outbox
    assert message.to == ["ans@example.org"]
    assert message.reply_to == []
    body = message.body
    assert "Kees wil je helpen en reageert via" in body
    assert "Je kunt Kees bellen of een berichtje sturen: 06 12345678" in body
    # No empty quote, and no promise of a reply address there is none of.
    assert "----------" not in body
    assert "Dit schrijft" not in body
    assert "Beantwoorden" not in body


def test_with_an_address_and_a_message_the_mail_quotes_it_and_replies_go_back(
    client, help_board, post
):
    response = respond(
        client,
        help_board,
        post,
        name="Kees",
        email="kees@example.org",
        message="Ik heb zaterdag tijd.",
    )

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.reply_to == ["kees@example.org"]
    assert "Dit schrijft Kees:\n----------\nIk heb zaterdag tijd.\n----------" in (
        message.body
    )
    assert "Beantwoorden" in message.body
    assert "bellen of een berichtje" not in message.body


def test_a_name_alone_is_not_enough(client, help_board, post):
    response = respond(client, help_board, post, name="Kees")

    assert response.status_code == 400
    assert "Vul je e-mailadres of je telefoonnummer in" in response.content.decode()
    assert not HelpResponse.objects.exists()
    assert mail.outbox == []


def test_the_moderators_mail_reads_well_without_a_message(
    client, help_board, site, settings
):
    from django.contrib.auth import get_user_model

    from editorial.services import communicatie_grant
    from helpboard.models import HelpStatus
    from tests.factories.helpboard import HelpOfferFactory

    user = get_user_model().objects.create_user("cor", "cor@gemeente.example", "x")
    communicatie_grant(user=user, site=site)
    phone_only = HelpOfferFactory(
        site=site, status=HelpStatus.PUBLISHED, email="", phone="0612345678"
    )

    response = respond(client, help_board, phone_only, name="Kees", phone="0687654321")

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["cor@gemeente.example"]
    assert "Telefoon: 0687654321" in message.body
    assert "Er is geen bericht bij" in message.body
    assert "E-mail:" not in message.body
    assert HelpPost.objects.count() == 1


def test_choosing_a_wijk_uses_the_same_fields_and_says_error_in_the_title(
    client, site, neighbourhood
):
    page = client.get(reverse("choose_neighbourhood")).content.decode()
    assert 'aria-describedby="id_neighbourhood_helptext"' in page
    assert "Alle wijken’ als je alles wilt zien." in page  # noqa: RUF001

    response = client.post(reverse("choose_neighbourhood"), {"postcode": "geen"})

    assert response.status_code == 400
    html = response.content.decode()
    assert title_of(html).startswith("Fout: ")
    assert '<a href="#id_postcode">' in html
    assert re.search(r'aria-describedby="id_postcode_helptext id_postcode_error"', html)
