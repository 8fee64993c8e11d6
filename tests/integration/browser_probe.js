// Injected into a copy of report.html by tests/integration/browser.rs: measures
// the first screen and works the zoom dialog as a reader would, then writes
// what it saw as JSON into a pre element whose id is "probe".
(function () {
  var out = { width: window.innerWidth, height: window.innerHeight };
  var figure = document.querySelector("figure.diagram");
  var svg = figure.querySelector("svg");
  var sizes = [];
  Array.prototype.forEach.call(svg.querySelectorAll("text"), function (t) {
    if (t.textContent.trim().length > 1) {
      sizes.push(parseFloat(t.getAttribute("font-size")) * t.getScreenCTM().a);
    }
  });
  out.smallest_label_px = Math.min.apply(null, sizes);
  var box = svg.getBoundingClientRect();
  out.diagram = [box.left, box.top, box.right, box.bottom];
  var findings = document.querySelectorAll("#summary > ul > li");
  out.findings = findings.length;
  out.findings_bottom = findings[findings.length - 1].getBoundingClientRect().bottom;
  out.findings_links = document.querySelectorAll("#summary > ul a[href^='#cite-']").length;
  var button = figure.querySelector("button.enlarge");
  button.click();
  var overlay = document.querySelector(".zoom");
  var drawing = overlay.querySelector("svg");
  out.opened = !overlay.hidden && !!drawing;
  out.focus_in_dialog = overlay.contains(document.activeElement);
  var stage = overlay.querySelector(".zoom-stage");
  var fitted = drawing.style.transform;
  stage.dispatchEvent(new WheelEvent("wheel", { deltaY: -100, clientX: 300, clientY: 300, bubbles: true, cancelable: true }));
  out.wheel_zooms = drawing.style.transform !== fitted;
  function key(k) { overlay.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true })); }
  key("0");
  out.zero_fits = drawing.style.transform === fitted;
  key("+");
  out.plus_zooms = drawing.style.transform !== fitted;
  key("Escape");
  out.closed = overlay.hidden && !overlay.querySelector("svg");
  out.focus_back = document.activeElement === button;
  var pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
