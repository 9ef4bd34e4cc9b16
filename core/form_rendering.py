"""One way to render a form field on every public page.

``FORM_RENDERER`` points here, so ``{{ form.field.as_field_group }}`` (and
``{{ form }}``) draw each field with ``templates/forms/field.html``: label with
"verplicht" in words, help text, errors, and the widget tied to both through
``aria-describedby`` (Django adds the ids). Widgets keep Django's own templates;
only templates under ``forms/`` come from the project's template engine.
"""

from django.forms.renderers import DjangoTemplates
from django.template.loader import get_template


class FormRenderer(DjangoTemplates):
    field_template_name = "forms/field.html"
    form_template_name = "forms/form.html"

    def get_template(self, template_name):
        if template_name.startswith("forms/"):
            return get_template(template_name)
        return super().get_template(template_name)
