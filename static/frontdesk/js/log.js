// The quick entry: Ctrl+Enter (or Cmd+Enter) saves from any field, the summary included;
// an incident alert for the typed unit gets a button that links the call to it.
(function () {
  var form = document.querySelector("form[data-submit-on-ctrl-enter]");
  if (!form) { return; }
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  var incident = form.elements.namedItem("incident");
  function offer() {
    document.querySelectorAll("#unit-alerts .unit-alert[data-key^='incident-']").forEach(function (alert) {
      if (alert.querySelector("button")) { return; }
      var id = alert.getAttribute("data-key").slice("incident-".length);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-warning mt-1 about-incident";
      button.textContent = form.getAttribute("data-about-label") + " (Alt+I)";
      button.setAttribute("accesskey", "i");
      button.addEventListener("click", function () {
        if (incident) { incident.value = id; }
        var summary = form.elements.namedItem("summary");
        var title = alert.querySelector(".fw-bold a, .fw-bold");
        if (summary && !summary.value && title) { summary.value = title.textContent.split(" · ").pop().trim(); }
        alert.classList.add("border", "border-dark");
        if (summary) { summary.focus(); }
      });
      alert.appendChild(button);
    });
  }
  document.body.addEventListener("htmx:afterSwap", offer);
  offer();
})();
// Alt+<key> follows the link marked data-shortcut="<key>" (as its accesskey does where the
// browser honours accesskeys on links): turning the entry just logged into a case.
document.addEventListener("keydown", function (event) {
  if (!event.altKey || event.ctrlKey || event.metaKey || !event.key) { return; }
  var link = document.querySelector("[data-shortcut='" + event.key.toLowerCase() + "']");
  if (link) {
    event.preventDefault();
    link.click();
  }
});
