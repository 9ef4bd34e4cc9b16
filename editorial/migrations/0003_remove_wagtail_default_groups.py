"""Wagtail creates "Moderators" and "Editors" with rights on the whole tree.

On a platform for several municipalities such a group would give a role in
every site at once, so the empty default groups go; roles come from teams.
"""

from django.db import migrations

WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")


def remove_empty_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_teams_and_taalcheck_task"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunPython(remove_empty_default_groups, migrations.RunPython.noop)
    ]
