"use strict";
// The open prompt's card. Sticky notes live here; other kinds of prompt (a word cloud, a
// Q&A) register their own builder as S.prompts[kind] = function (card, prompt, me) and
// return an object with an optional update(prompt, me) for the state that follows.
(function () {
  var S = window.Summit;
  if (!S.ok) return;
  var el = S.el, add = S.add;
  var shown = null, view = null;

  S.showPrompt = function (q, me) {
    var card = S.$("prompt");
    card.hidden = !q;
    if (!q) { shown = null; view = null; return; }
    var kind = q.kind || "notes";
    if (!shown || shown.id !== q.id || shown.kind !== kind) {
      shown = { id: q.id, kind: kind };
      card.textContent = "";
      var builder = S.prompts[kind] || S.prompts.notes;
      view = builder(card, q, me) || {};
    } else if (view.update) {
      view.update(q, me);
    }
  };

  S.prompts.notes = function (card, q) {
    var pendingKey = "summit-note-" + q.id;
    var area = el("textarea", { id: "note-text", maxLength: 500, rows: 4, dir: "auto" });
    var count = el("p", { class: "hint", id: "note-count" }, S.t("note.limit"));
    area.setAttribute("aria-describedby", "note-count");
    area.addEventListener("input", function () { count.textContent = S.t("note.typed", { n: S.num(area.value.length) }); });
    var submit = el("button", { type: "submit", class: "primary" }, S.t("note.post"));
    var fb = S.feedback();
    var mine = el("ul", { class: "mine", "aria-label": S.t("note.yours") });
    var mineTitle = el("h3", { hidden: true }, S.t("note.you_posted"));
    var form = add(el("form", { noValidate: true }),
      el("label", { for: "note-text" }, S.t("note.label")), area, count, submit, fb.box);
    var sending = false;

    function post() {
      var text = S.store.get(pendingKey);
      if (!text || sending) return;
      sending = S.busy(submit, true);
      fb.status(S.t("note.posting"), "sending");
      S.send("/api/note", { prompt_id: q.id, text: text }).then(function (d) {
        S.store.drop(pendingKey);
        fb.status(S.t("note.posted", { message: d.message }), "done");
        mine.appendChild(S.theirs(el("li", null, text)));
        mineTitle.hidden = false;
        if (area.value === text) { area.value = ""; count.textContent = S.t("note.limit"); }
        S.acted();
      }, function (e) {
        if (e.offline) {
          fb.status(S.t("note.offline", { kept: S.kept() }), "waiting");
        } else {
          S.store.drop(pendingKey);
          fb.error(e.message, e.lang);
        }
      }).then(function () { sending = S.busy(submit, false); });
    }

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (sending) return;
      if (!area.value.trim()) { fb.error(S.t("note.empty")); return; }
      S.store.set(pendingKey, area.value);
      post();
    });
    S.resenders.note = function () { if (shown && shown.id === q.id) post(); };
    var waiting = S.store.get(pendingKey);
    if (waiting) {
      area.value = waiting;
      fb.status(S.t("note.held"), "waiting");
    }
    add(card, S.content(el("h2", { id: "prompt-title", dir: "auto" }, q.text)), form, mineTitle, mine);
    return {};
  };
})();
