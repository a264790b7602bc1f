"use strict";
// The phone's Q&A and word cloud: ask and upvote questions (the list comes most upvoted first,
// live, with every state the page hears), and send one to three words to a cloud.
// app.js calls SummitAudience.show(card, prompt, me, tools) on every state it renders; the
// forms are built once per prompt and the lists redrawn, keeping the focus where it was.
// Text from the server is only ever set with textContent, never parsed as HTML.
(function () {
  var built = { id: null, kind: null }, parts = {};

  function upvotes(n) { return n === 1 ? "1 upvote" : n + " upvotes"; }

  function show(card, prompt, me, t) {
    if (built.id !== prompt.id || built.kind !== prompt.kind) {
      built = { id: prompt.id, kind: prompt.kind };
      card.textContent = "";
      parts = prompt.kind === "questions" ? buildQuestions(card, prompt, t) : buildWords(card, prompt, t);
    }
    if (prompt.kind === "questions") drawQuestions(prompt, me, t);
    else drawWords(prompt, me, t);
  }

  // A message beside the control that caused it, announced by screen readers.
  function note(form, t) {
    var p = t.el("p", { class: "saved", role: "status", "aria-live": "polite" });
    p.hidden = true;
    form.appendChild(p);
    return function (text, bad) {
      p.textContent = text;
      p.className = bad ? "problem" : "saved";
      p.hidden = !text;
    };
  }

  // -- questions -----------------------------------------------------------------------

  function buildQuestions(card, prompt, t) {
    var area = t.el("textarea", { id: "question-text", maxLength: 300, rows: 3, dir: "auto" });
    var count = t.el("p", { class: "hint", id: "question-count" }, "Up to 300 characters.");
    area.setAttribute("aria-describedby", "question-count");
    area.addEventListener("input", function () { count.textContent = area.value.length + " of 300 characters"; });
    var submit = t.el("button", { type: "submit", class: "primary" }, "Send question");
    var form = t.add(t.el("form", { noValidate: true }),
      t.el("label", { for: "question-text" }, "Your question"), area, count, submit);
    var tell = note(form, t);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (!area.value.trim()) { tell("Write your question first.", true); area.focus(); return; }
      submit.disabled = true;
      var text = area.value;
      t.send("/api/question", { prompt_id: prompt.id, text: text }).then(function (d) {
        tell(d.message);
        area.value = "";
        count.textContent = "Up to 300 characters.";
      }, function (e) { tell(e.message, true); }).then(function () { submit.disabled = false; });
    });
    var mineTitle = t.el("h3", { hidden: true }, "You asked");
    var mine = t.el("ul", { class: "mine", "aria-label": "Questions you asked" });
    var listTitle = t.el("h3", { id: "questions-title" }, "Questions from the room, most upvoted first");
    var list = t.el("ol", { class: "questions", "aria-labelledby": "questions-title" });
    var doneTitle = t.el("h3", { id: "answered-title", hidden: true }, "Answered");
    var done = t.el("ul", { class: "questions answered", "aria-labelledby": "answered-title" });
    var empty = t.el("p", { class: "hint" }, "No questions yet: be the first to ask.");
    var news = t.el("p", { class: "sr-only", "aria-live": "polite" });
    t.add(card, t.el("h2", { id: "note-title", dir: "auto" }, prompt.text), form,
      mineTitle, mine, listTitle, empty, list, doneTitle, done, news);
    return { mine: mine, mineTitle: mineTitle, list: list, done: done, doneTitle: doneTitle,
      empty: empty, news: news, pressed: {}, counts: {} };
  }

  function drawQuestions(prompt, me, t) {
    var upvoted = {};
    (me.upvoted || []).forEach(function (id) { upvoted[id] = true; });
    var focused = document.activeElement && document.activeElement.getAttribute("data-question");
    parts.mine.textContent = "";
    (me.asked || []).forEach(function (q) {
      var li = t.el("li", { dir: "auto" }, q.text);
      if (q.waiting) li.appendChild(t.el("span", { class: "hint" }, " (waiting for the facilitator to approve it)"));
      parts.mine.appendChild(li);
    });
    parts.mineTitle.hidden = !(me.asked || []).length;
    parts.list.textContent = "";
    parts.done.textContent = "";
    var questions = prompt.questions || [];
    var now = Date.now();
    questions.forEach(function (q) {
      var item = t.el("li", { class: "question" });
      var text = t.el("span", { class: "text", dir: "auto" }, q.text);
      // Just after this phone's own upvote, its answer's count is newer than the shared list's.
      var known = parts.counts[q.id];
      var count = known && known.until > now ? known.n : q.upvotes;
      var tally = t.el("span", { class: "tally" }, upvotes(count));
      if (q.state === "answered") {
        parts.done.appendChild(t.add(item, text, tally));
        return;
      }
      var mine = !!upvoted[q.id];
      var button = t.el("button", { type: "button", class: "upvote" }, mine ? "\u25b2 Upvoted" : "\u25b2 Upvote");
      button.setAttribute("aria-pressed", String(mine));
      button.setAttribute("aria-label", (mine ? "Take back your upvote: " : "Upvote: ") + q.text);
      button.setAttribute("data-question", String(q.id));
      button.addEventListener("click", function () { vote(q, !mine, button, tally, t); });
      var body = t.add(t.el("div", { class: "body" }), text,
        q.state === "answering" ? t.el("span", { class: "now-answering" }, "Being answered now") : null, tally);
      parts.list.appendChild(t.add(item, body, button));
      if (focused === String(q.id)) button.focus();
    });
    parts.empty.hidden = questions.length > 0;
    parts.doneTitle.hidden = !parts.done.childNodes.length;
  }

  function vote(q, up, button, tally, t) {
    button.disabled = true;
    t.send("/api/upvote", { question_id: q.id, up: up }).then(function (d) {
      parts.counts[q.id] = { n: d.upvotes, until: Date.now() + 2000 };
      tally.textContent = upvotes(d.upvotes);
      button.setAttribute("aria-pressed", String(up));
      button.textContent = up ? "\u25b2 Upvoted" : "\u25b2 Upvote";
      parts.news.textContent = d.message;
      t.refresh();
    }, function (e) { t.complain(e.message); }).then(function () { button.disabled = false; });
  }

  // -- words ---------------------------------------------------------------------------

  function buildWords(card, prompt, t) {
    var input = t.el("input", { id: "word-text", type: "text", maxLength: 60, dir: "auto", autocomplete: "off" });
    var hint = t.el("p", { class: "hint", id: "word-hint" });
    input.setAttribute("aria-describedby", "word-hint");
    var submit = t.el("button", { type: "submit", class: "primary" }, "Send");
    var form = t.add(t.el("form", { noValidate: true }),
      t.el("label", { for: "word-text" }, "One to three words"), input, hint, submit);
    var tell = note(form, t);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var words = input.value.trim().split(/\s+/).filter(Boolean);
      if (!words.length) { tell("Write a word first.", true); input.focus(); return; }
      if (words.length > 3) { tell("Send one to three words: send each idea on its own.", true); input.focus(); return; }
      submit.disabled = true;
      t.send("/api/word", { prompt_id: prompt.id, text: input.value }).then(function (d) {
        tell(d.message);
        input.value = "";
        t.refresh();
      }, function (e) { tell(e.message, true); }).then(function () { submit.disabled = false; });
    });
    var mineTitle = t.el("h3", { hidden: true }, "You sent");
    var mine = t.el("ul", { class: "mine", "aria-label": "Words you sent" });
    t.add(card, t.el("h2", { id: "note-title", dir: "auto" }, prompt.text), form, mineTitle, mine);
    return { input: input, hint: hint, submit: submit, mine: mine, mineTitle: mineTitle };
  }

  function drawWords(prompt, me, t) {
    var sent = me.words || [];
    parts.mine.textContent = "";
    sent.forEach(function (w) {
      var li = t.el("li", { dir: "auto" }, w.text);
      if (w.waiting) li.appendChild(t.el("span", { class: "hint" }, " (waiting for the facilitator to approve it)"));
      parts.mine.appendChild(li);
    });
    parts.mineTitle.hidden = !sent.length;
    var left = prompt.max_words - sent.length;
    var full = left <= 0;
    parts.input.disabled = parts.submit.disabled = full;
    parts.hint.textContent = full
      ? "You have sent " + prompt.max_words + (prompt.max_words === 1 ? " word" : " words") + ". Thank you."
      : "You can send " + left + " more (" + prompt.max_words + " in all). Watch them join the cloud on the screen.";
  }

  window.SummitAudience = { show: show };
})();
