"""Beheerders no longer manage groups: whoever may edit a group's permissions
can give any role, superuser powers excepted, to themselves. Roles are given
on Instellingen → Rollen; only superusers edit groups."""

from django.db import migrations

BEHEERDERS = "Beheerders"
GROUP_MANAGEMENT = ("add_group", "change_group", "delete_group")


def strip_group_management(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="auth", codename__in=GROUP_MANAGEMENT
    )
    for group in Group.objects.filter(name=BEHEERDERS):
        group.permissions.remove(*permissions)


def give_group_management_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="auth", codename__in=GROUP_MANAGEMENT
    )
    for group in Group.objects.filter(name=BEHEERDERS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("editorial", "0006_team_per_page_and_role_site_beheerders"),
    ]

    operations = [
        migrations.RunPython(strip_group_management, give_group_management_back)
    ]
