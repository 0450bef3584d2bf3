/*
 * The finder's pure parts: no page, no state, no network. Normalising and the full-text
 * terms (mirroring generator/render/search/tokenize.py), the query forms (mirroring
 * generator/render/search/query.py), the score of a record for one part of a query (the
 * written ranking rule, README "## Search"), and the edit distance for suggestions.
 *
 * Loaded before finder.js on the finder page (as qingdanFinderCore); a CommonJS module
 * for node, so tests/test_finder_core.py checks it with expectations written by hand.
 */
(function (root, factory) {
  var core = factory();
  if (typeof module === "object" && module.exports) module.exports = core;
  else root.qingdanFinderCore = core;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
  var RUN = new RegExp("[" + HAN + "]+|[0-9a-z]+", "gu");
  var HAN_RUN = new RegExp("^[" + HAN + "]+$", "u");

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

  // ---- query understanding (mirrors generator/render/search/query.py) --------------

  // NFKC, lower case, then traditional -> simplified character by character.
  function fold(text, t2s) {
    return Array.from(normalise(text)).map(function (ch) { return t2s[ch] || ch; }).join("");
  }

  // The part, then each shorter form left by stripping one intent word (longest
  // first; from the end first, then from the start), until none applies.
  function forms(part, intentWords) {
    var words = intentWords.slice().sort(function (a, b) {
      return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
    });
    function stripOnce(text) {
      var i, w;
      for (i = 0; i < words.length; i++) {
        w = words[i];
        if (text.length > w.length && text.slice(-w.length) === w) return text.slice(0, -w.length);
      }
      for (i = 0; i < words.length; i++) {
        w = words[i];
        if (text.length > w.length && text.slice(0, w.length) === w) return text.slice(w.length);
      }
      return null;
    }
    var out = [part], shorter;
    while ((shorter = stripOnce(out[out.length - 1])) !== null) out.push(shorter);
    return out;
  }

  // Score levels (README "## Search"): exact code, name or everyday word 100; code
  // prefix 80; name substring 60 (70 at its start), everyday word starting with the part 60
  // (奶茶 -> 奶茶店; not anywhere inside: 花店 is no 烟花店);
  // the part containing an everyday word 50; measure or authority text 30; pinyin
  // initials 25; facet value 10; full text 5-9 (added by `search`). KNOWN: a form the
  // site knows matches something other than the full text.
  var KNOWN = 10;

  function exactScore(r, part, letters) {
    var i;
    for (i = 0; i < r.codesN.length; i++) if (r.codesN[i] === part) return 100;
    if (r.titleN === part) return 100;
    for (i = 0; i < r.wordsN.length; i++) if (r.wordsN[i] === part) return 100;
    if (letters) for (i = 0; i < r.wordPinyin.length; i++) if (r.wordPinyin[i] === part) return 100;
    return 0;
  }

  function structuredScore(r, part, letters, facetHits, exactOnly) {
    var s = exactScore(r, part, letters), i;
    if (s || exactOnly) return s;
    for (i = 0; i < r.codesN.length; i++) if (r.codesN[i].indexOf(part) === 0) { s = 80; break; }
    if (s < 60) {
      var at = r.titleN.indexOf(part);
      if (at >= 0) s = Math.max(s, at === 0 ? 70 : 60);
    }
    if (s < 60) for (i = 0; i < r.wordsN.length; i++) if (r.wordsN[i].indexOf(part) === 0) { s = 60; break; }
    if (s < 30) for (i = 0; i < r.textsN.length; i++) if (r.textsN[i].indexOf(part) >= 0) { s = 30; break; }
    if (s < 25 && letters && r.initials.indexOf(part) === 0) s = 25;
    if (s < 10 && facetHits) {
      for (var f = 0; f < r.facets.length && !s; f++) {
        var values = r.facets[f];
        for (i = 0; i < values.length; i++) if (facetHits[f][values[i]]) { s = 10; break; }
      }
    }
    return s;
  }

  // The part contains one of the record's everyday words (出海打鱼 holds 打鱼).
  function containsWord(r, part) {
    for (var i = 0; i < r.wordsN.length; i++) {
      var w = r.wordsN[i];
      if (w.length >= 2 && w !== part && part.indexOf(w) >= 0) return 50;
    }
    return 0;
  }

  function editDistance(a, b) {
    var row = [], i, j;
    for (j = 0; j <= b.length; j++) row.push(j);
    for (i = 1; i <= a.length; i++) {
      var previous = row[0];
      row[0] = i;
      for (j = 1; j <= b.length; j++) {
        var keep = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = keep;
      }
    }
    return row[b.length];
  }

  function differsByOne(a, b, from) {
    var diff = 0;
    for (var i = 0; i < a.length && diff < 2; i++) if (a[i] !== b[from + i]) diff++;
    return diff === 1;
  }

  return {
    normalise: normalise, isHan: isHan, terms: terms, queryTerms: queryTerms, shardOf: shardOf,
    fold: fold, forms: forms, KNOWN: KNOWN, exactScore: exactScore, structuredScore: structuredScore,
    containsWord: containsWord, editDistance: editDistance, differsByOne: differsByOne
  };
});
