"use strict";
// The phone's Q&A and word cloud, as kinds of prompt (see notes.js): ask and upvote
// questions (the room's list, most upvoted first, redrawn with every state the page hears),
// and send one to three words to a cloud. What this phone did itself (its upvotes, its
// questions and words) is kept here too: pushed states carry only the room's shared part.
// Text from the server is only ever set with textContent, never parsed as HTML.
(function () {
  var S = window.Summit;
  if (!S || !S.ok) return;
  var el = S.el, add = S.add;

  function upvotes(n) { return S.n("n.upvotes", n); }
  function waitingText() { return S.t("ask.offline", { kept: S.kept() }); }

  // A text this phone sends (a question, some words) is held (S.store) until the laptop
  // has it, and sent again by S.resend; `done(answer, text)` when it is in.
  function outbox(name, q, field, submit, fb, path, sending, done) {
    var key = "summit-" + name + "-" + q.id, busy = false;
    function go() {
      var text = S.store.get(key);
      if (!text || busy) return;
      busy = S.busy(submit, true);
      fb.status(sending, "sending");
      S.send(path, { prompt_id: q.id, text: text }).then(function (d) {
        S.store.drop(key);
        fb.status(S.t("done.ok", { message: d.message }), "done");
        done(d, text);
        S.acted();
      }, function (e) {
        if (e.offline) fb.status(waitingText(), "waiting");
        else { S.store.drop(key); fb.error(e.message, e.lang); }
      }).then(function () { busy = S.busy(submit, false); });
    }
    S.resenders[name] = go;
    if (S.store.get(key)) { field.value = S.store.get(key); fb.status(waitingText(), "waiting"); }
    return { busy: function () { return busy; }, send: function (text) { S.store.set(key, text); go(); } };
  }

  function waitingNote() {
    return el("span", { class: "hint" }, S.t("ask.waiting"));
  }

  // Pushes carry the room's part only: while something this phone sent waits for approval,
  // a push (the room's list or cloud changed, perhaps by that approval) asks for this
  // phone's own part again, at most every few seconds.
  var askedAt = 0, later = 0;
  function recheck(items) {
    if (later || !items.some(function (i) { return i.waiting; })) return;
    later = setTimeout(function () {
      later = 0;
      askedAt = Date.now();
      S.reload();
    }, Math.max(0, askedAt + 2500 - Date.now()));
  }

  // -- questions -----------------------------------------------------------------------

  S.prompts.questions = function (card, q, me) {
    me = me || {};
    var upvoted = {}, counts = {}, asked = (me.asked || []).slice();
    (me.upvoted || []).forEach(function (id) { upvoted[id] = true; });
    var area = el("textarea", { id: "question-text", maxLength: 300, rows: 3, dir: "auto" });
    var count = el("p", { class: "hint", id: "question-count" }, S.t("ask.limit"));
    area.setAttribute("aria-describedby", "question-count");
    area.addEventListener("input", function () { count.textContent = S.t("ask.typed", { n: S.num(area.value.length) }); });
    var submit = el("button", { type: "submit", class: "primary" }, S.t("ask.send"));
    var fb = S.feedback();
    var form = add(el("form", { noValidate: true }),
      el("label", { for: "question-text" }, S.t("ask.label")), area, count, submit, fb.box);
    var out = outbox("question", q, area, submit, fb, "/api/question", S.t("ask.sending"), function (d, text) {
      asked.push({ id: d.id, text: text, waiting: d.waiting });
      if (area.value === text) { area.value = ""; count.textContent = S.t("ask.limit"); }
      drawMine();
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (out.busy()) return;
      if (!area.value.trim()) { fb.error(S.t("ask.empty")); area.focus(); return; }
      out.send(area.value);
    });
    var mineTitle = el("h3", { hidden: true }, S.t("ask.you_asked"));
    var mine = el("ul", { class: "mine", "aria-label": S.t("ask.yours") });
    var listTitle = el("h3", { id: "questions-title" }, S.t("ask.list"));
    var empty = el("p", { class: "hint" }, S.t("ask.none"));
    var list = el("ol", { class: "questions", role: "list", "aria-labelledby": "questions-title" });
    var doneTitle = el("h3", { id: "answered-title", hidden: true }, S.t("ask.answered"));
    var done = el("ul", { class: "questions answered", role: "list", "aria-labelledby": "answered-title" });
    var news = el("p", { class: "sr-only", "aria-live": "polite" });
    add(card, S.content(el("h2", { id: "prompt-title", dir: "auto" }, q.text)), form,
      mineTitle, mine, listTitle, empty, list, doneTitle, done, news);

    function drawMine() {
      mine.textContent = "";
      asked.forEach(function (a) {
        mine.appendChild(add(el("li"), S.theirs(el("span", null, a.text)), a.waiting ? waitingNote() : null));
      });
      mineTitle.hidden = !asked.length;
    }

    // Upvotes not yet sent: {question id: up}, held like a question and sent again.
    var votesKey = "summit-upvotes-" + q.id, voting = {}, again = null;
    function vote(id) {
      var held = S.store.get(votesKey) || {};
      if (!(id in held) || voting[id]) return;
      voting[id] = true;
      S.send("/api/upvote", { question_id: id, up: held[id] }).then(function (d) {
        var now = S.store.get(votesKey) || {};
        if (now[id] === held[id]) delete now[id];
        S.store.set(votesKey, now);
        // Until the room's list catches up, this answer's count is the newer one.
        counts[id] = { n: d.upvotes, until: Date.now() + 3000 };
        news.textContent = d.message;
        draw(q);
        S.acted();
      }, function (e) {
        if (e.offline) { news.textContent = waitingText(); return; }
        var now = S.store.get(votesKey) || {};
        delete now[id];
        S.store.set(votesKey, now);
        upvoted[id] = !held[id];
        draw(q);
        fb.error(e.message, e.lang);
      }).then(function () {
        voting[id] = false;
        var now = S.store.get(votesKey) || {};
        if (now[id] !== undefined && now[id] !== held[id]) vote(id);  // pressed again meanwhile
      });
    }
    function press(question, up) {
      var held = S.store.get(votesKey) || {};
      held[question.id] = up;
      S.store.set(votesKey, held);
      upvoted[question.id] = up;
      again = question.id;  // the focus stays on this question's button, redrawn
      draw(q);
      vote(question.id);
    }
    function voteAll() { Object.keys(S.store.get(votesKey) || {}).forEach(function (id) { vote(Number(id)); }); }
    S.resenders.upvote = voteAll;
    var heldVotes = S.store.get(votesKey) || {};
    for (var id in heldVotes) upvoted[id] = heldVotes[id];

    function draw(prompt) {
      q = prompt;
      var focused = document.activeElement && document.activeElement.getAttribute("data-question");
      if (again !== null) { focused = String(again); again = null; }
      var now = Date.now();
      list.textContent = "";
      done.textContent = "";
      (prompt.questions || []).forEach(function (question) {
        var known = counts[question.id];
        var tally = el("span", { class: "tally" },
          upvotes(known && known.until > now ? known.n : question.upvotes));
        var text = S.theirs(el("span", { class: "text" }, question.text));
        var item = el("li", { class: "question" });
        if (question.state === "answered") { done.appendChild(add(item, add(el("div", { class: "body" }), text, tally))); return; }
        var mineUp = !!upvoted[question.id];
        var button = el("button", { type: "button", class: "upvote", "data-question": String(question.id),
          "aria-pressed": String(mineUp),
          "aria-label": S.t(mineUp ? "ask.unvote_label" : "ask.vote_label", { question: question.text }) },
          S.t(mineUp ? "ask.upvoted" : "ask.upvote"));
        button.addEventListener("click", function () { press(question, !mineUp); });
        list.appendChild(add(item, add(el("div", { class: "body" }), text,
          question.state === "answering" ? el("span", { class: "now-answering" }, S.t("ask.answering")) : null,
          tally), button));
        if (focused === String(question.id)) button.focus();
      });
      empty.hidden = !!(prompt.questions || []).length;
      doneTitle.hidden = !done.childNodes.length;
    }

    drawMine();
    draw(q);
    return {
      update: function (prompt, fresh) {
        // A fresh "me" (a reconnection, a reload) is what the laptop holds: it wins.
        if (fresh && fresh.fresh && fresh.upvoted) {
          upvoted = {};
          fresh.upvoted.forEach(function (id) { upvoted[id] = true; });
          var held = S.store.get(votesKey) || {};
          for (var id in held) upvoted[id] = held[id];
        }
        if (fresh && fresh.fresh && fresh.asked) { asked = fresh.asked.slice(); drawMine(); }
        else recheck(asked);
        draw(prompt);
      }
    };
  };

  // -- words ---------------------------------------------------------------------------

  S.prompts.words = function (card, q, me) {
    var sent = ((me || {}).words || []).slice();
    var input = el("input", { id: "word-text", type: "text", maxLength: 60, dir: "auto", autocomplete: "off" });
    var hint = el("p", { class: "hint", id: "word-hint" });
    input.setAttribute("aria-describedby", "word-hint");
    var submit = el("button", { type: "submit", class: "primary" }, S.t("words.send"));
    var fb = S.feedback();
    var form = add(el("form", { noValidate: true }),
      el("label", { for: "word-text" }, S.t("words.label")), input, hint, submit, fb.box);
    var mineTitle = el("h3", { hidden: true }, S.t("words.you_sent"));
    var mine = el("ul", { class: "mine", "aria-label": S.t("words.yours") });
    var out = outbox("word", q, input, submit, fb, "/api/word", S.t("words.sending"), function (d, text) {
      sent.push({ text: text, waiting: d.waiting });
      if (input.value === text) input.value = "";
      draw();
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (out.busy()) return;
      var words = input.value.trim().split(/\s+/).filter(Boolean);
      if (!words.length) { fb.error(S.t("words.empty")); input.focus(); return; }
      if (words.length > 3) { fb.error(S.t("words.too_many")); input.focus(); return; }
      out.send(input.value);
    });
    add(card, S.content(el("h2", { id: "prompt-title", dir: "auto" }, q.text)), form, mineTitle, mine);

    function draw() {
      mine.textContent = "";
      sent.forEach(function (w) {
        mine.appendChild(add(el("li"), S.theirs(el("span", null, w.text)), w.waiting ? waitingNote() : null));
      });
      mineTitle.hidden = !sent.length;
      var left = q.max_words - sent.length;
      var had = document.activeElement === submit || document.activeElement === input;
      input.disabled = submit.disabled = left <= 0;
      if (left <= 0 && had) { hint.tabIndex = -1; hint.focus(); }  // the words are all in
      var soFar = q.answers ? S.t("words.so_far", { answers: S.n("n.answers", q.answers) }) : "";
      hint.textContent = (left <= 0
        ? S.t("words.all_sent", { words: S.n("n.words", q.max_words) })
        : S.t("words.more", { left: S.num(left), max: S.num(q.max_words) })) + soFar;
    }

    draw();
    return {
      update: function (prompt, fresh) {
        q = prompt;
        if (fresh && fresh.fresh && fresh.words) sent = fresh.words.slice();
        else recheck(sent);
        draw();
      }
    };
  };
})();
