import pytest

from helpboard.categories import help_categories_ensure


@pytest.fixture
def help_category(site):
    """One of the help board's own categories of ``site`` ("Boodschappen")."""
    return help_categories_ensure(site=site)["boodschappen"]
