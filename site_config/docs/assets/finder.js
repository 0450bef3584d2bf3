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

  var LETTERS = /^[a-z]{2,}$/;
  var PAGE = 50;
  // The pure parts (normalising, terms, query forms, scoring, edit distance) live in
  // finder-core.js, loaded first; node runs its tests without a page (tests/test_finder_core.py).
  var core = window.qingdanFinderCore;
  var normalise = core.normalise, isHan = core.isHan, terms = core.terms, queryTerms = core.queryTerms,
    shardOf = core.shardOf, fold = core.fold, forms = core.forms, KNOWN = core.KNOWN,
    exactScore = core.exactScore, structuredScore = core.structuredScore, containsWord = core.containsWord,
    editDistance = core.editDistance, differsByOne = core.differsByOne;

  var api = {
    normalise: normalise, terms: terms, queryTerms: queryTerms, shardOf: shardOf,
    fold: fold, forms: forms
  };
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
    var t2s = {};
    var trad = Array.from(raw.t2s[0]), simp = Array.from(raw.t2s[1]);
    trad.forEach(function (ch, i) { t2s[ch] = simp[i]; });
    function folded(text) { return fold(text, t2s); }
    var vocabN = raw.vocab.map(folded);
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
            value: v[0], label: names[0], names: names.map(folded),
            initials: names.map(function (n) {
              var exception = raw.labelInitials[labelNumber++];
              return exception || initialsOf(n);
            })
          };
        })
      };
    });
    var types = raw.types.map(function (t) { return { key: t[0], label: t[1], rank: t[2] }; });
    var records = raw.title.map(function (title, i) {
      var type = types[raw.type[i]].key;
      var codes = raw.code[i];
      var path = raw.path[i] || (type === "item" ? "items/" : "guides/") + codes[0] + "/";
      var facetValues = [[raw.type[i]]].concat(raw.facet[i]);
      return {
        n: i, type: type, typeNumber: raw.type[i], rank: types[raw.type[i]].rank, title: title, titleN: folded(title),
        codes: codes, codesN: codes.map(normalise), texts: raw.text[i], textsN: raw.text[i].map(folded),
        initials: raw.initials[i] || initialsOf(title), path: path, facets: facetValues,
        sample: raw.sample[i] === 1,
        wordsN: raw.words[i].map(function (w) { return vocabN[w]; }),
        wordPinyin: raw.words[i].map(function (w) { return raw.vocabPinyin[w]; }),
        note: raw.note[i], link: raw.link[i]
      };
    });
    // A department's everyday words name its facet value too (matchingFacetValues).
    var deptFacet = facets[facetKeys.indexOf("dept")];
    facets.forEach(function (f) { f.values.forEach(function (v) { v.words = []; }); });
    records.forEach(function (r) {
      if (r.type !== "dept" || !deptFacet) return;
      r.facets[facetKeys.indexOf("dept")].forEach(function (v) { deptFacet.values[v].words = r.wordsN; });
    });
    return {
      facets: facets, facetKeys: facetKeys, types: types, records: records, shards: raw.shards,
      t2s: t2s, intent: raw.intent, vocab: raw.vocab, vocabN: vocabN
    };
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
    return fold(q, data.t2s).split(/[\s\u3000,，、;；]+/).filter(Boolean)
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

  // Facet values a part names: a substring of a label or a prefix of its initials; a
  // department also by one of its everyday words, whole (市监局 names 县市场监管局).
  function matchingFacetValues(part) {
    var letters = LETTERS.test(part);
    return data.facets.map(function (f) {
      var hit = {};
      f.values.forEach(function (v, i) {
        if (v.words.indexOf(part) >= 0) { hit[i] = true; return; }
        for (var j = 0; j < v.names.length; j++) {
          if (v.names[j].indexOf(part) >= 0 || (letters && v.initials[j].indexOf(part) === 0)) { hit[i] = true; break; }
        }
      });
      return hit;
    });
  }

  // Whether some record scores a form at KNOWN or above, without scoring every record
  // (this runs for every form of every keystroke): the same rules as structuredScore,
  // asked of three texts built once: names and measure texts joined (substrings), one line
  // per everyday word, code and pinyin initials (prefixes), and the exact names, words,
  // codes and word readings.
  function knows(form, exactOnly) {
    var k = knowledge();
    if (k.exact[form] === true) return true;
    if (exactOnly) return false;
    if (k.names.indexOf(form) >= 0 || k.starts.indexOf("\n" + form) >= 0) return true;
    var hits = matchingFacetValues(form);
    for (var f = 0; f < hits.length; f++) for (var v in hits[f]) if (hits[f][v]) return true;
    return false;
  }

  function knowledge() {
    if (!data.knowledge) {
      var names = [], starts = [], exact = {};
      data.records.forEach(function (r) {
        names.push(r.titleN);
        r.textsN.forEach(function (t) { names.push(t); });
        exact[r.titleN] = true;
        r.codesN.forEach(function (c) { starts.push(c); exact[c] = true; });
        r.wordsN.forEach(function (w) { starts.push(w); exact[w] = true; });
        r.wordPinyin.forEach(function (p) { exact[p] = true; });
        starts.push(r.initials);
      });
      data.knowledge = { names: "\n" + names.join("\n"), starts: "\n" + starts.join("\n"), exact: exact };
    }
    return data.knowledge;
  }

  // What each part of the query means: the first of its forms (query.forms) that some
  // record knows; a one-character form left by stripping counts only as an exact word.
  // A part no form of which is known keeps its shortest form of two or more characters
  // (for the full text), and may be corrected (see `correction`).
  function understand(ps, corrections) {
    return ps.map(function (part) {
      if (corrections[part]) return { part: part, form: corrections[part], known: true, exactOnly: false, corrected: true };
      var fs = forms(part, data.intent);
      for (var i = 0; i < fs.length; i++) {
        var exactOnly = i > 0 && Array.from(fs[i]).length === 1;
        if (knows(fs[i], exactOnly)) return { part: part, form: fs[i], known: true, exactOnly: exactOnly };
      }
      var rest = fs.filter(function (x) { return Array.from(x).length >= 2; });
      return { part: part, form: rest.length ? rest[rest.length - 1] : part, known: false, exactOnly: false };
    });
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
  function missing(meant) {
    var ps = meant.map(function (m) { return m.form; });
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

  // A 一件事 whose title or everyday words match (a level of 30 and more: not a full-text
  // hit alone) comes first: it lists every permit the owner needs, the permits follow.
  function bundleFirst(hit) { return hit.r.type === "bundle" && hit.level >= 30 ? 1 : 0; }

  function search(withFullText, meant) {
    var ps = meant.map(function (m) { return m.form; });
    var letters = ps.map(function (p) { return LETTERS.test(p); });
    var facetHits = ps.map(matchingFacetValues);
    var full = ps.map(function (p) {
      var ts = withFullText ? fullTextTerms(p) : null;
      return ts ? fullTextHits(ts) : {};
    });
    var counts = data.facets.map(function (f) { return f.values.map(function () { return 0; }); });
    var results = [];
    data.records.forEach(function (r) {
      var level = 0, total = 0, how = [], strong = true;
      for (var i = 0; i < ps.length; i++) {
        var s = Math.max(structuredScore(r, ps[i], letters[i], facetHits[i], meant[i].exactOnly),
                         containsWord(r, meant[i].part));
        if (s < KNOWN) strong = false;
        var ft = full[i][r.n], bonus = ft === undefined ? 0 : 5 + Math.min(4, ft);
        if (!s && !bonus) return;
        if (!s) how.push(ps[i]);
        // The full text decides only within a level, except for what it alone found.
        level += s || bonus;
        total += s + bonus;
      }
      var failing = [];
      for (var f = 0; f < data.facets.length && failing.length < 2; f++) if (!passes(r, f)) failing.push(f);
      if (failing.length > 1) return;
      data.facets.forEach(function (facet, f) {
        if (failing.length && failing[0] !== f) return;
        r.facets[f].forEach(function (v) { counts[f][v]++; });
      });
      if (!failing.length) results.push({ r: r, level: level, score: total, fullTextOnly: how, strong: strong });
    });
    results.sort(function (a, b) {
      return bundleFirst(b) - bundleFirst(a) || b.level - a.level || a.r.rank - b.r.rank || a.r.typeNumber - b.r.typeNumber ||
        b.score - a.score || a.r.n - b.r.n;
    });
    return { results: results, counts: counts, parts: ps, meant: meant };
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
    if (r.note) li.appendChild(noteOf(r));
    var facts = [];
    var dept = data.facetKeys.indexOf("dept"), online = data.facetKeys.indexOf("online");
    if (r.type !== "dept" && r.facets[dept] && r.facets[dept].length) facts.push("责任单位：" + facetLabel(dept, r));
    if (r.facets[online] && r.facets[online].length) facts.push(facetLabel(online, r));
    if (hit.fullTextOnly.length) facts.push("正文中含有：" + hit.fullTextOnly.join(" "));
    if (facts.length) li.appendChild(element("p", "qd-result__facts", facts.join(" · ")));
    return li;
  }

  // 已调整为 … (with the successor's link) or 已于 2025 年版移出清单.
  function noteOf(r) {
    var note = element("p", "qd-result__note");
    if (r.link) {
      var a = element("a", null, r.note);
      a.href = siteRoot + r.link;
      note.appendChild(a);
    } else {
      note.textContent = r.note;
    }
    return note;
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
    text += interpretation(found.meant);
    if (!found.results.length && found.parts.length) text += "。请换一个词，或减少筛选条件";
    if (pending) text += "（正在检索正文……）";
    countEl.textContent = text;
    paintOutside(found);
    paintFacets(found.counts);
    root.setAttribute("data-query", state.q);
    root.setAttribute("data-state", pending ? "pending" : "done");
  }

  function run() {
    if (!data) return;
    step(++generation);
  }

  // Paint what the loaded files allow, then load what the query still needs (lunr.js and
  // shards for the full text; the readings for a part nothing knows) and paint again.
  function step(mine) {
    var meant = understand(parts(state.q), corrections);
    if (readings && meant.some(function (m) { return !m.known && !(m.part in corrections); })) {
      meant.forEach(function (m) { if (!m.known && !(m.part in corrections)) corrections[m.part] = correctionOf(m.part); });
      meant = understand(parts(state.q), corrections);
    }
    var waits = [];
    var wait = missing(meant);
    if (wait) waits.push(wait);
    if (!readings && meant.some(function (m) { return !m.known; })) waits.push(loadReadings());
    paint(search(!wait, meant), waits.length > 0);
    if (waits.length) {
      Promise.all(waits).then(function () { if (mine === generation) step(mine); })
        .catch(function () { if (mine === generation) { root.setAttribute("data-state", "done"); } });
    }
  }

  // ---- nothing known: corrections, suggestions, 清单之外 ------------------------------
  // A part nothing knows may be a typo: the readings of every common character
  // (find/index/pinyin.json, fetched only then) find a word that sounds the same (网巴 ->
  // 网吧, as an input method errs), or, from three characters on, a word or name with
  // one character different (烟花爆足 -> 烟花爆竹). Otherwise the 清单之外 answer, with the
  // nearest everyday words as suggestions.

  var readings = null, readingsPending = null;
  var corrections = {};  // part -> corrected form, or null when it has none

  function loadReadings() {
    if (!readingsPending) {
      readingsPending = fetch(indexDir + "pinyin.json").then(function (r) { return r.json(); })
        .then(function (table) {
          var map = {};
          Object.keys(table).forEach(function (reading) {
            Array.from(table[reading]).forEach(function (ch) { map[ch] = reading; });
          });
          readings = map;
        });
    }
    return readingsPending;
  }

  function readingsOf(chars) { return chars.map(function (ch) { return readings[ch] || ch; }); }

  function correctionCandidates() {
    if (!data.candidates) {
      var seen = {}, out = [];
      var add = function (t) { if (t && !seen[t]) { seen[t] = true; out.push(t); } };
      data.vocabN.forEach(add);
      data.records.forEach(function (r) {
        if (r.rank > 3) return;
        add(r.titleN);
        r.textsN.forEach(add);
      });
      data.candidates = out.map(function (t) { return { text: t, chars: Array.from(t) }; });
    }
    return data.candidates;
  }

  function correction(form) {
    var chars = Array.from(form);
    if (chars.length < 2 || !chars.every(isHan)) return null;
    var sound = readingsOf(chars).join(" ");
    var candidates = correctionCandidates(), i, c;
    for (i = 0; i < candidates.length; i++) {
      c = candidates[i];
      if (c.chars.length !== chars.length || c.text === form) continue;
      if (c.sound === undefined) c.sound = readingsOf(c.chars).join(" ");
      if (c.sound === sound) return c.text;
    }
    if (chars.length < 3) return null;
    for (i = 0; i < candidates.length; i++) {
      c = candidates[i];
      if (c.chars.length === chars.length && differsByOne(chars, c.chars, 0)) return c.text;
      if (chars.length >= 4) {
        for (var at = 0; at + chars.length <= c.chars.length; at++) {
          if (differsByOne(chars, c.chars, at)) return c.chars.slice(at, at + chars.length).join("");
        }
      }
    }
    return null;
  }

  function correctionOf(part) {
    var fs = forms(part, data.intent);
    for (var i = 0; i < fs.length; i++) {
      var c = correction(fs[i]);
      if (c) return c;
    }
    return null;
  }

  // The nearest everyday words: fewest characters different, then fewest readings
  // different, then vocabulary order; at most half the word may differ.
  function suggestions(form) {
    var chars = Array.from(form);
    if (!chars.length) return [];
    var sound = readings ? readingsOf(chars) : chars;
    var scored = [];
    data.vocabN.forEach(function (word, i) {
      var wc = Array.from(word);
      var d = editDistance(chars, wc);
      if (word === form || d > Math.max(1, Math.floor(Math.max(wc.length, chars.length) / 2))) return;
      var p = editDistance(sound, readings ? readingsOf(wc) : wc);
      scored.push([d, p, i, data.vocab[i]]);
    });
    scored.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return scored.slice(0, 6).map(function (x) { return x[3]; })
      .filter(function (w, i, all) { return all.indexOf(w) === i; });
  }

  // How the query was read, when that is not what was typed.
  function interpretation(meant) {
    var said = [];
    (meant || []).forEach(function (m) {
      if (m.corrected) said.push("没有找到“" + m.part + "”，已按“" + m.form + "”查询");
      else if (m.known && m.form !== m.part) said.push("按“" + m.form + "”查询");
    });
    return said.length ? "（" + said.join("；") + "）" : "";
  }

  // The 清单之外 answer: no result matches by code, name, everyday word, measure or facet
  // (full text alone does not count) among the items, guides and departments.
  function paintOutside(found) {
    var box = document.getElementById("finder-outside");
    if (!box) return;
    var outside = found.parts.length > 0 && !found.results.some(function (h) { return h.strong && h.r.rank <= 3; });
    box.hidden = !outside;
    root.setAttribute("data-outside", outside ? "true" : "false");
    if (!outside) return;
    var typed = state.q.trim();
    document.getElementById("finder-outside-query").textContent = typed;
    var list = document.getElementById("finder-suggestions");
    list.textContent = "";
    var offers = [];
    found.meant.forEach(function (m) {
      if (m.form !== m.part && m.form) offers.push(m.form);
      suggestions(m.form).forEach(function (w) { offers.push(w); });
    });
    offers.filter(function (w, i, all) { return all.indexOf(w) === i; }).slice(0, 8).forEach(function (word) {
      var li = element("li");
      var a = element("a", null, word);
      a.href = window.location.pathname + "?" + new URLSearchParams({ q: word }).toString();
      li.appendChild(a);
      list.appendChild(li);
    });
    document.getElementById("finder-suggest").hidden = !list.children.length;
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
    return current.map(function (hit) {
      return { type: hit.r.type, code: hit.r.codes[0] || "", path: hit.r.path, note: hit.r.note || "" };
    });
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
  }).catch(function (error) {
    if (window.console) console.error(error);
    countEl.textContent = "索引载入失败，请刷新页面，或浏览完整清单。";
    root.setAttribute("data-state", "error");
  });
})();
