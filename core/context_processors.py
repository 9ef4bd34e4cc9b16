from wagtail.models import Site

from .selectors import chosen_neighbourhood


def neighbourhood(request):
    """The resident's own wijk ('mijn wijk'), for the header of every page."""
    site = Site.find_for_request(request)
    return {
        "current_site": site,
        "my_neighbourhood": chosen_neighbourhood(request=request, site=site),
    }
