"""Reports of a help post count per network: an IPv6 /64 once, however many
of its addresses report, so one person cannot hide a post alone."""

import pytest

from helpboard.models import HelpReport, HelpStatus
from helpboard.report_networks import report_network
from tests.factories import HelpBoardPageFactory, HelpRequestFactory

from .test_report import report_from

pytestmark = pytest.mark.django_db


@pytest.fixture
def help_board(home_page):
    return HelpBoardPageFactory(parent=home_page)


@pytest.fixture
def post(site, help_board):
    return HelpRequestFactory(site=site, status=HelpStatus.PUBLISHED)


@pytest.fixture
def threshold_three(settings):
    settings.BUURTPLEIN_HELP_REPORT_THRESHOLD = 3


def test_three_addresses_of_one_ipv6_64_count_as_one_report(
    client, help_board, post, threshold_three
):
    for address in ("2001:db8:1:2::1", "2001:db8:1:2:aaaa::7", "2001:db8:1:2:ffff::"):
        assert report_from(client, help_board, post, address).status_code == 302

    assert HelpReport.objects.count() == 1
    post.refresh_from_db()
    assert post.hidden_at is None
    assert post.is_public


def test_three_ipv6_64s_count_as_three_reports_and_hide_the_post(
    client, help_board, post, threshold_three
):
    for address in ("2001:db8:1:1::1", "2001:db8:1:2::1", "2001:db8:1:3::1"):
        assert report_from(client, help_board, post, address).status_code == 302

    assert HelpReport.objects.count() == 3
    post.refresh_from_db()
    assert post.hidden_at is not None


def test_an_ipv4_mapped_address_counts_as_that_ipv4_address(
    client, help_board, post, threshold_three
):
    report_from(client, help_board, post, "192.0.2.1")
    report_from(client, help_board, post, "::ffff:192.0.2.1")
    report_from(client, help_board, post, "192.0.2.2")

    assert HelpReport.objects.count() == 2


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2::", "2001:db8:1:2::/64"),
        ("192.0.2.1", "192.0.2.1/32"),
        ("::ffff:192.0.2.1", "192.0.2.1/32"),
        ("::ffff:c000:201", "192.0.2.1/32"),
        ("nonsense", "nonsense"),
    ],
)
def test_report_network(address, network):
    assert report_network(address=address) == network
