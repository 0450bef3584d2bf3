/* Keyboard access to tables that scroll sideways (WCAG 2.1.1; GB/T 37668-2019 键盘操作).
 *
 * A wide table scrolls inside its own box on a phone (a11y.css). A box that actually
 * scrolls becomes a named, focusable region, so a keyboard user can tab to it and
 * scroll it with the arrow keys; a box that fits stays out of the tab order. Checked
 * again when the window is resized or the text size changes (textsize.js).
 */
(function () {
  "use strict";
  var BOXES = ".qd-table-wrap, .md-typeset__scrollwrap";
  var MARK = "data-qd-scroll-region";

  function nameOf(box) {
    var caption = box.querySelector("caption");
    var text = caption ? caption.textContent.trim() : "";
    if (!text) {
      var heading = null;
      for (var el = box.previousElementSibling; el && !heading; el = el.previousElementSibling) {
        if (/^H[2-4]$/.test(el.tagName)) heading = el;
      }
      text = heading ? heading.textContent.trim() : "表格";
    }
    return text + "（可左右滚动）";
  }

  function mark() {
    document.querySelectorAll(BOXES).forEach(function (box) {
      // Material's wrapper inside ours does not scroll (a11y.css): only one region.
      var scrolls = box.scrollWidth > box.clientWidth + 1 &&
        window.getComputedStyle(box).overflowX !== "visible";
      if (scrolls && !box.hasAttribute(MARK)) {
        box.setAttribute(MARK, "");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", nameOf(box));
      } else if (!scrolls && box.hasAttribute(MARK)) {
        box.removeAttribute(MARK);
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  var pending = 0;
  function later() {
    window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(mark);
  }

  // Material wraps its tables after DOMContentLoaded; "load" comes after that.
  if (document.readyState === "complete") {
    mark();
  } else {
    window.addEventListener("load", mark);
  }
  window.addEventListener("resize", later);
  document.addEventListener("qd:textsize", later);
  window.qdMarkScrollRegions = mark; // for pages that fill a table later (the finder)
})();
