"use strict";
// The table host's page (server/tables.py): the table's notes for the open question (sent,
// edited, withdrawn, up to three starred as key points) and its count for the open poll.
// It asks the laptop for its state every few seconds. What could not be sent (no answer
// from the laptop) is kept on the phone and sent again when the laptop is back (S.resend in
// core.js), and each note says whether it is sent. Text is only ever set as textContent.
(function () {
  var S = window.Summit;
  if (!S.ok) return;
  var el = S.el, add = S.add;
  var POLL_MS = 3000;
  var away = false, known = false, stopped = false, timer = 0;
  var promptView = null, pollView = null;

  function link(text, bad) {
    var p = S.$("link");
    p.textContent = text;
    p.className = "link-state" + (bad ? " bad" : "");
  }

  function complain(text, lang) {
    var p = S.$("problem");
    p.textContent = text || "";
    if (lang && lang !== S.lang) p.lang = lang; else p.removeAttribute("lang");
    p.hidden = !text;
  }

  function tick() {
    clearTimeout(timer);
    fetch("/api/table/state", { credentials: "same-origin", cache: "no-store" }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (d) {
        if (!r.ok) {
          if (r.status === 401 || r.status === 403) stopped = true;
          complain(d.error || S.t("host.no_answer", { status: r.status }), d.lang);
          return;
        }
        var wasAway = away;
        away = false;
        complain("");
        if (wasAway) link(S.t("link.back"));
        else if (!known) link("");
        known = true;
        render(d);
        S.resend();
      });
    }, function () {
      if (!away) link(S.t("host.lost"), true);
      away = true;
    }).then(function () {
      if (!stopped) timer = setTimeout(tick, POLL_MS);
    });
  }

  function render(d) {
    S.state = { lang: d.lang };
    document.title = S.t("host.tab", { table: d.table.label });
    S.content(S.$("title")).textContent = d.table.label;
    S.around(S.$("now"), "host.now", "title", d.title);
    S.$("vote").href = d.join;
    promptView = show("prompt", d.prompt, promptView, notesView, d);
    pollView = show("poll", d.poll, pollView, countView, d);
    S.$("idle").hidden = !!(d.prompt || d.poll);
  }

  // One card per thing the laptop has open: built when it opens, updated while it stays.
  function show(id, item, view, build, d) {
    var card = S.$(id);
    card.hidden = !item;
    if (!item) return null;
    if (!view || view.id !== item.id) {
      card.textContent = "";
      view = build(card, item, d);
      view.id = item.id;
    }
    view.update(item, d);
    return view;
  }

  // -- the table's notes ---------------------------------------------------------------

  function notesView(card, q) {
    var outKey = "summit-table-outbox-" + q.id;
    var area = el("textarea", { id: "tnote-text", maxLength: 500, rows: 3, dir: "auto" });
    var hint = el("p", { class: "hint", id: "tnote-hint" }, S.t("host.note_hint"));
    area.setAttribute("aria-describedby", "tnote-hint");
    var submit = el("button", { type: "submit", class: "primary" }, S.t("host.send_note"));
    var fb = S.feedback();
    var form = add(el("form", { noValidate: true }),
      el("label", { for: "tnote-text" }, S.t("host.note_label")), area, hint, submit, fb.box);
    var keys = el("p", { class: "hint", id: "tkeys" });
    var list = el("ul", { class: "tnotes", "aria-label": S.t("host.notes") });
    var listFb = S.feedback();
    var sending = false, editing = 0, last = "", notes = [];

    function outbox() { return S.store.get(outKey) || []; }

    function send() {
      var waiting = outbox();
      if (!waiting.length || sending) return;
      sending = S.busy(submit, true);
      fb.status(S.t("host.sending_note"), "sending");
      var first = waiting[0];
      S.send("/api/table/note", { prompt_id: q.id, text: first.text, key: first.key }).then(function (d) {
        var rest = outbox();
        rest.shift();
        S.store.set(outKey, rest);
        if (!notes.some(function (n) { return n.id === d.id; })) notes.push({ id: d.id, text: first.text, key: false, waiting: d.waiting });
        fb.status(S.t(rest.length ? "done.ok" : "host.sent_another", { message: d.message }), "done");
        sending = S.busy(submit, false);
        draw();
        send();
      }, function (e) {
        sending = S.busy(submit, false);
        if (e.offline) {
          fb.status(S.t("host.offline", { kept: S.kept() }), "waiting");
        } else {
          var rest = outbox();
          rest.shift();
          S.store.set(outKey, rest);
          fb.error(e.message, e.lang);
          draw();
        }
      });
    }

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (!area.value.trim()) { fb.error(S.t("host.empty")); return; }
      // The phone's own name for the note: a resend whose first answer was lost is found in.
      var key = Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
      S.store.set(outKey, outbox().concat([{ text: area.value, key: key }]));
      area.value = "";
      draw();
      send();
    });
    S.resenders.tableNote = function () { if (promptView && promptView.id === q.id) send(); };

    function act(note, path, body, done) {
      listFb.status(S.t("host.saving"), "sending");
      S.send(path, body).then(function (d) {
        listFb.status(S.t("done.ok", { message: d.message }), "done");
        done(d);
        draw();
      }, function (e) {
        listFb.error(e.offline ? S.t("host.unchanged") : e.message, e.lang);
      });
    }

    function item(note) {
      var li = el("li", { class: "tnote" });
      if (editing === note.id) {
        var id = "tedit-" + note.id;
        var box = el("textarea", { id: id, maxLength: 500, rows: 3, dir: "auto", value: note.text });
        var save = el("button", { type: "button", class: "act" }, S.t("host.save"));
        var cancel = el("button", { type: "button", class: "act" }, S.t("host.cancel"));
        save.addEventListener("click", function () {
          if (!box.value.trim()) { listFb.error(S.t("host.note_empty")); return; }
          act(note, "/api/table/edit", { note_id: note.id, text: box.value }, function (d) {
            note.text = box.value; note.waiting = d.waiting; editing = 0;
          });
        });
        cancel.addEventListener("click", function () { editing = 0; draw(); });
        add(li, el("label", { for: id }, S.t("host.change_note")), box, add(el("div", { class: "acts" }, ""), save, cancel));
        return li;
      }
      var star = el("button", { type: "button", class: "act", "aria-pressed": note.key ? "true" : "false" },
        S.t(note.key ? "host.key" : "host.star"));
      star.addEventListener("click", function () {
        act(note, "/api/table/star", { note_id: note.id, on: !note.key }, function (d) { note.key = d.key; });
      });
      var edit = el("button", { type: "button", class: "act" }, S.t("host.edit"));
      edit.addEventListener("click", function () { editing = note.id; draw(); });
      var drop = el("button", { type: "button", class: "act" }, S.t("host.withdraw"));
      drop.addEventListener("click", function () {
        if (drop.getAttribute("data-sure") !== "1") {
          drop.setAttribute("data-sure", "1");
          drop.textContent = S.t("host.sure");
          return;
        }
        act(note, "/api/table/withdraw", { note_id: note.id }, function () {
          notes = notes.filter(function (n) { return n.id !== note.id; });
        });
      });
      var said = S.t(note.waiting ? "host.sent_held" : "host.sent");
      add(li, S.theirs(el("p", { class: "text" }, note.text)), el("p", { class: "state" }, said),
        add(el("div", { class: "acts" }), star, edit, drop));
      return li;
    }

    function draw() {
      if (editing) return;  // a note being changed is not redrawn under the host's fingers
      list.textContent = "";
      notes.forEach(function (n) { list.appendChild(item(n)); });
      outbox().forEach(function (waiting) {
        add(list, add(el("li", { class: "tnote" }), S.theirs(el("p", { class: "text" }, waiting.text)),
          el("p", { class: "state" }, S.t("host.waiting", { kept: S.kept().toLowerCase() }))));
      });
      var starred = notes.filter(function (n) { return n.key; }).length;
      keys.textContent = notes.length ? S.t("host.keys", { max: S.num(q.max_keys), n: S.num(starred) }) : "";
    }

    add(card, S.content(el("h2", { id: "prompt-title", dir: "auto" }, q.text)), form,
      el("h3", {}, S.t("host.notes")), keys, list, listFb.box);
    if (outbox().length) fb.status(S.t("host.held"), "waiting");
    return {
      update: function (fresh) {
        var now = JSON.stringify(fresh.notes);
        if (now === last) return;
        last = now;
        notes = fresh.notes.slice();
        draw();
      }
    };
  }

  // -- the table's count for the open poll ------------------------------------------------

  function countView(card, p, d) {
    var key = "summit-table-count-" + p.id;
    add(card, S.content(el("h2", { id: "poll-title", dir: "auto" }, p.question)));
    if (!p.countable) {
      add(card, el("p", { class: "hint" }, S.t("host.not_countable")));
      return { update: function () {} };
    }
    var multi = p.kind === "multi";
    var form = el("form", { noValidate: true });
    add(form, el("p", { class: "hint", id: "count-hint" },
      S.t("host.count_hint") + (multi ? S.t("host.count_multi", { n: S.num(p.max_choices) }) : "") +
      S.t("host.seats", { n: S.num(d.table.seats) })));
    var inputs = {};
    function number(id, text, value) {
      var input = el("input", { type: "number", id: id, min: 0, max: 100, step: 1, inputMode: "numeric", value: value || 0 });
      input.setAttribute("aria-describedby", "count-hint");
      var label = el("label", { for: id, dir: "auto" }, text);
      if (id !== "count-people") S.content(label);
      add(form, add(el("div", { class: "tcount" }), label, input));
      return input;
    }
    var counted = p.count || { people: 0, counts: {} };
    var people = multi ? number("count-people", S.t("host.people"), counted.people) : null;
    p.options.forEach(function (o) { inputs[o.id] = number("count-" + o.id, o.text, counted.counts[o.id]); });
    var submit = el("button", { type: "submit", class: "primary" }, S.t("host.send_count"));
    var fb = S.feedback();
    add(form, submit, fb.box);
    add(card, form);
    var sending = false;

    function send() {
      var body = S.store.get(key);
      if (!body || sending) return;
      sending = S.busy(submit, true);
      fb.status(S.t("host.sending_count"), "sending");
      S.send("/api/table/count", body).then(function (r) {
        S.store.drop(key);
        fb.status(S.t("host.count_saved", { message: r.message }), "done");
      }, function (e) {
        if (e.offline) fb.status(S.t("host.offline", { kept: S.kept() }), "waiting");
        else { S.store.drop(key); fb.error(e.message, e.lang); }
      }).then(function () { sending = S.busy(submit, false); });
    }

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var counts = {}, bad = false;
      p.options.forEach(function (o) {
        var n = Number(inputs[o.id].value || 0);
        if (!(n >= 0) || Math.floor(n) !== n) bad = true;
        counts[o.id] = n;
      });
      if (bad) { fb.error(S.t("host.whole")); return; }
      var body = { poll_id: p.id, counts: counts };
      if (multi) body.people = Number(people.value || 0);
      S.store.set(key, body);
      send();
    });
    S.resenders.tableCount = function () { if (pollView && pollView.id === p.id) send(); };
    if (S.store.get(key)) fb.status(S.t("host.held"), "waiting");
    return { update: function () {} };
  }

  tick();
})();
