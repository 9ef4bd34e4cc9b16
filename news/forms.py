"""The news item's admin form: a new item starts with today's date.

``NewsPage.date`` has no model default on purpose: Django gives a field with a
callable default a hidden "initial" input that Wagtail's editor never renders,
so the field always looked changed and every "Goedkeuren" in the editor saved
a new revision and restarted the approval workflow.
"""

from django.utils import timezone

from core.page_forms import SiteScopedPageForm


class NewsPageForm(SiteScopedPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding and not self.initial.get("date"):
            self.initial["date"] = timezone.localdate()
