// The first-response countdown: the server renders the due time (ISO), the breached mark
// and the words of the reader's language (data-dh, data-hm, data-ms, data-left,
// data-overdue: desk/durations.py); this keeps the remaining time live every second, in
// words ("12 min 05 s left", "overdue 1 h 40 min"). No inline scripts (strict CSP).
(function () {
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function fill(pattern, values) {
    return pattern.replace(/%([dhmst])/g, function (_all, key) { return values[key]; });
  }
  function words(el, abs) {
    var d = Math.floor(abs / 86400), h = Math.floor((abs % 86400) / 3600);
    var m = Math.floor((abs % 3600) / 60), s = abs % 60;
    var values = { d: d, h: h, m: m, s: pad(s) };
    if (d > 0) { return fill(el.getAttribute("data-dh"), values); }
    if (h > 0) { return fill(el.getAttribute("data-hm"), values); }
    return fill(el.getAttribute("data-ms"), values);
  }
  function render(el, now) {
    var due = Date.parse(el.getAttribute("data-due"));
    if (isNaN(due) || !el.getAttribute("data-ms")) { return; }
    var seconds = Math.round((due - now) / 1000);
    var text = words(el, Math.abs(seconds));
    if (seconds >= 0) {
      el.textContent = fill(el.getAttribute("data-left"), { t: text });
      el.classList.toggle("text-warning", seconds < 300);
    } else {
      el.textContent = fill(el.getAttribute("data-overdue"), { t: text });
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
