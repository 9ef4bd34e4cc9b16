"""Admin hooks for roles: who may give which role, and the log of role changes.

- The log actions of role changes (``services.ROLE_ACTIONS``).
- (Wagtail's user and group admin are replaced by ours, ``editorial.user_admin``,
  through the app config ``editorial.users_app.BuurtpleinUsersConfig``.)
- The user bulk actions replaced by ours (registered after Wagtail's).
- Residents' personal data (``core.personal_data``) limited to the sites a
  Beheerder administers.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import services, user_admin
from .role_access import beheerder_sites


@hooks.register("register_log_actions")
def register_role_log_actions(actions):
    actions.register_action(
        services.ROLE_GRANT_ACTION,
        _("Rol gegeven"),
        _("Iemand heeft deze persoon een rol gegeven"),
    )
    actions.register_action(
        services.ROLE_REVOKE_ACTION,
        _("Rol ingetrokken"),
        _("Iemand heeft een rol van deze persoon ingetrokken"),
    )


for bulk_action in user_admin.BULK_ACTIONS:
    # Order 1: after Wagtail's own (order 0), so ours replace them.
    hooks.register("register_bulk_action", bulk_action, order=1)


@hooks.register("personal_data_sites_for_user")
def personal_data_sites_of_beheerder(user):
    """A Beheerder of some sites sees residents' data of those sites only."""
    return beheerder_sites(user=user)
