"use strict";
// The phone page: follows the facilitator by polling /api/state (cheap 304s when nothing
// changed), shows the open poll or question, and sends ballots and notes.
// Text from the server is only ever set with textContent, never parsed as HTML.
(function () {
  var POLL_MS = 1500, HIDDEN_MS = 5000, GROUP_KEY = "summit-group-asked";
  var etag = "", timer = 0, stopped = false, offline = false;
  var pollKey = "", promptId = null, current = null;
  var draft = {}, order = [];

  function $(id) { return document.getElementById(id); }

  function el(tag, props, text) {
    var e = document.createElement(tag);
    for (var k in props || {}) {
      if (k === "class") e.className = props[k];
      else if (k.indexOf("aria-") === 0 || k === "for" || k === "role") e.setAttribute(k, props[k]);
      else e[k] = props[k];
    }
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function add(parent) {
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
    return parent;
  }

  var sayTimer = 0;
  function say(text) {
    $("problem").hidden = true;
    $("status").textContent = text;
    clearTimeout(sayTimer);
    sayTimer = setTimeout(function () { $("status").textContent = ""; }, 8000);
  }

  function complain(text) {
    $("status").textContent = "";
    var p = $("problem");
    p.textContent = text;
    p.hidden = false;
  }

  function send(path, body) {
    return fetch(path, {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (d) {
        if (!r.ok) throw new Error(d.error || "That did not work (error " + r.status + ").");
        return d;
      });
    }, function () {
      throw new Error("Could not reach the summit laptop. Check you are on the room's Wi-Fi, then try again.");
    });
  }

  // -- following the facilitator ----------------------------------------------------------

  function tick() {
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch("/api/state", { credentials: "same-origin", cache: "no-store", headers: headers })
      .then(function (r) {
        if (r.status === 304) return null;
        if (r.status === 401 || r.status === 403) {
          stopped = true;
          return r.json().then(function (d) { complain(d.error); return null; });
        }
        if (!r.ok) throw new Error("HTTP " + r.status);
        etag = r.headers.get("ETag") || "";
        return r.json();
      })
      .then(function (s) {
        if (offline) { offline = false; say("Connected again."); }
        if (s) render(s);
      }, function () {
        if (!offline) { offline = true; complain("Lost touch with the summit laptop. Trying again…"); }
      })
      .then(function () {
        if (!stopped) timer = setTimeout(tick, document.hidden ? HIDDEN_MS : POLL_MS);
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && !stopped) { clearTimeout(timer); tick(); }
  });

  function render(s) {
    current = s;
    $("title").textContent = s.title;
    document.title = s.title;
    $("now").textContent = s.item ? "Now: " + s.item.title : "The summit has not started yet.";
    var asked = false;
    try { asked = !!localStorage.getItem(GROUP_KEY); } catch (e) { asked = true; }
    if (!s.me.group && !asked && $("group").hidden) showGroups();
    $("change-group").hidden = !$("group").hidden;

    var p = s.poll;
    var key = p ? [p.id, p.open, p.options.map(function (o) { return o.id; })].join(":") : "";
    var fresh = key !== pollKey || ((s.prompt && s.prompt.id) || null) !== promptId;
    if (fresh && !offline) { $("status").textContent = ""; $("problem").hidden = true; }
    if (key !== pollKey) { pollKey = key; if (p) buildPoll(p, s.me.ballot); }
    if (p) showResults(p.results, p.open);
    $("poll").hidden = !p;

    var q = s.prompt;
    if (((q && q.id) || null) !== promptId) { promptId = (q && q.id) || null; if (q) buildNote(q); }
    $("note").hidden = !q;
    // An open question comes before a poll that has closed; an open poll comes first.
    var first = p && !p.open && q ? $("note") : $("poll");
    first.parentNode.insertBefore(first, first === $("note") ? $("poll") : $("note"));
    $("idle").hidden = !!(p || q);
  }

  // -- professional group --------------------------------------------------------------

  function showGroups() {
    var card = $("group");
    card.textContent = "";
    add(card,
      el("h2", { id: "group-title" }, "Which group are you from?"),
      el("p", { class: "hint" }, "Optional. It shows how each profession voted; nobody sees who you are."));
    var list = el("div", { class: "choices", role: "group", "aria-labelledby": "group-title" });
    current.groups.forEach(function (g) {
      var b = el("button", { type: "button", class: "choice" }, g);
      b.setAttribute("aria-pressed", String(current.me.group === g));
      b.addEventListener("click", function () { chooseGroup(g); });
      list.appendChild(b);
    });
    var skip = el("button", { type: "button", class: "link" }, "Skip");
    skip.addEventListener("click", function () { closeGroups(); say("You can choose a group later."); });
    add(card, list, skip);
    card.hidden = false;
    $("change-group").hidden = true;
  }

  function closeGroups() {
    try { localStorage.setItem(GROUP_KEY, "1"); } catch (e) { /* private mode */ }
    $("group").hidden = true;
    $("change-group").hidden = false;
  }

  function chooseGroup(g) {
    send("/api/group", { group: g }).then(function () {
      current.me.group = g;
      closeGroups();
      say("Thank you. Your group: " + g + ".");
    }, function (e) { complain(e.message); });
  }

  $("change-group").addEventListener("click", function () { if (current) showGroups(); });

  // -- polls ---------------------------------------------------------------------------

  var HINTS = {
    single: function () { return "Choose one."; },
    multi: function (p) { return "Choose up to " + p.max_choices + "."; },
    points: function (p) { return "Share " + p.points + " points between the options. Give more to what matters most."; },
    rank: function () { return "Tap the options in your order of preference, most important first."; },
    scale: function () { return "Say how much you agree with each statement."; }
  };

  function buildPoll(p, mine) {
    var card = $("poll");
    card.textContent = "";
    draft = {};
    for (var k in mine || {}) draft[k] = mine[k];
    add(card, el("h2", { id: "poll-title", dir: "auto" }, p.question));
    if (!p.open) {
      add(card, el("p", { class: "closed" }, "This poll is closed."),
        el("p", null, mine ? "Your vote was counted. Thank you." : "Voting has ended."),
        el("div", { id: "results" }));
      return;
    }
    var form = el("form", { noValidate: true });
    add(form, el("p", { class: "hint", id: "poll-hint" }, HINTS[p.kind](p)));
    var body = el("div", { class: "options" });
    ({ single: pickOne, multi: pickSome, points: shareOut, rank: putInOrder, scale: rate })[p.kind](p, body);
    // The confirmation sits by the button, and is itself the live region that announces it.
    var done = el("p", { class: "saved", id: "saved", role: "status", "aria-live": "polite" });
    function saved(text) { done.textContent = text; done.className = text ? "saved" : ""; }
    saved(mine ? "\u2713 Your vote is saved. You can change it while the poll is open." : "");
    var submit = el("button", { type: "submit", class: "primary" }, mine ? "Change my vote" : "Send my vote");
    add(form, body, submit, done);
    function changed(ev) {
      if (ev.type === "click" && (ev.target.type !== "button")) return;
      if (!offline) $("problem").hidden = true;
      if (done.textContent) saved("You changed your answer. Press \u201cChange my vote\u201d to send it.");
    }
    form.addEventListener("change", changed);
    form.addEventListener("click", changed);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var problem = incomplete(p);
      if (problem) { complain(problem); return; }
      submit.disabled = true;
      send("/api/ballot", { poll_id: p.id, choices: draft }).then(function (d) {
        $("problem").hidden = true;
        saved("\u2713 " + d.message + " You can change it while the poll is open.");
        submit.textContent = "Change my vote";
      }, function (e) { complain(e.message); }).then(function () { submit.disabled = false; });
    });
    add(card, form, el("div", { id: "results" }));
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
      if (changed) news.textContent = changed.text + ": " + (draft[changed.id] || 0) + ". " + remaining + " points left.";
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
      body.appendChild(add(el("div", { class: "points" }), el("span", { class: "text" }, o.text), r.less, r.value, r.more));
    });
    update(null);
  }

  function putInOrder(p, body) {
    var byId = {};
    p.options.forEach(function (o) { byId[o.id] = o; });
    order = Object.keys(draft).sort(function (a, b) { return draft[a] - draft[b]; }).map(Number);
    var list = el("ol", { class: "ranked", "aria-label": "Your order" });
    var pool = el("div", { class: "choices", role: "group", "aria-label": "Still to place" });
    var poolTitle = el("h3", null, "Still to place");
    var news = el("p", { class: "count", "aria-live": "polite" });
    function sync() { draft = {}; order.forEach(function (id, i) { draft[id] = i + 1; }); }
    function move(id, by, what) {
      var i = order.indexOf(id), j = i + by;
      if (j < 0 || j >= order.length) return;
      order.splice(i, 1); order.splice(j, 0, id);
      draw(what === "up" ? "Move " + byId[id].text + " up" : "Move " + byId[id].text + " down");
      news.textContent = byId[id].text + " is now number " + (j + 1) + ".";
    }
    function draw(focusName) {
      sync();
      list.textContent = ""; pool.textContent = "";
      order.forEach(function (id, i) {
        var t = byId[id].text;
        var up = el("button", { type: "button", class: "step", "aria-label": "Move " + t + " up", disabled: i === 0 }, "\u2191");
        var down = el("button", { type: "button", class: "step", "aria-label": "Move " + t + " down", disabled: i === order.length - 1 }, "\u2193");
        var out = el("button", { type: "button", class: "step", "aria-label": "Take " + t + " out of your order" }, "\u00d7");
        up.addEventListener("click", function () { move(id, -1, "up"); });
        down.addEventListener("click", function () { move(id, 1, "down"); });
        out.addEventListener("click", function () {
          order.splice(order.indexOf(id), 1); draw(); news.textContent = t + " taken out.";
        });
        list.appendChild(add(el("li"), el("span", { class: "text" }, t), up, down, out));
      });
      p.options.forEach(function (o) {
        if (order.indexOf(o.id) >= 0) return;
        var b = el("button", { type: "button", class: "choice" }, o.text);
        b.addEventListener("click", function () {
          order.push(o.id); draw();
          news.textContent = o.text + " is number " + order.length + ".";
        });
        pool.appendChild(b);
      });
      poolTitle.hidden = pool.hidden = order.length === p.options.length;
      list.hidden = !order.length;
      if (focusName) {
        var again = list.querySelector('[aria-label="' + focusName.replace(/"/g, '\\"') + '"]');
        if (again && !again.disabled) again.focus();
      }
    }
    add(body, list, poolTitle, pool, news);
    draw();
  }

  function rate(p, body) {
    p.options.forEach(function (o) {
      var set = add(el("fieldset", { class: "scale" }), el("legend", null, o.text));
      current.scale.forEach(function (label, i) {
        var b = box("radio", "s" + o.id, { id: i + 1, text: label }, draft[o.id] === i + 1);
        b.input.addEventListener("change", function () { draft[o.id] = i + 1; });
        set.appendChild(b.label);
      });
      body.appendChild(set);
    });
  }

  // Results are shown as the server words them (core.presenting); nothing is computed here.
  function showResults(results, open) {
    var box = $("results");
    if (!box) return;
    box.textContent = "";
    if (!results) return;
    add(box, el("h3", null, open ? "Results so far" : "Results"),
      el("p", { class: "hint" }, results.voters_text + "."));
    if (results.scale.length) {
      var key = el("ul", { class: "key", "aria-hidden": "true" });
      results.scale.forEach(function (name, i) {
        add(key, add(el("li", null), el("span", { class: "swatch level" + (i + 1) }), el("span", null, name)));
      });
      box.appendChild(key);
    }
    results.rows.forEach(function (r) {
      var track = el("div", { class: r.levels.length ? "track stacked" : "track", "aria-hidden": "true" });
      var parts = r.levels.length ? r.levels : [{ share: r.width }];
      parts.forEach(function (part, i) {
        var fill = el("div", { class: r.levels.length ? "fill level" + (i + 1) : "fill" });
        fill.style.width = Math.max(0, Math.min(100, part.share)) + "%";
        track.appendChild(fill);
      });
      add(box, add(el("div", { class: "bar" }),
        add(el("p", null), el("span", { class: "text" }, r.text), el("span", { class: "label" }, r.figure)),
        r.detail ? el("p", { class: "detail" }, r.detail) : null,
        track));
    });
    box.appendChild(el("p", { class: "hint" }, results.sentence));
  }

  // -- sticky notes --------------------------------------------------------------------

  function buildNote(q) {
    var card = $("note");
    card.textContent = "";
    var area = el("textarea", { id: "note-text", maxLength: 500, rows: 4, dir: "auto" });
    var count = el("p", { class: "hint", id: "note-count" }, "Up to 500 characters.");
    area.setAttribute("aria-describedby", "note-count");
    area.addEventListener("input", function () { count.textContent = area.value.length + " of 500 characters"; });
    var submit = el("button", { type: "submit", class: "primary" }, "Post note");
    var mine = el("ul", { class: "mine", "aria-label": "Notes you posted" });
    var mineTitle = el("h3", { hidden: true }, "You posted");
    var form = add(el("form", { noValidate: true }),
      el("label", { for: "note-text" }, "Your note"), area, count, submit);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (!area.value.trim()) { complain("Write something first."); return; }
      submit.disabled = true;
      var text = area.value;
      send("/api/note", { prompt_id: q.id, text: text }).then(function (d) {
        say(d.message + " You can post another.");
        mine.appendChild(el("li", { dir: "auto" }, text));
        mineTitle.hidden = false;
        area.value = "";
        count.textContent = "Up to 500 characters.";
      }, function (e) { complain(e.message); }).then(function () { submit.disabled = false; });
    });
    add(card, el("h2", { id: "note-title", dir: "auto" }, q.text), form, mineTitle, mine);
  }

  tick();
})();
