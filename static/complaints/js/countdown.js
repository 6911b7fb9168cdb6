// The first-response countdown: the server renders the due time (ISO) and the breached
// mark; this keeps the remaining time live every second. No inline scripts (strict CSP).
(function () {
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function render(el, now) {
    var due = Date.parse(el.getAttribute("data-due"));
    if (isNaN(due)) { return; }
    var seconds = Math.round((due - now) / 1000);
    var abs = Math.abs(seconds);
    var text = Math.floor(abs / 60) + ":" + pad(abs % 60);
    if (seconds >= 0) {
      el.textContent = text + " " + el.getAttribute("data-left");
      el.classList.toggle("text-warning", seconds < 300);
    } else {
      el.textContent = el.getAttribute("data-overdue") + " " + text;
      el.classList.add("text-danger", "fw-bold");
      el.classList.remove("text-warning");
    }
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll(".countdown[data-due]").forEach(function (el) { render(el, now); });
  }
  tick();
  setInterval(tick, 1000);
})();
