"""Residents' requests for and offers of help as personal data (AVG).

Registered in ``helpboard/wagtail_hooks.py`` with core's
``register_personal_data`` hook; see ``core/personal_data.py``.

- Posts (the resident's request or offer): anonymised, see below.
- Responses (a neighbour's answer, with their name, address and message):
  deleted, after BUURTPLEIN_HELP_RESPONSE_RETENTION_DAYS or on request.
- Reports are anonymous, but a visitor's explanation may name someone: deleted
  after BUURTPLEIN_HELP_REPORT_RETENTION_DAYS.
- Referrals hold an organisation's address, not a resident's; the moderator's
  note and the organisation's reason may describe the resident, so they are
  emptied with the post they belong to.

Erasing a post anonymises it instead of deleting it: the municipality's report
"hulpvragen per wijk" (``editorial/report_selectors.py``) counts the rows per
wijk and status, and its published numbers must not change afterwards. What
stays is not personal: platform, wijk, theme, status and dates.
"""

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry

from core.personal_data import (
    ERASED_TEXT,
    LEGAL_BASIS_CONSENT,
    LEGAL_BASIS_LEGITIMATE_INTEREST,
    PersonalDataProvider,
    isoformat,
    site_name,
)

from .models import (
    DONE_STATUSES,
    OPEN_STATUSES,
    HelpPost,
    HelpReferral,
    HelpReport,
    HelpResponse,
    HelpStatus,
)


class HelpPostPersonalData(PersonalDataProvider):
    """Retention runs from the moment a post was closed or rejected.

    ``closed_at`` or ``rejected_at`` is that moment. Posts from before those
    were always set may lack both; for them the best moment available is the
    last time someone acted on the post (its latest log entry), then when it
    was published, then when it came in. Posts that are still open
    (submitted, waiting for a change, published) are kept.
    """

    kind = "help_posts"
    label = _("Hulpvragen en hulpaanbod")
    model = HelpPost
    retention_setting = "BUURTPLEIN_HELP_POST_RETENTION_DAYS"
    statement_form = _("Een hulpvraag of hulpaanbod plaatsen (Vraag & aanbod)")
    statement_data = _(
        "Je voornaam, je e-mailadres en/of telefoonnummer, je bericht, wanneer "
        "je hulp zoekt of biedt, je %(area)s en een categorie."
    )
    statement_purpose = _(
        "Buren die hulp vragen en buren die hulp bieden bij elkaar brengen. "
        "Alleen je voornaam, je bericht, %(the_area)s en de categorie komen op de "
        "site, nooit je e-mailadres of telefoonnummer. Kan een hulporganisatie "
        "beter helpen, dan sturen we je vraag door; je contactgegevens krijgt "
        "die pas als ze je vraag aanneemt."
    )
    statement_legal_basis = LEGAL_BASIS_CONSENT
    statement_recipients = _(
        "De buurtverbinders van je %(area)s en de redactie van de gemeente "
        "(Communicatie), die je bericht bekijken voordat het op de site komt. "
        "Een hulporganisatie als je vraag naar haar wordt doorgestuurd."
    )
    statement_retention_from = _("nadat je bericht gesloten of afgewezen is")
    anonymise_fields = {
        "title": ERASED_TEXT,
        "description": ERASED_TEXT,
        "first_name": "",
        "email": "",
        "phone": "",
        "when": "",
        "moderation_note": "",
    }

    def base_queryset(self) -> QuerySet:
        return (
            super().base_queryset().select_related("site", "neighbourhood", "category")
        )

    def after_anonymise(self, *, pks: list) -> None:
        """What hangs on an anonymised post goes with it: the neighbours'
        answers (nobody can be put in touch any more), the explanations of
        reports and the text of referrals. Its private links stop working."""
        super().after_anonymise(pks=pks)
        HelpResponse.objects.filter(post__in=pks).delete()
        HelpReport.objects.filter(post__in=pks).update(explanation="")
        HelpReferral.objects.filter(post__in=pks).update(note="", decline_reason="")
        HelpPost.objects.filter(pk__in=pks).update(link_version=F("link_version") + 1)

    def anonymise_values(self) -> dict[str, Any]:
        # An erased post leaves the board and the moderators' queue: an open
        # post is closed now. The report still counts it, as handled.
        return {
            **super().anonymise_values(),
            "status": Case(
                When(status__in=OPEN_STATUSES, then=Value(HelpStatus.CLOSED)),
                default=F("status"),
            ),
            "closed_at": Case(
                When(
                    status__in=OPEN_STATUSES,
                    then=Value(timezone.now(), output_field=DateTimeField()),
                ),
                default=F("closed_at"),
            ),
        }

    def export_record(self, record) -> dict[str, Any]:
        return {
            "id": record.pk,
            "soort": record.get_kind_display(),
            "platform": site_name(record.site),
            "titel": record.title,
            "omschrijving": record.description,
            "wanneer": record.when,
            "voornaam": record.first_name,
            "email": record.email,
            "telefoon": record.phone,
            "wijk": record.neighbourhood.name if record.neighbourhood else "",
            "categorie": record.category.name if record.category else "",
            "status": record.get_status_display(),
            "notitie_moderator": record.moderation_note,
            "ingediend_op": isoformat(record.created_at),
            "gepubliceerd_op": isoformat(record.published_at),
            "afgesloten_op": isoformat(record.closed_at),
        }

    def expired(self, *, now: datetime.datetime) -> QuerySet:
        last_change = (
            ModelLogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(self.model),
                object_id=Cast(OuterRef("pk"), CharField()),
            )
            .order_by("-timestamp")
            .values("timestamp")[:1]
        )
        return (
            self.base_queryset()
            .filter(status__in=DONE_STATUSES)
            .annotate(
                retention_from=Coalesce(
                    "closed_at",
                    "rejected_at",
                    Subquery(last_change),
                    "published_at",
                    "created_at",
                )
            )
            .filter(retention_from__lt=self.cutoff(now=now))
            .order_by()
        )


class HelpResponsePersonalData(PersonalDataProvider):
    """A neighbour's answer: deleted once its retention (from when it was sent)
    has passed; it has done its work when it was forwarded."""

    kind = "help_responses"
    label = _("Reacties op vraag en aanbod")
    model = HelpResponse
    retention_setting = "BUURTPLEIN_HELP_RESPONSE_RETENTION_DAYS"
    statement_form = _("Reageren op een hulpvraag of hulpaanbod")
    statement_data = _(
        "Je naam, je e-mailadres en/of telefoonnummer en, als je wilt, een bericht."
    )
    statement_purpose = _(
        "Je reactie doorsturen naar de buur die het bericht plaatste. Jij ziet "
        "het e-mailadres van die buur niet; die kan jou wel antwoorden."
    )
    statement_legal_basis = LEGAL_BASIS_CONSENT
    statement_recipients = _(
        "De buur die het bericht plaatste (per e-mail). Bij misbruik ook de "
        "buurtverbinders en de redactie van de gemeente."
    )
    statement_retention_from = _("nadat je reactie verstuurd is")
    site_field = "post__site"

    def base_queryset(self) -> QuerySet:
        return super().base_queryset().select_related("post", "post__site")

    def export_record(self, record) -> dict[str, Any]:
        return {
            "id": record.pk,
            "platform": site_name(record.post.site),
            "bericht_van_de_bewoner": record.post.title,
            "naam": record.name,
            "email": record.email,
            "telefoon": record.phone,
            "bericht": record.message,
            "verstuurd_op": isoformat(record.created_at),
            "doorgestuurd_op": isoformat(record.forwarded_at),
        }

    def expired(self, *, now: datetime.datetime) -> QuerySet:
        return self.base_queryset().filter(created_at__lt=self.cutoff(now=now))


class HelpReportPersonalData(PersonalDataProvider):
    """Reports are anonymous: nobody can be found in them by address. Their
    explanation is free text, so they are deleted after their retention."""

    kind = "help_reports"
    label = _("Meldingen over vraag en aanbod")
    model = HelpReport
    retention_setting = "BUURTPLEIN_HELP_REPORT_RETENTION_DAYS"
    statement_form = _("Een bericht op Vraag & aanbod melden")
    statement_data = _(
        "Alleen de reden en, als je wilt, een toelichting. Een melding is "
        "anoniem: we vragen geen naam of e-mailadres."
    )
    statement_purpose = _("Ongepaste berichten snel van de site halen.")
    statement_legal_basis = LEGAL_BASIS_LEGITIMATE_INTEREST
    statement_recipients = _("De buurtverbinders en de redactie van de gemeente.")
    statement_retention_from = _("nadat je melding binnenkwam")
    site_field = "post__site"

    def records_for(self, *, email: str) -> QuerySet:
        return self.model._default_manager.none()

    def export_record(self, record) -> dict[str, Any]:  # never called: no records
        return {"id": record.pk}

    def expired(self, *, now: datetime.datetime) -> QuerySet:
        return self.base_queryset().filter(created_at__lt=self.cutoff(now=now))


def help_board_personal_data() -> list[PersonalDataProvider]:
    return [
        HelpPostPersonalData(),
        HelpResponsePersonalData(),
        HelpReportPersonalData(),
    ]
