"""Rich text of every page type, live and in its latest revision, in the
format the editor stores it (see core/rich_text.py): without it, the first
"Goedkeuren" in the editor of an imported or demo page saved a phantom change
and restarted the approval workflow.

It lives in ``news`` because that is where the trap was found; it depends on
the migrations of every app with page types, so all their columns exist.
"""

from django.db import migrations


def normalise(apps, schema_editor):
    from core.rich_text import stored_rich_text_normalise

    stored_rich_text_normalise(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_news_date_without_callable_default"),
        ("agenda", "0003_safe_url_schemes"),
        ("socialmap", "0003_safe_url_schemes"),
        ("vacancies", "0002_vacancy_responses"),
        ("neighbourhoods", "0002_safe_url_schemes"),
        ("home", "0002_safe_url_schemes"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
