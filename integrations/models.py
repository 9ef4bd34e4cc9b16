"""Front ends and systems that use a site's API (per Wagtail Site).

- ``ApiClient``: a front end the site lists (the municipality's website, a wijk
  app, a kiosk). Its key goes in the ``X-Buurtplein-Client`` header of a
  submission (``integrations.clients.require_client``); its origins may call
  the site's API from a browser (CORS, ``integrations.cors``). Only a SHA-256
  hash of the key is stored: the key is shown once, when the client is made.
- ``Webhook``: an address that is told, signed with its secret, when a page of
  the site is published, unpublished, moved or deleted (``integrations.webhooks``).
- ``WebhookDelivery``: one event for one webhook, with every attempt's outcome.
"""

import hashlib
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from .validators import validate_origins, validate_preview_url, validate_webhook_url

CLIENT_KEY_PREFIX = "bpc_"


def client_key_hash(key: str) -> str:
    """The SHA-256 (hex) of a client key, as stored and looked up."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def client_key_generate() -> str:
    """A new key: a recognisable prefix and 256 random bits."""
    return CLIENT_KEY_PREFIX + secrets.token_urlsafe(32)


def webhook_secret_generate() -> str:
    return secrets.token_urlsafe(32)


class ApiClient(models.Model):
    site = models.ForeignKey(
        Site,
        on_delete=models.CASCADE,
        related_name="api_clients",
        verbose_name=_("platform"),
    )
    name = models.CharField(
        _("naam"),
        max_length=100,
        help_text=_("Welke front-end dit is, bijvoorbeeld 'Website gemeente'."),
    )
    key_hash = models.CharField(
        _("sleutel (SHA-256)"), max_length=64, unique=True, editable=False
    )
    key_hint = models.CharField(
        _("sleutel begint met"),
        max_length=12,
        editable=False,
        help_text=_("De eerste tekens van de sleutel, om hem te herkennen."),
    )
    allowed_origins = models.JSONField(
        _("toegestane herkomsten"),
        default=list,
        blank=True,
        validators=[validate_origins],
        help_text=_(
            "Vanaf welke websites een browser de API van dit platform mag "
            "gebruiken (CORS): één per regel, zoals https://www.gemeente.nl."
        ),
    )
    preview_url = models.URLField(
        _("voorbeeld-adres"),
        max_length=500,
        blank=True,
        validators=[validate_preview_url],
        help_text=_(
            "Optioneel: de pagina van deze front-end die een concept toont, zoals "
            "https://www.gemeente.nl/voorbeeld/. Buurtplein voegt ?token=… toe."
        ),
    )
    is_active = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_(
            "Een uitgeschakelde koppeling kan niets meer insturen en krijgt geen CORS."
        ),
    )
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    last_used_at = models.DateTimeField(
        _("laatst gebruikt"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("API-koppeling")
        verbose_name_plural = _("API-koppelingen")
        ordering = ["site", "name"]

    def __str__(self):
        return self.name

    def key_set(self) -> str:
        """Give the client a new key (not saved) and return it: the only
        moment anyone sees it."""
        key = client_key_generate()
        self.key_hash = client_key_hash(key)
        self.key_hint = key[: len(CLIENT_KEY_PREFIX) + 4]
        return key


class WebhookEvent(models.TextChoices):
    PUBLISH = "publish", _("gepubliceerd")
    UNPUBLISH = "unpublish", _("gedepubliceerd")
    MOVE = "move", _("verplaatst")
    DELETE = "delete", _("verwijderd")


def all_events() -> list[str]:
    return list(WebhookEvent.values)


class Webhook(models.Model):
    site = models.ForeignKey(
        Site,
        on_delete=models.CASCADE,
        related_name="webhooks",
        verbose_name=_("platform"),
    )
    name = models.CharField(_("naam"), max_length=100)
    url = models.URLField(
        _("adres"),
        max_length=500,
        validators=[validate_webhook_url],
        help_text=_(
            "Het https-adres dat een POST krijgt bij elke gebeurtenis. Adressen "
            "in een intern netwerk zijn niet toegestaan."
        ),
    )
    secret = models.CharField(
        _("geheim"),
        max_length=64,
        default=webhook_secret_generate,
        editable=False,
        help_text=_(
            "Waarmee de ontvanger de handtekening (X-Buurtplein-Signature) controleert."
        ),
    )
    events = models.JSONField(
        _("gebeurtenissen"),
        default=all_events,
        help_text=_(
            "Bij welke gebeurtenissen van pagina's het adres een bericht krijgt."
        ),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["site", "name"]

    def __str__(self):
        return self.name


class WebhookDelivery(models.Model):
    webhook = models.ForeignKey(
        Webhook,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("webhook"),
    )
    event = models.CharField(
        _("gebeurtenis"), max_length=20, choices=WebhookEvent.choices
    )
    page_id = models.PositiveIntegerField(_("pagina-ID"))
    payload = models.JSONField(_("bericht"))
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    status_code = models.PositiveSmallIntegerField(
        _("HTTP-status"), null=True, blank=True
    )
    error = models.CharField(_("fout"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    delivered_at = models.DateTimeField(_("afgeleverd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook-bericht")
        verbose_name_plural = _("webhook-berichten")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_event_display()} {self.page_id} → {self.webhook}"


class WebhookAttempt(models.Model):
    """One try to deliver a message: what the receiver answered, or the error."""

    delivery = models.ForeignKey(
        WebhookDelivery,
        on_delete=models.CASCADE,
        related_name="attempt_log",
        verbose_name=_("bericht"),
    )
    number = models.PositiveSmallIntegerField(_("poging"))
    status_code = models.PositiveSmallIntegerField(
        _("HTTP-status"), null=True, blank=True
    )
    error = models.CharField(_("fout"), max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(_("duur (ms)"), default=0)
    attempted_at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        verbose_name = _("poging")
        verbose_name_plural = _("pogingen")
        ordering = ["delivery", "number"]

    def __str__(self):
        outcome = self.error or f"HTTP {self.status_code}"
        when = timezone.localtime(self.attempted_at).strftime("%d-%m-%Y %H:%M:%S")
        return f"#{self.number} {when}: {outcome}"
