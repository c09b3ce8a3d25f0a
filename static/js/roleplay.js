// Roleplay player: after htmx swaps in the next step, announce the customer's new line and
// put keyboard focus on the first reply, so nobody loses their place in the conversation.
(function () {
  "use strict";
  document.body.addEventListener("htmx:afterSwap", function () {
    var conversation = document.getElementById("conversation");
    if (!conversation) return;
    var lines = conversation.querySelectorAll(".bubble-customer");
    var announcer = document.getElementById("conversation-announcer");
    if (announcer && lines.length) announcer.textContent = lines[lines.length - 1].textContent.trim();
    var next = conversation.querySelector(".reply-option");
    if (next) next.focus();
  });
})();
