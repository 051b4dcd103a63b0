// Verdicts works without JavaScript; this file only adds conveniences on top of the HTML.
(function () {
  "use strict";
  // Search as you type: fetch the results fragment and swap it in, keeping the form's normal submit.
  var input = document.querySelector("[data-live-search]");
  var target = document.getElementById("search-results");
  if (input && target && window.fetch) {
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        fetch("/search?fragment=1&q=" + encodeURIComponent(q), { headers: { "Accept": "text/html" } })
          .then(function (r) { return r.ok ? r.text() : null; })
          .then(function (html) { if (html !== null) { target.innerHTML = html; } })
          .catch(function () {});
      }, 150);
    });
  }
})();
