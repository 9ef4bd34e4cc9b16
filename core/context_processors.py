from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from .models import PlatformSettings
from .models.settings import AREA_WORDS, AreaTerm
from .selectors import chosen_neighbourhood


def neighbourhood(request):
    """The resident's own wijk ('mijn wijk'), for the header of every page, and
    what this platform calls its areas (``{{ area_word }}``: "wijk" or "dorp";
    ``{{ area_word.plural }}``, ``.the``, ``.this``; see ``AreaWords``).

    The words are read lazily, from the settings the page loads anyway
    (cached on the request), so a page that does not use them pays nothing.
    """
    site = Site.find_for_request(request)

    def area_words():
        if site is None:
            return AREA_WORDS[AreaTerm.WIJK]
        return PlatformSettings.for_request(request).area_words

    return {
        "current_site": site,
        "my_neighbourhood": chosen_neighbourhood(request=request, site=site),
        "area_word": SimpleLazyObject(area_words),
    }
