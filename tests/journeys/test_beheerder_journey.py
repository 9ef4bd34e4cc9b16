"""Journey in Chromium at 1280: a Beheerder gives someone a role.

Bea (Beheerder) goes from the admin's menu to Instellingen → Rollen, chooses
Anouk and "Buurtverbinder van Centrum", and gives the role; the page says so,
lists it, and Anouk can then edit the wijk page, as the report of role changes
records. Logging in is as in test_approval_journey (``force_login``)."""

import pytest
from django.urls import reverse

from editorial.models import Team
from tests.editorial.test_roles_admin import (  # noqa: F401 (fixtures)
    beheerder,
    make_user,
    wijk,
)
from tests.journeys.test_approval_journey import log_in  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_a_beheerder_gives_someone_a_role(log_in, browser_server, beheerder, wijk):  # noqa: F811
    anouk = make_user("anouk", first_name="Anouk", last_name="de Vries")
    team = Team.objects.get(page=wijk)
    page, errors = log_in(beheerder)
    page.set_viewport_size({"width": 1280, "height": 800})

    page.goto(f"{browser_server}/admin/")
    page.get_by_role("button", name="Instellingen").click()
    page.get_by_role("link", name="Rollen").click()
    page.wait_for_url(f"{browser_server}{reverse('editorial_roles')}")
    page.get_by_role("combobox", name="Wie").select_option(value=str(anouk.pk))
    page.get_by_role("combobox", name="Rol").select_option(value=f"team:{team.pk}")
    page.get_by_role("button", name="Rol geven").click()

    page.locator(".messages").filter(
        has_text="Anouk de Vries heeft nu de rol: Buurtverbinder van Centrum."
    ).wait_for()
    row = page.locator("tr").filter(has_text="anouk")
    assert "Buurtverbinder van Centrum" in row.inner_text()
    assert wijk.permissions_for_user(anouk).can_edit()
    assert not wijk.permissions_for_user(anouk).can_publish()

    page.goto(f"{browser_server}{reverse('editorial_reports:role_changes')}")
    assert page.locator("tbody tr").filter(has_text="Anouk").count() == 1
    assert errors == []
