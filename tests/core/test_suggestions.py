"""Residents' tips (issue 5): the form at /tip/ and the moderation list in the admin.

A resident suggests an activity for the agenda or an organisation for the
sociale kaart; Communicatie of the site sees every tip of that site, a
buurtverbinder the tips about their own wijk, nobody else any.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from wagtail.models import Site

from core.forms import SuggestionForm
from core.models import Suggestion, SuggestionKind, SuggestionStatus
from core.permissions import ModerationPermissionPolicy
from core.services import suggestion_create
from editorial.services import (
    beheerder_grant,
    buurtverbinder_grant,
    communicatie_grant,
    organisation_editor_grant,
)
from tests.antispam import human_post_data
from tests.factories import (
    AgendaPageFactory,
    NeighbourhoodFactory,
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    OrganisationPageFactory,
    SocialMapPageFactory,
)
from tests.factories.core import SuggestionFactory

pytestmark = pytest.mark.django_db

URL = reverse("suggest")
HOSTILE_TITLE = '<script>alert("tip")</script>'
HOSTILE_DESCRIPTION = '<img src=x onerror="alert(1)"> en "quotes" & meer'


def event_data(**changes) -> dict:
    data = {
        "kind": "activiteit",
        "title": "Koffieochtend in De Linde",
        "description": "Elke week koffie en een praatje. Iedereen is welkom.",
        "when": "elke dinsdag 10 uur",
        "where": "Buurthuis De Linde, Lindelaan 4",
        "website": "",
        "neighbourhood": "",
        "name": "Ans de Vries",
        "email": "",
    }
    data.update(changes)
    # As a person sends it: the honeypot empty, the form shown a while ago.
    return human_post_data(
        SuggestionForm,
        {key: value for key, value in data.items() if value is not None},
    )


def organisation_data(**changes) -> dict:
    data = {
        "kind": "organisatie",
        "title": "Repair Café Merwestad",
        "description": "Vrijwilligers repareren samen met jou je spullen.",
        "website": "www.repaircafe-merwestad.nl",
        "neighbourhood": "",
        "name": "",
        "email": "mo@example.org",
        "contact_consent": "on",
    }
    data.update(changes)
    # As a person sends it: the honeypot empty, the form shown a while ago.
    return human_post_data(
        SuggestionForm,
        {key: value for key, value in data.items() if value is not None},
    )


def field_value(html: str, name: str) -> str | None:
    """What an input or textarea named ``name`` holds, as the browser shows it."""
    textarea = re.search(
        rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', html, re.S
    )
    if textarea:
        return textarea.group(1).strip("\n")
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    if tag is None:
        return None
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return value.group(1) if value else ""


def assert_no_raw_markup(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html


# --- The public form ------------------------------------------------------


def test_form_asks_for_either_kind_with_labelled_fields_and_this_sites_wijken(
    client, site, other_site, neighbourhood, other_neighbourhood
):
    NeighbourhoodFactory(site=other_site, name="Dorpskern", slug="dorpskern")

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'type="radio" name="kind" value="activiteit"' in html
    assert 'type="radio" name="kind" value="organisatie"' in html
    for name in ["title", "description", "when", "where", "website", "name", "email"]:
        assert f'<label for="id_{name}"' in html, name
    assert 'aria-describedby="id_description_helptext"' in html
    assert '<label for="id_when">Wanneer is het?</label>' in html
    select = re.search(r'<select name="neighbourhood".*?</select>', html, re.S)[0]
    options = re.findall(r"<option[^>]*>([^<]+)</option>", select)
    assert options == ["Weet ik niet, of de hele gemeente", "Centrum", "West"]


def test_soort_activiteit_fixes_the_kind_and_asks_when_and_where(client, site):
    html = client.get(URL, {"soort": "activiteit"}).content.decode()

    assert '<input type="hidden" name="kind" value="activiteit">' in html
    assert 'type="radio"' not in html
    assert 'name="when"' in html
    assert 'name="where"' in html
    assert "Tip een activiteit" in html
    assert 'action="/tip/?soort=activiteit"' in html


def test_soort_organisatie_fixes_the_kind_without_when_and_where(client, site):
    html = client.get(URL, {"soort": "organisatie"}).content.decode()

    assert '<input type="hidden" name="kind" value="organisatie">' in html
    assert 'name="when"' not in html
    assert 'name="where"' not in html
    assert "Tip een organisatie" in html


@pytest.mark.parametrize("soort", ["iets", "<script>", "activiteit'"])
def test_an_unknown_soort_asks_for_either_kind(client, site, soort):
    response = client.get(URL, {"soort": soort})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="radio" name="kind" value="activiteit"' in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_an_event_tip_is_stored_for_the_site_and_thanked_after_a_redirect(
    client, site, neighbourhood
):
    response = client.post(
        f"{URL}?soort=activiteit",
        event_data(neighbourhood=str(neighbourhood.pk), website="https://linde.nl"),
    )

    assert response.status_code == 302
    assert response["Location"] == "/tip/?bedankt=activiteit"
    suggestion = Suggestion.objects.get()
    assert suggestion.site == site
    assert suggestion.kind == SuggestionKind.EVENT
    assert suggestion.title == "Koffieochtend in De Linde"
    assert suggestion.when == "elke dinsdag 10 uur"
    assert suggestion.where == "Buurthuis De Linde, Lindelaan 4"
    assert suggestion.website == "https://linde.nl"
    assert suggestion.neighbourhood == neighbourhood
    assert suggestion.name == "Ans de Vries"
    assert suggestion.email == ""
    assert suggestion.contact_consent is False
    assert suggestion.status == SuggestionStatus.NEW
    assert suggestion.handled_at is None

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Bedankt voor je tip" in thanks.content.decode()
    assert "in de agenda" in thanks.content.decode()


def test_an_organisation_tip_is_stored_for_the_site_it_was_sent_on(
    client, site, other_site
):
    wijk = NeighbourhoodFactory(site=other_site, name="Dorpskern", slug="dorpskern")

    response = client.post(
        f"{URL}?soort=organisatie",
        organisation_data(neighbourhood=str(wijk.pk), when="dinsdag", where="hier"),
        HTTP_HOST="other.localhost",
    )

    assert response.status_code == 302
    assert response["Location"] == "/tip/?bedankt=organisatie"
    suggestion = Suggestion.objects.get()
    assert suggestion.site == other_site
    assert suggestion.kind == SuggestionKind.ORGANISATION
    assert suggestion.neighbourhood == wijk
    # An http(s) scheme is added to what residents type as 'www.…'.
    assert suggestion.website == "https://www.repaircafe-merwestad.nl"
    assert suggestion.email == "mo@example.org"
    assert suggestion.contact_consent is True
    # Questions only an activity has are not kept for an organisation.
    assert (suggestion.when, suggestion.where) == ("", "")
    thanks = client.get(response["Location"], HTTP_HOST="other.localhost")
    assert "op de sociale kaart" in thanks.content.decode()


def test_missing_answers_get_dutch_messages_and_keep_everything_typed(client, site):
    response = client.post(
        URL,
        event_data(
            title="",
            when="",
            description="Op het plein, met muziek.",
            name="Ans",
            email="ans@example.org",
        ),
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Vul een naam in, dan weten we waar het over gaat." in html
    assert "Vul in wanneer de activiteit is." in html
    assert "Zet een vinkje als we je mogen mailen." in html
    assert 'aria-invalid="true"' in html
    assert field_value(html, "description") == "Op het plein, met muziek."
    assert field_value(html, "where") == "Buurthuis De Linde, Lindelaan 4"
    assert field_value(html, "name") == "Ans"
    assert field_value(html, "email") == "ans@example.org"
    assert re.search(r'<input[^>]*value="activiteit"[^>]*checked', html)
    assert not Suggestion.objects.exists()


def test_without_a_kind_the_resident_is_asked_to_choose(client, site):
    response = client.post(URL, event_data(kind=None))

    assert response.status_code == 400
    assert "Kies wat je wilt tippen" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_a_fixed_kind_with_a_broken_kind_shows_the_choice_again(client, site):
    response = client.post(f"{URL}?soort=activiteit", event_data(kind="taart"))

    assert response.status_code == 400
    html = response.content.decode()
    assert 'type="radio" name="kind"' in html
    assert "Kies wat je wilt tippen" in html


def test_hostile_markup_is_stored_as_typed_and_shown_escaped_on_the_form(client, site):
    typed = event_data(
        title=HOSTILE_TITLE, description=HOSTILE_DESCRIPTION, name='"><b>x</b>'
    )

    invalid = client.post(URL, {**typed, "when": ""})
    valid = client.post(URL, typed)

    assert invalid.status_code == 400
    html = invalid.content.decode()
    assert_no_raw_markup(html)
    assert "<b>x</b>" not in html
    assert "&lt;script&gt;alert(&quot;tip&quot;)&lt;/script&gt;" in html
    assert valid.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.title == HOSTILE_TITLE
    assert suggestion.description == HOSTILE_DESCRIPTION
    assert suggestion.name == '"><b>x</b>'


@dataclass
class Hostile:
    data: dict
    field: str
    message: str


HOSTILE_INPUTS = {
    "one megabyte description": Hostile(
        event_data(description="a" * 1_000_000),
        "description",
        "Dit is te lang: hier passen 2000 tekens, en het zijn er nu 1000000.",
    ),
    "title too long": Hostile(
        event_data(title="t" * 151), "title", "hier passen 150 tekens"
    ),
    "NUL in the title": Hostile(
        event_data(title="Koffie\x00ochtend"), "title", "onzichtbare tekens"
    ),
    "NUL in the description": Hostile(
        event_data(description="Koffie\x00 en thee"),
        "description",
        "onzichtbare tekens",
    ),
    "escape character in where": Hostile(
        event_data(where="Plein\x1b[31m"), "where", "onzichtbare tekens"
    ),
    "CR/LF in the name": Hostile(
        event_data(name="Ans\r\nBcc: iedereen@example.org"),
        "name",
        "Gebruik hier één regel, zonder Enter.",
    ),
    "LF in the title": Hostile(
        event_data(title="Koffie\nochtend"), "title", "één regel"
    ),
    "CR/LF in the e-mail": Hostile(
        event_data(email="a@example.org\r\nBcc: b@example.org", contact_consent="on"),
        "email",
        "Dit is geen e-mailadres.",
    ),
    "a javascript: link": Hostile(
        organisation_data(website="javascript:alert(1)"),
        "website",
        "Dit is geen webadres.",
    ),
    "an unknown kind": Hostile(
        event_data(kind="evenement"), "kind", "Kies wat je wilt tippen"
    ),
    "a wijk that is not a number": Hostile(
        event_data(neighbourhood="centrum"),
        "neighbourhood",
        "Kies een wijk uit de lijst.",
    ),
    "a wijk that does not exist": Hostile(
        event_data(neighbourhood="999999"),
        "neighbourhood",
        "Kies een wijk uit de lijst.",
    ),
}


@pytest.mark.parametrize("case", HOSTILE_INPUTS.values(), ids=HOSTILE_INPUTS.keys())
def test_hostile_input_gets_a_clean_message_and_stores_nothing(client, site, case):
    response = client.post(URL, case.data)

    assert response.status_code == 400
    html = response.content.decode()
    assert case.message in html
    assert f'id="id_{case.field}_error"' in html or case.field == "kind"
    assert not Suggestion.objects.exists()


def test_a_long_description_comes_back_whole_to_shorten(client, site):
    text = "Zin. " * 500  # 2,500 characters

    response = client.post(URL, event_data(description=text))

    assert response.status_code == 400
    assert field_value(response.content.decode(), "description") == text


def test_a_wijk_of_another_site_is_refused(client, site, other_site):
    elsewhere = NeighbourhoodFactory(site=other_site, name="Dorpskern", slug="dorp")

    response = client.post(URL, event_data(neighbourhood=str(elsewhere.pk)))

    assert response.status_code == 400
    assert "Kies een wijk uit de lijst." in response.content.decode()
    assert not Suggestion.objects.exists()


def test_repeated_fields_and_odd_values_are_no_server_error(client, site):
    response = client.post(
        URL,
        "kind=activiteit&kind=organisatie&title=a&title=b&neighbourhood=1&"
        "neighbourhood=x&description=%FF%FE&when=%00&contact_consent=misschien&"
        + urlencode(human_post_data(SuggestionForm, {})),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert "Kies een wijk uit de lijst." in response.content.decode()
    assert not Suggestion.objects.exists()


def test_a_body_beyond_the_upload_limit_is_a_clean_400(client, site, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000

    response = client.post(URL, event_data(description="a" * 200_000))

    assert response.status_code == 400
    assert not Suggestion.objects.exists()


def test_a_json_body_is_a_clean_400(client, site):
    response = client.post(
        URL, {"kind": ["activiteit"]}, content_type="application/json"
    )

    assert response.status_code == 400
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_refused(client, site, method):
    assert getattr(client, method)(URL).status_code == 405


def test_the_post_needs_a_csrf_token(site):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(URL, event_data())

    assert response.status_code == 403
    assert not Suggestion.objects.exists()


def test_the_include_links_to_the_form_with_its_kind(rf, site):
    from django.template.loader import render_to_string

    activity = render_to_string(
        "core/includes/suggest_link.html", {"kind": "activiteit"}
    )
    organisation = render_to_string(
        "core/includes/suggest_link.html", {"kind": "organisatie"}
    )

    assert 'href="/tip/?soort=activiteit"' in activity
    assert "Mis je een activiteit in de agenda?" in activity
    assert 'href="/tip/?soort=organisatie"' in organisation
    assert "sociale kaart" in organisation


# --- Roles ----------------------------------------------------------------


@dataclass
class Roles:
    users: dict
    tips: dict


def make_user(username: str, **kwargs):
    return get_user_model().objects.create_user(
        username, f"{username}@example.org", "geheim", **kwargs
    )


@pytest.fixture
def roles(site, other_site, neighbourhood, other_neighbourhood) -> Roles:
    wijken = NeighbourhoodIndexPageFactory(parent=site.root_page)
    centrum = NeighbourhoodPageFactory(parent=wijken, neighbourhood=neighbourhood)
    west = NeighbourhoodPageFactory(parent=wijken, neighbourhood=other_neighbourhood)
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=site.root_page), title="De Brug"
    )
    elsewhere_wijk = NeighbourhoodFactory(site=other_site, name="Dorp", slug="dorp")

    users = {
        "superuser": get_user_model().objects.create_superuser(
            "admin", "admin@example.org", "geheim"
        ),
        "communicatie": make_user("cor"),
        "communicatie elders": make_user("els"),
        "buurtverbinder centrum": make_user("anouk"),
        "buurtverbinder west": make_user("wim"),
        "organisatie-redacteur": make_user("bram"),
        "beheerder": make_user("bea"),
    }
    communicatie_grant(user=users["communicatie"], site=site)
    communicatie_grant(user=users["communicatie elders"], site=other_site)
    buurtverbinder_grant(
        user=users["buurtverbinder centrum"], neighbourhood_page=centrum
    )
    buurtverbinder_grant(user=users["buurtverbinder west"], neighbourhood_page=west)
    organisation_editor_grant(
        user=users["organisatie-redacteur"], organisation_page=organisation
    )
    beheerder_grant(user=users["beheerder"])

    tips = {
        "centrum": SuggestionFactory(
            site=site, neighbourhood=neighbourhood, title="Tip Centrum"
        ),
        "west": SuggestionFactory(
            site=site,
            neighbourhood=other_neighbourhood,
            kind=SuggestionKind.ORGANISATION,
            title="Tip West",
        ),
        "geen wijk": SuggestionFactory(site=site, title="Tip zonder wijk"),
        "elders": SuggestionFactory(
            site=other_site, neighbourhood=elsewhere_wijk, title="Tip Dorp"
        ),
    }
    return Roles(users=users, tips=tips)


VISIBLE = {
    "superuser": {"centrum", "west", "geen wijk", "elders"},
    "communicatie": {"centrum", "west", "geen wijk"},
    "communicatie elders": {"elders"},
    "buurtverbinder centrum": {"centrum"},
    "buurtverbinder west": {"west"},
    "organisatie-redacteur": set(),
    "beheerder": set(),
}
MENU_LABEL = "Tips van bewoners"


@pytest.mark.parametrize("role", VISIBLE.keys())
def test_each_role_lists_exactly_the_tips_it_moderates(client, roles, role):
    client.force_login(roles.users[role])

    response = client.get(reverse("suggestion:index"))
    home = client.get(reverse("wagtailadmin_home")).content.decode()

    if VISIBLE[role]:
        assert response.status_code == 200
        listed = {tip.title for tip in response.context["object_list"]}
        assert listed == {roles.tips[key].title for key in VISIBLE[role]}
        assert MENU_LABEL in home
    else:
        # Wagtail's "permission denied": a redirect to the dashboard.
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        assert MENU_LABEL not in home
        assert "Tip Centrum" not in home


@pytest.mark.parametrize("role", VISIBLE.keys())
def test_direct_urls_to_tips_a_role_does_not_moderate_find_nothing(client, roles, role):
    client.force_login(roles.users[role])

    for key, tip in roles.tips.items():
        pages = {
            view: client.get(reverse(f"suggestion:{view}", args=[tip.pk]))
            for view in ("edit", "delete", "history", "history_results", "usage")
        }
        for view, response in pages.items():
            if key in VISIBLE[role]:
                assert response.status_code == 200, (key, view)
            else:
                assert response.status_code in (302, 404), (key, view)
                assert tip.title not in response.content.decode(), (key, view)
        if key not in VISIBLE[role]:
            posted = client.post(reverse("suggestion:delete", args=[tip.pk]))
            assert posted.status_code in (302, 404)
            assert Suggestion.objects.filter(pk=tip.pk).exists(), key
            changed = client.post(
                reverse("suggestion:edit", args=[tip.pk]),
                {"status": SuggestionStatus.REJECTED, "moderator_note": "weg"},
            )
            assert changed.status_code in (302, 404)
            tip.refresh_from_db()
            assert tip.status == SuggestionStatus.NEW


def test_the_policy_names_the_moderators_and_no_model_permissions(client, roles):
    policy = ModerationPermissionPolicy(Suggestion)
    moderators = {role for role, keys in VISIBLE.items() if keys}

    users = policy.users_with_permission("change")

    assert set(users) == {roles.users[role] for role in moderators}
    assert not policy.users_with_permission("add").exists()
    client.force_login(roles.users["superuser"])
    group_form = client.get(reverse("wagtailusers_groups:add")).content.decode()
    assert "tip van een bewoner" not in group_form.lower()


def test_nobody_adds_a_tip_in_the_admin(client, roles):
    client.force_login(roles.users["superuser"])

    listing = client.get(reverse("suggestion:index")).content.decode()
    add = client.get(reverse("suggestion:add"))

    assert reverse("suggestion:add") not in listing
    assert add.status_code == 302


def test_an_anonymous_visitor_is_sent_to_the_login(client, roles):
    response = client.get(reverse("suggestion:index"))

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_a_buurtverbinder_moderates_a_tip_of_their_wijk(client, roles):
    tip = roles.tips["centrum"]
    client.force_login(roles.users["buurtverbinder centrum"])
    url = reverse("suggestion:edit", args=[tip.pk])

    form = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "status": SuggestionStatus.PROCESSED,
            "moderator_note": "Staat in de agenda.",
            # What the resident wrote cannot be changed here.
            "title": "Iets anders",
            "site": str(roles.tips["elders"].site_id),
        },
    )

    def has_input(name: str) -> bool:
        return bool(re.search(rf'<(input|textarea|select)[^>]*name="{name}"', form))

    for field in ["title", "description", "when", "where", "name", "email", "site"]:
        assert not has_input(field), field
    assert "Tip Centrum" in form  # shown, read-only
    assert has_input("status")
    assert has_input("moderator_note")
    assert response.status_code == 302
    tip.refresh_from_db()
    assert tip.status == SuggestionStatus.PROCESSED
    assert tip.moderator_note == "Staat in de agenda."
    assert tip.handled_at is not None
    assert tip.title == "Tip Centrum"
    assert tip.site == Site.objects.get(is_default_site=True)


def test_reopening_a_handled_tip_clears_when_it_was_handled(client, roles):
    tip = roles.tips["geen wijk"]
    client.force_login(roles.users["communicatie"])
    url = reverse("suggestion:edit", args=[tip.pk])

    client.post(url, {"status": SuggestionStatus.REJECTED, "moderator_note": ""})
    tip.refresh_from_db()
    handled_at = tip.handled_at
    client.post(url, {"status": SuggestionStatus.REJECTED, "moderator_note": "Dubbel"})
    tip.refresh_from_db()
    assert tip.handled_at == handled_at
    client.post(url, {"status": SuggestionStatus.IN_PROGRESS, "moderator_note": ""})
    tip.refresh_from_db()

    assert handled_at is not None
    assert tip.status == SuggestionStatus.IN_PROGRESS
    assert tip.handled_at is None


def test_an_unknown_status_is_refused_in_the_admin(client, roles):
    tip = roles.tips["centrum"]
    client.force_login(roles.users["communicatie"])

    response = client.post(
        reverse("suggestion:edit", args=[tip.pk]),
        {"status": "<script>", "moderator_note": ""},
    )

    assert response.status_code == 200  # the form again, with its error
    tip.refresh_from_db()
    assert tip.status == SuggestionStatus.NEW


def test_a_moderator_deletes_a_tip(client, roles):
    tip = roles.tips["west"]
    client.force_login(roles.users["buurtverbinder west"])

    response = client.post(reverse("suggestion:delete", args=[tip.pk]))

    assert response.status_code == 302
    assert not Suggestion.objects.filter(pk=tip.pk).exists()


def test_saving_a_hostile_tip_gives_an_escaped_message(client, roles, site):
    tip = SuggestionFactory(site=site, title=HOSTILE_TITLE)
    client.force_login(roles.users["communicatie"])

    response = client.post(
        reverse("suggestion:edit", args=[tip.pk]),
        {"status": SuggestionStatus.IN_PROGRESS, "moderator_note": "<b>kijk</b>"},
        follow=True,
    )
    delete = client.get(reverse("suggestion:delete", args=[tip.pk]))

    assert response.status_code == 200
    for html in (response.content.decode(), delete.content.decode()):
        assert_no_raw_markup(html)
        assert "&lt;script&gt;" in html
    tip.refresh_from_db()
    assert tip.moderator_note == "<b>kijk</b>"


def test_the_resident_words_are_shown_escaped_in_the_admin(client, roles, site):
    tip = SuggestionFactory(
        site=site,
        title=HOSTILE_TITLE,
        description=HOSTILE_DESCRIPTION,
        name='"><svg onload=alert(1)>',
        website="https://example.org/?q=<script>",
    )
    client.force_login(roles.users["communicatie"])

    listing = client.get(reverse("suggestion:index")).content.decode()
    edit = client.get(reverse("suggestion:edit", args=[tip.pk])).content.decode()

    for html in (listing, edit):
        assert_no_raw_markup(html)
        assert "<svg onload" not in html
        assert "&lt;script&gt;" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in edit


def test_the_list_filters_on_kind_status_and_wijk(client, roles, neighbourhood):
    roles.tips["west"].status = SuggestionStatus.IN_PROGRESS
    roles.tips["west"].save()
    client.force_login(roles.users["communicatie"])
    url = reverse("suggestion:index")

    def titles(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return {tip.title for tip in response.context["object_list"]}

    assert titles(kind="organisatie") == {"Tip West"}
    assert titles(status="in_progress") == {"Tip West"}
    assert titles(neighbourhood=str(neighbourhood.pk)) == {"Tip Centrum"}
    assert titles(q="Centrum") == {"Tip Centrum"}


def test_the_wijk_filter_offers_only_the_wijken_a_moderator_sees(client, roles):
    client.force_login(roles.users["buurtverbinder centrum"])

    html = client.get(reverse("suggestion:index")).content.decode()
    select = re.search(r'<select name="neighbourhood".*?</select>', html, re.S)[0]

    assert "Centrum" in select
    assert "West" not in select
    assert "Dorp" not in select


def test_the_listing_costs_the_same_queries_for_many_tips(
    client, roles, site, django_assert_num_queries
):
    client.force_login(roles.users["communicatie"])
    url = reverse("suggestion:index")
    client.get(url)  # warm up caches (content types, site root paths)

    with django_assert_num_queries(QUERIES_FOR_LISTING):
        client.get(url)
    for number in range(20):
        SuggestionFactory(
            site=site,
            neighbourhood=roles.tips["west"].neighbourhood,
            title=f"T{number}",
        )
    with django_assert_num_queries(QUERIES_FOR_LISTING):
        response = client.get(url)
    assert len(response.context["object_list"]) == 20  # the first page of 23


# Session, user, the two-factor device, the user's page rights and sites
# (permission checks, menu — Instellingen → Achtergrondtaken asks whether the user
# is a Beheerder —, whether there are responses to vacancies to read), the count
# and one page of tips with their wijk: none of it per tip.
QUERIES_FOR_LISTING = 29


# --- The mail to Communicatie ---------------------------------------------


def test_communicatie_of_the_site_gets_a_mail_without_the_residents_details(
    client, roles, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL,
            event_data(
                name="Ans de Vries", email="ans@example.org", contact_consent="on"
            ),
        )

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["cor@example.org"]]
    message = mail.outbox[0]
    suggestion = Suggestion.objects.get(title="Koffieochtend in De Linde")
    assert "een bewoner tipt een activiteit" in message.subject
    assert "Koffieochtend in De Linde" in message.body
    assert f"/admin/suggestion/edit/{suggestion.pk}/" in message.body
    assert "ans@example.org" not in message.body
    assert "Ans de Vries" not in message.body


def test_a_broken_mail_server_loses_no_tip(
    client, roles, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.core.test_suggestions.BrokenEmailBackend"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, event_data())

    assert response.status_code == 302
    assert Suggestion.objects.filter(title="Koffieochtend in De Linde").exists()


class BrokenEmailBackend:
    """A mail server that is down (not a mock of our code: Django's backend API)."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


# --- The service ----------------------------------------------------------


def test_the_service_refuses_a_wijk_of_another_site(site, other_site):
    from django.core.exceptions import ValidationError

    elsewhere = NeighbourhoodFactory(site=other_site, name="Dorp", slug="dorp")

    with pytest.raises(ValidationError):
        suggestion_create(
            site=site,
            kind=SuggestionKind.EVENT,
            title="Koffie",
            description="Koffie",
            neighbourhood=elsewhere,
            notify=False,
        )
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize(
    ("page_factory", "kind"),
    [(AgendaPageFactory, "activiteit"), (SocialMapPageFactory, "organisatie")],
)
def test_the_agenda_and_the_sociale_kaart_invite_a_tip(
    client, home_page, page_factory, kind
):
    index = page_factory(parent=home_page)

    content = client.get(index.url).content.decode()

    assert f'href="{URL}?soort={kind}"' in content


def test_an_address_longer_than_we_store_is_explained_not_a_server_error(client):
    """E-mail addresses may be 320 characters by Django's form field, but the
    model keeps 254: a valid longer one gets a message, not a 500."""
    long_address = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".nl"
    assert len(long_address) > 254

    response = client.post(
        URL, organisation_data(email=long_address, contact_consent="on")
    )

    assert response.status_code == 400
    assert not Suggestion.objects.exists()
    assert field_value(response.content.decode(), "email") == long_address
