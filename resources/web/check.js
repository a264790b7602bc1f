"use strict";
// Report back to the laptop so the facilitator sees how many phones reached it.
(function () {
  var out = document.getElementById("check");
  fetch(location.pathname, {
    method: "POST", cache: "no-store", credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ device: (navigator.userAgent || "").slice(0, 200) })
  }).then(function (r) {
    return r.json().then(function (d) {
      if (!r.ok) throw new Error(d.error || "The check failed.");
      out.textContent = "\u2713 " + d.message + " Phones so far: " + d.count + ".";
      out.className = "big ok";
    });
  }).catch(function (e) {
    out.textContent = "Your phone loaded this page but could not report back: " + e.message;
    out.className = "big bad";
  });
})();
