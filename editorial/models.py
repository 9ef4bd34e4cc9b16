"""Editorial models. Roles, workflows and reports build on Wagtail's own models."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class OfficialeseTerm(models.Model):
    """A word or phrase the taalcheck flags, with the plain word to use instead."""

    term = models.CharField(
        _("ambtelijk woord of zinsdeel"),
        max_length=100,
        unique=True,
        help_text=_("Bijvoorbeeld 'teneinde' of 'met betrekking tot'."),
    )
    alternative = models.CharField(
        _("gewone woorden"),
        max_length=100,
        help_text=_("Wat je beter kunt schrijven, bijvoorbeeld 'om' of 'over'."),
    )

    panels = [FieldPanel("term"), FieldPanel("alternative")]

    class Meta:
        ordering = ["term"]
        verbose_name = _("ambtelijk woord")
        verbose_name_plural = _("ambtelijke woorden")

    def __str__(self) -> str:
        return f"{self.term} → {self.alternative}"

    def save(self, *args, **kwargs):
        self.term = " ".join(self.term.lower().split())
        super().save(*args, **kwargs)
