"""The security log of logins (logger ``buurtplein.security``), and session clocks.

Failed logins, lockouts and logins are logged with the account's id (never
what was typed as the username: people type their password there by mistake)
and the client's address. No passwords or e-mail addresses reach the log.
"""

import logging

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from core.antispam import client_ip

from .middleware import session_start

security_log = logging.getLogger("buurtplein.security")


def _account_id(username: str | None) -> int | None:
    if not username:
        return None
    user_model = get_user_model()
    return (
        user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username})
        .values_list("pk", flat=True)
        .first()
    )


@receiver(user_login_failed, dispatch_uid="buurtplein_login_failed")
def log_login_failed(sender, credentials: dict, request=None, **kwargs) -> None:
    security_log.warning(
        "Login failed: user_id=%s ip=%s",
        _account_id(credentials.get("username")),
        client_ip(request) if request is not None else None,
    )


@receiver(user_locked_out, dispatch_uid="buurtplein_locked_out")
def log_locked_out(sender, request, username, ip_address, **kwargs) -> None:
    security_log.warning(
        "Login locked out: user_id=%s ip=%s", _account_id(username), ip_address
    )


@receiver(user_logged_in, dispatch_uid="buurtplein_logged_in")
def start_session_clocks(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    session_start(request)
    security_log.info("Login: user_id=%s ip=%s", user.pk, client_ip(request))
