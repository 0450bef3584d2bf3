/* The finder (实时查询): search as you type, facets, state in the URL.
 *
 * Takes the finder page (find/index.md: a plain GET form that works without
 * JavaScript) and its index files (find/index/records.json, text-<k>.json);
 * enhances the form in place. Short fields (names, measures, codes, departments,
 * facet values, pinyin initials) are matched as substrings in records.json,
 * loaded once; longer texts through lunr.js, loading only the term shards a
 * query needs and rebuilding the lunr index of just those terms.
 *
 * `terms`, `normalise` and `shardOf` mirror generator/render/search/tokenize.py exactly
 * (a test runs both over the same strings). Everything from the index reaches
 * the page as text nodes, never as markup.
 */
(function () {
  "use strict";

  var HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
  var RUN = new RegExp("[" + HAN + "]+|[0-9a-z]+", "gu");
  var HAN_RUN = new RegExp("^[" + HAN + "]+$", "u");
  var LETTERS = /^[a-z]{2,}$/;
  var PAGE = 50;

  function normalise(text) { return String(text).normalize("NFKC").toLowerCase(); }
  function isHan(text) { return HAN_RUN.test(text); }

  function terms(text) {
    var out = [];
    (normalise(text).match(RUN) || []).forEach(function (run) {
      var chars = Array.from(run);
      if (isHan(run) && chars.length > 1) {
        for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
      } else {
        out.push(run);
      }
    });
    return out;
  }

  function queryTerms(text) {
    return terms(text).filter(function (t, i, all) { return all.indexOf(t) === i; });
  }

  function shardOf(term, shards) {
    var first = Array.from(term)[0];
    var key = isHan(first) ? term : first;
    var h = 0x811c9dc5;
    Array.from(key).forEach(function (ch) {
      var cp = ch.codePointAt(0);
      for (var b = 0; b < 4; b++) h = Math.imul(h ^ ((cp >>> (8 * b)) & 255), 0x01000193) >>> 0;
    });
    return h % shards;
  }

  var api = { normalise: normalise, terms: terms, queryTerms: queryTerms, shardOf: shardOf };
  window.qingdanFinder = api;

  var root = document.getElementById("finder");
  if (!root) return;  // loaded elsewhere (the tokenizer test): the functions are enough

  var form = document.getElementById("finder-form");
  var input = document.getElementById("finder-q");
  var countEl = document.getElementById("finder-count");
  var list = document.getElementById("finder-results");
  var more = document.getElementById("finder-more");
  var clear = document.getElementById("finder-clear");
  var siteRoot = root.getAttribute("data-root");
  var recordsUrl = root.getAttribute("data-records");
  var indexDir = recordsUrl.replace(/records\.json$/, "");
  root.classList.add("qd-finder--js");
  root.setAttribute("data-state", "loading");

  var data = null;        // prepared index
  var shards = {};        // shard number -> {terms, keys} once loaded
  var pendingShards = {}; // shard number -> promise
  var lunrReady = null;
  var state = readUrl();
  var limit = PAGE;
  var generation = 0;
  var typing = false, typingTimer = null;
  var current = [];

  // ---- loading -------------------------------------------------------------------

  function prepare(raw) {
    var facetKeys = raw.facets.map(function (f) { return f[0]; });
    var pinyin = {};
    Array.from(raw.pinyin[0]).forEach(function (ch, i) { pinyin[ch] = raw.pinyin[1][i]; });
    function initialsOf(text) {
      return Array.from(normalise(text)).map(function (ch) {
        return pinyin[ch] || (/^[0-9a-z]$/.test(ch) ? ch : "");
      }).join("");
    }
    api.initialsOf = initialsOf;
    var labelNumber = 0;
    var facets = raw.facets.map(function (f) {
      return {
        key: f[0], label: f[1],
        values: f[2].map(function (v) {
          var names = v[1];
          return {
            value: v[0], label: names[0], names: names.map(normalise),
            initials: names.map(function (n) {
              var exception = raw.labelInitials[labelNumber++];
              return exception || initialsOf(n);
            })
          };
        })
      };
    });
    var types = raw.types.map(function (t) { return { key: t[0], label: t[1] }; });
    var records = raw.title.map(function (title, i) {
      var type = types[raw.type[i]].key;
      var codes = raw.code[i];
      var path = raw.path[i] || (type === "item" ? "items/" : "guides/") + codes[0] + "/";
      var facetValues = [[raw.type[i]]].concat(raw.facet[i]);
      return {
        n: i, type: type, typeNumber: raw.type[i], title: title, titleN: normalise(title),
        codes: codes, codesN: codes.map(normalise), texts: raw.text[i], textsN: raw.text[i].map(normalise),
        initials: raw.initials[i] || initialsOf(title), path: path, facets: facetValues,
        sample: raw.sample[i] === 1
      };
    });
    return { facets: facets, facetKeys: facetKeys, types: types, records: records, shards: raw.shards };
  }

  function loadLunr() {
    if (!lunrReady) {
      lunrReady = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root.getAttribute("data-lunr");
        script.onload = function () { resolve(window.lunr); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return lunrReady;
  }

  function loadShard(k) {
    if (!pendingShards[k]) {
      pendingShards[k] = fetch(indexDir + "text-" + k + ".json").then(function (r) { return r.json(); })
        .then(function (shard) { shards[k] = { terms: shard.terms, keys: Object.keys(shard.terms) }; });
    }
    return pendingShards[k];
  }

  // ---- state in the URL ----------------------------------------------------------

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    var filters = {};
    params.forEach(function (value, key) {
      if (key !== "q" && value) (filters[key] = filters[key] || []).push(value);
    });
    return { q: capped(params.get("q") || ""), filters: filters };
  }

  function toSearch(s) {
    var params = new URLSearchParams();
    if (s.q) params.append("q", s.q);
    Object.keys(s.filters).forEach(function (key) {
      s.filters[key].forEach(function (v) { params.append(key, v); });
    });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function record(push) {
    var search = toSearch(state);
    if (search === window.location.search) return;
    var url = search || window.location.pathname;
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }

  function syncControls() {
    if (input.value !== state.q) input.value = state.q;
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = (state.filters[box.name] || []).indexOf(box.value) >= 0;
    });
  }

  function readControls() {
    var filters = {};
    form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      (filters[box.name] = filters[box.name] || []).push(box.value);
    });
    return { q: capped(input.value), filters: filters };
  }

  // ---- matching ------------------------------------------------------------------

  // Work per keystroke is bounded: a pasted 64,000-character query froze the page for 36 s.
  // No real query is longer than a sentence; the rest of a longer one is ignored.
  var MAX_QUERY = 200, MAX_PARTS = 20;
  function capped(q) {
    var chars = Array.from(String(q));
    return chars.length > MAX_QUERY ? chars.slice(0, MAX_QUERY).join("") : String(q);
  }

  function parts(q) {
    return normalise(q).split(/[\s\u3000,，、;；]+/).filter(Boolean)
      .filter(function (p, i, all) { return all.indexOf(p) === i; }).slice(0, MAX_PARTS);
  }

  // A part goes to the full text when it has terms and none is a lone Han
  // character (the full text holds bigrams; one character is served by the table).
  function fullTextTerms(part) {
    var ts = queryTerms(part);
    if (!ts.length) return null;
    for (var i = 0; i < ts.length; i++) if (isHan(ts[i]) && Array.from(ts[i]).length === 1) return null;
    return ts;
  }

  function matchingFacetValues(part) {
    var letters = LETTERS.test(part);
    return data.facets.map(function (f) {
      var hit = {};
      f.values.forEach(function (v, i) {
        for (var j = 0; j < v.names.length; j++) {
          if (v.names[j].indexOf(part) >= 0 || (letters && v.initials[j].indexOf(part) === 0)) { hit[i] = true; break; }
        }
      });
      return hit;
    });
  }

  function structuredScore(r, part, letters, facetHits) {
    var s = 0, i;
    for (i = 0; i < r.codesN.length; i++) {
      if (r.codesN[i] === part) { s = 100; break; }
      if (r.codesN[i].indexOf(part) === 0) s = Math.max(s, 80);
    }
    if (s < 60) {
      var at = r.titleN.indexOf(part);
      if (at >= 0) s = Math.max(s, 60 + (r.titleN === part ? 20 : at === 0 ? 10 : 0));
    }
    if (s < 30) for (i = 0; i < r.textsN.length; i++) if (r.textsN[i].indexOf(part) >= 0) { s = 30; break; }
    if (s < 25 && letters && r.initials.indexOf(part) === 0) s = 25;
    if (s < 10) {
      for (var f = 0; f < r.facets.length && !s; f++) {
        var values = r.facets[f];
        for (i = 0; i < values.length; i++) if (facetHits[f][values[i]]) { s = 10; break; }
      }
    }
    return s;
  }

  // Full-text hits of one part from loaded shards: record number -> lunr score.
  function fullTextHits(ts) {
    var lunr = window.lunr;
    var expanded = {};
    ts.forEach(function (t) {
      var shard = shards[shardOf(t, data.shards)];
      if (isHan(t)) { if (shard.terms[t]) expanded[t] = shard.terms[t]; return; }
      shard.keys.forEach(function (key) { if (key.indexOf(t) === 0) expanded[key] = shard.terms[key]; });
    });
    var vectors = {};
    var inverted = Object.keys(expanded).sort().map(function (term) {
      var wire = expanded[term], number = wire[0], docs = {}, doc = 0;
      for (var i = 1; i < wire.length; i += 2) {
        doc += wire[i];
        docs[doc] = {};
        (vectors[doc] = vectors[doc] || []).push([number, wire[i + 1]]);
      }
      return [term, { _index: number, text: docs }];
    });
    var fieldVectors = Object.keys(vectors).map(function (doc) {
      var elements = [];
      vectors[doc].sort(function (a, b) { return a[0] - b[0]; })
        .forEach(function (e) { elements.push(e[0], e[1]); });
      return ["text/" + doc, elements];
    });
    var index = lunr.Index.load({
      version: lunr.version, fields: ["text"], fieldVectors: fieldVectors,
      invertedIndex: inverted, pipeline: []
    });
    var hits = {};
    index.query(function (query) {
      ts.forEach(function (t) {
        query.term(t, {
          fields: ["text"], usePipeline: false, presence: lunr.Query.presence.REQUIRED,
          wildcard: isHan(t) ? lunr.Query.wildcard.NONE : lunr.Query.wildcard.TRAILING
        });
      });
    }).forEach(function (result) { hits[result.ref] = result.score; });
    return hits;
  }

  // What the query needs that is not loaded yet (lunr.js, shards), as a promise, or null.
  function missing(ps) {
    var needed = [];
    ps.forEach(function (p) {
      var ts = fullTextTerms(p);
      if (ts) ts.forEach(function (t) {
        var k = shardOf(t, data.shards);
        if (!shards[k] && needed.indexOf(k) < 0) needed.push(k);
      });
    });
    var anyFull = ps.some(fullTextTerms);
    if (!needed.length && (!anyFull || window.lunr)) return null;
    return Promise.all([loadLunr()].concat(needed.map(loadShard)));
  }

  function passes(r, f) {
    var chosen = state.filters[data.facetKeys[f]];
    if (!chosen || !chosen.length) return true;
    var values = r.facets[f], fv = data.facets[f].values;
    for (var i = 0; i < values.length; i++) if (chosen.indexOf(fv[values[i]].value) >= 0) return true;
    return false;
  }

  function search(withFullText) {
    var ps = parts(state.q);
    var letters = ps.map(function (p) { return LETTERS.test(p); });
    var facetHits = ps.map(matchingFacetValues);
    var full = ps.map(function (p) {
      var ts = withFullText ? fullTextTerms(p) : null;
      return ts ? fullTextHits(ts) : {};
    });
    var counts = data.facets.map(function (f) { return f.values.map(function () { return 0; }); });
    var results = [];
    data.records.forEach(function (r) {
      var total = 0, how = [];
      for (var i = 0; i < ps.length; i++) {
        var s = structuredScore(r, ps[i], letters[i], facetHits[i]);
        var ft = full[i][r.n];
        if (ft !== undefined) { s += 5 + Math.min(4, ft); if (s < 10) how.push(ps[i]); }
        if (!s) return;
        total += s;
      }
      var failing = [];
      for (var f = 0; f < data.facets.length && failing.length < 2; f++) if (!passes(r, f)) failing.push(f);
      if (failing.length > 1) return;
      data.facets.forEach(function (facet, f) {
        if (failing.length && failing[0] !== f) return;
        r.facets[f].forEach(function (v) { counts[f][v]++; });
      });
      if (!failing.length) results.push({ r: r, score: total, fullTextOnly: how });
    });
    results.sort(function (a, b) {
      return b.score - a.score || a.r.typeNumber - b.r.typeNumber || a.r.n - b.r.n;
    });
    return { results: results, counts: counts, parts: ps };
  }

  // ---- rendering -----------------------------------------------------------------

  function highlighted(text, ps) {
    var span = document.createDocumentFragment();
    var lower = normalise(text);
    if (lower.length !== text.length) { span.appendChild(document.createTextNode(text)); return span; }
    var marks = [];
    ps.forEach(function (p) {
      var at = 0;
      while (p && (at = lower.indexOf(p, at)) >= 0) { marks.push([at, at + p.length]); at += p.length; }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      span.appendChild(document.createTextNode(text.slice(pos, m[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(m[0], m[1]);
      span.appendChild(mark);
      pos = m[1];
    });
    span.appendChild(document.createTextNode(text.slice(pos)));
    return span;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function facetLabel(f, r) {
    return r.facets[f].map(function (v) { return data.facets[f].values[v].label; }).join("、");
  }

  function resultItem(hit, ps) {
    var r = hit.r;
    var li = element("li", "qd-result");
    var meta = element("p", "qd-result__meta");
    meta.appendChild(element("span", "qd-result__type", data.types[r.typeNumber].label));
    if (r.codes.length) {
      meta.appendChild(document.createTextNode(" "));
      var code = element("span", "qd-result__code");
      code.appendChild(highlighted(r.codes[0], ps));
      meta.appendChild(code);
    }
    if (r.sample) { meta.appendChild(document.createTextNode(" ")); meta.appendChild(element("span", "qd-badge", "示例")); }
    li.appendChild(meta);
    var link = element("a", "qd-result__title");
    link.href = siteRoot + r.path;
    link.appendChild(highlighted(r.title, ps));
    li.appendChild(link);
    var detail = null;
    for (var i = 0; i < r.texts.length && !detail; i++) {
      for (var j = 0; j < ps.length; j++) if (r.textsN[i].indexOf(ps[j]) >= 0) { detail = r.texts[i]; break; }
    }
    var p = element("p", "qd-result__detail");
    if (detail) p.appendChild(highlighted(detail, ps));
    else if (r.texts.length && r.type === "item") p.textContent = r.texts[0];
    if (p.textContent) li.appendChild(p);
    var facts = [];
    var dept = data.facetKeys.indexOf("dept"), online = data.facetKeys.indexOf("online");
    if (r.type !== "dept" && r.facets[dept] && r.facets[dept].length) facts.push("责任单位：" + facetLabel(dept, r));
    if (r.facets[online] && r.facets[online].length) facts.push(facetLabel(online, r));
    if (hit.fullTextOnly.length) facts.push("正文中含有：" + hit.fullTextOnly.join(" "));
    if (facts.length) li.appendChild(element("p", "qd-result__facts", facts.join(" · ")));
    return li;
  }

  function paintFacets(counts) {
    data.facets.forEach(function (f, fi) {
      var box = form.querySelector('[data-facet="' + f.key + '"]');
      if (!box) return;
      var selected = 0;
      f.values.forEach(function (v, vi) {
        var input = box.querySelector('input[value="' + CSS.escape(v.value) + '"]');
        if (!input) return;
        var label = input.closest("label");
        label.querySelector(".qd-facet__count").textContent = "（" + counts[fi][vi] + "）";
        label.hidden = counts[fi][vi] === 0 && !input.checked;
        if (input.checked) selected++;
      });
      box.querySelector("summary").setAttribute("data-selected", selected ? "已选 " + selected : "");
      if (selected) box.open = true;
    });
  }

  function paint(found, pending) {
    current = found.results;
    list.textContent = "";
    var frag = document.createDocumentFragment();
    found.results.slice(0, limit).forEach(function (hit) { frag.appendChild(resultItem(hit, found.parts)); });
    list.appendChild(frag);
    more.hidden = found.results.length <= limit;
    var text = found.results.length ? "找到 " + found.results.length + " 条结果" : "没有找到结果";
    if (!found.results.length && found.parts.length) text += "。请换一个词，或减少筛选条件";
    if (pending) text += "（正在检索正文……）";
    countEl.textContent = text;
    paintFacets(found.counts);
    root.setAttribute("data-query", state.q);
    root.setAttribute("data-state", pending ? "pending" : "done");
  }

  function run() {
    if (!data) return;
    var mine = ++generation;
    var wait = missing(parts(state.q));
    paint(search(!wait), !!wait);
    if (wait) {
      wait.then(function () { if (mine === generation) paint(search(true), false); })
        .catch(function () { if (mine === generation) { root.setAttribute("data-state", "done"); } });
    }
  }

  // ---- events --------------------------------------------------------------------

  input.addEventListener("input", function () {
    state = readControls();
    limit = PAGE;
    // One history entry per burst of typing, not one per character.
    record(!typing);
    typing = true;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { typing = false; }, 800);
    run();
  });
  form.addEventListener("change", function (event) {
    if (event.target === input) return;
    state = readControls();
    limit = PAGE;
    typing = false;
    record(true);
    run();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    state = readControls();
    typing = false;
    record(true);
    run();
  });
  clear.addEventListener("click", function (event) {
    event.preventDefault();
    state = { q: "", filters: {} };
    limit = PAGE;
    syncControls();
    record(true);
    run();
    input.focus();
  });
  more.addEventListener("click", function () {
    limit += PAGE;
    run();
    var items = list.querySelectorAll("a");
    if (items[limit - PAGE]) items[limit - PAGE].focus();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && list.querySelector("a")) { event.preventDefault(); list.querySelector("a").focus(); }
  });
  window.addEventListener("popstate", function () {
    state = readUrl();
    limit = PAGE;
    typing = false;
    syncControls();
    run();
  });

  api.current = function () {
    return current.map(function (hit) { return { type: hit.r.type, code: hit.r.codes[0] || "", path: hit.r.path }; });
  };
  api.state = function () { return state; };
  // For the test that compares with lunr.py: record number -> score, shards already loaded.
  api.fullTextScores = function (ts) { return fullTextHits(ts); };

  // On a phone the facets fold into a modal <dialog> opened by a 筛选条件 button above
  // the results (the browser keeps focus inside it and Esc closes it); on wider screens
  // they stay beside the results. The dialog sits inside the form, so the boxes still
  // belong to it. Without <dialog> support they simply stay below the results.
  function foldFacets() {
    var facets = document.getElementById("finder-facets");
    if (!facets || typeof HTMLDialogElement !== "function") return;
    var phone = window.matchMedia("(max-width: 44.9375em)");
    var home = facets.parentNode, after = facets.nextSibling;
    var title = facets.querySelector(".qd-finder__facets-title");
    if (title) title.id = "finder-facets-title";
    var dialog = document.createElement("dialog");
    dialog.className = "qd-finder__dialog";
    dialog.setAttribute("aria-labelledby", "finder-facets-title");
    var done = document.createElement("button");
    done.type = "button";
    done.className = "md-button md-button--primary qd-finder__done";
    done.textContent = "完成";
    var open = document.createElement("button");
    open.type = "button";
    open.className = "md-button qd-finder__open-facets";
    open.setAttribute("aria-haspopup", "dialog");
    open.textContent = "筛选条件";
    countEl.parentNode.insertBefore(open, countEl);
    home.appendChild(dialog);
    function place() {
      if (phone.matches && facets.parentNode !== dialog) {
        dialog.appendChild(facets);
        dialog.appendChild(done);
      } else if (!phone.matches && facets.parentNode === dialog) {
        if (dialog.open) dialog.close();
        home.insertBefore(facets, after);
        dialog.removeChild(done);
      }
    }
    open.addEventListener("click", function () { dialog.showModal(); });
    done.addEventListener("click", function () { dialog.close(); });
    clear.addEventListener("click", function () { if (dialog.open) dialog.close(); });
    phone.addEventListener("change", place);
    place();
  }
  foldFacets();

  syncControls();
  countEl.textContent = "正在载入索引……";
  fetch(recordsUrl).then(function (r) { return r.json(); }).then(function (raw) {
    data = prepare(raw);
    api.ready = true;
    run();
  }).catch(function () {
    countEl.textContent = "索引载入失败，请刷新页面，或浏览完整清单。";
    root.setAttribute("data-state", "error");
  });
})();
