// The header's menu on small screens: folded behind the "Menu" button.
// Without this script the button stays hidden and the whole menu shows.
(function () {
    "use strict";
    var button = document.querySelector("[data-menu-button]");
    var menu = document.getElementById("site-menu");
    if (!button || !menu) {
        return;
    }
    var header = button.closest(".site-header");

    function setOpen(open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        header.classList.toggle("is-menu-open", open);
    }

    header.classList.add("has-menu-button");
    setOpen(false);
    button.addEventListener("click", function () {
        setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
            setOpen(false);
            button.focus();
        }
    });
})();
