// The mail room: the register's sheet, the signature pad and the camera's barcode reader.
// No inline scripts (strict CSP): everything hangs on data- attributes.
(function () {
  "use strict";

  // The sheet: Enter never submits. In a row it goes to the next field; after the tracking
  // number (a scanner types it and presses Enter) to the next row's first field.
  // Ctrl+Enter anywhere in the sheet registers it.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    var form = event.target.closest && event.target.closest("form[data-mail-sheet]");
    if (!form) { return; }
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    if (!event.target.matches("[data-mail-cell]")) { return; }
    event.preventDefault();
    var cells = Array.prototype.slice.call(form.querySelectorAll("[data-mail-cell]"));
    var next = cells[cells.indexOf(event.target) + 1];
    if (event.target.matches("[data-mail-scan]")) {
      var row = event.target.closest("tr");
      var nextRow = row && row.nextElementSibling;
      next = nextRow ? nextRow.querySelector("[data-mail-cell]") : null;
    }
    if (next) {
      next.focus();
      if (typeof next.select === "function") { next.select(); }
    }
  });

  // The sheet starts in the first row's unit, on a desk screen.
  var sheet = document.querySelector("form[data-mail-sheet]");
  if (sheet && window.matchMedia("(min-width: 768px)").matches) {
    var first = sheet.querySelector("[data-mail-cell]");
    if (first) { first.focus(); }
  }

  // The signature pad: pointer strokes on the canvas; on submit the drawing goes into the
  // hidden field as a PNG (only if something was drawn).
  document.querySelectorAll("[data-signature-pad]").forEach(function (pad) {
    var canvas = pad.querySelector("canvas");
    var field = pad.querySelector("[data-signature]");
    var ctx = canvas.getContext("2d");
    var drawn = false;
    var drawing = false;
    canvas.style.touchAction = "none";
    ctx.lineWidth = 3;
    ctx.lineCap = "round";
    ctx.strokeStyle = "#111";
    function point(event) {
      var box = canvas.getBoundingClientRect();
      return [(event.clientX - box.left) * canvas.width / box.width,
              (event.clientY - box.top) * canvas.height / box.height];
    }
    canvas.addEventListener("pointerdown", function (event) {
      drawing = true;
      canvas.setPointerCapture(event.pointerId);
      var p = point(event);
      ctx.beginPath();
      ctx.moveTo(p[0], p[1]);
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) { return; }
      var p = point(event);
      ctx.lineTo(p[0], p[1]);
      ctx.stroke();
      drawn = true;
    });
    function stop() { drawing = false; }
    canvas.addEventListener("pointerup", stop);
    canvas.addEventListener("pointercancel", stop);
    pad.querySelector("[data-signature-clear]").addEventListener("click", function () {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      drawn = false;
      field.value = "";
    });
    pad.closest("form").addEventListener("submit", function () {
      field.value = drawn ? canvas.toDataURL("image/png") : "";
    });
  });

  // On a phone: the camera reads the barcode where the browser offers BarcodeDetector;
  // elsewhere the button stays hidden and the number is typed (or scanned).
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
  var video = document.getElementById("mail-camera");
  document.querySelectorAll("[data-mail-camera]").forEach(function (button) {
    button.classList.remove("d-none");
    button.addEventListener("click", function () {
      var input = button.closest("td").querySelector("[data-mail-scan]");
      var detector = new window.BarcodeDetector();
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
        .then(function (stream) {
          video.srcObject = stream;
          video.classList.remove("d-none");
          video.play();
          function done(value) {
            stream.getTracks().forEach(function (track) { track.stop(); });
            video.classList.add("d-none");
            if (value) {
              input.value = value;
              input.dispatchEvent(new Event("change", { bubbles: true }));
            }
          }
          function look() {
            detector.detect(video).then(function (codes) {
              if (codes.length) { done(codes[0].rawValue); } else { window.requestAnimationFrame(look); }
            }).catch(function () { done(""); });
          }
          look();
        })
        .catch(function () { input.focus(); });
    });
  });
})();
