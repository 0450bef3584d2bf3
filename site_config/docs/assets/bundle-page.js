/* 一件事 bundle pages (bundles/<id>/).
   Without JavaScript the questions stay hidden and every step is shown with the
   condition under which it applies. With it, the answers choose one entry of the table
   the generator wrote into #qd-bundle-data (which steps apply, their stages, the
   totals as text): this script only shows, hides and copies those texts; it decides
   nothing itself. The answers live in the URL (?cold-food=yes&signboard=no), each
   change is a history entry, so the back button returns to the previous answers. */
(function () {
  "use strict";

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function start() {
    var holder = document.getElementById("qd-bundle-data");
    var form = document.getElementById("qd-bundle-questions");
    if (!holder) return;
    var data = JSON.parse(holder.textContent);
    var summary = document.getElementById("qd-bundle-answers");
    // The address printed under the page (main.html) carries the answers too.
    var printed = document.querySelector(".qd-print-url");
    var printedText = printed ? printed.textContent : "";

    // Only answers the page knows are read from the URL: anything else is ignored.
    function fromUrl() {
      var params = new URLSearchParams(window.location.search);
      var answers = {};
      data.questions.forEach(function (entry) {
        var value = params.get(entry[0]);
        if (value !== null && entry[1].indexOf(value) >= 0) answers[entry[0]] = value;
      });
      return answers;
    }

    function fromForm() {
      var answers = {};
      if (!form) return answers;
      all("input[type=radio]:checked", form).forEach(function (input) { answers[input.name] = input.value; });
      return answers;
    }

    function toUrl(answers) {
      var query = new URLSearchParams();
      data.questions.forEach(function (entry) {
        if (answers[entry[0]]) query.set(entry[0], answers[entry[0]]);
      });
      var search = query.toString();
      return window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    }

    function show(answers) {
      if (form) {
        all("input[type=radio]", form).forEach(function (input) {
          input.checked = answers[input.name] === input.value;
        });
      }
      var key = data.keyed.map(function (question) { return answers[question] || ""; }).join("|");
      var selection = data.selections[data.answers[key]];
      var status = selection.status;
      all("[data-step]").forEach(function (section) {
        var state = status[section.getAttribute("data-step")];
        section.hidden = state === "not";
        section.setAttribute("data-status", state);
        var stage = section.querySelector("[data-stage]");
        if (stage && selection.stage[section.getAttribute("data-step")]) {
          stage.textContent = String(selection.stage[section.getAttribute("data-step")]);
        }
        var maybe = section.querySelector("[data-maybe]");
        if (maybe) maybe.hidden = state !== "maybe";
      });
      // An element that names steps (a material, the mark of a step using it) is shown while one of them may apply.
      all("[data-uses]").forEach(function (element) {
        element.hidden = !element.getAttribute("data-uses").split(" ").some(function (step) {
          return status[step] && status[step] !== "not";
        });
      });
      all("[data-note]").forEach(function (note) {
        var parts = note.getAttribute("data-note").split("=");
        note.hidden = answers[parts[0]] !== parts[1];
      });
      all("[data-total]").forEach(function (cell) {
        var text = selection.totals[cell.getAttribute("data-total")];
        if (text !== undefined) cell.textContent = text;
      });
      var stages = document.getElementById("qd-bundle-stages");
      if (stages) {
        stages.textContent = "";
        selection.stages.forEach(function (names) {
          var item = document.createElement("li");
          item.textContent = (names.length > 1 ? "同时办理：" : "") + names.join("、");
          stages.appendChild(item);
        });
      }
      if (printed) printed.textContent = printedText + window.location.search;
      if (summary && form) {
        var given = all("fieldset", form).filter(function (fieldset) {
          return fieldset.querySelector("input:checked");
        }).map(function (fieldset) {
          var input = fieldset.querySelector("input:checked");
          return fieldset.querySelector("legend").textContent + " 答“" + input.parentNode.textContent.trim() + "”";
        });
        summary.textContent = given.length ? "按您的回答：" + given.join("；") : "尚未回答问题：下面列出全部事项。";
        summary.hidden = false;
      }
    }

    if (form) {
      form.hidden = false;
      form.addEventListener("change", function () {
        var answers = fromForm();
        window.history.pushState(answers, "", toUrl(answers));
        show(answers);
      });
      var reset = document.getElementById("qd-bundle-reset");
      if (reset) {
        reset.addEventListener("click", function () {
          window.history.pushState({}, "", toUrl({}));
          show({});
        });
      }
    }
    window.addEventListener("popstate", function () { show(fromUrl()); });
    show(fromUrl());
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
