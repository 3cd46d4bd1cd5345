// Document page: show or hide each kind of highlight; flash a span when a table row links to it.
(function () {
  "use strict";
  document.querySelectorAll("#legend input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.dataset.kind, !box.checked);
    });
  });
  function flash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    document.querySelectorAll("mark.flash").forEach(function (m) { m.classList.remove("flash"); });
    document.querySelectorAll('mark[data-span="' + id.replace(/"/g, "") + '"]').forEach(function (m) {
      m.classList.add("flash");
    });
  }
  window.addEventListener("hashchange", flash);
  flash();
})();
