// Sortable tables: click a column header to sort by it, again to reverse.
// Numbers sort by value, other text alphabetically; equal cells keep order.
(function () {
  "use strict";
  var number = /^[-+]?[0-9]*\.?[0-9]+(e[-+]?[0-9]+)?$/i;
  function compare(a, b) {
    if (number.test(a) && number.test(b)) {
      return parseFloat(a) - parseFloat(b);
    }
    return a.localeCompare(b);
  }
  function cellText(row, column) {
    var cell = row.cells[column];
    return cell ? cell.textContent.trim() : "";
  }
  function sortBy(table, header, column) {
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var headers = table.tHead.rows[0].cells;
    for (var i = 0; i < headers.length; i++) {
      headers[i].removeAttribute("aria-sort");
    }
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var order = compare(cellText(r1, column), cellText(r2, column));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  var tables = document.querySelectorAll("table.sortable");
  Array.prototype.forEach.call(tables, function (table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (header, column) {
      var button = header.querySelector("button");
      if (button) {
        button.addEventListener("click", function () {
          sortBy(table, header, column);
        });
      }
    });
  });
})();
