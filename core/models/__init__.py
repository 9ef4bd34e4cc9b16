from .pages import BasePage, IndexPage, TaxonomyMixin
from .settings import PlatformSettings
from .taxonomies import Neighbourhood, PostcodeRange, TargetGroup, Theme

__all__ = [
    "BasePage",
    "IndexPage",
    "Neighbourhood",
    "PlatformSettings",
    "PostcodeRange",
    "TargetGroup",
    "TaxonomyMixin",
    "Theme",
]
