"use strict";
// Q&A and word-cloud prompts load their script (audience.js) only when one opens, so a
// phone that never meets one never downloads it (bench/page_weight.py: the first load).
(function () {
  var S = window.Summit;
  if (!S || !S.ok) return;
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (done, failed) {
        var script = document.createElement("script");
        script.src = "/static/audience.js";
        script.onload = done;
        script.onerror = function () { loading = null; failed(); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function later(kind) {
    var stub = function (card, q, me) {
      var view = null, latest = [q, me];
      var wait = S.el("p", { class: "hint" }, S.t("prompt.loading"));
      card.appendChild(wait);
      load().then(function () {
        if (S.prompts[kind] === stub || !card.contains(wait)) return;
        card.textContent = "";
        view = S.prompts[kind](card, latest[0], latest[1]) || {};
      }, function () { wait.textContent = S.t("prompt.load_failed"); });
      return { update: function (p, m) { latest = [p, m]; if (view && view.update) view.update(p, m); } };
    };
    return stub;
  }

  S.prompts.questions = later("questions");
  S.prompts.words = later("words");
})();
