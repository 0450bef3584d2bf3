/* Case filters on the violation-case page (cases/).
   Without JavaScript the form stays hidden and every case is shown. With it, the
   three <select>s narrow the cases by their data-year / data-type / data-dept
   attributes, and the choice is kept in the URL (?year=&type=&dept=) so a filtered
   view can be shared. */
(function () {
  "use strict";

  function start() {
    var form = document.getElementById("qd-case-filter");
    if (!form) return;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var cases = Array.prototype.slice.call(document.querySelectorAll(".qd-case"));
    var bulletins = Array.prototype.slice.call(document.querySelectorAll(".qd-bulletin"));
    var status = form.querySelector(".qd-filter-status");
    var params = new URLSearchParams(window.location.search);

    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
        select.value = wanted;
      }
    });

    function apply() {
      var shown = 0;
      cases.forEach(function (article) {
        var match = selects.every(function (select) {
          return !select.value || article.getAttribute("data-" + select.dataset.filter) === select.value;
        });
        article.hidden = !match;
        if (match) shown += 1;
      });
      // A bulletin with no visible case is hidden too, so no empty headings remain.
      bulletins.forEach(function (section) {
        section.hidden = !section.querySelector(".qd-case:not([hidden])");
      });
      status.textContent = "显示 " + shown + " / " + status.dataset.total + " 个案例";
      var query = new URLSearchParams();
      selects.forEach(function (select) { if (select.value) query.set(select.name, select.value); });
      var search = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }

    selects.forEach(function (select) { select.addEventListener("change", apply); });
    // A link from the case index to a case the filters hide clears the filters first.
    window.addEventListener("hashchange", function () {
      var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      if (target && target.closest("[hidden]")) {
        selects.forEach(function (select) { select.value = ""; });
        apply();
        target.scrollIntoView();
      }
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.hidden = false;
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
