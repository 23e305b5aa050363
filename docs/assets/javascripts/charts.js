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
        // The chart menu in Chinese first (vega-embed's own words are English).
        i18n: {
          CLICK_TO_VIEW_ACTIONS: "图表菜单 / chart menu",
          PNG_ACTION: "保存为 PNG 图片 / Save as PNG",
          SVG_ACTION: "保存为 SVG 图片 / Save as SVG",
          SOURCE_ACTION: "查看源代码 / View source",
          COMPILED_ACTION: "查看 Vega 代码 / View compiled Vega",
          EDITOR_ACTION: "在 Vega 编辑器中打开 / Open in Vega Editor",
        },
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
