"""Background tasks (django-tasks) and mail out of the request: see docs/tasks.md.

Development and the tests run every task at once, inside the request
(django-tasks' ImmediateBackend), so `make run` needs no worker. Production
queues tasks in PostgreSQL (django-tasks-db) for `manage.py db_worker`:
production.py switches that on with ``tasks_setting("database")``, and mail then
goes through ``core.email_backends.TaskEmailBackend``, which queues each message
for delivery by ``BUURTPLEIN_EMAIL_DELIVERY_BACKEND``.
"""

from django.core.exceptions import ImproperlyConfigured

from .env import env_int, env_str

__all__ = [
    "BUURTPLEIN_EMAIL_DELIVERY_BACKEND",
    "BUURTPLEIN_TASKS_BACKEND",
    "BUURTPLEIN_TASK_MAX_ATTEMPTS",
    "BUURTPLEIN_TASK_RETRY_DELAY",
    "TASKS",
]

TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASK_EMAIL_BACKEND = "core.email_backends.TaskEmailBackend"


def tasks_setting(name: str) -> dict:
    """The TASKS setting for a BUURTPLEIN_TASKS_BACKEND value."""
    try:
        backend = TASK_BACKENDS[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"BUURTPLEIN_TASKS_BACKEND moet 'immediate' of 'database' zijn, "
            f"niet {name!r}."
        ) from None
    return {"default": {"BACKEND": backend}}


# "immediate": tasks run at once (development, tests); "database": queued for
# the worker (production's default, production.py).
BUURTPLEIN_TASKS_BACKEND = env_str("BUURTPLEIN_TASKS_BACKEND", "immediate")
TASKS = tasks_setting(BUURTPLEIN_TASKS_BACKEND)

# What the worker delivers queued mail with: the mail server from EMAIL_* (the
# EMAIL_BACKEND the environment names, SMTP by default).
BUURTPLEIN_EMAIL_DELIVERY_BACKEND = env_str(
    "BUURTPLEIN_EMAIL_DELIVERY_BACKEND",
    env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
)
if BUURTPLEIN_EMAIL_DELIVERY_BACKEND == TASK_EMAIL_BACKEND:
    raise ImproperlyConfigured(
        "BUURTPLEIN_EMAIL_DELIVERY_BACKEND moet een echte mailserver-backend zijn "
        "(de TaskEmailBackend zou elke mail eindeloos opnieuw in de wachtrij zetten)."
    )

# A failed delivery is tried again up to this many attempts in all, the first
# retry after BUURTPLEIN_TASK_RETRY_DELAY seconds and each next one four times
# later (1, 4, 16, 64 minutes by default: about an hour and a half in all).
BUURTPLEIN_TASK_MAX_ATTEMPTS = env_int("BUURTPLEIN_TASK_MAX_ATTEMPTS", 5)
BUURTPLEIN_TASK_RETRY_DELAY = env_int("BUURTPLEIN_TASK_RETRY_DELAY", 60)
