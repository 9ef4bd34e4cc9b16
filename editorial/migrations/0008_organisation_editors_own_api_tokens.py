"""Organisation editors make, rename and revoke their own API tokens, to keep
their profile, events and vacancies up to date from their own system through
the API (editorial/api_writes.py). Beheerders never: they may change users,
and Wagtail lets whoever may change users make tokens for others."""

from django.db import migrations

ORGANISATION_EDITORS = "Organisatie-redacteuren"
BEHEERDERS = "Beheerders"
API_TOKEN = ("add_apitoken", "change_apitoken", "delete_apitoken")


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=API_TOKEN
    )


def give_own_tokens(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(_permissions(apps))
    for group in Group.objects.filter(name=ORGANISATION_EDITORS):
        group.permissions.add(*permissions)
    for group in Group.objects.filter(name=BEHEERDERS):
        group.permissions.remove(*permissions)


def take_own_tokens(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = list(_permissions(apps))
    for group in Group.objects.filter(name=ORGANISATION_EDITORS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("editorial", "0007_beheerders_without_group_permissions"),
    ]

    operations = [migrations.RunPython(give_own_tokens, take_own_tokens)]
