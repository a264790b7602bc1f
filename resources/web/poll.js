"use strict";
// The poll card: every kind of poll, the ballot kept on the phone until the laptop has it,
// and the results as the server words them (core.presenting; nothing is computed here).
(function () {
  var S = window.Summit;
  if (!S.ok) return;
  var el = S.el, add = S.add;
  var key = "", poll = null, form = null, toGroup = null;
  var draft = {}, order = [];
  // The poll whose held vote the laptop refused as closed (409): the page may hear of the
  // close only after that answer, and its closed card must still say the vote was lost.
  var refused = null;

  function pendingKey(id) { return "summit-ballot-" + id; }
  function same(a, b) { return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b)); }
  function sorted(o) {
    var out = {};
    Object.keys(o || {}).sort().forEach(function (k) { if (o[k]) out[k] = o[k]; });
    return out;
  }
  function mineFor(p, me) { return me && me.poll_id === p.id ? me.ballot : null; }

  var HINTS = {
    single: function () { return S.t("poll.hint.single"); },
    multi: function (p) { return S.t("poll.hint.multi", { n: S.num(p.max_choices) }); },
    points: function (p) { return S.t("poll.hint.points", { points: S.n("n.points", p.points) }); },
    rank: function () { return S.t("poll.hint.rank"); },
    scale: function () { return S.t("poll.hint.scale"); }
  };

  S.showPoll = function (p, me) {
    var card = S.$("poll");
    card.hidden = !p;
    if (!p) { key = ""; poll = null; form = null; return; }
    var k = [p.id, p.open, p.options.map(function (o) { return o.id + "=" + o.text; })].join(":");
    var mine = mineFor(p, me);
    if (k !== key) {
      var ending = poll && poll.id === p.id && poll.open && !p.open;
      var active = document.activeElement, inCard = card.contains(active);
      key = k;
      poll = p;
      build(card, p, mine);
      if (ending) ended(card, inCard, active);
    } else if (form && me && me.fresh) {
      form.heard(mine);  // this phone's part afresh (a reconnection): show what the laptop holds
    }
    showResults(p.results, p.open);
  };

  S.resenders.poll = function () { if (form) form.resend(); };

  // The saved vote leads on to the group question while it is asked (app.js says when).
  S.pointGroup = function (asked) { if (toGroup) toGroup.hidden = !asked || !form || !form.folded(); };

  // This phone's choice in a few words, in the options' order (a ranking in its own, in an <ol>).
  function yours(p, ballot) {
    var picked = p.options.filter(function (o) { return ballot[o.id]; });
    if (p.kind === "rank") picked.sort(function (a, b) { return ballot[a.id] - ballot[b.id]; });
    return picked.map(function (o) {
      var v = ballot[o.id], li = el("li");
      li.appendChild(S.content(el("span", { dir: "auto" }, o.text)));
      if (p.kind === "points") li.appendChild(document.createTextNode(": " + S.n("n.points", v)));
      if (p.kind === "scale") li.appendChild(document.createTextNode(": " + S.t("scale." + v)));
      return li;
    });
  }

  function build(card, p, mine) {
    card.textContent = "";
    form = null;
    toGroup = null;
    votedHere = false;
    resultsOpen = null;
    draft = {};
    var pending = S.store.get(pendingKey(p.id));
    add(card, S.content(el("h2", { id: "poll-title", dir: "auto" }, p.question)));
    if (!p.open) {
      var said = S.t(mine ? "poll.counted" : "poll.ended");
      if ((pending || refused === p.id) && !mine) said = S.t("poll.too_late");
      S.store.drop(pendingKey(p.id));
      add(card, add(el("div", { class: "ended", id: "poll-ended" }), el("p", { class: "closed" }, S.t("poll.closed")),
        el("p", null, said)), el("div", { id: "results" }));
      return;
    }
    if (refused === p.id) refused = null;  // reopened: a vote may be sent again
    var shown = pending || mine || {};
    for (var k in shown) draft[k] = shown[k];
    var f = el("form", { noValidate: true });
    add(f, el("p", { class: "hint", id: "poll-hint" }, HINTS[p.kind](p)));
    // Choices are grouped under the question for screen readers (as a fieldset would).
    var body = el("div", { class: "options", role: p.kind === "single" ? "radiogroup" : "group", "aria-labelledby": "poll-title" });
    ({ single: pickOne, multi: pickSome, points: shareOut, rank: putInOrder, scale: rate })[p.kind](p, body);
    var submit = el("button", { type: "submit", class: "primary" }, S.t(mine ? "poll.change" : "poll.send"));
    var fb = S.feedback();
    add(f, body, submit, fb.box);
    // Once saved, the choice folds into a few lines ("Change my vote" opens it again), so a
    // long poll's options do not push the group question and the results screens down.
    var summary = el("div", { class: "summary" }), chose = el(p.kind === "rank" ? "ol" : "ul", { class: "mine", "aria-labelledby": "poll-yours" });
    var reopen = el("button", { type: "button", class: "primary" }, S.t("poll.change"));
    add(summary, el("p", { class: "hint", id: "poll-yours" }, S.t("poll.yours")), chose, reopen);
    summary.hidden = true;
    reopen.addEventListener("click", function () { fold(false); });
    toGroup = el("button", { type: "button", class: "link" }, S.t("poll.to_group"));
    toGroup.hidden = true;
    toGroup.addEventListener("click", function () {
      var h = S.$("group-title");
      if (!h) return;
      h.tabIndex = -1;
      h.focus();
    });
    add(card, summary, f, toGroup, el("div", { id: "results" }));
    var held = mine, dirty = false, sending = false;

    function fold(on) {
      var had = f.contains(document.activeElement) || summary.contains(document.activeElement);
      if (on) {
        chose.textContent = "";
        yours(p, held || {}).forEach(function (li) { chose.appendChild(li); });
      }
      summary.hidden = !on;
      toGroup.hidden = !on || S.$("group").hidden;
      f.querySelector(".hint").hidden = body.hidden = submit.hidden = on;
      if (!had) return;
      if (on) reopen.focus();
      else (body.querySelector("input:checked") || body.querySelector("input, button:not(:disabled)") || submit).focus();
    }

    function saved() {
      votedHere = true;
      fb.status(S.t("poll.saved"), "done");
      submit.textContent = S.t("poll.change");
      fold(true);
    }
    if (pending) fb.status(S.t("poll.held"), "waiting");
    else if (mine) saved();

    function changed(ev) {
      if (ev.type === "click" && ev.target.type !== "button") return;
      dirty = true;
      fb.clearError();
      if (held && !S.store.get(pendingKey(p.id)))
        fb.status(S.t("poll.edited"), "waiting");
    }
    f.addEventListener("change", changed);
    f.addEventListener("click", changed);

    function send() {
      var choices = S.store.get(pendingKey(p.id));
      if (!choices || sending) return;
      sending = S.busy(submit, true);
      fb.status(S.t("poll.sending"), "sending");
      S.send("/api/ballot", { poll_id: p.id, choices: choices }).then(function (d) {
        S.store.drop(pendingKey(p.id));
        held = d.choices;
        dirty = false;
        saved();
        // The results with this vote in, and this phone's part as the laptop now holds it.
        if (S.state && S.state.poll && S.state.poll.id === p.id) {
          if (d.results) S.state.poll.results = d.results;
          S.state.me.poll_id = p.id;
          S.state.me.ballot = d.choices;
        }
        if (d.results) showResults(d.results, true);
        S.acted();
      }, function (e) {
        if (e.offline) {
          fb.status(S.t("poll.offline", { kept: S.kept() }), "waiting");
        } else {
          if (e.status === 409) refused = p.id;
          S.store.drop(pendingKey(p.id));
          fb.error(e.message, e.lang);
        }
      }).then(function () { sending = S.busy(submit, false); });
    }

    f.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (sending) return;
      var problem = incomplete(p);
      if (problem) { fb.error(problem); return; }
      S.store.set(pendingKey(p.id), draft);
      send();
    });

    form = {
      resend: send,
      folded: function () { return !summary.hidden; },
      heard: function (ballot) {
        var waiting = S.store.get(pendingKey(p.id));
        if (waiting && ballot && same(waiting, ballot)) {  // it was saved; only the answer was lost
          S.store.drop(pendingKey(p.id));
          held = ballot;
          dirty = false;
          saved();
        } else if (!waiting && !dirty && !same(ballot, held)) {
          build(S.$("poll"), p, ballot);  // what the laptop holds, as it holds it
        }
      }
    };
  }

  // The poll closed while this phone had it open: the choice being made is gone, so "This
  // poll is closed" is brought into view (the cards settle first, app.js), and the focus
  // that was in the poll goes to it. Someone typing a note elsewhere is left where they
  // are: the closing is announced (app.js, tell) without moving their page.
  function ended(card, inCard, active) {
    var typing = !inCard && active && (active.tagName === "TEXTAREA" ||
      active.tagName === "INPUT" && /^(text|search|email|number)$/.test(active.type));
    if (typing) return;
    setTimeout(function () {
      var box = S.$("poll-ended");
      if (!box || card.hidden) return;
      if (inCard || !document.activeElement || document.activeElement === document.body) {
        box.tabIndex = -1;
        box.focus({ preventScroll: true });
      }
      card.scrollIntoView({ block: "start" });
    }, 0);
  }

  function incomplete(p) {
    var values = Object.keys(draft).map(function (k) { return draft[k]; }).filter(Boolean);
    if (p.kind === "rank" && order.length < p.options.length)
      return S.t("poll.need_rank", { n: S.num(p.options.length) });
    if (!values.length) return S.t(p.kind === "points" ? "poll.need_point" :
      p.kind === "scale" ? "poll.need_answer" : "poll.need_choice");
    return "";
  }

  function box(type, name, option, checked) {
    var input = el("input", { type: type, name: name, value: String(option.id), checked: !!checked });
    var text = el("span", { dir: "auto" }, option.text);
    if (!option.ours) S.content(text);  // a scale's levels are the page's words, not the summit's
    return { input: input, label: add(el("label", { class: "choice" }), input, text) };
  }

  function pickOne(p, body) {
    p.options.forEach(function (o) {
      var b = box("radio", "choice", o, draft[o.id]);
      b.input.addEventListener("change", function () { draft = {}; draft[o.id] = 1; });
      body.appendChild(b.label);
    });
  }

  function pickSome(p, body) {
    var inputs = [];
    var count = el("p", { class: "count", "aria-live": "polite" });
    function update() {
      var n = inputs.filter(function (i) { return i.checked; }).length;
      inputs.forEach(function (i) { i.disabled = !i.checked && n >= p.max_choices; });
      count.textContent = S.t("poll.chosen", { n: S.num(n), max: S.num(p.max_choices) });
    }
    p.options.forEach(function (o) {
      var b = box("checkbox", "choice", o, draft[o.id]);
      inputs.push(b.input);
      b.input.addEventListener("change", function () {
        if (b.input.checked) draft[o.id] = 1; else delete draft[o.id];
        update();
      });
      body.appendChild(b.label);
    });
    body.appendChild(count);
    update();
  }

  function shareOut(p, body) {
    var left = el("p", { class: "left" });
    var news = el("p", { class: "sr-only", "aria-live": "polite" });
    var rows = [];
    function total() { return Object.keys(draft).reduce(function (t, k) { return t + (draft[k] || 0); }, 0); }
    function update(changed) {
      var remaining = p.points - total();
      rows.forEach(function (r) {
        var v = draft[r.id] || 0;
        r.value.textContent = String(v);
        r.less.disabled = v <= 0;
        r.more.disabled = remaining <= 0;
      });
      left.textContent = S.t("poll.points_left", { left: S.num(remaining), points: S.num(p.points) });
      if (changed) news.textContent = S.t("poll.points_said", { option: changed.text, points: S.n("n.points", draft[changed.id] || 0), left: S.n("n.points", remaining) });
    }
    add(body, left, news);
    p.options.forEach(function (o) {
      var r = {
        id: o.id,
        value: el("span", { class: "value" }),
        less: el("button", { type: "button", class: "step", "aria-label": S.t("poll.less", { option: o.text }) }, "\u2212"),
        more: el("button", { type: "button", class: "step", "aria-label": S.t("poll.more", { option: o.text }) }, "+")
      };
      r.less.addEventListener("click", function () { draft[o.id] = Math.max(0, (draft[o.id] || 0) - 1); update(o); });
      r.more.addEventListener("click", function () { draft[o.id] = (draft[o.id] || 0) + 1; update(o); });
      rows.push(r);
      body.appendChild(add(el("div", { class: "points" }), S.content(el("span", { class: "text", dir: "auto" }, o.text)),
        add(el("span", { class: "steps" }), r.less, r.value, r.more)));
    });
    update(null);
  }

  function putInOrder(p, body) {
    var byId = {};
    p.options.forEach(function (o) { byId[o.id] = o; });
    order = Object.keys(draft).sort(function (a, b) { return draft[a] - draft[b]; }).map(Number);
    var list = el("ol", { class: "ranked", role: "list", "aria-label": S.t("poll.your_order") });
    var pool = el("div", { class: "choices", role: "group", "aria-label": S.t("poll.to_place") });
    var poolTitle = el("h3", null, S.t("poll.to_place"));
    var news = el("p", { class: "count", "aria-live": "polite" });
    function sync() { draft = {}; order.forEach(function (id, i) { draft[id] = i + 1; }); }
    function move(id, by) {
      var i = order.indexOf(id), j = i + by;
      if (j < 0 || j >= order.length) return;
      order.splice(i, 1); order.splice(j, 0, id);
      // Focus stays on the button pressed, found by the option's id (never by its text,
      // which may hold quotes or backslashes); at an end it moves to the other arrow.
      draw({ id: id, dir: by < 0 ? "up" : "down" });
      news.textContent = S.t("poll.now_number", { option: byId[id].text, n: S.num(j + 1) });
    }
    function draw(focus) {
      sync();
      list.textContent = ""; pool.textContent = "";
      var buttons = {}, pooled = [], back = null;
      order.forEach(function (id, i) {
        var t = byId[id].text;
        var up = el("button", { type: "button", class: "step", "aria-label": S.t("poll.up", { option: t }), disabled: i === 0 }, "\u2191");
        var down = el("button", { type: "button", class: "step", "aria-label": S.t("poll.down", { option: t }), disabled: i === order.length - 1 }, "\u2193");
        var out = el("button", { type: "button", class: "step", "aria-label": S.t("poll.out", { option: t }) }, "\u00d7");
        buttons[id] = { up: up, down: down, out: out };
        up.addEventListener("click", function () { move(id, -1); });
        down.addEventListener("click", function () { move(id, 1); });
        out.addEventListener("click", function () {
          order.splice(order.indexOf(id), 1); draw({ id: id, dir: "pool" }); news.textContent = S.t("poll.taken_out", { option: t });
        });
        list.appendChild(add(el("li"), S.content(el("span", { class: "text", dir: "auto" }, t)), add(el("span", { class: "steps" }), up, down, out)));
      });
      p.options.forEach(function (o) {
        if (order.indexOf(o.id) >= 0) return;
        var b = S.content(el("button", { type: "button", class: "choice" }, o.text));
        pooled.push(b);
        if (focus && focus.dir === "pool" && focus.id === o.id) back = b;
        b.addEventListener("click", function () {
          // The focus goes to the next option still to place, or to the one just placed.
          var at = pooled.indexOf(b);
          order.push(o.id); draw({ id: o.id, dir: "up", next: at });
          news.textContent = S.t("poll.placed", { option: o.text, n: S.num(order.length) });
        });
        pool.appendChild(b);
      });
      poolTitle.hidden = pool.hidden = order.length === p.options.length;
      list.hidden = !order.length;
      if (back) back.focus();  // taken out: on the option, back among those to place
      else if (focus && focus.next !== undefined && pooled.length) {
        pooled[Math.min(focus.next, pooled.length - 1)].focus();
      } else if (focus && buttons[focus.id] && focus.dir !== "pool") {
        var pair = buttons[focus.id];
        var again = pair[focus.dir].disabled ? pair[focus.dir === "up" ? "down" : "up"] : pair[focus.dir];
        if (again.disabled) again = pair.out;
        again.focus();
      }
    }
    add(body, list, poolTitle, pool, news);
    draw();
  }

  function rate(p, body) {
    p.options.forEach(function (o) {
      var set = add(el("fieldset", { class: "scale" }), S.content(el("legend", { dir: "auto" }, o.text)));
      S.state.scale.forEach(function (label, i) {
        var b = box("radio", "s" + o.id, { id: i + 1, text: S.t("scale." + (i + 1)), ours: true }, draft[o.id] === i + 1);
        b.input.addEventListener("change", function () { draft[o.id] = i + 1; });
        set.appendChild(b.label);
      });
      body.appendChild(set);
    });
  }

  // "43% agree, 14% neither, 43% disagree": a narrow screen breaks it between its parts,
  // inside one only when it cannot fit a line by itself ("43%" above "disagree" before).
  function figure(text) {
    var label = el("span", { class: "label" });
    text.split(", ").forEach(function (part, i, all) {
      if (i) label.appendChild(document.createTextNode(" "));
      label.appendChild(el("span", { class: "part" }, part + (i < all.length - 1 ? "," : "")));
    });
    return label;
  }

  // Once this phone's vote is saved, an open poll's results fold under their heading and
  // count (one tap opens them), so the page after a vote stays short; as the participant
  // leaves them, open or shut, they stay through every update.
  var votedHere = false, resultsOpen = null;
  function showResults(results, open) {
    var out = S.$("results");
    if (!out) return;
    out.textContent = "";
    if (!results) return;
    var said = S.said(results, poll);
    var fold = el("details"), head = el("summary");
    fold.open = resultsOpen !== null ? resultsOpen : !(open && votedHere);
    head.addEventListener("click", function () { resultsOpen = !fold.open; });
    add(out, add(fold, add(head, el("h3", null, S.t(open ? "results.so_far" : "results.title")),
      el("p", { class: "hint" }, said.voters + "."))));
    out = fold;
    if (results.scale.length) {
      var legend = el("ul", { class: "key", "aria-hidden": "true" });
      results.scale.forEach(function (name, i) {
        add(legend, add(el("li", null), el("span", { class: "swatch level" + (i + 1) }), el("span", null, S.t("scale." + (i + 1)))));
      });
      out.appendChild(legend);
    }
    results.rows.forEach(function (r, row) {
      var track = el("div", { class: r.levels.length ? "track stacked" : "track", "aria-hidden": "true" });
      var parts = r.levels.length ? r.levels : [{ share: r.width }];
      parts.forEach(function (part, i) {
        var fill = el("div", { class: r.levels.length ? "fill level" + (i + 1) : "fill" });
        fill.style.width = Math.max(0, Math.min(100, part.share)) + "%";
        track.appendChild(fill);
      });
      add(out, add(el("div", { class: "bar" }),
        add(el("p", null), S.content(el("span", { class: "text", dir: "auto" }, r.text)), figure(said.rows[row].figure)),
        said.rows[row].detail ? el("p", { class: "detail" }, said.rows[row].detail) : null,
        track));
    });
    out.appendChild(el("p", { class: "hint" }, said.sentence));
  }

  // The laptop's figures (core/presenting.py) in the page's words: English phones read
  // the presenter's own sentences; others have them put together from the same numbers.
  S.said = function (results, p) {
    if (S.lang === "en" || !p) return { voters: results.voters_text, sentence: results.sentence, rows: results.rows };
    var kind = results.kind, n = S.n;
    var rows = results.rows.map(function (r) {
      var marks = (r.hand_marked ? S.t("said.by_hand", { n: S.num(r.hand_count) }) : "") +
        (r.table_count ? S.t("said.at_tables", { n: S.num(r.table_count) }) : "");
      if (kind === "rank") return { figure: n("n.points", r.borda), detail: n("said.n.first_places", r.count) + (r.mean ? S.t("said.mean_place", { mean: r.mean }) : "") + marks };
      if (kind === "scale") {
        if (!r.count) return { figure: S.t("said.no_answers"), detail: "" };
        var s = r.levels.map(function (v) { return v.share; });
        return { figure: S.t("said.scale", { agree: s[3] + s[4], neither: s[2], disagree: s[0] + s[1] }), detail: S.t("said.mean_level", { mean: r.mean }) + marks };
      }
      return { figure: r.figure, detail: n(kind === "points" ? "n.points" : "said.n.votes", r.count) + marks };
    });
    var people = n("said.n.people", results.voters), votes = results.votes, text;
    if (kind === "single") text = S.t("said.single", { votes: n("said.n.votes", votes), people: people });
    else if (kind === "multi") text = S.t("said.multi", { options: n("said.n.options", p.max_choices), votes: n("said.n.votes", votes), people: people });
    else if (kind === "points") text = S.t("said.points", { points: n("n.points", p.points), given: n("n.points", votes), people: people });
    else if (kind === "rank") text = S.t("said.rank", { n: S.num(p.options.length), people: people, first: S.num(Math.max(p.options.length - 1, 0)) });
    else text = S.t("said.scale_all", { people: people });
    if (results.hand_voters) text += " " + (results.hand_voters >= results.voters ? S.t("said.hand_all") : S.t("said.hand_some", { n: S.num(results.hand_voters) }));
    if (results.table_voters) text += " " + S.t("said.tables", { people: n("said.n.people", results.table_voters), tables: n("said.n.tables", results.tables_counted || 1) });
    if (!results.voters) text += " " + S.t("said.none");
    return { voters: n("said.n.voted", results.voters), sentence: text, rows: rows };
  };
})();
