// "Excel 版" links: the same CSV, saved with a UTF-8 byte-order mark so that Excel opens
// its Chinese intact. The mark is added here, in the reader's browser, instead of the site
// publishing a second copy of every CSV (at a province's scale that copy alone would cost
// hundreds of megabytes of the 1 GB GitHub Pages allows). Without scripts the link still
// downloads the plain UTF-8 file.
(function () {
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.juesuan-excel");
    if (!link) return;
    event.preventDefault();
    fetch(link.href)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.arrayBuffer();
      })
      .then(function (body) {
        var blob = new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), body], {
          type: "text/csv;charset=utf-8",
        });
        var save = document.createElement("a");
        save.href = URL.createObjectURL(blob);
        save.download = link.getAttribute("download") || "data.csv";
        document.body.appendChild(save);
        save.click();
        setTimeout(function () {
          URL.revokeObjectURL(save.href);
          save.remove();
        }, 1000);
      })
      .catch(function () {
        window.location.href = link.href; // the plain file, rather than nothing
      });
  });
})();
