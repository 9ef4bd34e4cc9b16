import factory
from factory.django import DjangoModelFactory

from vacancies.models import (
    Engagement,
    TimeCommitment,
    VacancyIndexPage,
    VacancyPage,
    VacancyResponse,
)

from .core import PublishedPageFactory, default_site
from .home import HomePageFactory
from .neighbourhoods import NeighbourhoodPageFactory


class VacancyIndexPageFactory(PublishedPageFactory):
    title = "Vrijwilligerswerk"
    introduction = "Doe mee in de buurt: kies wat bij je past."
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = VacancyIndexPage


class VacancyPageFactory(PublishedPageFactory):
    """A vacancy under a wijk or organisation. Pass ``skills=[...]`` for tags."""

    title = factory.Sequence(lambda n: f"Chauffeur voor de boodschappenbus {n}")
    introduction = "Rij je graag? Help buren naar de supermarkt."
    what_you_do = "<p>Je haalt buren op en brengt ze naar de winkel.</p>"
    what_we_ask = "<p>Je hebt een rijbewijs B en je bent geduldig.</p>"
    what_we_offer = "<p>Een gezellig team en een onkostenvergoeding.</p>"
    time_commitment = TimeCommitment.UP_TO_4_WEEK
    time_commitment_note = "Dinsdagochtend, 3 uur"
    engagement = Engagement.ONGOING
    location_text = "Merwestad"
    contact_name = "Petra de Vries"
    contact_email = "vrijwilligers@example.org"
    parent = factory.SubFactory(NeighbourhoodPageFactory)

    class Meta:
        model = VacancyPage
        skip_postgeneration_save = True

    @factory.post_generation
    def skills(obj, create, extracted, **kwargs):
        if extracted:
            obj.skills.set(extracted)
            if create:
                obj.save()


class VacancyResponseFactory(DjangoModelFactory):
    """A resident's "Ik wil helpen" on ``vacancy`` (a fresh vacancy by default)."""

    vacancy = factory.SubFactory(VacancyPageFactory)
    site = factory.LazyAttribute(lambda obj: obj.vacancy.get_site() or default_site())
    name = factory.Sequence(lambda n: f"Buur {n}")
    email = factory.Sequence(lambda n: f"buur{n}@example.org")
    phone = ""
    message = "Ik help graag, ik heb op dinsdag tijd."
    consent = True

    class Meta:
        model = VacancyResponse
