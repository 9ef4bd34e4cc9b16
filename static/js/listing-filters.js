/*
 * The listing pages' filters (a <details> element): folded on phones, so the
 * results come first, and opened on wider screens, where there is room.
 * Without JavaScript they stay folded and open with one tap on "Filters".
 */
(function () {
  "use strict";

  if (!window.matchMedia("(min-width: 48rem)").matches) {
    return;
  }
  document.querySelectorAll("[data-filters-disclosure]").forEach(function (disclosure) {
    disclosure.open = true;
  });
})();
