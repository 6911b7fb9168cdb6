// The meter-reading sheet: Enter in a reading goes to the next unit's reading (Tab does by
// itself, the other fields of a row are out of the tab order); Enter in the last one saves.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Enter" || !event.target.matches("[data-reading]")) { return; }
  var form = event.target.closest("form[data-reading-sheet]");
  if (!form) { return; }
  var fields = Array.prototype.slice.call(form.querySelectorAll("[data-reading]"));
  var next = fields[fields.indexOf(event.target) + 1];
  if (next) {
    event.preventDefault();
    next.focus();
    next.select();
  }
});
