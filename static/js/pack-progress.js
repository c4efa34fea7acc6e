// Progressive enhancement for the meeting page: while agenda packs build, poll their status
// and move the progress bars; reload once they are ready. Without JavaScript the page offers
// a Refresh link instead.
(function () {
  "use strict";
  var box = document.querySelector(".pack-progress[data-status-url]");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-status-url");
  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (!data.building.length) { window.location.reload(); return; }
        data.building.forEach(function (pack) {
          var bar = box.querySelector('progress[data-variant="' + pack.variant + '"]');
          if (!bar) return;
          bar.value = pack.progress;
          bar.textContent = pack.progress + "%";
          var message = bar.parentNode.querySelector(".pack-message");
          if (message && pack.message) message.textContent = pack.message;
        });
        window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
