// Toasts: announce fresh notifications, let the learner dismiss them, hide them after a while.
// Without this script the toasts simply stay on the page; the notification centre keeps them.
(function () {
  "use strict";
  var region = document.querySelector(".toasts");
  if (!region) return;
  var toasts = Array.prototype.slice.call(region.querySelectorAll(".toast"));
  if (!toasts.length) return;
  var SHOW_MS = 8000;
  var label = region.dataset.dismissLabel || "Dismiss";

  function dismiss(toast) {
    toast.classList.add("toast-leaving");
    setTimeout(function () { toast.remove(); }, 250);
  }

  function arm(toast) {
    var timer = null;
    function start() { timer = setTimeout(function () { dismiss(toast); }, SHOW_MS); }
    function stop() { clearTimeout(timer); }
    // Someone reading or about to click keeps the toast: the timer waits for them.
    toast.addEventListener("mouseenter", stop);
    toast.addEventListener("mouseleave", start);
    toast.addEventListener("focusin", stop);
    toast.addEventListener("focusout", start);
    start();
  }

  // Screen readers announce what is added to a live region, not what the page loaded with:
  // take the toasts out and put them back once the page has settled.
  toasts.forEach(function (toast) { toast.remove(); });
  setTimeout(function () {
    toasts.forEach(function (toast) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "toast-close";
      button.setAttribute("aria-label", label);
      button.textContent = "\u00d7";
      button.addEventListener("click", function () { dismiss(toast); });
      toast.appendChild(button);
      region.appendChild(toast);
      arm(toast);
    });
  }, 150);
})();
