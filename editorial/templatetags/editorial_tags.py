from django import template
from wagtail.models import Page

from ..selectors import page_plain_language_report

register = template.Library()


@register.inclusion_tag("editorial/taalcheck_report.html")
def taalcheck_report(task_state):
    """The taalcheck of the revision a workflow task is about."""
    revision = getattr(task_state, "revision", None)
    page = revision.as_object() if revision is not None else None
    if not isinstance(page, Page):
        return {"report": None}
    return {"report": page_plain_language_report(page=page)}
