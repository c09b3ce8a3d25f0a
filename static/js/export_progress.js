// Export progress: ask the status URL every second and update the bar, the text, and the
// download link or the error when the build ends. Every word shown comes from the server, in
// the reader's language. Without this script the page reloads itself (a meta refresh).
(function () {
  "use strict";
  var box = document.querySelector("[data-export-status-url]");
  if (!box) return;
  var url = box.dataset.exportStatusUrl;
  var bar = box.querySelector("progress");
  var download = box.querySelector("[data-export-download]");
  var refresh = box.querySelector("[data-export-refresh]");
  var INTERVAL_MS = 1000;

  function field(name) {
    return box.querySelector('[data-export-field="' + name + '"]');
  }

  function show(state) {
    bar.value = state.percent;
    bar.textContent = state.percent + "%";
    field("status_label").textContent = state.status_label;
    field("progress_text").textContent = state.progress_text;
    if (state.status === "done" && state.download_url) {
      download.querySelector("a").href = state.download_url;
      download.hidden = false;
    }
    if (state.status === "failed") {
      field("error").textContent = state.error;
      field("error").hidden = false;
    }
    return state.status === "done" || state.status === "failed";
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (state) {
        if (!show(state)) setTimeout(poll, INTERVAL_MS);
      })
      // A dropped connection is not the end of the build: keep asking, a little slower.
      .catch(function () { setTimeout(poll, INTERVAL_MS * 5); });
  }

  // The script keeps the page current; the manual link is only for pages without it.
  if (refresh) refresh.hidden = true;
  var status = box.dataset.exportStatus;
  if (status !== "done" && status !== "failed") setTimeout(poll, INTERVAL_MS);
})();
