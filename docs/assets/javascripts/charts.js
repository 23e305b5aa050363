// Draw every chart of the page from the Vega-Lite spec embedded beside it.
// vega-embed is served by the site itself (assets/javascripts/vega-bundle.js).
(function () {
  function draw() {
    document.querySelectorAll("div.juesuan-chart[data-spec]").forEach(function (el) {
      if (el.dataset.drawn) return;
      var source = document.getElementById(el.dataset.spec);
      if (!source || typeof window.vegaEmbed !== "function") return;
      el.dataset.drawn = "1";
      window.vegaEmbed(el, JSON.parse(source.textContent), {
        actions: { export: true, source: false, compiled: false, editor: false },
        renderer: "svg",
      }).catch(function (err) {
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
