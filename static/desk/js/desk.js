// The desk's own behaviour, kept out of the templates (strict CSP: no inline scripts).
document.addEventListener("change", function (event) {
  var form = event.target.closest("form[data-autosubmit]");
  if (form) { form.submit(); }
});
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) { window.print(); }
});
// Keyboard-fast at the desk: a form marked data-focus="<field name>" starts in that field,
// data-focus alone in its first field. Not on a phone, where the keyboard would cover the
// page, and never over a field the server marked autofocus.
(function () {
  if (!window.matchMedia("(min-width: 768px)").matches) { return; }
  if (document.querySelector("[autofocus]")) { return; }
  var form = document.querySelector("form[data-focus]");
  if (!form) { return; }
  var name = form.getAttribute("data-focus");
  var field = name ? form.elements.namedItem(name) :
    form.querySelector("input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])");
  if (field && field.value && name) {
    // Already filled (a repair call opened from the unit's page): the first empty field.
    field = Array.prototype.find.call(form.querySelectorAll("input[type=text], textarea"),
      function (el) { return !el.value && !el.disabled; }) || field;
  }
  if (field && typeof field.focus === "function") { field.focus(); }
})();
