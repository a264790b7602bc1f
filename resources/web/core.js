"use strict";
// The phone page's shared helpers, on window.Summit (S). Each script adds its part:
// live.js (hearing the laptop), poll.js, notes.js, people.js (group and card), app.js
// (what shows when). A new kind of prompt registers S.prompts[kind] = function (card, q).
// Text from the server is only ever set with textContent, never parsed as HTML.
(function () {
  var S = window.Summit = { prompts: {}, state: null, ok: true };
  // The page's own words, in the phone's language, from words.toml (server/words.py puts
  // only that language's into the page). The summit's content is shown as written.
  var W = {}, root = document.documentElement;
  try { W = JSON.parse(document.getElementById("words").textContent); } catch (e) { /* keys shown */ }
  S.lang = root.lang || "en";
  // The laptop chose from Accept-Language; where the browser's own list (navigator.languages)
  // says otherwise (some in-app browsers) and nobody chose, the page is asked for again once.
  (function () {
    var asked = navigator.languages || [], want = null;
    if (/(^|; )summit-lang=/.test(document.cookie) || /[?&]lang=/.test(location.search)) return;
    for (var i = 0; i < asked.length && !want; i++) {
      var primary = String(asked[i]).split("-")[0].toLowerCase();
      if (primary === "cy" || primary === "en") want = primary;
    }
    var notice = /[?&]notice=1/.test(location.search) ? "&notice=1" : "";  // a card's first scan
    if (want && want !== S.lang && /^\/(j|host)\b/.test(location.pathname)) location.replace(location.pathname + "?lang=" + want + notice + location.hash);
  })();
  function fill(text, args) {
    return String(text).replace(/\{(\w+)\}/g, function (m, k) { return args && k in args ? args[k] : m; });
  }
  S.t = function (key, args) { return fill(key in W ? W[key] : key, args); };
  // A number and its word: Welsh has six forms (CLDR), for the mutations after 2, 3 and 6.
  S.form = function (n) {
    if (S.lang !== "cy") return n === 1 ? "one" : "other";
    return { 0: "zero", 1: "one", 2: "two", 3: "few", 6: "many" }[n] || "other";
  };
  S.num = function (n) {
    try { return Number(n).toLocaleString(S.lang === "cy" ? "cy-GB" : "en-GB"); } catch (e) { return String(n); }
  };
  S.n = function (key, n, args) {
    var forms = W[key] || {}, a = { n: S.num(n) };
    for (var k in args || {}) a[k] = args[k];
    return fill(forms[S.form(n)] || forms.other || key, a);
  };
  // The summit's own words (a question, an option, a group) are marked with its language.
  S.content = function (e) { e.lang = (S.state && S.state.lang) || "en"; return e; };
  // What a participant wrote (a note, a question, a word) is in a language nobody stated:
  // lang="" is HTML's "unknown" (not the page's), so a screen reader does not read a Welsh
  // note with English rules; dir="auto" takes its direction from its own first letters.
  S.theirs = function (e) { e.setAttribute("lang", ""); e.dir = "auto"; return e; };
  // A line of the page's words around one of the summit's ("Now: {title}"): into gets
  // the words as text and the summit's own in a span marked with its language.
  S.around = function (into, key, name, value) {
    var args = {};
    args[name] = "\u0000";
    var parts = S.t(key, args).split("\u0000");
    into.textContent = "";
    S.add(into, document.createTextNode(parts[0]), S.content(S.el("span", null, value)),
      document.createTextNode(parts[1] || ""));
    return into;
  };
  // A browser without fetch or promises cannot run the page: say so plainly.
  if (!window.fetch || !window.Promise || !window.JSON || !document.querySelector) {
    S.ok = false;
    var now = document.getElementById("now");
    if (now) now.textContent = S.t("page.too_old");
    return;
  }

  S.$ = function (id) { return document.getElementById(id); };

  S.el = function (tag, props, text) {
    var e = document.createElement(tag);
    for (var k in props || {}) {
      if (k === "class") e.className = props[k];
      else if (k.indexOf("aria-") === 0 || k.indexOf("data-") === 0 || k === "for" || k === "role") e.setAttribute(k, props[k]);
      else e[k] = props[k];
    }
    if (text !== undefined) e.textContent = text;
    return e;
  };

  S.add = function (parent) {
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
    return parent;
  };


  // Messages sit next to the control they are about: `feedback(form)` makes the pair of
  // lines under a button, one polite (sending, saved) and one an alert (what went wrong).
  S.feedback = function () {
    var box = S.el("div", { class: "feedback" });
    var status = S.el("p", { class: "saved", role: "status", "aria-live": "polite" });
    var alert = S.el("p", { class: "problem", role: "alert" });
    alert.hidden = true;
    S.add(box, status, alert);
    return {
      box: box,
      status: function (text, kind) {
        alert.hidden = true;
        status.textContent = text || "";
        status.className = text ? "saved " + (kind || "") : "";
      },
      error: function (text, lang) {
        status.textContent = "";
        status.className = "";
        alert.textContent = text;
        // The laptop's sentence in English where the catalogue has no Welsh for it.
        if (lang && lang !== S.lang) alert.lang = lang; else alert.removeAttribute("lang");
        alert.hidden = false;
        if (alert.scrollIntoView) alert.scrollIntoView({ block: "nearest" });
      },
      clearError: function () { alert.hidden = true; }
    };
  };

  // A phone's own storage. In-app browsers and private modes may have none (localStorage
  // null, or throwing): what is kept then lives in memory while the page is open.
  var memory = {};
  function disk() { try { return window.localStorage || null; } catch (e) { return null; } }
  S.store = {
    get: function (k) {
      if (k in memory) return JSON.parse(memory[k]);
      try { return JSON.parse(disk().getItem(k) || "null"); } catch (e) { return null; }
    },
    set: function (k, v) {
      memory[k] = JSON.stringify(v);
      try { disk().setItem(k, memory[k]); S.store.lasting = true; } catch (e) { S.store.lasting = false; }
    },
    drop: function (k) { delete memory[k]; try { disk().removeItem(k); } catch (e) { /* none */ } }
  };
  try { disk().setItem("summit-probe", "1"); disk().removeItem("summit-probe"); S.store.lasting = true; }
  catch (e) { S.store.lasting = false; }
  // How a held answer is kept, for the line that says it waits.
  S.kept = function () { return S.t(S.store.lasting ? "kept.phone" : "kept.page"); };

  // One quiet announcement for screen readers (a poll opening, the item changing).
  S.announce = function (text) {
    var news = S.$("news");
    if (!news) return;
    news.textContent = "";
    setTimeout(function () { news.textContent = text; }, 50);
  };

  // A button that is busy stays focusable (a disabled one drops the focus to the page).
  S.busy = function (button, on) {
    if (on) button.setAttribute("aria-disabled", "true");
    else button.removeAttribute("aria-disabled");
    return on;
  };

  // What could not be sent is tried again on a timer, backing off to every 20 s, whatever
  // the live stream's state (a request can fail while the stream stays up), and at once
  // when the laptop is heard again. Each card names its resender: S.resenders[name].
  var tries = 0, retry = 0;
  S.resenders = {};
  S.resend = function () {
    clearTimeout(retry);
    retry = 0;
    for (var k in S.resenders) S.resenders[k]();
  };
  function again() {
    if (!retry) retry = setTimeout(S.resend, Math.min(20000, 1000 * Math.pow(2, tries++)));
  }

  // A card-holding phone's pass refused is a cancelled card: rescanning the screen's code
  // would make a participant who cannot vote, so the replacement card is what to ask for.
  S.refused = function (status, said) {
    var s = S.state || {};
    return (status === 401 || status === 403) && s.verified && (s.me || {}).card ? S.t("send.card_gone") : said;
  };

  // POST JSON. A refusal rejects with {message, status}; no answer at all with
  // {message, offline: true} (the laptop is away: the caller may keep what it sent).
  // A request with no answer in 12 s counts as unanswered (a Wi-Fi that swallows packets).
  S.send = function (path, body) {
    var stop = window.AbortController ? new AbortController() : null;
    var late = stop ? setTimeout(function () { stop.abort(); }, 12000) : 0;
    return fetch(path, {
      method: "POST", credentials: "same-origin", cache: "no-store", signal: stop ? stop.signal : undefined,
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (d) {
        clearTimeout(late);
        tries = 0;
        if (!r.ok) throw { message: S.refused(r.status, d.error || S.t("send.failed", { status: r.status })), status: r.status, lang: d.lang };
        if (S.fold) S.fold();  // the notice was read before this was sent (app.js)
        return d;
      });
    }, function () {
      clearTimeout(late);
      again();
      throw { message: S.t("send.unreachable"), offline: true };
    });
  };
})();
