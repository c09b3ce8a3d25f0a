// KPI import progress: ask the status URL every second and update the bar and the text; when
// the import ends, reload so the server shows the result or the problems. Every word shown
// comes from the server, in the reader's language. Without this script the page reloads itself.
(function () {
  "use strict";
  var box = document.querySelector("[data-kpi-import-status-url]");
  if (!box) return;
  var url = box.dataset.kpiImportStatusUrl;
  var bar = box.querySelector("progress");
  var refresh = box.querySelector("[data-kpi-import-refresh]");
  var INTERVAL_MS = 1000;

  function field(name) {
    return box.querySelector('[data-kpi-import-field="' + name + '"]');
  }

  function show(state) {
    bar.value = state.percent;
    bar.textContent = state.percent + "%";
    field("status_label").textContent = state.status_label;
    field("progress_text").textContent = state.progress_text;
    return state.finished;
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (state) {
        if (show(state)) window.location.reload();
        else setTimeout(poll, INTERVAL_MS);
      })
      // A dropped connection is not the end of the import: keep asking, a little slower.
      .catch(function () { setTimeout(poll, INTERVAL_MS * 5); });
  }

  if (refresh) refresh.hidden = true;
  setTimeout(poll, INTERVAL_MS);
})();
