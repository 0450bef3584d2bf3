/* 打印材料核对单: a button under a guide's checklist that prints the checklist alone, on
 * one A4 sheet (guide.css hides the rest of the page while data-qd-print is set). Without
 * JavaScript there is no button, and printing the page prints the whole guide.
 */
(function () {
  "use strict";
  var root = document.documentElement;

  function add(checklist) {
    if (checklist.querySelector(".qd-checklist__print")) return;
    var line = document.createElement("p");
    line.className = "qd-checklist__print";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = "打印材料核对单";
    button.addEventListener("click", function () {
      root.setAttribute("data-qd-print", "checklist");
      window.print();
    });
    line.appendChild(button);
    checklist.appendChild(line);
  }

  window.addEventListener("afterprint", function () {
    root.removeAttribute("data-qd-print");
  });
  document.querySelectorAll(".qd-checklist").forEach(add);
})();
