"""Residents' responses to vacancies ("Ik wil helpen") as personal data (AVG).

Registered in ``vacancies/wagtail_hooks.py`` with core's
``register_personal_data`` hook; see ``core/personal_data.py``.
"""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.personal_data import (
    LEGAL_BASIS_CONSENT,
    PersonalDataProvider,
    isoformat,
    site_name,
)

from .models import VacancyResponse
from .selectors import vacancy_responses_older_than


class VacancyResponsePersonalData(PersonalDataProvider):
    """Responses are deleted: no report counts them. Retention runs from when
    the response came in."""

    kind = "vacancy_responses"
    label = _("Reacties op vrijwilligerswerk")
    model = VacancyResponse
    retention_setting = "BUURTPLEIN_VACANCY_RESPONSE_RETENTION_DAYS"
    statement_form = _("Reageren op vrijwilligerswerk ('Ik wil helpen')")
    statement_data = _("Je naam, je e-mailadres en/of telefoonnummer, en je bericht.")
    statement_purpose = _(
        "De organisatie of %(the_area)s van het vrijwilligerswerk met jou in contact "
        "brengen."
    )
    statement_legal_basis = LEGAL_BASIS_CONSENT
    statement_recipients = _(
        "De contactpersoon van het vrijwilligerswerk krijgt je reactie per "
        "e-mail. In de beheeromgeving zien alleen de redacteuren van die "
        "organisatie, de buurtverbinders van %(the_area)s en de redactie van de "
        "gemeente je reactie."
    )
    statement_retention_from = _("nadat je reactie binnenkwam")

    def base_queryset(self) -> QuerySet:
        return super().base_queryset().select_related("vacancy", "site")

    def export_record(self, record: VacancyResponse) -> dict[str, Any]:
        return {
            "id": record.pk,
            "platform": site_name(record.site),
            "vacature": record.vacancy.title,
            "vacature_adres": record.vacancy.full_url or "",
            "naam": record.name,
            "email": record.email,
            "telefoon": record.phone,
            "bericht": record.message,
            "toestemming": record.consent,
            "ontvangen_op": isoformat(record.created_at),
            "gemaild_op": isoformat(record.emailed_at),
        }

    def expired(self, *, now: datetime.datetime) -> QuerySet:
        return vacancy_responses_older_than(moment=self.cutoff(now=now))
