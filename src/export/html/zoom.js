// Enlarge a diagram: its "Enlarge" button (or a click on the drawing away
// from a link) opens it full-window. The wheel or + and - zoom, dragging or
// the arrow keys pan, 0 fits it again, Escape or the close button closes.
(function () {
  "use strict";
  var overlay, stage, drawing, opener, scale, x, y, drag;

  function apply() {
    drawing.style.transform = "translate(" + x + "px," + y + "px) scale(" + scale + ")";
  }
  function fit() {
    var box = stage.getBoundingClientRect();
    var w = drawing.viewBox.baseVal.width || drawing.getBoundingClientRect().width;
    var h = drawing.viewBox.baseVal.height || drawing.getBoundingClientRect().height;
    drawing.style.width = w + "px";
    drawing.style.height = h + "px";
    scale = Math.min(box.width / w, box.height / h) * 0.96;
    x = (box.width - w * scale) / 2;
    y = (box.height - h * scale) / 2;
    apply();
  }
  function zoomAt(factor, px, py) {
    var next = Math.min(20, Math.max(0.1, scale * factor));
    x = px - (px - x) * (next / scale);
    y = py - (py - y) * (next / scale);
    scale = next;
    apply();
  }
  function close() {
    overlay.hidden = true;
    stage.removeChild(drawing);
    document.body.classList.remove("zoomed");
    if (opener) { opener.focus(); }
  }
  function open(figure, button) {
    var svg = figure.querySelector("svg");
    if (!svg) { return; }
    opener = button;
    drawing = svg.cloneNode(true);
    Array.prototype.forEach.call(drawing.querySelectorAll("[id]"), function (e) {
      e.removeAttribute("id");
    });
    drawing.removeAttribute("style");
    drawing.setAttribute("class", "zoom-drawing");
    overlay.querySelector(".zoom-title").textContent =
      (figure.querySelector("figcaption") || {}).textContent || "";
    stage.appendChild(drawing);
    overlay.hidden = false;
    document.body.classList.add("zoomed");
    fit();
    overlay.querySelector(".zoom-close").focus();
  }
  function build() {
    overlay = document.createElement("div");
    overlay.className = "zoom";
    overlay.hidden = true;
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", "Enlarged diagram");
    overlay.innerHTML = '<div class="zoom-bar"><span class="zoom-title"></span>' +
      '<span class="zoom-help">wheel or + and \u2212: zoom; drag or arrows: move; 0: fit</span>' +
      '<button type="button" class="zoom-close">Close \u2715</button></div>' +
      '<div class="zoom-stage" tabindex="-1"></div>';
    stage = overlay.querySelector(".zoom-stage");
    document.body.appendChild(overlay);
    overlay.querySelector(".zoom-close").addEventListener("click", close);
    stage.addEventListener("wheel", function (e) {
      e.preventDefault();
      var box = stage.getBoundingClientRect();
      zoomAt(e.deltaY < 0 ? 1.2 : 1 / 1.2, e.clientX - box.left, e.clientY - box.top);
    }, { passive: false });
    stage.addEventListener("pointerdown", function (e) {
      if (e.target.closest("a")) { return; }
      drag = { x: e.clientX - x, y: e.clientY - y };
      stage.setPointerCapture(e.pointerId);
    });
    stage.addEventListener("pointermove", function (e) {
      if (drag) { x = e.clientX - drag.x; y = e.clientY - drag.y; apply(); }
    });
    stage.addEventListener("pointerup", function () { drag = null; });
    stage.addEventListener("click", function (e) {
      if (e.target.closest("a")) { close(); }
    });
    overlay.addEventListener("keydown", function (e) {
      var box = stage.getBoundingClientRect();
      var keys = {
        "Escape": close,
        "+": function () { zoomAt(1.2, box.width / 2, box.height / 2); },
        "=": function () { zoomAt(1.2, box.width / 2, box.height / 2); },
        "-": function () { zoomAt(1 / 1.2, box.width / 2, box.height / 2); },
        "0": fit,
        "ArrowLeft": function () { x += 60; apply(); },
        "ArrowRight": function () { x -= 60; apply(); },
        "ArrowUp": function () { y += 60; apply(); },
        "ArrowDown": function () { y -= 60; apply(); }
      };
      if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
      if (e.key === "Tab") { e.preventDefault(); overlay.querySelector(".zoom-close").focus(); }
    });
  }
  build();
  Array.prototype.forEach.call(document.querySelectorAll("figure.diagram"), function (figure) {
    var button = figure.querySelector("button.enlarge");
    if (!button) { return; }
    button.addEventListener("click", function () { open(figure, button); });
    var svg = figure.querySelector("svg");
    svg.addEventListener("click", function (e) {
      if (!e.target.closest("a")) { open(figure, button); }
    });
  });
})();
