from django.shortcuts import render
from wagtail.models import Site

from socialmap.selectors import social_map_matches

from .selectors import search_page_context


def search(request):
    """The site search: every content type, optionally narrowed to one."""
    site = Site.find_for_request(request)
    context = search_page_context(request=request, site=site)
    context["social_map_matches"] = social_map_matches(
        site=site, query=context["search_query"], request=request
    )
    return render(request, "home/search.html", context)
