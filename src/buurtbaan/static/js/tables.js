// A table wider than the screen scrolls sideways; let it scroll with the keyboard too
// (WCAG 2.1.1): its wrapper becomes focusable, a region named after the table's caption.
// Tables that fit get nothing, so they add no needless stop to the tab order.
(function () {
  "use strict";

  function update() {
    document.querySelectorAll(".table-wrapper").forEach(function (wrapper) {
      var scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
      if (scrolls && !wrapper.hasAttribute("tabindex")) {
        var caption = wrapper.querySelector("caption");
        wrapper.setAttribute("tabindex", "0");
        if (caption) {
          wrapper.setAttribute("role", "region");
          wrapper.setAttribute("aria-label", caption.textContent.trim());
        }
        wrapper.dataset.scrollFocus = "on";
      } else if (!scrolls && wrapper.dataset.scrollFocus) {
        ["tabindex", "role", "aria-label", "data-scroll-focus"].forEach(function (name) {
          wrapper.removeAttribute(name);
        });
      }
    });
  }

  var pending;
  function later() {
    clearTimeout(pending);
    pending = setTimeout(update, 100);
  }

  document.addEventListener("DOMContentLoaded", update);
  document.addEventListener("htmx:afterSettle", update);
  window.addEventListener("resize", later);
})();
