from django.db import migrations


class Migration(migrations.Migration):
    """Help posts have their own categories now (0006 moved them over)."""

    dependencies = [
        ("helpboard", "0006_default_help_categories"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="helppost",
            name="theme",
        ),
    ]
