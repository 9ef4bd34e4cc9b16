from .pages import BasePage, IndexPage, TaxonomyMixin
from .settings import PlatformSettings
from .suggestions import Suggestion, SuggestionKind, SuggestionStatus
from .taxonomies import Neighbourhood, PostcodeRange, TargetGroup, Theme

__all__ = [
    "BasePage",
    "IndexPage",
    "Neighbourhood",
    "PlatformSettings",
    "PostcodeRange",
    "Suggestion",
    "SuggestionKind",
    "SuggestionStatus",
    "TargetGroup",
    "TaxonomyMixin",
    "Theme",
]
