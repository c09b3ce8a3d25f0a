// Changing the language select submits its form at once. A script file, not an inline
// handler, because the Content-Security-Policy allows scripts from the academy's own files only.
(function () {
  var select = document.getElementById("language-select");
  if (select) {
    select.addEventListener("change", function () {
      select.form.submit();
    });
  }
})();
