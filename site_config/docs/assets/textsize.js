/* Text-size control for older readers (适老化): 标准 / 大 / 特大.
 *
 * Adds a group of three buttons to the header; the pressed one sets data-qd-textsize on
 * <html> (a11y.css scales the root font size) and is remembered in localStorage, so
 * every page opens at the chosen size. An inline script in main.html applies the stored
 * size before the first paint, so pages do not jump. Without JavaScript the control is
 * not shown at all (it could not work), and the browser's own zoom still works.
 */
(function () {
  "use strict";
  var KEY = "qingdan.textsize";
  var SIZES = [
    { value: "normal", text: "标准", name: "标准字号" },
    { value: "large", text: "大", name: "大字号" },
    { value: "xlarge", text: "特大", name: "特大字号" }
  ];
  var root = document.documentElement;

  function stored() {
    try {
      var value = window.localStorage.getItem(KEY);
      return value === "large" || value === "xlarge" ? value : "normal";
    } catch (e) {
      return "normal"; // storage blocked (private mode, policy): the size just is not kept
    }
  }

  function apply(value, buttons) {
    if (value === "normal") {
      root.removeAttribute("data-qd-textsize");
    } else {
      root.setAttribute("data-qd-textsize", value);
    }
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.value === value));
    });
    document.dispatchEvent(new CustomEvent("qd:textsize", { detail: value }));
  }

  function save(value) {
    try {
      if (value === "normal") {
        window.localStorage.removeItem(KEY);
      } else {
        window.localStorage.setItem(KEY, value);
      }
    } catch (e) { /* see stored() */ }
  }

  function build() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".qd-textsize")) return;
    var group = document.createElement("div");
    group.className = "qd-textsize";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "字号");
    var label = document.createElement("span");
    label.className = "qd-textsize__label";
    label.setAttribute("aria-hidden", "true");
    label.textContent = "字号";
    group.appendChild(label);
    var buttons = SIZES.map(function (size) {
      var button = document.createElement("button");
      button.type = "button";
      button.value = size.value;
      button.textContent = size.text;
      button.setAttribute("aria-label", size.name);
      button.title = size.name;
      button.addEventListener("click", function () {
        save(size.value);
        apply(size.value, buttons);
      });
      group.appendChild(button);
      return button;
    });
    // Before the search button, so the tab order runs: menu, title, text size, search.
    var before = header.querySelector("label[for='__search']") || header.querySelector(".md-search");
    header.insertBefore(group, before);
    apply(stored(), buttons);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", build);
  } else {
    build();
  }
})();
