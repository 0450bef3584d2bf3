/* What paper needs and a screen does not (print.css shows it only in print):
 * - the day of printing, beside the page's 数据截至 date, so an old printout shows its age;
 * - the full address of every link to a file of this site (下载空表, 样表), which the page
 *   links relatively and a reader of the paper has to type.
 * Without JavaScript the printout has a blank for the date and the file links' text.
 */
(function () {
  "use strict";

  function today() {
    try {
      return new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" }); // YYYY-MM-DD
    } catch (e) {
      return new Date().toISOString().slice(0, 10);
    }
  }

  function mark() {
    document.querySelectorAll("[data-qd-print-date]").forEach(function (span) {
      span.textContent = today();
    });
    document.querySelectorAll("article a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (/^(https?:|mailto:|tel:|#)/.test(href)) return; // print.css writes those out already
      if (link.classList.contains("qd-file-button") || /(^|\/)files\//.test(href)) {
        var address = link.href;
        try { address = decodeURI(address); } catch (e) { /* keep the encoded form */ }
        link.setAttribute("data-qd-print-href", address); // 申请表（空表）.txt, not %E7%94%B3…
      }
    });
  }

  mark();
  window.addEventListener("beforeprint", mark);
})();
