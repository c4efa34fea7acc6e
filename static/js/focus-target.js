// After a reorder the page reloads at "#move-<item>-<direction>": put the keyboard focus
// back on that button so the clerk can keep pressing it. Without JavaScript the page still
// scrolls there and the next Tab continues from it.
(function () {
  "use strict";
  var id = window.location.hash.slice(1);
  if (!id) return;
  var target = document.getElementById(id);
  if (target && typeof target.focus === "function") {
    if (target.disabled) {
      // Moved to the top or bottom: the other button of the same item is the useful one.
      var other = target.parentNode.querySelector("button:not([disabled])");
      if (other) target = other;
    }
    target.focus();
  }
})();
