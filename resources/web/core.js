"use strict";
// The phone page's shared helpers, on window.Summit (S). Each script adds its part:
// live.js (hearing the laptop), poll.js, notes.js, people.js (group and card), app.js
// (what shows when). A new kind of prompt registers S.prompts[kind] = function (card, q).
// Text from the server is only ever set with textContent, never parsed as HTML.
(function () {
  var S = window.Summit = { prompts: {}, state: null, ok: true };
  // A browser without fetch, promises or localStorage cannot run the page: say so plainly.
  if (!window.fetch || !window.Promise || !window.JSON || !document.querySelector) {
    S.ok = false;
    var now = document.getElementById("now");
    if (now) now.textContent = "This phone's browser is too old for this page. Open the link in a recent browser (Chrome, Safari, Firefox, Edge or Samsung Internet), or ask the facilitator for another way to vote.";
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

  S.plural = function (n, word) { return n + " " + word + (n === 1 ? "" : "s"); };

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
      error: function (text) {
        status.textContent = "";
        status.className = "";
        alert.textContent = text;
        alert.hidden = false;
        if (alert.scrollIntoView) alert.scrollIntoView({ block: "nearest" });
      },
      clearError: function () { alert.hidden = true; }
    };
  };

  // A phone's own storage; private browsing may refuse it, and then nothing is kept.
  S.store = {
    get: function (k) { try { return JSON.parse(localStorage.getItem(k) || "null"); } catch (e) { return null; } },
    set: function (k, v) { try { localStorage.setItem(k, JSON.stringify(v)); } catch (e) { /* private mode */ } },
    drop: function (k) { try { localStorage.removeItem(k); } catch (e) { /* private mode */ } }
  };

  // POST JSON. A refusal rejects with {message, status}; no answer at all with
  // {message, offline: true} (the laptop is away: the caller may keep what it sent).
  S.send = function (path, body) {
    return fetch(path, {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (d) {
        if (!r.ok) throw { message: d.error || "That did not work (error " + r.status + ").", status: r.status };
        return d;
      });
    }, function () {
      throw { message: "Could not reach the summit laptop.", offline: true };
    });
  };
})();
