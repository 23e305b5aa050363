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
  // A disclosure page's chart carries its rows and names the spec of its kind (published
  // once for every page, assets/charts/); other charts carry their whole spec.
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
  function spec(el, embedded) {
    if (!el.dataset.template) return Promise.resolve(embedded);
    return template(el.dataset.template).then(function (kind) {
      return Object.assign({}, kind, { data: embedded });
    });
  }
  function draw() {
    document.querySelectorAll("div.juesuan-chart[data-spec]").forEach(function (el) {
      if (el.dataset.drawn) return;
      var source = document.getElementById(el.dataset.spec);
      if (!source || typeof window.vegaEmbed !== "function") return;
      el.dataset.drawn = "1";
      spec(el, JSON.parse(source.textContent))
        .then(function (whole) {
          return window.vegaEmbed(el, whole, MENU);
        })
        .catch(function (err) {
          el.textContent = "图表无法显示 / chart could not be drawn: " + err;
        });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
