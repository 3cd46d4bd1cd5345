// Document index: sort by any column (click a header), filter by text, type and status.
// The text filter ignores case, tone marks and Đ/D (`ke hoach` finds `Kế hoạch`).
(function () {
  "use strict";
  var table = document.getElementById("docs");
  if (!table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var text = document.getElementById("filter");
  var type = document.getElementById("filter-type");
  var status = document.getElementById("filter-status");
  var shown = document.getElementById("shown");
  var collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  var haystack = rows.map(function (r) { return fold(r.textContent); });

  function filter() {
    var words = fold(text.value).trim().split(/\s+/).filter(Boolean);
    var n = 0;
    rows.forEach(function (r, i) {
      var ok = (!type.value || r.dataset.type === type.value) &&
               (!status.value || r.dataset.status === status.value) &&
               words.every(function (w) { return haystack[i].indexOf(w) >= 0; });
      r.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n + " of " + rows.length + " shown";
  }

  function sortBy(th) {
    var col = th.cellIndex, numeric = th.dataset.type === "num";
    var dir = th.classList.contains("asc") ? -1 : 1;
    Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.classList.remove("asc", "desc"); });
    th.classList.add(dir === 1 ? "asc" : "desc");
    var keyed = rows.map(function (r) { return [r.cells[col].textContent.trim(), r]; });
    keyed.sort(function (a, b) {
      if (numeric) return dir * ((parseFloat(a[0]) || 0) - (parseFloat(b[0]) || 0));
      if (!a[0] !== !b[0]) return a[0] ? -1 : 1;  // empty cells last, either direction
      return dir * collator.compare(a[0], b[0]);
    });
    keyed.forEach(function (k) { tbody.appendChild(k[1]); });
  }

  [text, type, status].forEach(function (el) { el.addEventListener("input", filter); });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    th.addEventListener("click", function () { sortBy(th); });
  });
  filter();
})();
