"""The project's copy of Wagtail's workflow action dialog
(templates/wagtailadmin/shared/workflow_action_modal.html, with the taalcheck)
passes axe's WCAG 2.1 AA rules, in Chromium, as Communicatie opens it."""

import pytest
from django.conf import settings
from django.test import Client

from editorial.services import buurtverbinder_grant, communicatie_grant
from tests.a11y import axe_violations, describe
from tests.factories import (
    NeighbourhoodIndexPageFactory,
    NeighbourhoodPageFactory,
    NewsPageFactory,
)

pytestmark = pytest.mark.django_db


def make_user(username, first_name):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(
        username, f"{username}@example.org", first_name=first_name
    )


def test_the_approval_dialog_passes_axe(site, neighbourhood, browse, browser_server):
    wijk = NeighbourhoodPageFactory(
        parent=NeighbourhoodIndexPageFactory(parent=site.root_page),
        neighbourhood=neighbourhood,
    )
    anouk, petra = make_user("anouk", "Anouk"), make_user("petra", "Petra")
    buurtverbinder_grant(user=anouk, neighbourhood_page=wijk)
    communicatie_grant(user=petra, site=site)
    news = NewsPageFactory(parent=wijk, title="Straatfeest", live=False)
    news.save_revision(user=anouk)
    news.get_workflow().start(news, anouk)

    client = Client()
    client.force_login(petra)
    page, _traffic = browse()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": browser_server,
            }
        ]
    )
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{browser_server}/admin/pages/{news.pk}/edit/")
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("footer").get_by_role(
        "button", name="Goedkeuren met opmerking", exact=True
    ).click()
    box = page.locator(".modal-dialog, [role='dialog']").filter(
        has=page.locator("textarea[name='comment']")
    )
    box.first.wait_for()

    # On the dialog only: the admin page behind it is Wagtail's own.
    violations = axe_violations(page, within=box.first)
    assert violations == [], describe(violations)
    page.screenshot(path="/tmp/forms/workflow-modal.png")  # noqa: S108
    assert errors == []
