"""Editorial models. Roles, workflows and reports build on Wagtail's own models."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Collection, Task, TaskState


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


class TeamRole(models.TextChoices):
    BUURTVERBINDERS = "buurtverbinders", _("Buurtverbinders")
    ORGANISATION_EDITORS = "organisatie", _("Organisatie-redacteuren")
    COMMUNICATIE = "communicatie", _("Communicatie")


class TeamCollection(Collection):
    """Wagtail's collection, but a new one goes after its siblings instead of
    being sorted in by name.

    Every organisation's collection sits under its site's collection. Sorting a
    new one in (treebeard's sorted insert) gives every sibling after it a new
    path, one UPDATE each: seconds per new organisation at 10,000 of them, and
    an import that grows with the square of its size (bench/README.md).
    """

    node_order_by: list[str] = []

    class Meta:
        proxy = True
        verbose_name = _("collectie van een team")
        verbose_name_plural = _("collecties van teams")


class Team(models.Model):
    """The editors of one part of the tree: a wijk, an organisation or a site.

    A team is a Wagtail group with page permissions on its page's subtree and
    its own collection for images and documents. Making someone buurtverbinder
    of a wijk is adding them to that wijk's team.
    """

    role = models.CharField(_("rol"), max_length=20, choices=TeamRole.choices)
    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        on_delete=models.CASCADE,
        related_name="editorial_team",
    )
    group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("groep"),
        on_delete=models.CASCADE,
        related_name="editorial_team",
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("collectie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="editorial_team",
    )

    class Meta:
        ordering = ["role", "page__path"]
        verbose_name = _("redactieteam")
        verbose_name_plural = _("redactieteams")

    def __str__(self) -> str:
        return self.group.name


class TaalcheckTaskState(TaskState):
    """The outcome of the taalcheck on the submitted revision, kept with the task."""

    reading_ease = models.FloatField(_("leesgemak"), null=True)
    report = models.JSONField(_("taalcheck"), default=dict)

    class Meta:
        verbose_name = _("taalcheck-resultaat")
        verbose_name_plural = _("taalcheck-resultaten")


class TaalcheckTask(Task):
    """First step of "Goedkeuring": check the submitted text for plain language.

    It advises and never blocks: the task records its findings and passes the
    page on to Communicatie at once, who see the findings when they review.
    """

    task_state_class = TaalcheckTaskState

    def start(self, workflow_state, user=None):
        from .selectors import page_plain_language_report

        task_state = super().start(workflow_state, user=user)
        page = task_state.revision.as_object() if task_state.revision else None
        if page is not None:
            report = page_plain_language_report(page=page)
            task_state.reading_ease = report.reading_ease
            task_state.report = report.as_dict()
            summary = report.summary()
        else:
            summary = ""
        task_state.save(update_fields=["reading_ease", "report"])
        return task_state.approve(user=None, update=False, comment=summary)

    def get_actions(self, obj, user):
        return []

    @classmethod
    def get_description(cls):
        return _("Controleert de tekst op gewone mensentaal (B1); adviseert alleen.")

    class Meta:
        verbose_name = _("taalcheck")
        verbose_name_plural = _("taalchecks")
