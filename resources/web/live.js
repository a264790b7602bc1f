"use strict";
// Hearing the laptop: one Server-Sent Events stream (/api/events) pushes every change; if
// the server has no room for it, or the browser has no EventSource, the page asks for the
// state every few seconds instead (and tries the stream again now and then). The line at
// the top says when the laptop is out of reach and when it is back, and then what waits is
// sent again (S.resend, core.js).
(function () {
  var S = window.Summit;
  if (!S.ok) return;
  var POLL_MS = 3000, HIDDEN_MS = 10000, STREAM_AGAIN_MS = 30000, RESCAN_MS = 20000;
  var source = null, polling = false, etag = "", away = false, known = false, rescan = 0;
  var streamTried = 0, stopped = false, timer = 0;

  function link(text, bad) {
    var p = S.$("link");
    p.textContent = text;
    p.className = "link-state" + (bad ? " bad" : text ? " good" : "");
  }

  function arrived(state) {
    // A push carries the room's part only: this phone's own part stays as last heard.
    if (!state.me) state.me = (S.state && S.state.me) || {};
    else state.me.fresh = true;
    S.state = state;
    S.render(state);
  }

  function reached(state) {
    var wasAway = away;
    away = false;
    clearTimeout(rescan);
    if (wasAway) link(S.t("link.back"));
    else if (!known) link("");
    known = true;
    if (state) arrived(state);
    if (wasAway || (state && state.me && state.me.fresh)) S.resend();
  }

  function lost() {
    if (away) return;
    away = true;
    link(S.t("link.lost"), true);
    // Its port may have been taken on a restart: the screen's code has the new address.
    rescan = setTimeout(function () {
      link(S.t("link.rescan"), true);
    }, RESCAN_MS);
  }

  S.away = function () { return away; };

  function stream() {
    streamTried = Date.now();
    polling = false;
    source = new EventSource("/api/events");
    source.addEventListener("state", function (ev) {
      var state;
      try { state = JSON.parse(ev.data); } catch (e) { return; }
      reached(state);
    });
    source.onerror = function () {
      if (source && source.readyState === 2) {  // refused (no room, not joined): ask instead
        source = null;
        poll();
      } else {
        lost();  // the browser reconnects by itself
      }
    };
  }

  function poll() {
    if (polling) return;
    polling = true;
    tick();
  }

  function tick() {
    clearTimeout(timer);
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch("/api/state", { credentials: "same-origin", cache: "no-store", headers: headers })
      .then(function (r) {
        if (r.status === 304) return null;
        if (r.status === 401 || r.status === 403) {
          stopped = true;
          return r.json().then(function (d) { S.complain(S.refused(r.status, d.error), d.lang); return null; });
        }
        if (!r.ok) throw new Error("HTTP " + r.status);
        etag = r.headers.get("ETag") || "";
        return r.json();
      })
      .then(function (state) {
        if (stopped) return;
        reached(state);
        if (window.EventSource && Date.now() - streamTried > STREAM_AGAIN_MS) stream();
      }, lost)
      .then(function () {
        if (!stopped && polling) timer = setTimeout(tick, document.hidden ? HIDDEN_MS : POLL_MS);
      });
  }

  // This phone's own part afresh (after a card was taken on, say).
  S.reload = function () {
    etag = "";
    return fetch("/api/state", { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) { if (state) reached(state); }, function () { lost(); });
  };

  document.addEventListener("visibilitychange", function () {
    if (document.hidden || stopped) return;
    if (polling) tick();
    else if (!source || source.readyState === 2) stream();
  });

  S.start = function () { if (window.EventSource) stream(); else poll(); };
})();
