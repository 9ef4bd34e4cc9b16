"""Opening hours in the admin as a week grid: one row per named day.

The storage stays Wagtail's: the location's ``opening_hours`` child formset
(one ``OpeningHours`` row per period), so revisions, the compare view, the
API and "nu open" (``socialmap.opening``) see nothing new. Only the way the
formset is shown changes: each day (maandag … zondag) is one row with its
periods side by side, a "gesloten" choice and a button for another period
(``static/js/opening-hours-week.js``). A day without periods is closed.

The formset checks the week as a whole and puts each mistake on its day:
a closing time before the opening time (unless the period runs past midnight,
which a door sign shows as "22:00–02:00"), and periods that overlap.
"""

import datetime
import functools

from django import forms
from django.forms.formsets import DELETION_FIELD_NAME, ORDERING_FIELD_NAME
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin import compare
from wagtail.admin.panels import Panel

from core.inline_panels import InlinePanel, RevisionChildFormSet

# A period that closes earlier than it opens runs past midnight, but only
# into the early morning: "17:00–08:00" is a typing mistake, not a night.
LATEST_NIGHT_CLOSING = datetime.time(6, 0)
MIDNIGHT = datetime.time(0, 0)
MINUTES_PER_DAY = 24 * 60

WEEKDAY_NAMES = (
    _("maandag"),
    _("dinsdag"),
    _("woensdag"),
    _("donderdag"),
    _("vrijdag"),
    _("zaterdag"),
    _("zondag"),
)


def _minutes(moment: datetime.time) -> int:
    return moment.hour * 60 + moment.minute


def period_span(opens: datetime.time, closes: datetime.time) -> tuple[int, int]:
    """A period as minutes from the start of its day; past midnight goes past
    1440 (the same reading as ``socialmap.opening``)."""
    start, end = _minutes(opens), _minutes(closes)
    if end <= start:
        end += MINUTES_PER_DAY
    return start, end


def period_problem(opens: datetime.time, closes: datetime.time) -> str | None:
    """What is wrong with one period, in a sentence, or ``None``."""
    if opens == closes and opens != MIDNIGHT:
        return _(
            "Open en dicht om dezelfde tijd (%(time)s): pas een van beide aan."
        ) % {"time": f"{opens:%H:%M}"}
    if MIDNIGHT < closes < opens and closes > LATEST_NIGHT_CLOSING:
        return _(
            "Dicht om %(closes)s is eerder dan open vanaf %(opens)s. Open tot na "
            "middernacht? Dat kan tot 06:00."
        ) % {"opens": f"{opens:%H:%M}", "closes": f"{closes:%H:%M}"}
    return None


def _label(opens: datetime.time, closes: datetime.time) -> str:
    return f"{opens:%H:%M}–{closes:%H:%M}"


class TimeInput(forms.TimeInput):
    """A browser time field (hh:mm); it brings the week grid's script and style."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")

    class Media:
        js = ["js/opening-hours-week.js"]
        css = {"all": ["css/admin-opening-hours.css"]}


class WeekHoursFormSet(RevisionChildFormSet):
    """The periods of one location, checked per day."""

    def clean(self):
        super().clean()
        by_day: dict[int, list[tuple[forms.Form, datetime.time, datetime.time]]] = {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            data = form.cleaned_data
            weekday, opens, closes = (
                data.get("weekday"),
                data.get("opens"),
                data.get("closes"),
            )
            if weekday is None or opens is None or closes is None:
                continue
            problem = period_problem(opens, closes)
            if problem:
                form.add_error("closes", problem)
                continue
            by_day.setdefault(int(weekday), []).append((form, opens, closes))
        for weekday, periods in by_day.items():
            periods.sort(key=lambda item: period_span(item[1], item[2]))
            first_opens, first_closes = periods[0][1], periods[0][2]
            for later, opens, closes in periods[1:]:
                start, end = period_span(opens, closes)
                if start < period_span(first_opens, first_closes)[1]:
                    later.add_error(
                        "opens",
                        _("%(day)s: %(first)s en %(second)s overlappen.")
                        % {
                            "day": str(WEEKDAY_NAMES[weekday]).capitalize(),
                            "first": _label(first_opens, first_closes),
                            "second": _label(opens, closes),
                        },
                    )
                if end > period_span(first_opens, first_closes)[1]:
                    first_opens, first_closes = opens, closes


class WeekHoursPanel(InlinePanel):
    """The ``opening_hours`` formset of a location, shown as a week grid."""

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        formset["formset"] = WeekHoursFormSet
        formset["widgets"] = {
            **(formset.get("widgets") or {}),
            "weekday": forms.HiddenInput(attrs={"data-hours-weekday": ""}),
            "opens": TimeInput(attrs={"data-hours-opens": ""}),
            "closes": TimeInput(attrs={"data-hours-closes": ""}),
        }
        return options

    class BoundPanel(Panel.BoundPanel):
        template_name = "socialmap/admin/week_hours_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.label = self.panel.label
            if self.form is None:
                return
            self.formset = self.form.formsets[self.panel.relation_name]
            # Django builds a new empty form on every access: keep one.
            self.empty_form = self.formset.empty_form
            for subform in [*self.formset.forms, self.empty_form]:
                subform.fields[DELETION_FIELD_NAME].widget = forms.HiddenInput(
                    attrs={"data-hours-delete": ""}
                )
                if self.formset.can_order:
                    subform.fields[ORDERING_FIELD_NAME].widget = forms.HiddenInput()

        def get_comparison(self):
            # The compare view of revisions: as Wagtail's InlinePanel does it.
            field_comparisons = []
            for index, panel in enumerate(self.panel.child_edit_handler.children):
                field_comparisons.extend(
                    panel.get_bound_panel(
                        instance=None,
                        request=self.request,
                        form=None,
                        prefix=f"{self.prefix}-{index}",
                    ).get_comparison()
                )
            return [
                functools.partial(
                    compare.ChildRelationComparison,
                    self.panel.db_field,
                    field_comparisons,
                    label=self.heading,
                )
            ]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            days = [
                {"weekday": weekday, "name": name, "periods": []}
                for weekday, name in enumerate(WEEKDAY_NAMES)
            ]
            unplaced = []
            for subform in self.formset.forms:
                try:
                    weekday = int(subform["weekday"].value())
                except (TypeError, ValueError):
                    weekday = None
                deleted = bool(
                    subform.is_bound
                    and subform["DELETE"].value()
                    and subform["DELETE"].value() not in ("", "false", "False")
                )
                if weekday is None or not 0 <= weekday < len(days):
                    unplaced.append(subform)
                    continue
                days[weekday]["periods"].append({"form": subform, "deleted": deleted})
            for day in days:
                day["closed"] = not any(not p["deleted"] for p in day["periods"])
                day["errors"] = [
                    error
                    for period in day["periods"]
                    for error in period["form"].errors.get("opens", [])
                    + period["form"].errors.get("closes", [])
                    + period["form"].non_field_errors()
                ]
            # The new period's markup gets its own placeholder: adding a
            # location replaces "__prefix__" everywhere in it, this one too.
            empty_period = render_to_string(
                "socialmap/admin/week_hours_period.html",
                {"form": self.empty_form},
            ).replace(
                f"{self.formset.prefix}-__prefix__", f"{self.formset.prefix}-__period__"
            )
            context.update(
                days=days,
                unplaced=unplaced,
                formset=self.formset,
                empty_period=mark_safe(empty_period),  # noqa: S308 (our template)
            )
            return context
