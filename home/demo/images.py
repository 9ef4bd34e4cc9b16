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


def draw_scene(*, sky: str, ground: str, seed: int) -> bytes:
    rng = random.Random(seed)  # noqa: S311 - a drawing, not a secret
    image = PILImage.new("RGB", (WIDTH, HEIGHT), sky)
    draw = ImageDraw.Draw(image)
    horizon = int(HEIGHT * 0.68)
    draw.rectangle([0, horizon, WIDTH, HEIGHT], fill=ground)
    draw.ellipse([WIDTH - 220, 60, WIDTH - 100, 180], fill="#ffd966")
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
                fill="#fff2cc",
                outline="#333333",
            )
        x += width + rng.randint(30, 90)
    for _ in range(6):
        tree_x = rng.randint(0, WIDTH)
        draw.rectangle(
            [tree_x - 6, horizon - 10, tree_x + 6, horizon + 40], fill="#5b3a1e"
        )
        draw.ellipse([tree_x - 40, horizon - 80, tree_x + 40, horizon], fill="#38761d")
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
