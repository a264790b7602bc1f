"use strict";
// Report back to the laptop so the facilitator sees how many phones reached it. The words
// are the phone's language's, from words.toml (put in the page by server/pages.py); the
// laptop's sentence inside them is marked with its language where it is not the page's.
(function () {
  var out = document.getElementById("check"), lang = document.documentElement.lang, W = {};
  try { W = JSON.parse(document.getElementById("words").textContent); } catch (e) { /* keys shown */ }
  function show(key, said, saidLang, n, kind) {
    var parts = String(W[key] || key).replace("{n}", n).split("{message}"), span = document.createElement("span");
    span.textContent = said;
    if (saidLang && saidLang !== lang) span.lang = saidLang;
    out.textContent = "";
    out.appendChild(document.createTextNode(parts[0]));
    out.appendChild(span);
    out.appendChild(document.createTextNode(parts[1] || ""));
    out.className = "big " + kind;
  }
  fetch(location.pathname, {
    method: "POST", cache: "no-store", credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ device: (navigator.userAgent || "").slice(0, 200) })
  }).then(function (r) {
    return r.json().catch(function () { return {}; }).then(function (d) {
      if (!r.ok || !d.ok) throw { said: d.error || String(W["check.error"]).replace("{status}", r.status), lang: d.lang };
      var n = d.count;
      try { n = Number(n).toLocaleString(lang === "cy" ? "cy-GB" : "en-GB"); } catch (e) { /* as sent */ }
      show("check.reached", d.message, d.lang, n, "ok");
    });
  }).catch(function (e) {
    show("check.failed", e && e.said ? e.said : W["check.no_answer"], e && e.lang, "", "bad");
  });
})();
