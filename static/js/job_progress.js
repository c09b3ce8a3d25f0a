// Progress of a background job (a team export, a KPI import): ask the status URL every second
// and update the bar and the texts. When the job ends, show the download link or the error,
// or reload the page when it asks for that (data-progress-reload) so the server shows the
// result. Every word shown comes from the server, in the reader's language. Without this
// script the page reloads itself (a meta refresh).
(function () {
  "use strict";
  var box = document.querySelector("[data-progress-url]");
  if (!box) return;
  var url = box.dataset.progressUrl;
  var bar = box.querySelector("progress");
  var download = box.querySelector("[data-progress-download]");
  var refresh = box.querySelector("[data-progress-refresh]");
  var reloadWhenFinished = box.hasAttribute("data-progress-reload");
  var INTERVAL_MS = 1000;

  function field(name) {
    return box.querySelector('[data-progress-field="' + name + '"]');
  }

  function finished(status) {
    return status === "done" || status === "failed";
  }

  function show(state) {
    bar.value = state.percent;
    bar.textContent = state.percent + "%";
    field("status_label").textContent = state.status_label;
    field("progress_text").textContent = state.progress_text;
    if (download && state.status === "done" && state.download_url) {
      download.querySelector("a").href = state.download_url;
      download.hidden = false;
    }
    var error = field("error");
    if (error && state.status === "failed") {
      error.textContent = state.error;
      error.hidden = false;
    }
    return finished(state.status);
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (state) {
        if (!show(state)) setTimeout(poll, INTERVAL_MS);
        else if (reloadWhenFinished) window.location.reload();
      })
      // A dropped connection is not the end of the job: keep asking, a little slower.
      .catch(function () { setTimeout(poll, INTERVAL_MS * 5); });
  }

  // The script keeps the page current; the manual link is only for pages without it.
  if (refresh) refresh.hidden = true;
  if (!finished(box.dataset.progressStatus)) setTimeout(poll, INTERVAL_MS);
})();
