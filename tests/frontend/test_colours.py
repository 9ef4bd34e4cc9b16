"""Per-site colours stay readable (core/templatetags/colour_tags.py, base.html)."""

import pytest

from core.models import PlatformSettings
from core.templatetags.colour_tags import contrast, readable_on_white, text_on


@pytest.mark.parametrize(
    "colour", ["#0b5394", "#2e6b30", "#f6b26b", "#e6b800", "#ffffff", "#777777"]
)
def test_readable_on_white_keeps_four_and_a_half_to_one(colour):
    readable = readable_on_white(colour)
    assert contrast(readable, "#ffffff") >= 4.5


def test_a_dark_enough_colour_is_left_as_it_is():
    assert readable_on_white("#0b5394") == "#0b5394"
    assert readable_on_white("not a colour") == "#0b5394"


def test_text_on_picks_the_clearer_of_white_and_near_black():
    assert text_on("#0b5394") == "#ffffff"
    assert text_on("#f6b26b") == "#1f1f1f"


@pytest.mark.django_db
def test_a_light_primary_colour_is_darkened_in_the_page(client, site, home_page):
    settings = PlatformSettings.for_site(site)
    settings.primary_colour = "#f6b26b"
    settings.save()
    html = client.get("/").content.decode()
    assert "--colour-primary: #946b40;" in html
    assert "--colour-on-primary: #ffffff;" in html
