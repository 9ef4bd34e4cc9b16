/*
 * Name suggestions under the sociale kaart's search box.
 *
 * While the resident types, the names of organisations that look like it
 * (typos forgiven, see socialmap/suggestions.py) appear as links to their
 * profiles. Arrow down moves into the list, arrow up and down through it,
 * Escape back to the box. Without JavaScript the search itself still works,
 * and a search that finds nothing offers the same names.
 */
(function () {
  "use strict";

  var DELAY = 200;
  var MIN_LENGTH = 2;

  function setUp(input) {
    var box = document.getElementById(input.dataset.suggestList);
    var list = box && box.querySelector("ul");
    var status = input.form.querySelector("[data-suggestions-status]");
    if (!list) {
      return;
    }
    var timer = null;
    var latest = 0;

    function links() {
      return Array.prototype.slice.call(list.querySelectorAll("a"));
    }

    function show(suggestions) {
      list.replaceChildren();
      suggestions.forEach(function (suggestion) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = suggestion.url;
        link.textContent = suggestion.name;
        item.appendChild(link);
        list.appendChild(item);
      });
      box.hidden = suggestions.length === 0;
      if (status) {
        status.textContent = suggestions.length ? status.dataset.found : "";
      }
    }

    function ask() {
      var query = input.value.trim();
      if (query.length < MIN_LENGTH) {
        show([]);
        return;
      }
      var asked = ++latest;
      var url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(query);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (answer) {
          // An older answer arriving late must not replace a newer one.
          if (asked === latest) {
            show(answer.suggestions);
          }
        })
        .catch(function () {
          show([]);
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && !box.hidden && links().length) {
        event.preventDefault();
        links()[0].focus();
      } else if (event.key === "Escape") {
        show([]);
      }
    });
    list.addEventListener("keydown", function (event) {
      var all = links();
      var index = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && index < all.length - 1) {
        event.preventDefault();
        all[index + 1].focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        (index > 0 ? all[index - 1] : input).focus();
      } else if (event.key === "Escape") {
        input.focus();
        show([]);
      }
    });
  }

  document.querySelectorAll("[data-suggest-url]").forEach(setUp);
})();
