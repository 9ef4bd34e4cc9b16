"""One migrated test database per run, copied to every xdist worker.

Without this, each pytest-xdist worker runs every migration (Wagtail's, Django's
and ours: several hundred) to build its own test database, on SQLite and again
on PostgreSQL. Here the first worker of a run migrates a template under a file
lock and every worker copies it: PostgreSQL with ``CREATE DATABASE … TEMPLATE``,
SQLite through the sqlite3 backup API into the worker's in-memory database.
The template belongs to the run (xdist's ``testrunuid`` is in its name), so a
changed migration can never meet a stale copy; it is removed when the run ends.

Without xdist (``-n 0``) pytest-django's own setup runs unchanged.
"""

import fcntl
import os
import sqlite3
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from django.conf import settings
from django.db import DatabaseError, connections

TEMPLATE_DIR = Path(tempfile.gettempdir())


@contextmanager
def _run_lock(name: str):
    with open(TEMPLATE_DIR / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _migrate_into(connection, test_name) -> None:
    """Build a migrated database named ``test_name`` with Django's own machinery."""
    test_settings = connection.settings_dict["TEST"]
    worker_name = test_settings["NAME"]
    test_settings["NAME"] = test_name
    try:
        connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False, keepdb=False
        )
    finally:
        test_settings["NAME"] = worker_name
        connection.close()


def _postgresql_database_exists(cursor, name: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    return cursor.fetchone() is not None


def _drop_stale_templates(connection, original_name: str) -> None:
    """Templates of earlier runs that ended without removing theirs."""
    quote = connection.ops.quote_name
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s",
            [f"{original_name}\\_tpl\\_%"],
        )
        for (name,) in cursor.fetchall():
            # In use by a run still going: left for later.
            with suppress(DatabaseError):
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")


def _setup_postgresql(connection, run: str) -> tuple[str, str]:
    """Clone the run's template into this worker's test database."""
    original_name = connection.settings_dict["NAME"]
    worker_name = connection.creation._get_test_db_name()
    template = f"{original_name}_tpl_{run}"[:63]
    quote = connection.ops.quote_name
    with _run_lock(template):
        with connection.creation._nodb_cursor() as cursor:
            exists = _postgresql_database_exists(cursor, template)
        if not exists:
            _drop_stale_templates(connection, original_name)
            building = f"{template[:54]}_building"
            _migrate_into(connection, building)
            connection.settings_dict["NAME"] = original_name
            with connection.creation._nodb_cursor() as cursor:
                cursor.execute(
                    f"ALTER DATABASE {quote(building)} RENAME TO {quote(template)}"
                )
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(worker_name)}")
            cursor.execute(
                f"CREATE DATABASE {quote(worker_name)} TEMPLATE {quote(template)}"
            )
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = worker_name
    connection.settings_dict["NAME"] = worker_name
    connection.ensure_connection()
    return original_name, template


def _setup_sqlite(connection, run: str) -> tuple[str, str]:
    """Copy the run's migrated template file into this worker's in-memory database."""
    original_name = connection.settings_dict["NAME"]
    template = TEMPLATE_DIR / f"buurtplein-tests-{run}.sqlite3"
    with _run_lock(template.name):
        if not template.exists():
            building = template.with_suffix(".building")
            building.unlink(missing_ok=True)
            _migrate_into(connection, str(building))
            building.rename(template)
    worker_name = connection.creation._get_test_db_name()
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = worker_name
    connection.settings_dict["NAME"] = worker_name
    connection.ensure_connection()
    source = sqlite3.connect(template)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    return original_name, str(template)


def _teardown(connection, original_name: str, template: str) -> None:
    worker_name = connection.settings_dict["NAME"]
    connection.close()
    if connection.vendor == "postgresql":
        connection.settings_dict["NAME"] = original_name
        quote = connection.ops.quote_name
        # A live server's thread may still hold a connection (the next run
        # drops the worker's database before copying), and the template goes
        # with the last worker to finish.
        for name in (worker_name, template):
            with connection.creation._nodb_cursor() as cursor:
                with suppress(DatabaseError):
                    cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
    else:
        Path(template).unlink(missing_ok=True)
        Path(TEMPLATE_DIR / f"{Path(template).name}.lock").unlink(missing_ok=True)
    settings.DATABASES[connection.alias]["NAME"] = original_name
    connection.settings_dict["NAME"] = original_name


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_modify_db_settings,
):
    workerinput = getattr(request.config, "workerinput", None)
    if workerinput is None:
        # One process: Django's own setup, as pytest-django does it.
        from django.test.utils import setup_databases, teardown_databases

        with django_db_blocker.unblock():
            databases = setup_databases(
                verbosity=0, interactive=False, aliases={"default"}
            )
        yield
        with django_db_blocker.unblock():
            try:
                teardown_databases(databases, verbosity=0)
            except DatabaseError as error:  # a live server's connection
                request.node.warn(
                    pytest.PytestWarning(f"Test database kept: {error!r}")
                )
        return

    run = workerinput["testrunuid"][:12]
    connection = connections["default"]
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            original_name, template = _setup_postgresql(connection, run)
        else:
            original_name, template = _setup_sqlite(connection, run)
    os.environ.setdefault("BUURTPLEIN_TEST_TEMPLATE", template)
    yield
    with django_db_blocker.unblock():
        _teardown(connection, original_name, template)
