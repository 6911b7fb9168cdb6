// The printed forms' one behaviour (strict CSP: no inline scripts): the Print button.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) { window.print(); }
});
