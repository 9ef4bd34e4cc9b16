"""Per-site colours made safe to read: ``{{ colour|readable_on_white }}`` and
``{{ colour|text_on }}``.

A platform's primary colour comes from its settings (``#rrggbb``). The public
stylesheet uses it for links and as the background of buttons and the menu
bar, so it has to keep 4.5:1 against white (WCAG 1.4.3): a colour that is too
light is darkened, keeping its hue, until it does. ``text_on`` picks white or
near-black text for a background such as the accent colour.
"""

import re

from django import template

register = template.Library()

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
NEAR_BLACK = "#1f1f1f"
AA = 4.5


def _channels(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def luminance(colour: str) -> float:
    def linear(value: int) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@register.filter
def readable_on_white(colour: str, fallback: str = "#0b5394") -> str:
    """The colour, darkened just enough for 4.5:1 against white."""
    colour = colour if isinstance(colour, str) and HEX.match(colour) else fallback
    red, green, blue = _channels(colour)
    factor = 1.0
    while contrast(f"#{red:02x}{green:02x}{blue:02x}", "#ffffff") < AA and factor > 0:
        factor -= 0.05
        red, green, blue = (round(c * factor) for c in _channels(colour))
    return f"#{red:02x}{green:02x}{blue:02x}"


@register.filter
def text_on(colour: str) -> str:
    """White or near-black, whichever reads better on the colour."""
    if not (isinstance(colour, str) and HEX.match(colour)):
        return NEAR_BLACK
    if contrast(colour, "#ffffff") >= contrast(colour, NEAR_BLACK):
        return "#ffffff"
    return NEAR_BLACK
