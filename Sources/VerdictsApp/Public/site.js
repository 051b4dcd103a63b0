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

// Bookmarks. A reader who is not signed in keeps them in this browser's localStorage; a signed-in
// reader's live on the server (the page's <body data-account>), and the ones kept in the browser
// are merged into the account at sign-in. The buttons and the panel are hidden in the HTML and
// shown here, because without JavaScript they cannot work.
(function () {
  "use strict";
  var KEY = "verdicts.bookmarks";
  var account = document.body && document.body.hasAttribute("data-account");
  var tokenMeta = document.querySelector("meta[name=csrf-token]");
  var current = [];
  function clean(list) {
    return Array.isArray(list) ? list.filter(function (b) { return b && typeof b.slug === "string" && typeof b.name === "string"; }) : [];
  }
  function loadLocal() {
    try { return clean(JSON.parse(window.localStorage.getItem(KEY) || "[]")); } catch (e) { return []; }
  }
  function saveLocal(list) {
    try { window.localStorage.setItem(KEY, JSON.stringify(list.slice(0, 200))); } catch (e) {}
  }
  function has(list, slug) { return list.some(function (b) { return b.slug === slug; }); }
  function link(b) {
    var a = document.createElement("a");
    a.href = "/tools/" + encodeURIComponent(b.slug);
    a.textContent = b.name;
    return a;
  }
  function send(body) {
    body.set("csrf", tokenMeta ? tokenMeta.getAttribute("content") : "");
    return fetch("/account/bookmarks", { method: "POST", body: body, credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) { current = clean(data.bookmarks); render(); } });
  }
  function render() {
    var list = current;
    document.querySelectorAll("[data-bookmark]").forEach(function (button) {
      var on = has(list, button.getAttribute("data-bookmark"));
      button.hidden = false;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "Bookmarked ★" : "Bookmark ☆";
    });
    document.querySelectorAll("[data-bookmarks-list]").forEach(function (ul) {
      ul.textContent = "";
      if (list.length === 0) {
        var li = document.createElement("li");
        li.textContent = "No bookmarks yet";
        ul.appendChild(li);
      }
      list.forEach(function (b) {
        var li = document.createElement("li");
        li.appendChild(link(b));
        ul.appendChild(li);
      });
    });
    document.querySelectorAll("[data-bookmarks-count]").forEach(function (el) { el.textContent = String(list.length); });
    document.querySelectorAll("[data-bookmarks-panel], [data-bookmarks-compare]").forEach(function (el) { el.hidden = false; });
    document.querySelectorAll("[data-bookmarks-compare] select").forEach(function (select) {
      var chosen = select.value;
      select.textContent = "";
      list.forEach(function (b) {
        var option = document.createElement("option");
        option.value = b.slug;
        option.textContent = b.name;
        select.appendChild(option);
      });
      if (chosen) { select.value = chosen; }
      // The second picker starts on the second bookmark, so "Compare" compares two tools at once.
      else if (select.name === "b" && list.length > 1) { select.value = list[1].slug; }
    });
    // The sign-in confirmation form carries this browser's bookmarks into the account.
    document.querySelectorAll("input[data-bookmarks-merge]").forEach(function (input) {
      input.value = loadLocal().map(function (b) { return b.slug; }).join(",");
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-bookmark]") : null;
    if (!button) { return; }
    var slug = button.getAttribute("data-bookmark"), name = button.getAttribute("data-name") || slug;
    if (account) {
      var body = new URLSearchParams();
      body.set("slug", slug);
      body.set("on", has(current, slug) ? "0" : "1");
      send(body);
      return;
    }
    current = has(current, slug) ? current.filter(function (b) { return b.slug !== slug; }) : current.concat([{ slug: slug, name: name }]);
    saveLocal(current);
    render();
  });
  function start() {
    if (!account) {
      current = loadLocal();
      render();
      window.addEventListener("storage", function (event) { if (event.key === KEY) { current = loadLocal(); render(); } });
      return;
    }
    fetch("/account/bookmarks", { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { bookmarks: [] }; })
      .then(function (data) {
        current = clean(data.bookmarks);
        render();
        // Anything still kept in this browser joins the account, then the browser's copy goes.
        var local = loadLocal();
        if (local.length > 0) {
          var body = new URLSearchParams();
          body.set("merge", local.map(function (b) { return b.slug; }).join(","));
          send(body).then(function () { saveLocal([]); });
        }
      })
      .catch(function () { render(); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();

// Votes: with JavaScript, send the vote in the background and update the count in place; the form
// still works as a plain POST without it.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-vote") || !window.fetch || !window.FormData) { return; }
    var button = event.submitter;
    if (!button || !button.name) { return; }
    event.preventDefault();
    var data = new URLSearchParams(new FormData(form));
    data.set(button.name, button.value);
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (result) {
        var count = form.querySelector("[data-vote-count]");
        if (!result.ok) { if (count) { count.textContent = result.body.error || "Your vote was not counted."; } return; }
        if (count) {
          count.textContent = result.body.community;
        }
        form.querySelectorAll("button[name=choice]").forEach(function (b) {
          b.setAttribute("aria-pressed", b === button ? "true" : "false");
        });
      })
      .catch(function () {
        var count = form.querySelector("[data-vote-count]");
        if (count) { count.textContent = "Could not reach the site; check your connection and try again."; }
      });
  });
})();

// A panel run in progress, a tool's or a comparison's pick: the server streams each persona's
// text as the model writes it (server-sent events). Without JavaScript the page reloads itself
// every few seconds instead.
(function () {
  "use strict";
  var box = document.querySelector("[data-live-panel]");
  if (!box || !window.EventSource) { return; }
  var status = box.querySelector("[data-live-status]");
  function slot(persona) {
    var items = box.querySelectorAll("[data-persona]");
    for (var i = 0; i < items.length; i++) {
      if (items[i].getAttribute("data-persona") === persona) { return items[i]; }
    }
    return null;
  }
  function set(item, selector, text) {
    var node = item && item.querySelector(selector);
    if (node) { node.textContent = text; }
  }
  var source = new EventSource(box.getAttribute("data-live-panel"));
  source.addEventListener("status", function (e) {
    var data = JSON.parse(e.data);
    if (status) { status.textContent = data.message; }
  });
  source.addEventListener("draft", function (e) {
    var data = JSON.parse(e.data);
    var item = slot(data.persona);
    set(item, "[data-live-state]", data.attempt > 1 ? "Writing… (attempt " + data.attempt + ")" : "Writing…");
    set(item, "[data-live-text]", data.text);
  });
  source.addEventListener("review", function (e) {
    var data = JSON.parse(e.data);
    var item = slot(data.persona);
    set(item, "[data-live-state]", data.state);
    set(item, "[data-live-text]", data.text);
    set(item, "[data-live-provenance]", data.provenance);
    if (item) { item.classList.add("done"); }
  });
  source.addEventListener("done", function (e) {
    source.close();
    var data = JSON.parse(e.data);
    if (status) { status.textContent = data.message; }
    box.classList.add("finished");
    // A complete run is the new panel verdict (or pick): reload to show it in place of the old one.
    if (data.status === "complete") { setTimeout(function () { window.location.reload(); }, 2500); }
    // The instance is stopping (a deploy): another answers in a moment and the run goes on there.
    if (data.status === "restarting") { setTimeout(function () { window.location.reload(); }, 5000); }
  });
})();
