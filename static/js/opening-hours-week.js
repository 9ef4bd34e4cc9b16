/* The week grid of opening hours in the admin (socialmap/hours_widget.py).
 *
 * Each day is a row of periods; each period is one form of the location's
 * opening_hours formset. "+ tijd" adds a form from the row's template,
 * "×" marks one deleted, "gesloten" marks all of the day's deleted. Listens on
 * the document, so locations added after the page loaded work too.
 */
(function () {
  "use strict";

  function periodsOf(row) {
    return Array.prototype.slice.call(
      row.querySelectorAll("[data-hours-period]"),
    );
  }

  function visiblePeriods(row) {
    return periodsOf(row).filter(function (period) {
      return !period.hidden;
    });
  }

  function markDeleted(period) {
    var input = period.querySelector("[data-hours-delete]");
    if (input) input.value = "1";
    period.hidden = true;
  }

  function addPeriod(row) {
    var week = row.closest("[data-hours-week]");
    var total = week.querySelector("input[name$='-TOTAL_FORMS']");
    var template = week.querySelector("template[data-hours-template]");
    var index = parseInt(total.value, 10) || 0;
    var holder = document.createElement("span");
    holder.innerHTML = template.innerHTML.split("__period__").join(String(index));
    var period = holder.firstElementChild;
    period.querySelector("[data-hours-weekday]").value = row.dataset.hoursDay;
    row.querySelector("[data-hours-periods]").appendChild(period);
    total.value = String(index + 1);
    row.querySelector("[data-hours-closed]").checked = false;
    var opens = period.querySelector("[data-hours-opens]");
    if (opens) opens.focus();
  }

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-hours-add]");
    if (add) {
      event.preventDefault();
      addPeriod(add.closest("[data-hours-day]"));
      return;
    }
    var remove = event.target.closest("[data-hours-remove]");
    if (remove) {
      event.preventDefault();
      var row = remove.closest("[data-hours-day]");
      markDeleted(remove.closest("[data-hours-period]"));
      if (visiblePeriods(row).length === 0) {
        row.querySelector("[data-hours-closed]").checked = true;
      }
    }
  });

  document.addEventListener("change", function (event) {
    var closed = event.target.closest("[data-hours-closed]");
    if (!closed) return;
    var row = closed.closest("[data-hours-day]");
    if (closed.checked) {
      visiblePeriods(row).forEach(markDeleted);
      row.querySelectorAll("[data-hours-error]").forEach(function (error) {
        error.hidden = true;
      });
    } else if (visiblePeriods(row).length === 0) {
      addPeriod(row);
    }
  });
})();
