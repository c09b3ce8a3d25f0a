// Quiz page: autosave answers as they change, count down the time limit, submit when it ends.
// The server enforces the limit and validates every answer; this script only helps.
(function () {
  "use strict";
  var form = document.querySelector(".quiz-form");
  if (!form) return;
  var status = document.querySelector(".autosave-status");
  var timer = null;
  var pending = null;

  function setStatus(key) {
    if (status) status.textContent = status.dataset[key + "Text"] || status.textContent;
  }

  function save() {
    pending = null;
    setStatus("saving");
    var data = new FormData(form);
    return fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    }).then(function (response) {
      setStatus(response.ok ? "saved" : "error");
    }).catch(function () { setStatus("error"); });
  }

  function scheduleSave() {
    if (pending) clearTimeout(pending);
    pending = setTimeout(save, 400);
  }

  form.addEventListener("change", scheduleSave);
  form.addEventListener("input", function (event) {
    if (event.target.type === "text") scheduleSave();
  });

  var clock = document.querySelector(".timer");
  if (clock) {
    var left = parseInt(clock.dataset.secondsLeft, 10);
    var value = clock.querySelector(".timer-value");
    var render = function () {
      var minutes = Math.floor(left / 60);
      var seconds = left % 60;
      value.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
    };
    render();
    timer = setInterval(function () {
      left = Math.max(0, left - 1);
      render();
      if (left === 0) {
        clearInterval(timer);
        form.submit();
      }
    }, 1000);
  }
})();
