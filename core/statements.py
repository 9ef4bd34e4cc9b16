"""The privacy and accessibility statements every platform publishes.

Dutch municipalities publish both, following national models: the privacy
statement (the "modelprivacyverklaring": who is responsible, which data for
which purpose on which legal basis, who receives it, how long it is kept, the
resident's rights and how to use them, the data protection officer, the
Autoriteit Persoonsgegevens) and the accessibility statement (the model of
toegankelijkheidsverklaring.nl: status A to E, known issues, contact, and
where to complain).

The privacy statement is built from the privacy register, the providers
registered with ``core.personal_data`` (each says in plain Dutch what its form
asks, why and who sees it), so a new form cannot go live without its place in
the statement. The rest comes from the site's ``PlatformSettings``. When a
municipality has its own statement, the settings link to it instead
(``PlatformSettings.privacy_statement_link``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import PlatformSettings
from .models.settings import AccessibilityStatus, AreaWords
from .personal_data import PersonalDataProvider, personal_data_providers

AUTHORITY_URL = "https://www.autoriteitpersoonsgegevens.nl/"
OMBUDSMAN_URL = "https://www.nationaleombudsman.nl/"
WCAG_URL = "https://www.w3.org/TR/WCAG21/"

# What each status of the model accessibility statement means, in plain words.
ACCESSIBILITY_STATUS_EXPLANATION = {
    AccessibilityStatus.A: _(
        "Een deskundige partij heeft de site onderzocht. De site voldoet "
        "volledig aan de eisen."
    ),
    AccessibilityStatus.B: _(
        "Een deskundige partij heeft de site onderzocht. De site voldoet nog "
        "niet aan alle eisen; hieronder staat wat nog niet goed werkt en wat "
        "we eraan doen."
    ),
    AccessibilityStatus.C: _(
        "We hebben de site gebouwd volgens de eisen en testen hem daar steeds "
        "op, maar een volledig onderzoek door een deskundige partij is nog "
        "niet gedaan."
    ),
    AccessibilityStatus.D: _(
        "We hebben nog geen maatregelen genomen om de site toegankelijk te maken."
    ),
    AccessibilityStatus.E: _("De site voldoet (nog) niet aan de eisen."),
}


@dataclass(frozen=True)
class RegisterEntry:
    """One kind of personal data, as the privacy statement shows it."""

    kind: str
    form: Any
    data: Any
    purpose: Any
    legal_basis: Any
    recipients: Any
    retention_days: int
    retention_from: Any
    anonymised: bool


def _in_words_of(text: Any, area_word: AreaWords) -> str:
    """The text with the platform's word for its areas ("je dorp")."""
    text = str(text)
    if "%(" not in text:
        return text
    return text % {"area": area_word.singular, "the_area": area_word.the}


def register_entry(
    provider: PersonalDataProvider, *, area_word: AreaWords
) -> RegisterEntry:
    def words(text: Any) -> str:
        return _in_words_of(text, area_word)

    return RegisterEntry(
        kind=provider.kind,
        form=words(provider.statement_form or provider.label),
        data=words(provider.statement_data),
        purpose=words(provider.statement_purpose),
        legal_basis=words(provider.statement_legal_basis),
        recipients=words(provider.statement_recipients),
        retention_days=provider.retention_days(),
        retention_from=words(provider.statement_retention_from),
        anonymised=bool(provider.anonymise_fields),
    )


def privacy_register_entries(*, area_word: AreaWords) -> list[RegisterEntry]:
    """Every registered kind of residents' personal data, in hook order."""
    return [
        register_entry(provider, area_word=area_word)
        for provider in personal_data_providers()
    ]


def privacy_statement_context(*, settings: PlatformSettings) -> dict[str, Any]:
    """What the privacy statement of one platform says."""
    return {
        "platform": settings,
        "controller": settings.municipality or settings.platform_name,
        "privacy_email": settings.privacy_email,
        "entries": privacy_register_entries(area_word=settings.area_words),
        "authority_url": AUTHORITY_URL,
    }


def accessibility_statement_context(*, settings: PlatformSettings) -> dict[str, Any]:
    """What the accessibility statement of one platform says."""
    issues = [
        line.strip()
        for line in settings.accessibility_known_issues.splitlines()
        if line.strip()
    ]
    status = AccessibilityStatus(settings.accessibility_status)
    return {
        "platform": settings,
        "organisation": settings.municipality or settings.platform_name,
        "status": status,
        "status_label": status.label,
        "status_explanation": ACCESSIBILITY_STATUS_EXPLANATION[status],
        "known_issues": issues,
        "contact_email": settings.contact_email,
        "contact_phone": settings.contact_phone,
        "wcag_url": WCAG_URL,
        "ombudsman_url": OMBUDSMAN_URL,
    }
