// Draw every chart of the page from the Vega-Lite spec embedded beside it (or named by it).
// vega-embed is served by the site itself (assets/javascripts/vega-bundle.js).
(function () {
  // The chart menu in Chinese first: only the image downloads (the data is linked on the page).
  var MENU = {
    actions: { export: true, source: false, compiled: false, editor: false },
    i18n: {
      PNG_ACTION: "保存为 PNG 图片 / Save as PNG",
      SVG_ACTION: "保存为 SVG 图片 / Save as SVG",
      CLICK_TO_VIEW_ACTIONS: "图表菜单 / chart menu",
    },
    renderer: "svg",
  };
  // A disclosure, comparison or department page's chart carries its rows and names the spec
  // of its kind (published once for every page, assets/charts/); the home page's chart
  // carries its whole spec.
  var templates = {};
  function template(url) {
    if (!templates[url]) {
      templates[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.json();
      });
    }
    return templates[url];
  }
  // A chart of the pages across disclosures (comparison, department) carries the values of
  // its kind's slots: each string "\u0000slot:NAME" of the spec is replaced by slots[NAME]
  // (render/portal_charts.py, the same as its `assembled`).
  var SLOT = "\u0000slot:";
  function filled(value, slots) {
    if (Array.isArray(value)) {
      return value.map(function (v) { return filled(v, slots); });
    }
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (key) { out[key] = filled(value[key], slots); });
      return out;
    }
    if (typeof value === "string" && value.indexOf(SLOT) === 0) {
      return slots[value.slice(SLOT.length)];
    }
    return value;
  }
  // A disclosure chart's data is its CSV (the same file as in the package zip's charts/),
  // read by Vega-Lite itself; the rows named in `drawn` (positions from 0) are drawn.
  function spec(el, embedded) {
    if (!el.dataset.template) return Promise.resolve(embedded);
    return template(el.dataset.template).then(function (kind) {
      if (embedded.slots) return filled(kind, embedded.slots);
      var drawn = embedded.drawn.map(function (i) {
        return i + 1; // row_number counts from 1
      });
      return Object.assign({}, kind, {
        data: { values: embedded.csv, format: { type: "csv", parse: { value: "number" } } },
        transform: [
          { window: [{ op: "row_number", as: "juesuan_row" }] },
          { filter: { field: "juesuan_row", oneOf: drawn } },
        ].concat(kind.transform || []),
      });
    });
  }
  // A chart's data (its spec, rows or slots) is the JSON script inside its <div>.
  function data(el) {
    var source = el.querySelector('script[type="application/json"]');
    return source ? JSON.parse(source.textContent) : null;
  }
  // "下载图表数据 CSV": a link a chart, saving the chart's CSV from the page as
  // PACKAGE-CHART.csv. The line is written here, into the page's empty
  // <p class="juesuan-chart-downloads" data-package>, from the charts the page carries: each
  // is named by the title above it (<h3 id=CHART>). Without scripts a link could save
  // nothing, and the page says the same files are in the package zip.
  function csvLinks() {
    document.querySelectorAll("p.juesuan-chart-downloads[data-package]").forEach(function (p) {
      if (p.childNodes.length) return;
      var links = [];
      document.querySelectorAll("div.juesuan-chart[data-template]").forEach(function (el) {
        var heading = el.previousElementSibling;
        var embedded = data(el);
        if (!heading || heading.tagName !== "H3" || !heading.id || !embedded || !embedded.csv) return;
        var chart = heading.id;
        var link = document.createElement("a");
        link.textContent = heading.textContent.split(" / ")[0];
        link.dataset.chart = chart;
        link.href = URL.createObjectURL(new Blob([embedded.csv], { type: "text/csv;charset=utf-8" }));
        link.download = p.dataset.package + "-" + chart + ".csv";
        link.className = "juesuan-chart-csv";
        links.push(link);
      });
      if (!links.length) return;
      var zip = document.createElement("a");
      zip.href = "#downloads";
      zip.textContent = "数据包";
      var folder = document.createElement("code");
      folder.textContent = "charts/";
      p.append("下载图表数据 CSV（与", zip, " ", folder, " 中的文件相同，说明 README 也在其中）：");
      links.forEach(function (link, i) {
        if (i) p.append(" · ");
        p.append(link);
      });
    });
  }
  function draw() {
    document.querySelectorAll("div.juesuan-chart").forEach(function (el) {
      if (el.dataset.drawn) return;
      var embedded = data(el);
      if (!embedded || typeof window.vegaEmbed !== "function") return;
      el.dataset.drawn = "1";
      spec(el, embedded)
        .then(function (whole) {
          return window.vegaEmbed(el, whole, MENU);
        })
        .catch(function (err) {
          el.textContent = "图表无法显示 / chart could not be drawn: " + err;
        });
    });
  }
  function start() {
    csvLinks();
    draw();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
