"""Editorial models. Roles, workflows and reports build on Wagtail's own models."""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Collection, GroupApprovalTask, Revision, Task, TaskState


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
    # The Beheerders of one site (its root page); no page rights, no collection.
    BEHEERDERS = "beheerder", _("Beheerders")


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

    A site's root page can have two teams: Communicatie, and the site's
    Beheerders (no page rights or collection: the team only says which site
    its members administer). A page has at most one team per role.
    """

    role = models.CharField(_("rol"), max_length=20, choices=TeamRole.choices)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        on_delete=models.CASCADE,
        # Kept singular: queries (bench/dataset.py) filter on it by this name.
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
        constraints = [
            models.UniqueConstraint(
                fields=["page", "role"], name="editorial_one_team_per_page_and_role"
            )
        ]
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
        from .fact_changes import review_changes
        from .selectors import page_plain_language_report

        task_state = super().start(workflow_state, user=user)
        reviewed = review_changes(revision=task_state.revision)
        if reviewed.facts_only:
            # Only facts changed (phone, opening hours, ...): nothing to read.
            return self.skip(task_state, comment=reviewed.summary)
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

    @staticmethod
    def skip(task_state: TaskState, *, comment: str) -> TaskState:
        """Mark the taalcheck skipped: Wagtail's workflow then moves on to the
        next task (Communicatie), as it does after an approval."""
        task_state.status = TaskState.STATUS_SKIPPED
        task_state.finished_at = timezone.now()
        task_state.comment = comment
        task_state.report = {"skipped": "facts_only"}
        task_state.save(update_fields=["status", "finished_at", "comment", "report"])
        return task_state

    def get_actions(self, obj, user):
        return []

    @classmethod
    def get_description(cls):
        return _(
            "Controleert de tekst op gewone mensentaal (B1); adviseert alleen. "
            "Zijn alleen feiten gewijzigd (telefoon, adres, openingstijden), "
            "dan slaat hij over."
        )

    class Meta:
        verbose_name = _("taalcheck")
        verbose_name_plural = _("taalchecks")


def own_work_user_ids(*, task_state: TaskState) -> set[int]:
    """Who may not approve ``task_state``: whoever submitted the workflow and
    whoever wrote the revision under review (an edit during moderation makes
    its editor the author of the revision that needs approval again)."""
    author_id = (
        Revision.objects.filter(pk=task_state.revision_id)
        .values_list("user_id", flat=True)
        .first()
    )
    return {
        user_id
        for user_id in (task_state.workflow_state.requested_by_id, author_id)
        if user_id is not None
    }


class FourEyesApprovalTask(GroupApprovalTask):
    """Approval by a member of the chosen groups, never by the person whose
    work it is (four eyes, superusers included).

    The submitter and the author of the revision under review get no "approve":
    not in the editor, the approval dialog, the dashboard or the workflow
    report, and ``on_action`` refuses a forged request. They may still send
    their own page back ("request changes"): that publishes nothing, and
    Wagtail already lets a submitter cancel their workflow.
    """

    def is_own_work(self, obj, user) -> bool:
        task_state = getattr(obj, "current_workflow_task_state", None)
        if task_state is None or user is None or not user.is_authenticated:
            return False
        return user.pk in own_work_user_ids(task_state=task_state)

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self.is_own_work(obj, user):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if (
            action_name == "approve"
            and user is not None
            and user.pk in own_work_user_ids(task_state=task_state)
        ):
            raise PermissionDenied("Nobody approves their own work.")
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user).exclude(
            revision__user=user
        )

    @classmethod
    def get_description(cls):
        return _(
            "Leden van de gekozen groepen keuren goed, maar nooit hun eigen werk: "
            "wie indiende of de versie schreef, keurt niet goed."
        )

    class Meta:
        verbose_name = _("goedkeuring door een ander (vier ogen)")
        verbose_name_plural = _("goedkeuringen door een ander (vier ogen)")


@register_setting(icon="upload")
class EditorialSettings(BaseSiteSetting):
    """Per platform: whether Communicatie may publish past the workflow.

    Off by default: every page then goes live only through "Goedkeuring", and
    only a superuser can publish directly. Every direct publish is logged and
    shown in the report "Direct gepubliceerd" (``editorial.publishing``).
    """

    communicatie_may_publish_directly = models.BooleanField(
        _("Communicatie mag direct publiceren"),
        default=False,
        help_text=_(
            "Aan: Communicatie van dit platform kan een pagina meteen publiceren, "
            "zonder taalcheck en zonder dat een collega meekijkt. Elke directe "
            "publicatie komt in het rapport 'Direct gepubliceerd'. Uit "
            "(aanbevolen): elke pagina gaat via de goedkeuring door een ander."
        ),
    )

    panels = [FieldPanel("communicatie_may_publish_directly")]

    class Meta:
        verbose_name = _("redactie-instellingen")
        verbose_name_plural = _("redactie-instellingen")
