"use strict";
// The poll card: every kind of poll, the ballot kept on the phone until the laptop has it,
// and the results as the server words them (core.presenting; nothing is computed here).
(function () {
  var S = window.Summit;
  if (!S.ok) return;
  var el = S.el, add = S.add;
  var key = "", poll = null, form = null;
  var draft = {}, order = [];

  function pendingKey(id) { return "summit-ballot-" + id; }
  function same(a, b) { return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b)); }
  function sorted(o) {
    var out = {};
    Object.keys(o || {}).sort().forEach(function (k) { if (o[k]) out[k] = o[k]; });
    return out;
  }
  function mineFor(p, me) { return me && me.poll_id === p.id ? me.ballot : null; }

  var HINTS = {
    single: function () { return "Choose one."; },
    multi: function (p) { return "Choose up to " + p.max_choices + "."; },
    points: function (p) { return "Share " + S.plural(p.points, "point") + " between the options. Give more to what matters most."; },
    rank: function () { return "Tap the options in your order of preference, most important first."; },
    scale: function () { return "Say how much you agree with each statement."; }
  };

  S.showPoll = function (p, me) {
    var card = S.$("poll");
    card.hidden = !p;
    if (!p) { key = ""; poll = null; form = null; return; }
    var k = [p.id, p.open, p.options.map(function (o) { return o.id + "=" + o.text; })].join(":");
    var mine = mineFor(p, me);
    if (k !== key) {
      key = k;
      poll = p;
      build(card, p, mine);
    } else if (form && me && me.fresh) {
      form.heard(mine);  // this phone's part afresh (a reconnection): show what the laptop holds
    }
    showResults(p.results, p.open);
  };

  S.resenders.poll = function () { if (form) form.resend(); };

  function build(card, p, mine) {
    card.textContent = "";
    form = null;
    draft = {};
    var pending = S.store.get(pendingKey(p.id));
    add(card, el("h2", { id: "poll-title", dir: "auto" }, p.question));
    if (!p.open) {
      var said = mine ? "Your vote was counted. Thank you." : "Voting has ended.";
      if (pending && !mine) said = "The poll closed before your vote reached the laptop, so it was not counted.";
      S.store.drop(pendingKey(p.id));
      add(card, el("p", { class: "closed" }, "This poll is closed."), el("p", null, said), el("div", { id: "results" }));
      return;
    }
    var shown = pending || mine || {};
    for (var k in shown) draft[k] = shown[k];
    var f = el("form", { noValidate: true });
    add(f, el("p", { class: "hint", id: "poll-hint" }, HINTS[p.kind](p)));
    // Choices are grouped under the question for screen readers (as a fieldset would).
    var body = el("div", { class: "options", role: p.kind === "single" ? "radiogroup" : "group", "aria-labelledby": "poll-title" });
    ({ single: pickOne, multi: pickSome, points: shareOut, rank: putInOrder, scale: rate })[p.kind](p, body);
    var submit = el("button", { type: "submit", class: "primary" }, mine ? "Change my vote" : "Send my vote");
    var fb = S.feedback();
    add(f, body, submit, fb.box);
    add(card, f, el("div", { id: "results" }));
    var held = mine, dirty = false, sending = false;

    function saved() {
      fb.status("\u2713 Your vote is saved. You can change it while the poll is open.", "done");
      submit.textContent = "Change my vote";
    }
    if (pending) fb.status("Not sent yet: this phone could not reach the laptop. It will be sent as soon as the laptop is back.", "waiting");
    else if (mine) saved();

    function changed(ev) {
      if (ev.type === "click" && ev.target.type !== "button") return;
      dirty = true;
      fb.clearError();
      if (held && !S.store.get(pendingKey(p.id)))
        fb.status("You changed your answer. Press \u201cChange my vote\u201d to send it.", "waiting");
    }
    f.addEventListener("change", changed);
    f.addEventListener("click", changed);

    function send() {
      var choices = S.store.get(pendingKey(p.id));
      if (!choices || sending) return;
      sending = S.busy(submit, true);
      fb.status("Sending your vote\u2026", "sending");
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
          fb.status("Not sent yet: this phone cannot reach the laptop. " + S.kept() + " and will be sent as soon as the laptop is back.", "waiting");
        } else {
          S.store.drop(pendingKey(p.id));
          fb.error(e.message);
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

  function incomplete(p) {
    var values = Object.keys(draft).map(function (k) { return draft[k]; }).filter(Boolean);
    if (p.kind === "rank" && order.length < p.options.length)
      return "Put all " + p.options.length + " options in order before sending.";
    if (!values.length) return p.kind === "points" ? "Give at least one point." :
      p.kind === "scale" ? "Answer at least one statement." : "Choose an option first.";
    return "";
  }

  function box(type, name, option, checked) {
    var input = el("input", { type: type, name: name, value: String(option.id), checked: !!checked });
    return { input: input, label: add(el("label", { class: "choice" }), input, el("span", { dir: "auto" }, option.text)) };
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
      count.textContent = n + " of " + p.max_choices + " chosen";
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
      left.textContent = "Points left: " + remaining + " of " + p.points;
      if (changed) news.textContent = changed.text + ": " + S.plural(draft[changed.id] || 0, "point") + ". " + S.plural(remaining, "point") + " left.";
    }
    add(body, left, news);
    p.options.forEach(function (o) {
      var r = {
        id: o.id,
        value: el("span", { class: "value" }),
        less: el("button", { type: "button", class: "step", "aria-label": "One point less for " + o.text }, "\u2212"),
        more: el("button", { type: "button", class: "step", "aria-label": "One point more for " + o.text }, "+")
      };
      r.less.addEventListener("click", function () { draft[o.id] = Math.max(0, (draft[o.id] || 0) - 1); update(o); });
      r.more.addEventListener("click", function () { draft[o.id] = (draft[o.id] || 0) + 1; update(o); });
      rows.push(r);
      body.appendChild(add(el("div", { class: "points" }), el("span", { class: "text", dir: "auto" }, o.text),
        add(el("span", { class: "steps" }), r.less, r.value, r.more)));
    });
    update(null);
  }

  function putInOrder(p, body) {
    var byId = {};
    p.options.forEach(function (o) { byId[o.id] = o; });
    order = Object.keys(draft).sort(function (a, b) { return draft[a] - draft[b]; }).map(Number);
    var list = el("ol", { class: "ranked", role: "list", "aria-label": "Your order" });
    var pool = el("div", { class: "choices", role: "group", "aria-label": "Still to place" });
    var poolTitle = el("h3", null, "Still to place");
    var news = el("p", { class: "count", "aria-live": "polite" });
    function sync() { draft = {}; order.forEach(function (id, i) { draft[id] = i + 1; }); }
    function move(id, by) {
      var i = order.indexOf(id), j = i + by;
      if (j < 0 || j >= order.length) return;
      order.splice(i, 1); order.splice(j, 0, id);
      // Focus stays on the button pressed, found by the option's id (never by its text,
      // which may hold quotes or backslashes); at an end it moves to the other arrow.
      draw({ id: id, dir: by < 0 ? "up" : "down" });
      news.textContent = byId[id].text + " is now number " + (j + 1) + ".";
    }
    function draw(focus) {
      sync();
      list.textContent = ""; pool.textContent = "";
      var buttons = {}, pooled = [], back = null;
      order.forEach(function (id, i) {
        var t = byId[id].text;
        var up = el("button", { type: "button", class: "step", "aria-label": "Move " + t + " up", disabled: i === 0 }, "\u2191");
        var down = el("button", { type: "button", class: "step", "aria-label": "Move " + t + " down", disabled: i === order.length - 1 }, "\u2193");
        var out = el("button", { type: "button", class: "step", "aria-label": "Take " + t + " out of your order" }, "\u00d7");
        buttons[id] = { up: up, down: down, out: out };
        up.addEventListener("click", function () { move(id, -1); });
        down.addEventListener("click", function () { move(id, 1); });
        out.addEventListener("click", function () {
          order.splice(order.indexOf(id), 1); draw({ id: id, dir: "pool" }); news.textContent = t + " taken out.";
        });
        list.appendChild(add(el("li"), el("span", { class: "text", dir: "auto" }, t), add(el("span", { class: "steps" }), up, down, out)));
      });
      p.options.forEach(function (o) {
        if (order.indexOf(o.id) >= 0) return;
        var b = el("button", { type: "button", class: "choice" }, o.text);
        pooled.push(b);
        if (focus && focus.dir === "pool" && focus.id === o.id) back = b;
        b.addEventListener("click", function () {
          // The focus goes to the next option still to place, or to the one just placed.
          var at = pooled.indexOf(b);
          order.push(o.id); draw({ id: o.id, dir: "up", next: at });
          news.textContent = o.text + " is number " + order.length + ".";
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
      var set = add(el("fieldset", { class: "scale" }), el("legend", { dir: "auto" }, o.text));
      S.state.scale.forEach(function (label, i) {
        var b = box("radio", "s" + o.id, { id: i + 1, text: label }, draft[o.id] === i + 1);
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

  function showResults(results, open) {
    var out = S.$("results");
    if (!out) return;
    out.textContent = "";
    if (!results) return;
    add(out, el("h3", null, open ? "Results so far" : "Results"),
      el("p", { class: "hint" }, results.voters_text + "."));
    if (results.scale.length) {
      var legend = el("ul", { class: "key", "aria-hidden": "true" });
      results.scale.forEach(function (name, i) {
        add(legend, add(el("li", null), el("span", { class: "swatch level" + (i + 1) }), el("span", null, name)));
      });
      out.appendChild(legend);
    }
    results.rows.forEach(function (r) {
      var track = el("div", { class: r.levels.length ? "track stacked" : "track", "aria-hidden": "true" });
      var parts = r.levels.length ? r.levels : [{ share: r.width }];
      parts.forEach(function (part, i) {
        var fill = el("div", { class: r.levels.length ? "fill level" + (i + 1) : "fill" });
        fill.style.width = Math.max(0, Math.min(100, part.share)) + "%";
        track.appendChild(fill);
      });
      add(out, add(el("div", { class: "bar" }),
        add(el("p", null), el("span", { class: "text", dir: "auto" }, r.text), figure(r.figure)),
        r.detail ? el("p", { class: "detail" }, r.detail) : null,
        track));
    });
    out.appendChild(el("p", { class: "hint" }, results.sentence));
  }
})();
