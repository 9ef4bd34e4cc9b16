from django.shortcuts import render
from wagtail.models import Site

from .selectors import search_page_context


def search(request):
    """The site search: every content type, optionally narrowed to one."""
    site = Site.find_for_request(request)
    context = search_page_context(request=request, site=site)
    return render(request, "home/search.html", context)
