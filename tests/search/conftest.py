"""The demo, loaded once per test module (slow: half a minute or more).

The whole module runs inside one transaction that is rolled back at its end,
so the demo never leaks into other tests; each test's own changes are rolled
back to a savepoint as usual.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

MERWESTAD = "localhost:8000"
DORPEN = "dorpen.localhost:8000"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", "--no-users", stdout=StringIO())
        yield
        transaction.set_rollback(True)
