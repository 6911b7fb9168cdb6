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

// The top bar keeps one line at a desk's width, in either language and for every role:
// the menu's last entries move into "More" until the bar fits, and come back when the
// window widens. Below Bootstrap's lg breakpoint the menu is a collapsed column: all in it.
(function () {
  var menu = document.getElementById("main-menu");
  var more = document.getElementById("main-menu-more");
  var bar = document.getElementById("mainnav");
  if (!menu || !more || !bar) { return; }
  var list = more.querySelector(".dropdown-menu");
  var toggle = more.querySelector(".dropdown-toggle");
  function entries() { return Array.prototype.filter.call(menu.children, function (li) { return li !== more; }); }
  function oneLine() {
    var tops = Array.prototype.map.call(bar.children, function (el) { return el.getBoundingClientRect().top; });
    return Math.max.apply(null, tops) - Math.min.apply(null, tops) < 4 && menu.scrollWidth <= menu.clientWidth + 1;
  }
  function moveBack() {
    Array.prototype.slice.call(list.children).forEach(function (li) {
      var link = li.firstElementChild;
      link.classList.replace("dropdown-item", "nav-link");
      li.className = "nav-item";
      menu.insertBefore(li, more);
    });
    more.classList.add("d-none");
    toggle.classList.remove("active");
  }
  function fit() {
    moveBack();
    if (!window.matchMedia("(min-width: 992px)").matches) { return; }
    var shown = entries();
    while (!oneLine() && shown.length > 1) {
      var li = shown.pop();
      li.firstElementChild.classList.replace("nav-link", "dropdown-item");
      li.className = "";
      list.insertBefore(li, list.firstChild);
      more.classList.remove("d-none");
    }
    if (list.querySelector(".active")) { toggle.classList.add("active"); }
    bar.setAttribute("data-fitted", "true");
  }
  var pending;
  window.addEventListener("resize", function () { clearTimeout(pending); pending = setTimeout(fit, 100); });
  fit();
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(fit); }
})();

// Keyboard shortcuts handled by the page itself, not by `accesskey` (which headless
// browsers and Firefox treat differently): every element with aria-keyshortcuts="Alt+C"
// (space-separated for several) is clicked (a link or a button) or focused (a field) on its
// chord. "?" shows them all in the help overlay, each with the chord of this platform
// (⌥C on a Mac); Ctrl+Enter (⌘↩ on a Mac) sends the form one is typing in.
(function () {
  var MAC = /Mac|iPhone|iPad/.test(navigator.platform || "") || /Macintosh/.test(navigator.userAgent);
  var MAC_SIGNS = { Alt: "⌥", Control: "⌃", Meta: "⌘", Shift: "⇧", Enter: "↩" };
  var PC_NAMES = { Control: "Ctrl", Meta: "Win" };

  function parse(chord) {
    var parts = chord.split("+");
    var key = parts.pop();
    return {
      alt: parts.indexOf("Alt") >= 0, ctrl: parts.indexOf("Control") >= 0,
      meta: parts.indexOf("Meta") >= 0, key: key, text: chord
    };
  }
  function matches(spec, event) {
    if (spec.alt !== event.altKey || spec.ctrl !== event.ctrlKey || spec.meta !== event.metaKey) {
      return false;
    }
    if (/^[A-Za-z0-9]$/.test(spec.key)) {  // by the key's place: ⌥C types "ç" on a Mac
      return event.code === "Key" + spec.key.toUpperCase() || event.code === "Digit" + spec.key;
    }
    return event.key === spec.key;
  }
  function shown(chord) {
    var parts = chord.split("+");
    if (MAC) { return parts.map(function (p) { return MAC_SIGNS[p] || p.toUpperCase(); }).join(""); }
    return parts.map(function (p) { return PC_NAMES[p] || p; }).join("+");
  }
  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  function label(el) {
    return el.getAttribute("data-shortcut-label") || el.getAttribute("aria-label") ||
      (el.getAttribute("title") || "").replace(/\s*\(.*\)$/, "") || el.textContent.trim();
  }

  var bindings = [];
  document.querySelectorAll("[aria-keyshortcuts]").forEach(function (el) {
    el.removeAttribute("accesskey");
    el.getAttribute("aria-keyshortcuts").split(/\s+/).forEach(function (chord) {
      if (chord) { bindings.push({ spec: parse(chord), el: el }); }
    });
    var title = el.getAttribute("title");
    if (title && MAC) { el.setAttribute("title", title.replace(/\((Alt|Control)\+(\w+)\)/, function (all, mod, key) { return "(" + shown(mod + "+" + key) + ")"; })); }
  });

  // The page's own shortcuts win over the top bar's with the same chord (a log entry's
  // Alt+C turns it into a complaint; elsewhere Alt+C opens a new one).
  function inPage(el) { return el.closest("main") ? 0 : 1; }
  bindings.sort(function (a, b) { return inPage(a.el) - inPage(b.el); });

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.isComposing) { return; }
    for (var i = 0; i < bindings.length; i++) {
      var binding = bindings[i];
      if (!matches(binding.spec, event)) { continue; }
      event.preventDefault();
      if (typing(binding.el) && binding.el.type !== "submit") { binding.el.focus(); } else { binding.el.click(); }
      return;
    }
    var field = event.target;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && field.form) {
      event.preventDefault();
      if (field.form.requestSubmit) { field.form.requestSubmit(); } else { field.form.submit(); }
      return;
    }
    if (event.key === "?" && !typing(field) && !event.ctrlKey && !event.altKey && !event.metaKey) {
      var help = document.getElementById("shortcut-help");
      if (help && window.bootstrap) { event.preventDefault(); fillHelp(help); bootstrap.Modal.getOrCreateInstance(help).show(); }
    }
  });

  function fillHelp(help) {
    var list = help.querySelector("#shortcut-list");
    list.textContent = "";
    var seen = {};
    function row(chord, text) {
      if (seen[chord]) { return; }
      seen[chord] = true;
      var dt = document.createElement("dt"), kbd = document.createElement("kbd"), dd = document.createElement("dd");
      dt.className = "col-4"; dd.className = "col-8";
      kbd.textContent = shown(chord); dt.appendChild(kbd); dd.textContent = text;
      list.appendChild(dt); list.appendChild(dd);
    }
    bindings.forEach(function (b) { row(b.spec.text, label(b.el)); });
    help.querySelectorAll("[data-chord]").forEach(function (el) {
      row(MAC ? el.getAttribute("data-mac-chord") || el.getAttribute("data-chord") : el.getAttribute("data-chord"), el.textContent.trim());
    });
  }
})();

// Fields a picked record fills: data-skip-if="resident" takes the field out of the Tab
// order while the form's "resident" has a value (the name and phone it already gives).
(function () {
  function refresh(root) {
    (root || document).querySelectorAll("[data-skip-if]").forEach(function (el) {
      var other = el.form && el.form.elements.namedItem(el.getAttribute("data-skip-if"));
      el.tabIndex = other && other.value ? -1 : 0;
    });
  }
  document.addEventListener("change", function () { refresh(); });
  document.body.addEventListener("htmx:afterSettle", function () { refresh(); });
  refresh();
})();

// A day in one tab stop (desk.widgets.DayInput): ArrowUp / ArrowDown move it a day.
document.addEventListener("keydown", function (event) {
  var el = event.target;
  if (!el.matches || !el.matches("input[data-day]") || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) { return; }
  var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(el.value);
  if (!m) { return; }
  event.preventDefault();
  var day = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3] + (event.key === "ArrowUp" ? 1 : -1)));
  el.value = day.toISOString().slice(0, 10);
  el.dispatchEvent(new Event("change", { bubbles: true }));
});

// A picker that filters as one types (desk.widgets.FilterSelect): letters typed on the
// select within a second pick the first option whose name, pinyin or initials start with
// them ("zw", "zhang" → 张伟); Backspace takes a letter back.
(function () {
  var typed = "", timer = null;
  document.addEventListener("keydown", function (event) {
    var select = event.target;
    if (!select.matches || !select.matches("select[data-filter-options]")) { return; }
    if (event.ctrlKey || event.altKey || event.metaKey) { return; }
    if (event.key === "Backspace") { typed = typed.slice(0, -1); } else if (event.key.length === 1 && event.key !== " ") { typed += event.key.toLowerCase(); } else { return; }
    event.preventDefault();
    clearTimeout(timer);
    timer = setTimeout(function () { typed = ""; }, 1000);
    if (!typed) { return; }
    var found = Array.prototype.find.call(select.options, function (option) {
      return (option.getAttribute("data-keys") || "").split(" ").some(function (key) { return key.indexOf(typed) === 0; });
    });
    if (found && !found.selected) {
      found.selected = true;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });
})();

// A field refreshed by htmx while one was choosing in it (the intake's occupants, swapped
// in after the unit field is left) keeps the choice made meanwhile, when it still offers it.
(function () {
  var kept = {};
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    kept = {};
    event.detail.target.querySelectorAll("select[id], input[id]").forEach(function (el) {
      if (el.value) { kept[el.id] = el.value; }
    });
  });
  document.body.addEventListener("htmx:afterSwap", function () {
    Object.keys(kept).forEach(function (id) {
      var el = document.getElementById(id);
      if (!el || el.value) { return; }
      if (el.tagName === "SELECT" && !Array.prototype.some.call(el.options, function (o) { return o.value === kept[id]; })) { return; }
      el.value = kept[id];
      el.dispatchEvent(new Event("change", { bubbles: true }));
    });
    kept = {};
  });
})();

// Charts (templates/partials/chart.html): each canvas[data-desk-chart] is drawn from its
// json_script with Chart.js, loaded from static/vendor only on a page that has one. The
// table beside it says the same for screen readers and print.
(function () {
  var canvases = document.querySelectorAll("canvas[data-desk-chart]");
  if (!canvases.length) { return; }
  var COLOURS = ["#0d6efd", "#198754", "#6f42c1", "#fd7e14"];
  function draw() {
    Array.prototype.forEach.call(canvases, function (canvas) {
      var data = JSON.parse(document.getElementById(canvas.getAttribute("data-desk-chart")).textContent);
      var datasets = data.series.map(function (series, i) {
        var colour = COLOURS[i % COLOURS.length];
        return { label: series.label, data: series.values, borderColor: colour,
                 backgroundColor: colour, spanGaps: true, tension: 0.2 };
      });
      if (data.target !== null) {
        datasets.push({ type: "line", label: data.targetLabel, borderColor: "#dc3545",
          borderDash: [6, 4], pointRadius: 0, borderWidth: 1,
          data: data.labels.map(function () { return data.target; }) });
      }
      var unit = data.unit || "";
      new window.Chart(canvas, {
        type: data.type,
        data: { labels: data.labels, datasets: datasets },
        options: {
          responsive: true, maintainAspectRatio: false, animation: false,
          scales: { y: { beginAtZero: true, suggestedMax: data.max || undefined,
                         ticks: { callback: function (value) { return value + unit; } } } },
          plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } },
                     tooltip: { callbacks: { label: function (item) {
                       return item.dataset.label + ": " + (item.raw === null ? "—" : item.raw + unit); } } } }
        }
      });
      canvas.setAttribute("data-drawn", "true");
    });
  }
  if (window.Chart) { draw(); return; }
  var script = document.createElement("script");
  script.src = canvases[0].getAttribute("data-chart-src");
  script.onload = draw;
  document.head.appendChild(script);
})();
