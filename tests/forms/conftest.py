import datetime

import pytest
from django.utils import timezone

from helpboard.categories import help_categories_ensure
from helpboard.models import HelpStatus
from tests.factories import (
    OrganisationPageFactory,
    SocialMapPageFactory,
    VacancyPageFactory,
)
from tests.factories.helpboard import HelpBoardPageFactory, HelpRequestFactory

RESIDENT_EMAIL = "ans@example.org"


@pytest.fixture
def help_board(home_page):
    return HelpBoardPageFactory(parent=home_page)


@pytest.fixture
def categories(site):
    return help_categories_ensure(site=site)


@pytest.fixture
def post(site, help_board):
    """A published request of a resident who left an e-mail address."""
    return HelpRequestFactory(
        site=site,
        status=HelpStatus.PUBLISHED,
        title="Wie helpt met de tuin?",
        first_name="Ans",
        email=RESIDENT_EMAIL,
        phone="",
    )


@pytest.fixture
def vacancy(home_page):
    organisation = OrganisationPageFactory(
        parent=SocialMapPageFactory(parent=home_page),
        title="Buurtteam Merwestad",
        email="info@buurtteam.example",
    )
    return VacancyPageFactory(
        parent=organisation,
        title="Chauffeur boodschappenbus",
        contact_name="Petra de Vries",
        contact_email="petra@buurtteam.example",
        closing_date=timezone.localdate() + datetime.timedelta(days=10),
    )
