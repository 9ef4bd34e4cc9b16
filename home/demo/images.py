"""Simple drawn illustrations for the demo town (no photos of real people or places)."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection

WIDTH, HEIGHT = 1200, 675

# (title, description used as alt text, sky colour, ground colour)
SCENES = [
    (
        "Huizen aan de dijk",
        "Getekende rij huizen met rode daken langs een dijk",
        "#9fc5e8",
        "#6aa84f",
    ),
    (
        "Buurthuis",
        "Getekend buurthuis met een grote deur en ramen",
        "#cfe2f3",
        "#93c47d",
    ),
    (
        "Speeltuin",
        "Getekende speeltuin met een schommel onder de zon",
        "#a4c2f4",
        "#b6d7a8",
    ),
    (
        "Markt op het plein",
        "Getekende marktkramen met gekleurde daken",
        "#d9ead3",
        "#999999",
    ),
    (
        "Wandelen langs de rivier",
        "Getekend pad langs een rivier met bomen",
        "#c9daf8",
        "#76a5af",
    ),
    (
        "Samen aan tafel",
        "Getekende lange tafel met borden en stoelen",
        "#fce5cd",
        "#b4a7d6",
    ),
    ("Moestuin", "Getekende moestuin met rijen groente", "#d0e0e3", "#8fce00"),
    (
        "Avond in de wijk",
        "Getekende huizen in de avond met verlichte ramen",
        "#20124d",
        "#274e13",
    ),
]


def _houses(draw, rng, horizon: int, *, lit: bool = False) -> None:
    x = 40
    while x < WIDTH - 120:
        width = rng.randint(110, 180)
        height = rng.randint(120, 220)
        wall = rng.choice(["#e6b8af", "#f4cccc", "#fff2cc", "#d9d2e9", "#cccccc"])
        roof = rng.choice(["#990000", "#783f04", "#434343", "#0b5394"])
        top = horizon - height
        draw.rectangle([x, top, x + width, horizon], fill=wall, outline="#333333")
        draw.polygon(
            [(x - 10, top), (x + width // 2, top - 70), (x + width + 10, top)],
            fill=roof,
        )
        draw.rectangle(
            [x + width // 2 - 15, horizon - 60, x + width // 2 + 15, horizon],
            fill="#5b3a1e",
        )
        for window_x in (x + 15, x + width - 45):
            draw.rectangle(
                [window_x, top + 25, window_x + 30, top + 60],
                fill="#ffd966" if lit and rng.random() < 0.8 else "#fff2cc",
                outline="#333333",
            )
        x += width + rng.randint(30, 90)


def _trees(draw, rng, horizon: int, count: int = 6) -> None:
    for _ in range(count):
        tree_x = rng.randint(0, WIDTH)
        draw.rectangle(
            [tree_x - 6, horizon - 10, tree_x + 6, horizon + 40], fill="#5b3a1e"
        )
        draw.ellipse([tree_x - 40, horizon - 80, tree_x + 40, horizon], fill="#38761d")


def _community_centre(draw, rng, horizon: int) -> None:
    left, right, top = 330, 870, horizon - 260
    draw.rectangle([left, top, right, horizon], fill="#f9cb9c", outline="#333333")
    draw.rectangle([left - 20, top - 40, right + 20, top], fill="#783f04")
    draw.rectangle([540, horizon - 150, 660, horizon], fill="#0b5394")
    draw.ellipse([630, horizon - 85, 645, horizon - 70], fill="#ffd966")
    for window_x in (380, 450, 720, 790):
        draw.rectangle(
            [window_x, top + 50, window_x + 45, top + 110],
            fill="#cfe2f3",
            outline="#333333",
        )
    _trees(draw, rng, horizon, count=3)


def _playground(draw, rng, horizon: int) -> None:
    # A swing: two posts, a beam, two ropes and a seat.
    draw.line([(220, horizon), (300, horizon - 280)], fill="#990000", width=14)
    draw.line([(520, horizon), (440, horizon - 280)], fill="#990000", width=14)
    draw.line([(290, horizon - 280), (450, horizon - 280)], fill="#990000", width=16)
    draw.line([(340, horizon - 275), (345, horizon - 90)], fill="#333333", width=5)
    draw.line([(400, horizon - 275), (405, horizon - 90)], fill="#333333", width=5)
    draw.rectangle([330, horizon - 95, 420, horizon - 80], fill="#0b5394")
    # A slide: ladder, platform and chute.
    draw.rectangle([700, horizon - 230, 720, horizon], fill="#0b5394")
    draw.rectangle([700, horizon - 240, 800, horizon - 225], fill="#0b5394")
    draw.polygon(
        [(800, horizon - 240), (1020, horizon), (980, horizon), (790, horizon - 215)],
        fill="#f1c232",
    )
    for step in range(5):
        y = horizon - 40 - step * 40
        draw.line([(680, y), (720, y)], fill="#0b5394", width=6)
    draw.ellipse([560, horizon - 40, 620, horizon + 20], fill="#e06666")


def _market(draw, rng, horizon: int) -> None:
    x = 60
    colours = ["#e06666", "#6fa8dc", "#93c47d", "#f6b26b"]
    for stall in range(4):
        colour = colours[stall % len(colours)]
        left, right = x, x + 240
        draw.rectangle(
            [left + 10, horizon - 150, right - 10, horizon - 70], fill="#fff2cc"
        )
        for stripe in range(6):
            stripe_left = left + stripe * 40
            draw.polygon(
                [
                    (stripe_left, horizon - 200),
                    (stripe_left + 40, horizon - 200),
                    (stripe_left + 40, horizon - 160),
                    (stripe_left, horizon - 160),
                ],
                fill=colour if stripe % 2 == 0 else "#ffffff",
            )
        draw.line(
            [(left + 15, horizon - 160), (left + 15, horizon)], fill="#5b3a1e", width=8
        )
        draw.line(
            [(right - 15, horizon - 160), (right - 15, horizon)],
            fill="#5b3a1e",
            width=8,
        )
        for fruit in range(5):
            fruit_x = left + 40 + fruit * 35
            draw.ellipse(
                [fruit_x, horizon - 100, fruit_x + 26, horizon - 74],
                fill=rng.choice(["#cc0000", "#f1c232", "#6aa84f", "#e69138"]),
            )
        x += 280


def _river(draw, rng, horizon: int) -> None:
    draw.polygon(
        [(0, horizon + 60), (WIDTH, horizon + 20), (WIDTH, HEIGHT), (0, HEIGHT)],
        fill="#3d85c6",
    )
    for _wave in range(8):
        wave_x = rng.randint(40, WIDTH - 120)
        wave_y = rng.randint(horizon + 90, HEIGHT - 30)
        draw.arc(
            [wave_x, wave_y, wave_x + 80, wave_y + 20],
            200,
            340,
            fill="#cfe2f3",
            width=4,
        )
    draw.line([(0, horizon + 20), (WIDTH, horizon - 10)], fill="#e6d3a3", width=18)
    _trees(draw, rng, horizon - 10, count=7)


def _table(draw, rng, horizon: int) -> None:
    top = horizon - 40
    draw.rectangle([150, top, 1050, top + 24], fill="#a0522d")
    for leg_x in (180, 1010):
        draw.rectangle([leg_x, top + 24, leg_x + 18, horizon + 70], fill="#783f04")
    draw.rectangle([150, top - 6, 1050, top], fill="#ffffff")
    for place in range(7):
        centre = 210 + place * 130
        draw.ellipse(
            [centre - 38, top - 22, centre + 38, top - 2],
            fill="#ffffff",
            outline="#999999",
        )
        draw.ellipse(
            [centre - 22, top - 18, centre + 22, top - 6],
            fill=rng.choice(["#e69138", "#6aa84f", "#cc4125"]),
        )
        draw.rectangle([centre - 30, top - 130, centre + 30, top - 120], fill="#5b3a1e")
        draw.line(
            [(centre - 28, top - 120), (centre - 28, top - 30)], fill="#5b3a1e", width=8
        )
        draw.line(
            [(centre + 28, top - 120), (centre + 28, top - 30)], fill="#5b3a1e", width=8
        )
    for lamp in range(4):
        lamp_x = 240 + lamp * 240
        draw.ellipse([lamp_x, 80, lamp_x + 30, 110], fill="#ffd966")
    draw.line([(200, 90), (1060, 90)], fill="#666666", width=3)


def _garden(draw, rng, horizon: int) -> None:
    for row in range(4):
        y = horizon + 30 + row * 50
        draw.rectangle([80, y, WIDTH - 80, y + 28], fill="#783f04")
        for plant in range(14):
            plant_x = 110 + plant * 72
            colour = ["#38761d", "#6aa84f", "#93c47d", "#274e13"][row]
            draw.ellipse([plant_x, y - 26, plant_x + 40, y + 10], fill=colour)
            if row % 2 == 0 and plant % 3 == 0:
                draw.ellipse(
                    [plant_x + 12, y - 12, plant_x + 28, y + 4], fill="#cc0000"
                )
    draw.rectangle(
        [960, horizon - 140, 1080, horizon], fill="#b6d7a8", outline="#333333"
    )
    draw.polygon(
        [(950, horizon - 140), (1020, horizon - 200), (1090, horizon - 140)],
        fill="#38761d",
    )


# One drawing per scene in SCENES, in the same order, so the alt text says
# what the picture shows.
MOTIFS = [
    _houses,
    _community_centre,
    _playground,
    _market,
    _river,
    _table,
    _garden,
    lambda draw, rng, horizon: _houses(draw, rng, horizon, lit=True),
]


def draw_scene(*, sky: str, ground: str, seed: int) -> bytes:
    rng = random.Random(seed)  # noqa: S311 - a drawing, not a secret
    image = PILImage.new("RGB", (WIDTH, HEIGHT), sky)
    draw = ImageDraw.Draw(image)
    horizon = int(HEIGHT * 0.68)
    draw.rectangle([0, horizon, WIDTH, HEIGHT], fill=ground)
    draw.ellipse([WIDTH - 220, 60, WIDTH - 100, 180], fill="#ffd966")
    MOTIFS[seed % len(MOTIFS)](draw, rng, horizon)
    if seed % len(MOTIFS) in (0, 7):
        _trees(draw, rng, horizon)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def demo_images_ensure() -> list:
    """The demo illustrations, drawn once and reused on later runs."""
    image_model = get_image_model()
    collection = Collection.get_first_root_node()
    images = []
    for number, (title, description, sky, ground) in enumerate(SCENES):
        image = image_model.objects.filter(title=title).first()
        if image is None:
            content = draw_scene(sky=sky, ground=ground, seed=number)
            image = image_model(
                title=title, description=description, collection=collection
            )
            image.file = ImageFile(io.BytesIO(content), name=f"demo-{number + 1}.png")
            image.save()
        images.append(image)
    return images


# Drawn faces for the demo buurtverbinders: skin, hair and shirt colours.
PORTRAIT_SIZE = 400
SKIN = ["#f1c27d", "#e0ac69", "#c68642", "#8d5524", "#ffdbac"]
HAIR = ["#2c1b10", "#6a4e42", "#b55239", "#d6c4a8", "#090806", "#9a9a9a"]
SHIRT = ["#0b5394", "#38761d", "#990000", "#b45f06", "#674ea7", "#134f5c"]


def draw_portrait(*, seed: int) -> bytes:
    """A friendly drawn face on a coloured background (no real person)."""
    rng = random.Random(seed)  # noqa: S311 - a drawing, not a secret
    size = PORTRAIT_SIZE
    image = PILImage.new(
        "RGB",
        (size, size),
        rng.choice(["#cfe2f3", "#d9ead3", "#fff2cc", "#fce5cd", "#d9d2e9"]),
    )
    draw = ImageDraw.Draw(image)
    skin, hair = rng.choice(SKIN), rng.choice(HAIR)
    draw.ellipse([60, 300, 340, 560], fill=rng.choice(SHIRT))
    draw.rectangle([175, 250, 225, 320], fill=skin)
    draw.ellipse([110, 70, 290, 270], fill=hair)
    draw.ellipse([125, 100, 275, 290], fill=skin)
    if rng.random() < 0.5:
        draw.rectangle([125, 85, 275, 135], fill=hair)
    for eye_x in (165, 235):
        draw.ellipse([eye_x - 9, 175, eye_x + 9, 193], fill="#222222")
    draw.arc([160, 205, 240, 255], start=20, end=160, fill="#7f3b2b", width=5)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def demo_portrait_ensure(name: str):
    """The drawn portrait of the buurtverbinder ``name``, made once."""
    image_model = get_image_model()
    title = f"Buurtverbinder {name}"
    image = image_model.objects.filter(title=title).first()
    if image is None:
        image = image_model(
            title=title,
            description=f"Getekend portret van buurtverbinder {name}",
            collection=Collection.get_first_root_node(),
        )
        content = draw_portrait(seed=sum(map(ord, name)))
        image.file = ImageFile(io.BytesIO(content), name="buurtverbinder.png")
        image.save()
    return image
