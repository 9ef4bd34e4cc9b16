"""Wagtail's users app with Buurtplein's user and group views.

To use it, put ``"editorial.users_app.BuurtpleinUsersConfig"`` in
INSTALLED_APPS instead of ``"wagtail.users"``: this module imports nothing
that needs the app registry. Until then ``editorial.role_hooks`` points the
stock config at the same views.
"""

from wagtail.users.apps import WagtailUsersAppConfig

USER_VIEWSET = "editorial.user_admin.RoleSafeUserViewSet"
GROUP_VIEWSET = "editorial.user_admin.SuperuserGroupViewSet"


class BuurtpleinUsersConfig(WagtailUsersAppConfig):
    user_viewset = USER_VIEWSET
    group_viewset = GROUP_VIEWSET
