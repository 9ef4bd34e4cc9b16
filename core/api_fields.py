"""Serializers for API fields that are more than a plain model field.

Wagtail's API v3 accepts an ``APIField(serializer=...)`` with a DRF field and
types the field in the OpenAPI description from ``to_representation``'s return
annotation, so these keep their annotations precise.
"""

from typing import Any

from rest_framework.fields import Field
from wagtail.images.api.fields import ImageRenditionField

from .blocks import image_api_representation


class TaxonomyListField(Field):
    """Wijken, themes or target groups as ``[{"id", "name", "slug"}]``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value) -> list[dict[str, Any]]:
        return [
            {"id": obj.pk, "name": obj.name, "slug": obj.slug} for obj in value.all()
        ]


class TaxonomyItemField(Field):
    """One wijk, theme or target group as ``{"id", "name", "slug"}``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value) -> dict[str, Any] | None:
        return {"id": value.pk, "name": value.name, "slug": value.slug}


class ImageField(Field):
    """An image with its alt text and one rendition, ready for another front end."""

    def __init__(self, spec: str = "fill-1200x675", **kwargs):
        self.spec = spec
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value) -> dict[str, Any] | None:
        return image_api_representation(value, spec=self.spec)


__all__ = [
    "ImageField",
    "ImageRenditionField",
    "TaxonomyItemField",
    "TaxonomyListField",
]
