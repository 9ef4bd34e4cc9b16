"""The admin form of every Buurtplein page: choices limited to the page's own site."""

from django.db.models import QuerySet
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Site

from .models.taxonomies import Neighbourhood


class SiteScopedPageForm(WagtailAdminPageForm):
    """Wijken and locations from the page's own municipality platform only.

    One installation serves several municipalities: an editor of one must not
    tag a page with another's wijk or point an event at another's location.
    A value from elsewhere fails validation like any invalid choice.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site = self._site()
        if site is None:
            return
        for name in ("neighbourhoods", "neighbourhood"):
            if name in self.fields:
                self.fields[name].queryset = Neighbourhood.objects.filter(site=site)
        if "location" in self.fields:
            self.fields["location"].queryset = self._in_site(
                self.fields["location"].queryset, site=site
            )

    def _site(self) -> Site | None:
        page = self.instance if self.instance.pk else self.parent_page
        return page.get_site() if page is not None else None

    @staticmethod
    def _in_site(queryset: QuerySet, *, site: Site) -> QuerySet:
        # Locations belong to an organisation page (``page``) in the site's tree.
        return queryset.filter(page__path__startswith=site.root_page.path)
