/* gongkai search: reads the index files that `gongkai build` writes under
 * search/ (see src/render/search/mod.rs) and shows matching projects.
 *
 * Files are loaded by <script> tags, not fetch(), so that search works on
 * any static host and from file://. Text is folded and split into
 * character pairs exactly as src/render/search/text.rs does; keep the two
 * in step. Every string from the index reaches the page as a text node,
 * never as HTML. */
(function () {
  "use strict";
  var api = (window.gongkaiSearch = window.gongkaiSearch || {});
  var waiting = {};
  var loading = {};
  var store = { manifest: null, shards: {}, metas: {}, texts: {} };
  var NAME = 1, DEPT = 2, OTHER = 4, STARTS = 8, ENDS = 16;
  var PAGE = 10;

  function arrived(key, value) {
    var resolve = waiting[key];
    if (resolve) {
      delete waiting[key];
      resolve(value);
    }
  }
  api.manifest = function (m) { store.manifest = m; arrived("manifest", m); };
  api.shard = function (n, keys) { store.shards[n] = keys; arrived("shard-" + n, keys); };
  api.meta = function (n, rows) { store.metas[n] = rows; arrived("meta-" + n, rows); };
  api.text = function (href, segments) { store.texts[href] = segments; arrived("text-" + href, segments); };

  /* Loads one index file once; resolves when it has called back. */
  function load(root, path, key) {
    if (!loading[key]) {
      loading[key] = new Promise(function (resolve, reject) {
        waiting[key] = resolve;
        var script = document.createElement("script");
        var v = store.manifest ? "?v=" + store.manifest.v : "";
        script.src = root + path + v;
        script.async = true;
        script.onerror = function () {
          delete loading[key];
          delete waiting[key];
          reject(new Error("search index file missing: " + path));
        };
        document.head.appendChild(script);
      });
    }
    return loading[key];
  }

  /* Full-width forms to half-width, ideographic space to space, Latin
   * capitals to small: one UTF-16 unit in, one out, as in text.rs. */
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0).toLowerCase();
      else if (c === 0x3000) out += " ";
      else if (c >= 65 && c <= 90) out += String.fromCharCode(c + 32);
      else out += text.charAt(i);
    }
    return out;
  }

  function chars(word) { return Array.from(word); }

  /* The pairs to look up: every other one, and the last, which still
   * cover every character of the word. A 12-character name then loads 6
   * shard files rather than 11; the text check in `resolve` drops the
   * few projects that have the pairs but not the word. */
  function lookups(word) {
    var cs = chars(word), keys = [];
    for (var i = 0; i + 1 < cs.length; i += 2) keys.push(cs[i] + cs[i + 1]);
    if (cs.length % 2 === 1) keys.push(cs[cs.length - 2] + cs[cs.length - 1]);
    return keys.filter(function (k, i) { return keys.indexOf(k) === i; });
  }

  /* 32-bit FNV-1a over UTF-8, as text::shard_of. */
  function shardOf(key, shards) {
    var bytes = new TextEncoder().encode(key), hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash % shards;
  }

  function postings(encoded) {
    var map = new Map(), doc = 0;
    if (!encoded) return map;
    encoded.split(",").forEach(function (part) {
      var value = parseInt(part, 36);
      doc += Math.floor(value / 32);
      map.set(doc, value % 32);
    });
    return map;
  }

  function yearOf(id) {
    var ranges = store.manifest.ranges;
    for (var i = 0; i < ranges.length; i++) {
      if (id >= ranges[i][2] && id < ranges[i][3]) return ranges[i][0];
    }
    return 0;
  }

  function parse(query) {
    var years = [], words = [];
    fold(query).split(/\s+/).forEach(function (term) {
      if (!term) return;
      var m = /^(\d{4})年?$/.exec(term);
      var known = m && store.manifest.ranges.some(function (r) { return r[0] === +m[1]; });
      if (known) years.push(+m[1]);
      else words.push(term);
    });
    return { years: years, words: words };
  }

  function allowed(filters, years) {
    var ranges = store.manifest.ranges.filter(function (r) {
      return (!filters.year || r[0] === +filters.year) &&
        (!filters.department || r[1] === filters.department) &&
        (!years.length || years.indexOf(r[0]) >= 0);
    });
    return function (id) {
      return ranges.some(function (r) { return id >= r[2] && id < r[3]; });
    };
  }

  /* Every candidate with its rank: exact name, then names, then
   * departments, then other text; newer years first within a rank. */
  function candidates(root, query, filters) {
    return load(root, "search/manifest.js", "manifest").then(function (m) {
      var q = parse(query);
      var long = q.words.filter(function (w) { return chars(w).length >= 2; });
      if (!long.length && !q.years.length) return null;
      var keys = [];
      long.forEach(function (w) { lookups(w).forEach(function (k) { keys.push(k); }); });
      var files = keys.map(function (k) { return shardOf(k, m.shards); });
      return Promise.all(files.filter(function (f, i) { return files.indexOf(f) === i; }).map(function (f) {
        return load(root, "search/shard-" + f + ".js", "shard-" + f);
      })).then(function () {
        var ok = allowed(filters, q.years);
        var scores = null;
        long.forEach(function (word) {
          var lists = lookups(word).map(function (k) {
            return postings(store.shards[shardOf(k, m.shards)][k]);
          });
          lists.sort(function (a, b) { return a.size - b.size; });
          var cs = chars(word), first = cs[0] + cs[1], last = cs[cs.length - 2] + cs[cs.length - 1];
          var firstList = postings(store.shards[shardOf(first, m.shards)][first]);
          var lastList = postings(store.shards[shardOf(last, m.shards)][last]);
          var found = new Map();
          lists[0].forEach(function (mask, doc) {
            var fields = mask & 7;
            for (var i = 1; i < lists.length && fields; i++) fields &= (lists[i].get(doc) || 0);
            if (!fields || !ok(doc) || (scores && !scores.has(doc))) return;
            var rank = fields & NAME ? 1 : fields & DEPT ? 2 : 4;
            if (rank === 1 && q.words.length === 1 && (firstList.get(doc) & STARTS) && (lastList.get(doc) & ENDS)) rank = 0;
            found.set(doc, (scores ? scores.get(doc) : 0) + rank);
          });
          scores = found;
        });
        if (!scores) {
          scores = new Map();
          for (var id = 0; id < m.docs; id++) if (ok(id)) scores.set(id, 4);
        }
        var list = Array.from(scores.keys());
        list.sort(function (a, b) {
          return scores.get(a) - scores.get(b) || yearOf(b) - yearOf(a) || a - b;
        });
        return { words: q.words, ids: list };
      });
    });
  }

  function plain(markdown) {
    return markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[*`_#>]/g, "").replace(/\s+/g, " ").trim();
  }

  /* Loads what the results need, drops candidates whose pairs were all
   * there but not as one word, and returns up to `limit` results. */
  function resolve(root, found, start, limit) {
    var out = [];
    function next(i) {
      if (out.length >= limit || i >= found.ids.length) return Promise.resolve(i);
      var batch = found.ids.slice(i, i + limit - out.length);
      var chunk = store.manifest.chunk;
      return Promise.all(batch.map(function (id) {
        var n = Math.floor(id / chunk);
        return load(root, "search/meta-" + n + ".js", "meta-" + n).then(function (rows) {
          var row = rows[id % chunk];
          var textPath = row[4].replace(/index\.html$/, "search.js");
          return load(root, textPath, "text-" + row[4]).then(function () { return row; });
        });
      })).then(function (rows) {
        rows.forEach(function (row) {
          var segments = store.texts[row[4]].map(plain);
          var hay = [fold(row[0]), fold(row[1])].concat(segments.map(fold));
          var every = found.words.every(function (w) {
            return hay.some(function (h) { return h.indexOf(w) >= 0; });
          });
          if (every) {
            out.push({ name: row[0], department: row[1], year: row[2], amount: row[3], href: row[4], segments: segments });
          }
        });
        return next(i + batch.length);
      });
    }
    return next(start).then(function (end) { return { results: out, next: end }; });
  }

  /* The candidates that really contain every word, in rank order, so
   * that the count the status announces is the number of results listed
   * (pairs can all be there without the word: 「200」 in 「2023年…100」).
   * A word in the name or department needs only the meta file; the
   * project's text file is loaded only for the rest. */
  function verify(root, found) {
    var chunk = store.manifest.chunk;
    return Promise.all(found.ids.map(function (id) {
      var n = Math.floor(id / chunk);
      return load(root, "search/meta-" + n + ".js", "meta-" + n).then(function (rows) {
        var row = rows[id % chunk];
        var heading = [fold(row[0]), fold(row[1])];
        var rest = found.words.filter(function (w) {
          return !heading.some(function (h) { return h.indexOf(w) >= 0; });
        });
        if (!rest.length) return true;
        var textPath = row[4].replace(/index\.html$/, "search.js");
        return load(root, textPath, "text-" + row[4]).then(function () {
          var hay = store.texts[row[4]].map(plain).map(fold);
          return rest.every(function (w) {
            return hay.some(function (h) { return h.indexOf(w) >= 0; });
          });
        });
      });
    })).then(function (keep) {
      return { words: found.words, ids: found.ids.filter(function (id, i) { return keep[i]; }) };
    });
  }

  /* For tests and other scripts: the ranked results of a query. */
  api.query = function (root, query, filters, limit) {
    return candidates(root, query, filters || {}).then(function (found) {
      if (!found) return [];
      return resolve(root, found, 0, limit || PAGE).then(function (r) { return r.results; });
    });
  };

  function highlight(parent, text, words) {
    var folded = fold(text), marks = [];
    words.forEach(function (w) {
      for (var at = folded.indexOf(w); at >= 0 && w; at = folded.indexOf(w, at + w.length)) marks.push([at, at + w.length]);
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    marks.forEach(function (m) {
      if (m[0] < pos) return;
      parent.appendChild(document.createTextNode(text.slice(pos, m[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(m[0], m[1]);
      parent.appendChild(mark);
      pos = m[1];
    });
    parent.appendChild(document.createTextNode(text.slice(pos)));
  }

  function excerpt(result, words) {
    for (var i = 0; i < result.segments.length; i++) {
      var text = result.segments[i], folded = fold(text);
      for (var j = 0; j < words.length; j++) {
        var at = folded.indexOf(words[j]);
        if (at < 0 || fold(result.name).indexOf(words[j]) >= 0) continue;
        var from = Math.max(0, at - 20), to = Math.min(text.length, at + words[j].length + 40);
        return (from > 0 ? "…" : "") + text.slice(from, to) + (to < text.length ? "…" : "");
      }
    }
    return "";
  }

  function say(template, n) { return template.replace("{n}", String(n)); }

  function attach(form) {
    var root = form.getAttribute("data-root") || "";
    var input = form.querySelector("input[type=search]");
    var status = form.querySelector("[data-search-status]");
    var panel = document.getElementById(form.getAttribute("data-search-results"));
    if (!input || !status || !panel) return;
    var list = panel.querySelector("ol");
    // The header box's status is for screen readers; the panel repeats it
    // where it can be seen (aria-hidden there, so it is not read twice).
    var echo = panel.querySelector("[data-search-echo]");
    function tell(text) {
      status.textContent = text;
      if (echo) echo.textContent = text;
    }
    var more = panel.querySelector("button");
    var strings = form.dataset;
    var current = null, timer = 0, serial = 0;

    function filters() {
      var year = form.querySelector("select[name=year]");
      var dept = form.querySelector("select[name=department]");
      return { year: year ? year.value : "", department: dept ? dept.value : "" };
    }

    function show(found, from) {
      var mine = serial;
      return resolve(root, found, from, PAGE).then(function (r) {
        if (mine !== serial) return;
        r.results.forEach(function (result) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = root + result.href;
          highlight(a, result.name, found.words);
          li.appendChild(a);
          var meta = document.createElement("p");
          meta.className = "search-meta";
          highlight(meta, result.department, found.words);
          meta.appendChild(document.createTextNode(" · " + result.year + strings.yearSuffix + " · " + result.amount));
          li.appendChild(meta);
          var text = excerpt(result, found.words);
          if (text) {
            var p = document.createElement("p");
            p.className = "search-excerpt";
            highlight(p, text, found.words);
            li.appendChild(p);
          }
          list.appendChild(li);
        });
        current = { found: found, next: r.next };
        more.hidden = r.next >= found.ids.length;
      });
    }

    /* `data-state` (busy, done) lets tests and scripts wait for results. */
    function settle(mine) {
      if (mine === serial) form.setAttribute("data-state", "done");
    }

    function run() {
      var query = input.value.trim();
      var mine = ++serial;
      form.setAttribute("data-state", "busy");
      list.textContent = "";
      more.hidden = true;
      if (!query) {
        panel.hidden = true;
        tell("");
        settle(mine);
        return;
      }
      candidates(root, query, filters()).then(function (found) {
        return found && verify(root, found);
      }).then(function (found) {
        if (mine !== serial) return;
        panel.hidden = false;
        if (!found) {
          tell(strings.short);
          return;
        }
        tell(found.ids.length ? say(strings.found, found.ids.length) : strings.none);
        return show(found, 0);
      }).catch(function () {
        if (mine !== serial) return;
        panel.hidden = false;
        tell(strings.failed);
      }).then(function () { settle(mine); });
    }

    input.addEventListener("input", function () {
      form.setAttribute("data-state", "busy");
      clearTimeout(timer);
      timer = setTimeout(run, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && input.value) {
        input.value = "";
        run();
      }
    });
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (s) {
      s.addEventListener("change", run);
    });
    more.addEventListener("click", function () {
      if (!current) return;
      var first = list.children.length;
      show(current.found, current.next).then(function () {
        var link = list.children[first] && list.children[first].querySelector("a");
        if (link) link.focus();
      });
    });
    if (form.hasAttribute("data-search-page")) {
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        clearTimeout(timer);
        run();
      });
      var params = new URLSearchParams(window.location.search);
      input.value = params.get("q") || "";
      ["year", "department"].forEach(function (name) {
        var select = form.querySelector("select[name=" + name + "]");
        if (select && params.get(name)) select.value = params.get(name);
      });
      if (input.value) run();
    }
  }

  document.documentElement.classList.add("js");
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-search-results]"), attach);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
