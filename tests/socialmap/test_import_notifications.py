"""One e-mail per approver for a whole import, instead of one per organisation.

Wagtail mails Communicatie for every page that reaches their approval task; an
import of a hundred organisations would send a hundred mails (and send them
even when the import is rolled back). Mails go to Django's locmem outbox.
"""

import pytest
from wagtail.models import Page

from editorial.services import communicatie_grant
from tests.factories import HomePageFactory, OrganisationPageFactory, SiteFactory
from tests.socialmap import test_spreadsheet_import as spreadsheet_tests
from tests.socialmap.test_spreadsheet_import import (
    as_xlsx,
    generated_rows,
    import_bytes,
    make_user,
)

pytestmark = pytest.mark.django_db

# The import tests' fixtures: wijken, themes, the sociale kaart, Communicatie.
taxonomies = spreadsheet_tests.taxonomies
index_page = spreadsheet_tests.index_page
communicatie = spreadsheet_tests.communicatie


@pytest.fixture
def colleague(site):
    user = make_user("collega", first_name="Cor")
    communicatie_grant(user=user, site=site)
    return user


@pytest.fixture
def elsewhere():
    """Communicatie of another town, who must hear nothing of this import."""
    root = HomePageFactory(parent=Page.get_first_root_node(), slug="elders")
    other = SiteFactory(hostname="elders.localhost", root_page=root)
    user = make_user("elders")
    communicatie_grant(user=user, site=other)
    return user


def test_an_import_sends_each_approver_one_summary(
    site, index_page, communicatie, colleague, elsewhere, mailoutbox
):
    # Three more than the fifty the mail links to.
    report = import_bytes(
        as_xlsx(generated_rows(53)),
        site=site,
        user=communicatie,
        filename="kaart.xlsx",
    )

    assert report.created == 53
    # Not the importer, not another town's Communicatie: one mail, to Cor.
    assert [message.to for message in mailoutbox] == [["collega@example.org"]]
    message = mailoutbox[0]
    assert message.subject == (
        "Sociale kaart Samen Teststad: 53 organisaties wachten op goedkeuring"
    )
    assert message.body.startswith("Hallo Cor,")
    assert "communicatie heeft kaart.xlsx ingelezen." in message.body
    assert message.body.count("http://testserver/admin/pages/") == 50
    assert "En nog 3 organisaties." in message.body
    assert "http://testserver/admin/\n" in message.body + "\n"


def test_a_reimport_that_changes_nothing_sends_nothing(
    site, index_page, communicatie, colleague, mailoutbox
):
    data = as_xlsx(generated_rows(3))
    import_bytes(data, site=site, user=communicatie, filename="kaart.xlsx")
    assert len(mailoutbox) == 1
    assert "Deze 3 organisaties zijn nieuw of gewijzigd" in mailoutbox[0].body

    report = import_bytes(data, site=site, user=communicatie, filename="kaart.xlsx")

    assert report.unchanged == 3
    assert len(mailoutbox) == 1


def test_a_dry_run_or_a_failed_import_sends_nothing(
    site, index_page, communicatie, colleague, mailoutbox
):
    rows = generated_rows(3)
    import_bytes(as_xlsx(rows), site=site, user=communicatie, dry_run=True)
    rows[-1]["leefring"] = "weet ik niet"
    report = import_bytes(as_xlsx(rows), site=site, user=communicatie)

    assert report.problems
    assert mailoutbox == []


def test_outside_an_import_wagtail_still_mails_per_page(
    site, index_page, communicatie, colleague, mailoutbox
):
    page = OrganisationPageFactory(parent=index_page, title="Los ingediend")
    page.save_revision(user=communicatie)
    page.get_workflow().start(page, communicatie)

    assert [message.to for message in mailoutbox] == [["collega@example.org"]]
    assert mailoutbox[0].subject == 'Ter goedkeuring: "Los ingediend"'
