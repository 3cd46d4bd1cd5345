// Citation graph: pan (drag the background), zoom (wheel), drag nodes, hover to see neighbours,
// search (case, tone marks and Đ/D ignored) that zooms onto its hits, Enter or "focus" to keep only
// the hits and their neighbours (labelled), hide cited-but-missing nodes. The SVG is drawn by the
// server; this only moves it.
(function () {
  "use strict";
  var svg = document.getElementById("graph");
  if (!svg) return;
  var W = +svg.dataset.w, H = +svg.dataset.h;
  var view = { x: 0, y: 0, w: W, h: H };
  var nodes = {}, edges = [];
  svg.querySelectorAll(".node").forEach(function (el) {
    nodes[el.id] = { el: el, x: +el.dataset.x, y: +el.dataset.y, r: +el.dataset.r,
                     circle: el.querySelector("circle"), text: el.querySelector("text"), edges: [] };
  });
  svg.querySelectorAll(".edge").forEach(function (el) {
    var e = { el: el, s: nodes[el.dataset.s], t: nodes[el.dataset.t] };
    if (!e.s || !e.t) return;
    if (e.t.el.classList.contains("missing")) el.classList.add("to-missing");
    e.s.edges.push(e); e.t.edges.push(e); edges.push(e);
  });

  function setView() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" ")); }
  function toGraph(evt) {
    var r = svg.getBoundingClientRect();
    var s = Math.max(view.w / r.width, view.h / r.height);  // preserveAspectRatio "meet"
    var ox = (r.width * s - view.w) / 2, oy = (r.height * s - view.h) / 2;
    return { x: view.x - ox + (evt.clientX - r.left) * s, y: view.y - oy + (evt.clientY - r.top) * s, s: s };
  }
  function placeEdge(e) {  // stop the line at the target's rim so the arrow shows
    var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
    e.el.setAttribute("x1", e.s.x); e.el.setAttribute("y1", e.s.y);
    e.el.setAttribute("x2", e.t.x - dx / d * (e.t.r + 1)); e.el.setAttribute("y2", e.t.y - dy / d * (e.t.r + 1));
  }
  function placeNode(n) {
    n.circle.setAttribute("cx", n.x); n.circle.setAttribute("cy", n.y);
    n.text.setAttribute("x", n.x + n.r + 2); n.text.setAttribute("y", n.y + 4);
    n.edges.forEach(placeEdge);
  }
  edges.forEach(placeEdge);

  var drag = null, moved = false;
  svg.addEventListener("pointerdown", function (evt) {
    var el = evt.target.closest(".node");
    var p = toGraph(evt);
    drag = el ? { node: nodes[el.id], dx: nodes[el.id].x - p.x, dy: nodes[el.id].y - p.y }
              : { pan: true, x: evt.clientX, y: evt.clientY, vx: view.x, vy: view.y, s: p.s };
    moved = false;
    if (!el) svg.classList.add("panning");
  });
  window.addEventListener("pointermove", function (evt) {
    if (!drag) return;
    if (drag.pan) {
      if (Math.abs(evt.clientX - drag.x) + Math.abs(evt.clientY - drag.y) > 3) moved = true;
      view.x = drag.vx - (evt.clientX - drag.x) * drag.s; view.y = drag.vy - (evt.clientY - drag.y) * drag.s;
      setView();
    } else {
      var p = toGraph(evt), n = drag.node;
      if (Math.abs(p.x + drag.dx - n.x) + Math.abs(p.y + drag.dy - n.y) > 2) moved = true;
      if (moved) { n.x = p.x + drag.dx; n.y = p.y + drag.dy; placeNode(n); }
    }
  });
  window.addEventListener("pointerup", function () { drag = null; svg.classList.remove("panning"); });
  svg.addEventListener("click", function (evt) {  // a drag must not follow the node's link
    if (moved) { evt.preventDefault(); moved = false; }
  }, true);
  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var p = toGraph(evt), k = evt.deltaY > 0 ? 1.15 : 1 / 1.15;
    view.x = p.x - (p.x - view.x) * k; view.y = p.y - (p.y - view.y) * k; view.w *= k; view.h *= k;
    setView();
  }, { passive: false });

  function hover(n, on) {
    svg.classList.toggle("dim", on);
    n.el.classList.toggle("hover", on);
    n.edges.forEach(function (e) {
      e.el.classList.toggle("near", on); e.s.el.classList.toggle("near", on); e.t.el.classList.toggle("near", on);
    });
  }
  Object.keys(nodes).forEach(function (id) {
    var n = nodes[id];
    n.el.addEventListener("pointerenter", function () { if (!drag) hover(n, true); });
    n.el.addEventListener("pointerleave", function () { hover(n, false); });
  });

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function zoomTo(list) {  // fit the nodes in view, never closer than a tenth of the whole graph
    if (!list.length) return;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    list.forEach(function (n) {
      x0 = Math.min(x0, n.x - n.r); y0 = Math.min(y0, n.y - n.r);
      x1 = Math.max(x1, n.x + n.r); y1 = Math.max(y1, n.y + n.r);
    });
    var w = Math.max(x1 - x0, W / 10), h = Math.max(y1 - y0, H / 10);
    var k = Math.max(w / W, h / H) * 1.3;
    view = { w: W * k, h: H * k, x: 0, y: 0 };
    view.x = (x0 + x1) / 2 - view.w / 2; view.y = (y0 + y1) / 2 - view.h / 2;
    setView();
  }
  var search = document.getElementById("graph-search"), found = document.getElementById("graph-found");
  var hits = [];
  function find() {
    var q = fold(search.value).trim();
    hits = [];
    Object.keys(nodes).forEach(function (id) {
      var n = nodes[id], hit = q && fold(n.el.dataset.label).indexOf(q) >= 0;
      n.el.classList.toggle("found", !!hit);
      if (hit) hits.push(n);
    });
    found.textContent = q ? hits.length + " found" + (hits.length ? " (Enter: focus)" : "") : "";
    if (hits.length) zoomTo(hits);
  }
  function focus(list) {  // only these nodes and their neighbours, labelled, in view
    Object.keys(nodes).forEach(function (id) { nodes[id].el.classList.remove("in-focus"); });
    edges.forEach(function (e) { e.el.classList.remove("in-focus"); });
    svg.classList.toggle("focused", list.length > 0);
    if (!list.length) return;
    var keep = [];
    list.forEach(function (n) {
      n.el.classList.add("in-focus"); keep.push(n);
      n.edges.forEach(function (e) {
        e.el.classList.add("in-focus");
        [e.s, e.t].forEach(function (m) { if (!m.el.classList.contains("in-focus")) { m.el.classList.add("in-focus"); keep.push(m); } });
      });
    });
    found.textContent = "focus: " + list.length + " node(s) and " + (keep.length - list.length) + " neighbours";
    zoomTo(keep);
  }
  search.addEventListener("input", find);
  search.addEventListener("keydown", function (evt) { if (evt.key === "Enter") { evt.preventDefault(); focus(hits); } });
  document.getElementById("graph-focus").addEventListener("click", function () { focus(hits); });
  svg.addEventListener("dblclick", function (evt) {  // double-click a node: its neighbourhood
    var el = evt.target.closest(".node");
    if (el) { evt.preventDefault(); focus([nodes[el.id]]); }
  });
  document.getElementById("show-missing").addEventListener("change", function (evt) {
    svg.classList.toggle("hide-missing", !evt.target.checked);
  });
  document.getElementById("show-labels").addEventListener("change", function (evt) {
    svg.classList.toggle("all-labels", evt.target.checked);
  });
  document.getElementById("graph-reset").addEventListener("click", function () {
    focus([]); view = { x: 0, y: 0, w: W, h: H }; setView();
  });
})();
