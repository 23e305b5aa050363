// Sortable, filterable tables: every table marked `juesuan-sortable` (the table itself, or a
// <div> around a Markdown table). Sorting is tablesort (vendor/, MIT, served by the site);
// the filter box above the table hides the rows that do not contain what is typed.
// The all-figures table of a disclosure names each figure by its key (<code>staff.total</code>);
// its English name is written beside it from assets/data/labels-en.json, published once
// for every page (render/labels_en.py).
(function () {
  function filterBox(table) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "juesuan-filter";
    box.placeholder = "筛选本表 / filter this table";
    box.setAttribute("aria-label", "筛选本表 / filter this table");
    box.addEventListener("input", function () {
      var words = box.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var text = row.textContent.toLowerCase();
        row.hidden = !words.every(function (w) { return text.indexOf(w) !== -1; });
      });
    });
    return box;
  }
  function englishLabels() {
    var codes = document.querySelectorAll("table.juesuan-figures td:first-child code");
    var settings = document.getElementById("__config");
    if (!codes.length || !settings) return;
    var base = JSON.parse(settings.textContent).base || ".";
    fetch(base + "/assets/data/labels-en.json")
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (labels) {
        codes.forEach(function (code) {
          var label = labels[code.textContent];
          if (!label) return;
          var line = document.createElement("small");
          line.textContent = label;
          code.parentNode.insertBefore(line, code);
        });
      })
      .catch(function () {});
  }
  function setUp() {
    englishLabels();
    if (typeof window.Tablesort !== "function") return;
    document.querySelectorAll("table.juesuan-sortable, .juesuan-sortable table").forEach(function (table) {
      if (table.dataset.sortable !== undefined || !table.tHead || !table.tBodies.length) return;
      table.dataset.sortable = "";
      table.querySelectorAll("thead th").forEach(function (th) {
        th.title = "点击排序 / click to sort";
      });
      new window.Tablesort(table);
      // Material wraps a Markdown table in a scrolling box: the filter goes above that box.
      var wrap = table.closest(".md-typeset__scrollwrap") || table;
      wrap.parentNode.insertBefore(filterBox(table), wrap);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
