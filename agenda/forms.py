"""The admin form of an event: its moved dates checked against its rule."""

from django.utils.translation import gettext_lazy as _

from core.page_forms import SiteScopedPageForm

from .recurrence import rule_has_date


def _kept_forms(formset) -> list:
    """The inline forms that hold a value and are not being deleted: the stored
    ones (changed or not) and the new ones that were filled in."""
    kept = []
    extra_forms = set(formset.extra_forms)
    for form in formset.forms:
        if form in extra_forms and not form.has_changed():
            continue
        if not form.is_valid():
            continue
        if form.cleaned_data.get("DELETE"):
            continue
        kept.append(form)
    return kept


class EventPageForm(SiteScopedPageForm):
    """Checks each moved date: a date of the rule, not skipped, not twice."""

    def clean(self):
        cleaned_data = super().clean()
        changes = self.formsets.get("changed_dates")
        if changes is None:
            return cleaned_data
        start = cleaned_data.get("start")
        repetition = cleaned_data.get("repetition") or ""
        skipped_formset = self.formsets.get("skipped_dates")
        skipped = {
            form.cleaned_data.get("date")
            for form in (_kept_forms(skipped_formset) if skipped_formset else [])
        }
        seen = set()
        for form in _kept_forms(changes):
            day = form.cleaned_data.get("original_date")
            if day is None:
                continue
            message = None
            if not repetition:
                message = _(
                    "Deze activiteit herhaalt niet. Verander de begintijd "
                    "hierboven als ze op een andere dag is."
                )
            elif day in seen:
                message = _("Deze datum staat hier al een keer.")
            elif day in skipped:
                message = _(
                    "Op deze datum gaat het niet door (zie de overgeslagen datums). "
                    "Haal de datum daar weg als het toch doorgaat."
                )
            elif start is not None and not rule_has_date(
                start=start,
                repetition=repetition,
                week_of_month=cleaned_data.get("week_of_month"),
                until=cleaned_data.get("repeat_until"),
                day=day,
            ):
                message = _(
                    "Op deze datum is er geen activiteit volgens de herhaling. "
                    "Kies een datum uit de herhaling."
                )
            seen.add(day)
            if message is not None:
                form.add_error("original_date", message)
        return cleaned_data
