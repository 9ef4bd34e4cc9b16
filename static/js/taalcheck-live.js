/*
 * The live taalcheck in the page editor (core.panels.LiveAdvicePanel,
 * editorial/taalcheck_live.py).
 *
 * While the author writes, the text of the form (title, introduction and every
 * rich text field) goes to the admin's taalcheck endpoint, at most once per
 * pause in typing, and the advice replaces the box's contents. When the author
 * clicks "Stuur door" and the taalcheck has tips, a dialog shows them once
 * more: send it anyway, or first change the text.
 *
 * A static file, no inline script: the admin's CSP holds.
 */
(function () {
  "use strict";

  var DELAY = 700; // milliseconds without typing before the text is checked
  var SUBMIT = "action-submit";

  function textOf(form) {
    var parts = [];
    ["title", "introduction"].forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && field.value) {
        parts.push(field.value);
      }
    });
    form.querySelectorAll("[contenteditable='true']").forEach(function (editor) {
      var text = editor.innerText.trim();
      if (text) {
        parts.push(text);
      }
    });
    return parts.join("\n\n");
  }

  // The text fields the advice is about (editorial.selectors.page_text).
  var TEXT_FIELDS = ["body", "description", "what_you_do", "what_we_ask", "what_we_offer"];

  // Beside the text: right after the panel of the page's last long text field.
  function placeBesideTheText(box, form) {
    var panel = box.closest("[data-panel]") || box;
    var after = null;
    TEXT_FIELDS.forEach(function (name) {
      var field = form.querySelector("[data-contentpath='" + name + "']");
      if (field && field.closest("[data-panel]")) {
        after = field.closest("[data-panel]");
      }
    });
    if (after && after !== panel && !panel.contains(after)) {
      after.insertAdjacentElement("afterend", panel);
    }
  }

  function csrfToken(form) {
    var field = form.querySelector("input[name='csrfmiddlewaretoken']");
    return field ? field.value : "";
  }

  function setUp(box) {
    var form = box.closest("form");
    if (!form) {
      return;
    }
    placeBesideTheText(box, form);
    var result = box.querySelector("[data-live-advice-result]");
    var error = box.querySelector("[data-live-advice-error]");
    var url = box.getAttribute("data-live-advice-url");
    var timer = null;
    var lastText = null;
    var latest = null; // the newest answer: {finding_count, html}
    var pending = null; // the request under way
    var confirmed = false;

    function check() {
      var text = textOf(form);
      if (text === lastText) {
        return pending || Promise.resolve(latest);
      }
      lastText = text;
      var body = new URLSearchParams();
      body.append("text", text);
      box.setAttribute("aria-busy", "true");
      pending = fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(form), Accept: "application/json" },
      })
        .then(function (response) {
          return response.json().then(function (data) {
            if (!response.ok) {
              throw new Error(data.error || response.statusText);
            }
            return data;
          });
        })
        .then(function (data) {
          latest = data;
          result.innerHTML = data.html;
          error.hidden = true;
          box.setAttribute("data-finding-count", String(data.finding_count));
          return data;
        })
        .catch(function (problem) {
          error.textContent = problem.message;
          error.hidden = false;
          return latest;
        })
        .finally(function () {
          box.removeAttribute("aria-busy");
          pending = null;
        });
      return pending;
    }

    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, DELAY);
    }

    form.addEventListener("input", later);
    form.addEventListener("keyup", later);
    check();

    // "Stuur door": show the tips once more before the page goes on.
    var dialog = document.createElement("dialog");
    dialog.className = "buurtplein-live-advice__dialog";
    dialog.setAttribute("aria-labelledby", "taalcheck-dialog-heading");
    var heading = document.createElement("h2");
    heading.id = "taalcheck-dialog-heading";
    heading.textContent = box.getAttribute("data-confirm-heading");
    var content = document.createElement("div");
    var buttons = document.createElement("div");
    buttons.className = "buurtplein-live-advice__buttons";
    var send = document.createElement("button");
    send.type = "button";
    send.className = "button";
    send.textContent = box.getAttribute("data-confirm-send");
    var change = document.createElement("button");
    change.type = "button";
    change.className = "button button-secondary";
    change.textContent = box.getAttribute("data-confirm-change");
    buttons.append(send, change);
    dialog.append(heading, content, buttons);
    document.body.append(dialog);
    var submitter = null;

    change.addEventListener("click", function () {
      dialog.close();
      box.scrollIntoView({ block: "nearest" });
    });
    send.addEventListener("click", function () {
      dialog.close();
      confirmed = true;
      if (submitter) {
        submitter.click();
      }
    });

    document.addEventListener(
      "click",
      function (event) {
        var button = event.target.closest("button[name='" + SUBMIT + "']");
        if (!button || confirmed || button.form !== form) {
          return;
        }
        event.preventDefault();
        event.stopImmediatePropagation();
        window.clearTimeout(timer);
        check().then(function (data) {
          if (!data || !data.finding_count) {
            confirmed = true;
            button.click();
            return;
          }
          submitter = button;
          content.innerHTML = data.html;
          dialog.showModal();
        });
      },
      true
    );
  }

  function start() {
    document.querySelectorAll("[data-live-advice-url]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
