"""Wagtail's users app with Buurtplein's user and group views.

INSTALLED_APPS names ``"editorial.users_app.BuurtpleinUsersConfig"`` instead
of ``"wagtail.users"``; this module imports nothing that needs the app registry.
"""

from wagtail.users.apps import WagtailUsersAppConfig

USER_VIEWSET = "editorial.user_admin.RoleSafeUserViewSet"
GROUP_VIEWSET = "editorial.user_admin.SuperuserGroupViewSet"


class BuurtpleinUsersConfig(WagtailUsersAppConfig):
    user_viewset = USER_VIEWSET
    group_viewset = GROUP_VIEWSET
