// The catalog search: filters the items of data.js by the form, keeps the
// form in the URL hash (#q=…&dept=…) so that a link shares a search, and
// draws the matches 200 at a time. Plain DOM calls, no framework.
(function () {
  "use strict";
  var data = window.QINGDAN;
  var PAGE = 200;
  var FIELDS = ["q", "dept", "cat", "target", "theme", "online"];
  // Each filter's values (as in the URL) in data.js order.
  var VALUES = { dept: data.d, cat: data.c, target: data.t, theme: data.h, online: data.o };
  var form = document.getElementById("search");
  var results = document.getElementById("results");
  var count = document.getElementById("count");
  var more = document.getElementById("more");
  // Each item's search text (name, code, department, themes, targets,
  // materials) and pinyin initials, normalised by qingdan: searching is
  // one indexOf per term and item.
  var haystacks = data.i.map(function (item) { return item[8] + "|" + item[9]; });

  // A term normalised as qingdan normalises names: full-width forms
  // half-width, lower case, no spaces or punctuation (ｉｃ卡 finds IC卡).
  function normalise(term) {
    return term
      .replace(/[\uFF01-\uFF5E]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); })
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]/gu, "");
  }
  var matches = [];
  var shown = 0;
  var timer = null;

  function readHash() {
    var params = new URLSearchParams(location.hash.slice(1));
    FIELDS.forEach(function (field) { form.elements[field].value = params.get(field) || ""; });
  }

  function writeHash() {
    var params = new URLSearchParams();
    FIELDS.forEach(function (field) {
      var value = form.elements[field].value;
      if (value) { params.set(field, value); }
    });
    var hash = params.toString();
    if (hash === location.hash.slice(1)) { return; }
    try {
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    } catch (e) {
      location.hash = hash;
    }
  }

  // The search as indexes: -2 when a filter is not set.
  function query() {
    var q = { terms: form.elements.q.value.split(/[\s\u3000]+/).map(normalise).filter(Boolean) };
    Object.keys(VALUES).forEach(function (field) {
      var value = form.elements[field].value;
      q[field] = value ? VALUES[field].indexOf(value) : -2;
    });
    return q;
  }

  function matchesQuery(i, q) {
    var item = data.i[i];
    if (q.dept !== -2 && item[2] !== q.dept) { return false; }
    if (q.cat !== -2 && item[3] !== q.cat) { return false; }
    if (q.target !== -2 && item[4].indexOf(q.target) < 0) { return false; }
    if (q.theme !== -2 && item[5].indexOf(q.theme) < 0) { return false; }
    if (q.online !== -2 && item[6] !== q.online) { return false; }
    return q.terms.every(function (term) { return haystacks[i].indexOf(term) >= 0; });
  }

  function entry(item) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = "items/" + item[7] + ".html";
    link.textContent = item[0];
    li.appendChild(link);
    [[item[1], "code"], [data.dn[item[2]] || "", "dept"]].forEach(function (part) {
      var span = document.createElement("span");
      span.className = part[1];
      span.textContent = part[0];
      li.appendChild(document.createTextNode(" "));
      li.appendChild(span);
    });
    return li;
  }

  function showMore() {
    var end = Math.min(shown + PAGE, matches.length);
    var fragment = document.createDocumentFragment();
    for (; shown < end; shown++) { fragment.appendChild(entry(data.i[matches[shown]])); }
    results.appendChild(fragment);
    more.hidden = shown >= matches.length;
  }

  function run() {
    var q = query();
    matches = [];
    for (var i = 0; i < data.i.length; i++) {
      if (matchesQuery(i, q)) { matches.push(i); }
    }
    count.textContent = count.getAttribute("data-template").replace("{n}", matches.length);
    results.textContent = "";
    shown = 0;
    showMore();
  }

  function changed() {
    clearTimeout(timer);
    timer = setTimeout(function () { writeHash(); run(); }, 150);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (event) { event.preventDefault(); writeHash(); run(); });
  more.addEventListener("click", showMore);
  window.addEventListener("hashchange", function () { readHash(); run(); });
  readHash();
  run();
})();
