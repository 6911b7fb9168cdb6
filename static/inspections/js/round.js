// A patrol round on a phone (strict CSP: no inline scripts).
// - What is typed in a round's forms (form[data-keep]) is kept in this browser until the
//   form is sent, so a reload or a closed tab loses nothing; every tick is on the server
//   as soon as it is sent.
// - Without a connection, a form (form[data-round-form]) is kept in a queue in this browser
//   and sent when the connection is back (photos wait for the connection: they are
//   too big to keep).
// - The point scanner: the browser's BarcodeDetector reads the sticker's QR code from the
//   camera; the code can always be typed instead. The phone's location goes with a scan.
(function () {
  var page = document.getElementById("round");
  if (!page) { return; }
  var round = page.getAttribute("data-round");
  var keyOf = function (form, name) { return "insp:" + round + ":" + form.id + ":" + name; };
  var queueKey = "insp:queue:" + round;

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && (el.tagName === "TEXTAREA" || el.type === "text");
    });
  }
  // Typed text survives a reload.
  Array.prototype.forEach.call(document.querySelectorAll("form[data-keep]"), function (form) {
    fields(form).forEach(function (el) {
      var kept = localStorage.getItem(keyOf(form, el.name));
      if (kept !== null && !el.value) { el.value = kept; }
      el.addEventListener("input", function () { localStorage.setItem(keyOf(form, el.name), el.value); });
    });
  });
  function forget(form) {
    fields(form).forEach(function (el) { localStorage.removeItem(keyOf(form, el.name)); });
  }

  function queue() { try { return JSON.parse(localStorage.getItem(queueKey) || "[]"); } catch (e) { return []; } }
  function showOffline(on) {
    var note = document.getElementById("offline-note");
    if (note) { note.classList.toggle("d-none", !on && queue().length === 0); }
  }
  function send(entry) {
    var body = new FormData();
    entry.data.forEach(function (pair) { body.append(pair[0], pair[1]); });
    return fetch(entry.action, { method: "POST", body: body, credentials: "same-origin" });
  }
  function flush() {
    var pending = queue();
    if (!pending.length || !navigator.onLine) { return; }
    var chain = Promise.resolve();
    pending.forEach(function (entry) { chain = chain.then(function () { return send(entry); }); });
    chain.then(function () {
      localStorage.removeItem(queueKey);
      window.location.reload();
    }).catch(function () { showOffline(true); });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-round-form]");
    if (!form) { return; }
    var submitter = event.submitter;
    if (navigator.onLine) { forget(form); return; }
    event.preventDefault();
    var data = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") { data.push([name, value]); }
    });
    if (submitter && submitter.name) { data.push([submitter.name, submitter.value]); }
    var pending = queue();
    pending.push({ action: form.action, data: data });
    localStorage.setItem(queueKey, JSON.stringify(pending));
    forget(form);
    var card = form.closest(".insp-item");
    if (card) { card.classList.add("insp-queued"); }
    showOffline(true);
  });
  window.addEventListener("online", function () { showOffline(false); flush(); });
  window.addEventListener("offline", function () { showOffline(true); });
  showOffline(!navigator.onLine);
  flush();

  // The scanner.
  var scanForm = document.getElementById("scan-form");
  if (!scanForm || !("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
  var button = scanForm.querySelector("[data-scan]");
  var video = scanForm.querySelector("video");
  button.classList.remove("d-none");
  function locate(done) {
    if (!navigator.geolocation) { done(); return; }
    navigator.geolocation.getCurrentPosition(function (pos) {
      scanForm.elements.latitude.value = pos.coords.latitude.toFixed(6);
      scanForm.elements.longitude.value = pos.coords.longitude.toFixed(6);
      done();
    }, function () { done(); }, { timeout: 3000, maximumAge: 60000 });
  }
  button.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.classList.remove("d-none");
      video.play();
      var look = function () {
        detector.detect(video).then(function (codes) {
          if (codes.length) {
            stream.getTracks().forEach(function (track) { track.stop(); });
            scanForm.elements.code.value = codes[0].rawValue;
            scanForm.elements.typed.value = "";
            locate(function () { scanForm.requestSubmit(); });
          } else { window.requestAnimationFrame(look); }
        }).catch(function () { window.requestAnimationFrame(look); });
      };
      look();
    }).catch(function () { button.classList.add("d-none"); });
  });
})();
